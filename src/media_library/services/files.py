"""Atomic file writes: the one way every writer of the project puts a file on disk.

``write_atomic`` writes to a temporary file in the *same directory* (so the rename cannot cross a
filesystem), fsyncs it, ``os.replace``-s it over the target and fsyncs the directory, so a reader
or a crash (kill -9, power loss) sees the old content or the new one, never a torn file.
Temporary names start with ``.`` and end with ``.tmp`` so that scanners skip
them; ``remove_stale_temps`` cleans the ones a killed writer left behind.

Must not: know what it writes (bytes only), touch the database, or create folders outside the
path it was given.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

TEMP_PREFIX = ".~ml-"
TEMP_SUFFIX = ".tmp"


def write_atomic(path: str | os.PathLike, data: bytes, *, fsync: bool = True, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` atomically; the parent folder must exist."""
    target = Path(path)
    temp = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(4)}-{target.name[:40]}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        _write_all(fd, data)
        if fsync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, target)
    except BaseException:
        _unlink_quietly(temp)
        raise
    if fsync:
        fsync_dir(target.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename or unlink in ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def remove_stale_temps(root: str | os.PathLike) -> int:
    """Delete temporary files a killed writer left under ``root``; returns how many."""
    removed = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if is_temp_name(name):
                _unlink_quietly(Path(folder) / name)
                removed += 1
    return removed


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def sha256_of(path: str | os.PathLike) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks (checks a copy, a resumed download)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
