"""Uploads: bytes from a client become a library file under a name the server chooses.

Owns the upload folder (``settings.uploads_dir``). Each part is written straight into a hidden
``.upload-<random>.part`` there while it arrives (never to /tmp, never under the client's name),
counted against the size limit, then checked by its *content* (the ``filetype`` package reads the
magic bytes): only audio and video are kept, under ``<random id>.<extension of the detected
type>``, so ``../../etc/passwd``, ``日本語の映画.mp4``, RTL-override tricks or an ELF named
``.mp4`` can neither choose a path nor smuggle a type. The client's
name is kept only as the item's display title and as the name guessit reads. The finished file
goes to the one publish step (``services/ingest.py``, ``Publisher.accept``): recorded as a new
item, its identify job queued. A part that is not finished (too large, rejected, connection
lost) is deleted.

Must not: parse HTTP (the web route hands in a stream or uses ``UploadSession.open_part`` as its
multipart stream factory), or write the database except through ``state``.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

import filetype

from ...errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from ..ingest import Accepted
from .scan import quick_hash

CHUNK = 1024 * 1024
SNIFF_BYTES = 8192
PART_PREFIX = ".upload-"
# Bidi controls and other format characters make a title lie about itself (U+202E); drop them.
_UNSAFE_TITLE = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


Uploaded = Accepted  # an upload is a file the publish step accepted


def display_title(client_name: str | None) -> str:
    """The client's file name as a title: last path part, no extension, no control or bidi characters."""
    name = (client_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_TITLE.sub("", unicodedata.normalize("NFC", name)).strip()
    stem = os.path.splitext(name)[0].strip() if "." in name.strip(".") else name
    return (stem or "Upload")[:300]


def sniff_media(head: bytes) -> filetype.Type | None:
    """The detected type when ``head`` starts an audio or video file, else None."""
    kind = filetype.guess(head) if head else None
    if kind is None or not kind.mime.startswith(("video/", "audio/")):
        return None
    return kind


def rejection(client_name: str | None, head: bytes) -> InvalidInput | UnsupportedMediaType:
    """Why a file is not taken, in words that name it: empty, text, or another kind of file."""
    name = (client_name or "the file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    if not head:
        return InvalidInput(f"{name!r} is empty (0 bytes): nothing to add; was it copied completely?")
    detected = filetype.guess(head)
    if detected is not None:
        return UnsupportedMediaType(f"{name!r} is {detected.mime} ({detected.extension}), not an audio or video file")
    if _looks_like_text(head):
        return UnsupportedMediaType(f"{name!r} is a text file, not an audio or video file")
    return UnsupportedMediaType(f"{name!r} is not an audio or video file this server recognises")


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the end of the sniffed bytes
    return b"\x00" not in head


class UploadSession:
    """The parts of one request; every part not finished is deleted on exit."""

    def __init__(self, service: UploadService, limit_bytes: int):
        self.service = service
        self.limit = limit_bytes
        self.parts: dict[str, BinaryIO] = {}

    def open_part(self, *_args, **_kwargs) -> BinaryIO:
        """A new hidden part file (usable as werkzeug's multipart ``stream_factory``)."""
        folder = self.service.folder
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{PART_PREFIX}{secrets.token_hex(12)}.part"
        fh = open(path, "xb+")  # closed by finish() or the session's cleanup
        self.parts[str(path)] = fh
        return fh

    def copy(self, stream: BinaryIO) -> BinaryIO:
        """Copy a readable stream into a new part, enforcing the limit as it goes."""
        fh = self.open_part()
        written = 0
        while chunk := stream.read(CHUNK):
            written += len(chunk)
            if written > self.limit:
                raise PayloadTooLarge(f"the upload is larger than the {self.limit // CHUNK} MiB this server accepts")
            fh.write(chunk)
        return fh

    def finish(self, fh: BinaryIO, client_name: str | None) -> Uploaded:
        fh.flush()
        size = fh.seek(0, os.SEEK_END)
        if size > self.limit:
            raise PayloadTooLarge(f"the upload is larger than the {self.limit // CHUNK} MiB this server accepts")
        fh.seek(0)
        head = fh.read(SNIFF_BYTES)
        kind = sniff_media(head)
        os.fsync(fh.fileno())
        fh.close()
        if kind is None:
            raise rejection(client_name, head)
        uploaded = self.service.publish(fh.name, kind, client_name)
        self.parts.pop(fh.name, None)
        return uploaded

    def cleanup(self) -> None:
        for path, fh in self.parts.items():
            fh.close()
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
        self.parts.clear()


class UploadService:
    def __init__(self, lib):
        self.lib = lib
        self.folder = lib.settings.uploads_dir

    @contextmanager
    def session(self, limit_bytes: int | None = None) -> Iterator[UploadSession]:
        limit = limit_bytes if limit_bytes is not None else self.lib.settings.server.max_upload_mb * CHUNK
        up = UploadSession(self, limit)
        try:
            yield up
        finally:
            up.cleanup()

    def save(self, stream: BinaryIO, client_name: str | None, *, limit_bytes: int | None = None) -> Uploaded:
        """One upload from a plain stream (CLI, tests)."""
        with self.session(limit_bytes) as up:
            return up.finish(up.copy(stream), client_name)

    def publish(self, part: str, kind: filetype.Type, client_name: str | None) -> Uploaded:
        """Give the part its final, server-chosen name and hand it to the publish step (``ingest``)."""
        final = self.folder / f"{secrets.token_hex(16)}.{kind.extension}"
        os.link(part, final)  # a fresh random name: this cannot replace anything
        os.unlink(part)
        tech = {"original_name": (client_name or "")[:1000], "quick_hash": quick_hash(final, final.stat().st_size),
                "uploaded": True, "mime": kind.mime}
        return self.lib.publisher.accept(final, display_title(client_name), tech=tech)
