"""Verifying the library: read every file end to end and record its SHA-256.

It finds files that went unreadable (a dying disk, a broken NAS share) or vanished, and gives a
checksum per file to compare with later runs. The library's files come from the database; while
the library has none yet (a fresh install), every regular file under ``paths.media_dir`` is read.

Reads are 1 MiB chunks; progress is counted in bytes; cancellation is checked between chunks so a
cancel stops it within one chunk. ``max_mb_per_second`` caps the read rate, so that a verify of a
large library leaves the disks to streaming (like a RAID scrub's speed limit). Read-only: running
it again just reads again. The ``library.verify`` job (``jobs/handlers/verify.py``) runs it.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .job_control import JobControl

CHUNK = 1024 * 1024


def verify_library(state, media_dir: Path, controls: JobControl, *, max_mb_per_second: float | None = None) -> dict:
    """Hash every library file; ``{"files", "bytes", "sha256": {path: hex}, "problems": {path: reason}}``."""
    paths = list(library_files(state)) or list(files_under(media_dir))
    sizes, problems = _sizes(paths)
    meter = _Meter(controls, sum(sizes.values()), max_mb_per_second * CHUNK if max_mb_per_second else None)
    checksums = {}
    for n, path in enumerate(sizes, start=1):
        controls.check_cancelled()
        try:
            checksums[path] = _hash(controls, path, meter, f"file {n} of {len(sizes)}")
        except OSError as exc:  # one unreadable file is reported, the others still checked
            problems[path] = exc.strerror or type(exc).__name__
    controls.progress(100, f"verified {len(checksums)} files, {len(problems)} problems", force=True)
    return {"files": len(checksums), "bytes": meter.done, "sha256": checksums, "problems": problems}


def library_files(state, page_size: int = 500) -> Iterator[str]:
    """Paths of every file the database knows, item by item (keyed pages, never OFFSET)."""
    after_id = None
    while True:
        items = state.list_media(after_id=after_id, limit=page_size)
        for item in items:
            for media_file in state.list_media_files(item.id):
                yield media_file.path
        if len(items) < page_size:
            return
        after_id = items[-1].id


def files_under(root: Path) -> Iterator[str]:
    """Regular files under ``root``, sorted, without following symlinks out of it."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield str(path)


def _sizes(paths: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    sizes, problems = {}, {}
    for path in paths:
        try:
            sizes[path] = os.stat(path).st_size
        except OSError as exc:
            problems[path] = exc.strerror or type(exc).__name__
    return sizes, problems


def _hash(controls: JobControl, path: str, meter: _Meter, label: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            controls.check_cancelled()
            digest.update(chunk)
            meter.add(len(chunk), label)
    return digest.hexdigest()


class _Meter:
    """Counts bytes read, reports progress by bytes, and pauses to keep under the rate limit."""

    def __init__(self, controls: JobControl, total: int, bytes_per_second: float | None):
        self.controls, self.total, self.limit = controls, total, bytes_per_second
        self.done = 0
        self.started = time.monotonic()

    def add(self, count: int, label: str) -> None:
        self.done += count
        percent = 100.0 * self.done / self.total if self.total else 100.0
        self.controls.progress(min(percent, 99.9), f"{label}: {self.done // CHUNK} of {self.total // CHUNK} MiB")
        if self.limit:
            ahead = self.done / self.limit - (time.monotonic() - self.started)
            if ahead > 0:
                self.controls.cancel_event.wait(ahead)  # not a sleep: a cancel is noticed at once
