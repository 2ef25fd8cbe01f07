"""The one error tree of the project.

Every error a user can cause or an upstream can produce is a ``MediaLibraryError`` carrying the
HTTP status the web layer answers with and whether it is *expected* (the user's or the world's
problem, logged without a traceback) or a bug. Nothing here imports from the rest of the package.
"""

from __future__ import annotations


class MediaLibraryError(Exception):
    """Base error: ``message`` is shown to a person, ``status`` is the HTTP status to answer."""

    status = 500
    expected = True

    def __init__(self, message: str, *, status: int | None = None, expected: bool | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if expected is not None:
            self.expected = expected

    def to_dict(self) -> dict:
        return {"error": type(self).__name__, "status": self.status, "message": self.message}


class InvalidInput(MediaLibraryError):
    status = 400


class InvalidPayload(InvalidInput):
    """A job's payload does not fit its kind (``models/job_payloads.py``); the message names the field.
    The CLI exits with status 2 on it (bad usage)."""


class Unauthorized(MediaLibraryError):
    status = 401


class Forbidden(MediaLibraryError):
    status = 403


class NotFound(MediaLibraryError):
    status = 404


class Conflict(MediaLibraryError):
    status = 409


class PayloadTooLarge(MediaLibraryError):
    status = 413


class UnsupportedMediaType(MediaLibraryError):
    status = 415


class InsufficientStorage(MediaLibraryError):
    """The disk holding the data (database, uploads, work folders) or the library is full."""

    status = 507
    MESSAGE = ("the server's disk is full, so nothing new can be saved: free some space on the disk that holds "
               "the data folder and the library (old uploads, job work folders, backups), then try again")

    def __init__(self, message: str | None = None):
        super().__init__(message or self.MESSAGE)


# errno values meaning "no room": ENOSPC (28) and EDQUOT (122 on Linux), and SQLite's SQLITE_FULL (13).
_NO_ROOM_ERRNOS = (28, 122)
_SQLITE_FULL = 13
_SQLITE_FULL_TEXT = "database or disk is full"


def is_storage_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it) says the disk is full: an ``OSError`` with ENOSPC/EDQUOT,
    or SQLite's "database or disk is full", also when wrapped by SQLAlchemy (``.orig``)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _NO_ROOM_ERRNOS:
            return True
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL or _SQLITE_FULL_TEXT in str(exc):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


class DatabaseEmptied(MediaLibraryError):
    """The database is empty although its sentinel says it once held accounts (``db/sentinel.py``):
    the start is refused so that nothing is overwritten."""


class BackupFailed(MediaLibraryError):
    """A database backup copy did not pass its check; nothing was kept."""


class DatabaseInUse(Conflict):
    """Another process holds the database the other way (a server running during a restore, or a
    restore while something starts)."""


class Busy(MediaLibraryError):
    """A limited resource (the transcode slots) is all in use; trying again later can work."""

    status = 503


class NotConfigured(MediaLibraryError):
    """A feature needs a setting (an API key, a folder) that is not set."""

    status = 503


class ConfigError(MediaLibraryError):
    """The configuration is wrong; start-up exits with status 2 and this one-line message."""

    status = 500


class ExternalServiceError(MediaLibraryError):
    """An upstream service failed. ``transient`` errors are worth retrying later."""

    status = 502

    def __init__(self, service: str, message: str, *, transient: bool = True, status: int | None = None,
                 upstream_status: int | None = None):
        super().__init__(f"{service}: {message}", status=status)
        self.service = service
        self.transient = transient
        self.upstream_status = upstream_status  # the HTTP status the upstream answered, if any


class RateLimited(ExternalServiceError):
    status = 503

    def __init__(self, service: str, retry_after: float | None = None, message: str = "rate limited"):
        super().__init__(service, message, transient=True)
        self.retry_after = retry_after


class ToolError(MediaLibraryError):
    """An external program failed: which one, its exit code and the tail of its stderr."""

    status = 500

    def __init__(self, tool: str, returncode: int | None, stderr_tail: str = "", message: str | None = None):
        text = message or f"{tool} exited with status {returncode}"
        if stderr_tail:
            text = f"{text}: {stderr_tail.strip()[-500:]}"
        super().__init__(text)
        self.tool = tool
        self.returncode = returncode
        self.stderr_tail = stderr_tail


class ToolMissing(ToolError):
    status = 503

    def __init__(self, tool: str, hint: str = ""):
        super().__init__(tool, None, message=f"{tool} is not installed{': ' + hint if hint else ''}")


class JobCancelled(MediaLibraryError):
    """Raised inside a job handler when the job was cancelled (or the daemon is stopping)."""

    status = 409


class RetryJob(MediaLibraryError):
    """Raised by a handler to ask for another attempt later (after ``delay`` seconds if given)."""

    status = 503

    def __init__(self, message: str, delay: float | None = None):
        super().__init__(message)
        self.delay = delay
