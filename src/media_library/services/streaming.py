"""Serving library files safely: which file, whether it lies under a media root, which bytes.

Pure functions and one small service, no Flask. A file is served only when its real path (all
symlinks resolved) is inside a configured root, and the descriptor actually opened is checked
again (``/proc/self/fd``), so a symlink swapped in between the check and the open is refused
too (no path traversal, no symlink escape). Range handling follows RFC 9110 for a single range; several ranges
are refused with 416 rather than answered as multipart (CVE-2011-3192).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import mimetypes
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from ..errors import Forbidden, InvalidInput, MediaLibraryError, NotFound
from ..models import MediaFile, MediaItem, User

CHUNK = 1024 * 1024
LINK_SECRET_KEY = "web.stream_link_secret"
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_TYPES = {
    ".mkv": "video/x-matroska", ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm",
    ".avi": "video/x-msvideo", ".mov": "video/quicktime", ".ts": "video/mp2t", ".m2ts": "video/mp2t",
    ".mpg": "video/mpeg", ".mpeg": "video/mpeg", ".wmv": "video/x-ms-wmv", ".ogv": "video/ogg",
    ".mp3": "audio/mpeg", ".flac": "audio/flac", ".m4a": "audio/mp4", ".m4b": "audio/mp4",
    ".aac": "audio/aac", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav",
    ".srt": "application/x-subrip", ".vtt": "text/vtt",
}


class RangeNotSatisfiable(MediaLibraryError):
    status = 416

    def __init__(self, size: int, message: str = "the requested range cannot be served; ask for one range inside the file"):
        super().__init__(message)
        self.headers = {"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes"}


def content_type(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(first, last)`` inclusive for one satisfiable range; None for no Range header.

    Raises RangeNotSatisfiable for several ranges, a malformed one, or one outside the file.
    """
    if header is None:
        return None
    match = _RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        raise RangeNotSatisfiable(size)
    first, last = match.group(1), match.group(2)
    if not first:  # suffix range: the last N bytes
        length = int(last[:20])
        if length == 0 or size == 0:
            raise RangeNotSatisfiable(size)
        return max(0, size - length), size - 1
    start = int(first[:20])
    end = min(int(last[:20]), size - 1) if last else size - 1
    if start >= size or (last and int(last[:20]) < start):
        raise RangeNotSatisfiable(size)
    return start, end


def is_under(path: Path, roots: Iterable[Path]) -> bool:
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.realpath(root)
        if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def resolve_under_roots(stored: str, roots: list[Path]) -> Path:
    """The real path of a stored file path, if it lies under one of ``roots``."""
    if not stored or "\x00" in stored:
        raise InvalidInput("bad file path")
    path = Path(stored)
    if not path.is_absolute():
        path = roots[0] / path
    real = Path(os.path.realpath(path))
    if not is_under(real, roots):
        raise Forbidden("that file is outside the media folders and is not served")
    return real


@dataclass
class OpenFile:
    fd: int
    size: int
    mtime_ns: int
    path: Path
    closed: bool = False

    @property
    def etag(self) -> str:
        return f'"{self.size:x}-{self.mtime_ns:x}"'

    def close(self) -> None:
        """Idempotent: a closed fd number may already belong to another thread's file."""
        if not self.closed:
            self.closed = True
            os.close(self.fd)

    def release(self):
        """Hand the descriptor to a file object (which then closes it), positioned nowhere yet."""
        self.closed = True
        return open(self.fd, "rb", buffering=0)  # noqa: SIM115 - the caller owns it


class RangeBody:
    """A WSGI body of ``length`` bytes from ``start``; closing it closes the file."""

    def __init__(self, opened: OpenFile, start: int, length: int, chunk: int = CHUNK):
        self.opened, self.start, self.length, self.chunk = opened, start, length, chunk

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from read_range(self.opened.fd, self.start, self.length, self.chunk)
        finally:
            self.close()

    def close(self) -> None:
        self.opened.close()


def open_verified(real: Path, roots: list[Path]) -> OpenFile:
    """Open a regular file and re-check the opened descriptor's real path against the roots."""
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise NotFound("the file is missing on disk") from exc
    try:
        st = os.fstat(fd)
        opened = _fd_path(fd) or real
        if not os.path.isfile(opened) or not is_under(Path(opened), roots) or not _is_regular(st.st_mode):
            raise Forbidden("that file is outside the media folders and is not served")
        return OpenFile(fd, st.st_size, st.st_mtime_ns, real)
    except BaseException:
        os.close(fd)
        raise


def _fd_path(fd: int) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _is_regular(mode: int) -> bool:
    return stat.S_ISREG(mode)


def read_range(fd: int, start: int, length: int, chunk: int = CHUNK) -> Iterator[bytes]:
    """Yield ``length`` bytes from ``start`` in chunks, without moving a shared file offset."""
    offset, remaining = start, length
    while remaining > 0:
        data = os.pread(fd, min(chunk, remaining), offset)
        if not data:
            return
        offset += len(data)
        remaining -= len(data)
        yield data


@dataclass(frozen=True)
class RangePlan:
    """What to answer for one request of an opened file: status, headers, and which bytes."""

    status: int  # 200, 206 or 304
    headers: dict[str, str]
    start: int
    length: int


def plan_range(opened: OpenFile, range_header: str | None, if_range: str | None,
               if_none_match: str | None) -> RangePlan:
    """The answer to a GET/HEAD of ``opened``: 304 when ``If-None-Match`` names its ETag; the whole
    file when there is no Range, or when ``If-Range`` names another version; else the one range.

    Raises RangeNotSatisfiable (416) for several, malformed or unsatisfiable ranges.
    """
    headers = {"Accept-Ranges": "bytes", "ETag": opened.etag,
               "Last-Modified": formatdate(opened.mtime_ns / 1e9, usegmt=True)}
    if if_none_match == opened.etag:
        return RangePlan(304, headers, 0, 0)
    if range_header is not None and if_range is not None and if_range not in (opened.etag, headers["Last-Modified"]):
        range_header = None  # the file changed since the client's copy: send it whole
    wanted = parse_range(range_header, opened.size)
    start, end = wanted if wanted else (0, opened.size - 1)
    if wanted:
        headers["Content-Range"] = f"bytes {start}-{end}/{opened.size}"
    return RangePlan(206 if wanted else 200, headers, start, max(0, end - start + 1))


# --- signed links ----------------------------------------------------------------------------
def link_signature(secret: bytes, media_id: str, file_id: int | None, user_id: int, expires: int) -> str:
    message = f"{media_id}|{file_id or ''}|{user_id}|{expires}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def link_valid(secret: bytes, media_id: str, file_id: int | None, user_id: int, expires: int,
               signature: str, now: float) -> bool:
    expected = link_signature(secret, media_id, file_id, user_id, expires)
    return now < expires and hmac.compare_digest(expected, signature or "")


def can_view(user: User | None, item: MediaItem) -> bool:
    """The one place that decides who may see an item: for now any active user sees everything."""
    return user is not None and not user.disabled


class StreamService:
    """Finds the file to stream for an item and checks it may be served."""

    def __init__(self, state, roots: list[Path], *, more_roots: Callable[[], list[str]] | None = None):
        self.state, self.base_roots, self.more_roots = state, list(roots), more_roots

    @property
    def roots(self) -> list[Path]:
        """The media folders, then the folders sources recorded files in (``more_roots``, asked
        each time: a Plex path mapping added now serves its files at once)."""
        return self.base_roots + [Path(folder) for folder in (self.more_roots() if self.more_roots else [])]

    def link_secret(self) -> bytes:
        """The HMAC key of signed links, created on first use and kept in the database."""
        stored = self.state.get_app_setting(LINK_SECRET_KEY)
        if not stored:
            stored = secrets.token_hex(32)
            self.state.set_app_setting(LINK_SECRET_KEY, stored)
        return bytes.fromhex(stored)

    def choose_file(self, user: User | None, media_id: str, file_id: int | None) -> tuple[MediaItem, MediaFile]:
        item = self.state.get_media(media_id)
        if not can_view(user, item):
            raise NotFound(f"media item {media_id} does not exist")
        files = [f for f in self.state.list_media_files(media_id) if not f.missing]
        if file_id is not None:
            files = [f for f in files if f.id == file_id]
        if not files:
            raise NotFound("this item has no playable file")
        return item, files[0]

    def open(self, media_file: MediaFile) -> OpenFile:
        return open_verified(resolve_under_roots(media_file.path, self.roots), self.roots)
