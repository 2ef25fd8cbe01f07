"""``library.verify``: read every library file end to end and record its SHA-256.

It finds files that went unreadable (a dying disk, a broken NAS share) or vanished, and gives a
checksum per file to compare with later runs. The library's files come from the database; while
the library has none yet (a fresh install), every regular file under ``paths.media_dir`` is read.

Reads are 1 MiB chunks; progress is counted in bytes; cancellation is checked between chunks so a
cancel stops it within one chunk. ``max_mb_per_second`` in the payload caps the read rate, so
that a verify of a large library leaves the disks to streaming (like a RAID scrub's speed limit).
Read-only: running it again just reads again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ...errors import InvalidInput
from ..base import JobHandler

CHUNK = 1024 * 1024
_PAYLOAD_KEYS = {"max_mb_per_second"}


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


def _rate_limit(payload: dict) -> float | None:
    unknown = set(payload) - _PAYLOAD_KEYS
    if unknown:
        raise InvalidInput(
            f"library.verify does not take {', '.join(sorted(unknown))} (only max_mb_per_second)"
        )
    limit = payload.get("max_mb_per_second")
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int | float) or limit <= 0:
        raise InvalidInput("max_mb_per_second must be a positive number")
    return float(limit) * CHUNK


class LibraryVerify(JobHandler):
    """Reads every library file and reports its SHA-256, plus the files it could not read."""

    kind = "library.verify"

    def run(self, ctx, payload):
        bytes_per_second = _rate_limit(payload or {})
        paths = list(library_files(self.services.state)) or list(
            files_under(self.services.settings.media_dir)
        )
        sizes, problems = {}, {}
        for path in paths:
            try:
                sizes[path] = os.stat(path).st_size
            except OSError as exc:
                problems[path] = exc.strerror or type(exc).__name__
        total = sum(sizes.values())
        meter = _Meter(ctx, total, bytes_per_second)
        checksums = {}
        for n, path in enumerate(sizes, start=1):
            ctx.check_cancelled()
            try:
                checksums[path] = self._hash(ctx, path, meter, f"file {n} of {len(sizes)}")
            except OSError as exc:  # one unreadable file is reported, the others still checked
                problems[path] = exc.strerror or type(exc).__name__
        ctx.progress(100, f"verified {len(checksums)} files, {len(problems)} problems", force=True)
        return {"files": len(checksums), "bytes": meter.done, "sha256": checksums, "problems": problems}

    @staticmethod
    def _hash(ctx, path: str, meter: _Meter, label: str) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                ctx.check_cancelled()
                digest.update(chunk)
                meter.add(len(chunk), label)
        return digest.hexdigest()


class _Meter:
    """Counts bytes read, reports progress by bytes, and sleeps to keep under the rate limit."""

    def __init__(self, ctx, total: int, bytes_per_second: float | None):
        self.ctx, self.total, self.limit = ctx, total, bytes_per_second
        self.done = 0
        self.started = time.monotonic()

    def add(self, count: int, label: str) -> None:
        self.done += count
        percent = 100.0 * self.done / self.total if self.total else 100.0
        self.ctx.progress(min(percent, 99.9), f"{label}: {self.done // CHUNK} of {self.total // CHUNK} MiB")
        if self.limit:
            ahead = self.done / self.limit - (time.monotonic() - self.started)
            if ahead > 0:
                # Waiting on the cancel event, not sleeping, so that a cancel is noticed at once.
                self.ctx.cancel_event.wait(ahead)


HANDLERS = [LibraryVerify]
