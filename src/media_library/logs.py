"""Logging: a rotating file under the data folder plus the console, with secrets redacted.

The redactor removes every secret setting's value and anything that looks like a credential
(``password=…``, ``api_key=…``, ``token=…``, ``X-Plex-Token``, ``Authorization: Bearer …``, the
password segment of an Xtream stream path ``/movie/<user>/<password>/…``) from
every record, arguments and tracebacks included. Newlines and terminal escape codes inside a
message are escaped, so a crafted title cannot forge a log line (ASVS 16.4.1).

The console handler writes to the current ``sys.stderr`` at each record (``ConsoleHandler``), so
a stream swapped out and closed after set-up is never written to.

A log file that cannot be written (a full disk, a folder that went read-only) never silences the
daemon: each record that misses the file goes to stderr instead (where the console handler, when
there is one, already put it), with one line saying why, and the file is tried again on the next
record.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from collections.abc import Iterable
from pathlib import Path

REDACTED = "[REDACTED]"
_PATTERNS = [
    re.compile(r"(?i)((?:password|passwd|pass|api[_-]?key|apikey|token|secret|setup_code|x-plex-token|access_token|client)\s*[=:]\s*\"?)([^\s&\"',;}]+)"),
    re.compile(r"(?i)(\"(?:password|api_key|apikey|token|secret|setup_code|access_token)\"\s*:\s*\")([^\"]+)"),
    re.compile(r"(?i)(authorization:\s*(?:bearer|basic|mediabrowser)\s+)(\S+)"),
    re.compile(r"(?i)(bearer\s+)([A-Za-z0-9._~+/=-]{8,})"),
    # Xtream Codes stream URLs carry the password as a path segment: /movie/<user>/<password>/<id>.ext
    re.compile(r"(/(?:live|movie|series|timeshift)/[^/\s\"']+/)([^/\s\"']+)(?=/)"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|\x1b\[[0-9;]*[A-Za-z]")


class Redactor:
    """Scrubs known secret values and credential-looking fragments from text."""

    def __init__(self, secrets: Iterable[str] = ()):
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def add(self, secret: str) -> None:
        if secret and len(secret) >= 4 and secret not in self.secrets:
            self.secrets = sorted([*self.secrets, secret], key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
        return text


class SafeFormatter(logging.Formatter):
    def __init__(self, redactor: Redactor, fmt: str):
        super().__init__(fmt)
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        record.msg = _escape(record.getMessage())
        record.args = None
        text = super().format(record)
        return self.redactor(text)


def _escape(message: str) -> str:
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), message)


class FallbackFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that falls back to stderr while it cannot be written."""

    def __init__(self, filename: Path, *, mirror_to_stderr: bool, **kwargs):
        super().__init__(filename, delay=True, encoding="utf-8", **kwargs)
        self.mirror_to_stderr = mirror_to_stderr  # False when a console handler prints every record already
        self.failing = False

    def emit(self, record: logging.LogRecord) -> None:
        before = self.failing
        self.failing = False
        super().emit(record)  # on failure it calls handleError, which sets ``failing`` again
        if before and not self.failing:
            _to_stderr(f"media-library: writing the log file {self.baseFilename} again")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        if not self.failing:
            _to_stderr(f"media-library: cannot write the log file {self.baseFilename} ({error.strerror or error}); "
                       "logging to stderr until it can be written again")
        self.failing = True
        self._drop_stream()
        if self.mirror_to_stderr:
            _to_stderr(self.format(record))

    def _drop_stream(self) -> None:
        """Close the file so the next record reopens it (its buffer may hold a half-written line)."""
        stream, self.stream = self.stream, None
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass


class ConsoleHandler(logging.StreamHandler):
    """The console: whatever ``sys.stderr`` is when a record is written, never the stream it was when
    logging was set up. A stream replaced meanwhile (and closed since, as a test's captured stderr
    is at its teardown) is never written to, so a record from any thread, at any time, reaches the
    live stderr instead of failing with "--- Logging error ---" (Python's own last-resort handler
    does the same)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # noqa: D102 - logging's attribute
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass  # always the current sys.stderr


def _to_stderr(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(logs_dir: Path, *, level: str = "INFO", max_mb: int = 10, backups: int = 5,
                  secrets: Iterable[str] = (), console: bool = True) -> Redactor:
    """Configure the root logger once; returns the redactor so new secrets can be added later."""
    redactor = Redactor(secrets)
    formatter = SafeFormatter(redactor, FORMAT)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_media_library", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(FallbackFileHandler(logs_dir / "media-library.log", mirror_to_stderr=not console,
                                            maxBytes=max_mb * 1024 * 1024, backupCount=backups))
    except OSError as exc:
        _to_stderr(f"media-library: cannot create the log folder {logs_dir} ({exc.strerror or exc}); logging to stderr")
        console = True
    if console:
        handlers.append(ConsoleHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._media_library = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("urllib3", "werkzeug", "engineio", "socketio", "alembic", "rebulk", "guessit"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return redactor
