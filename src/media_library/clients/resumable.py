"""Resumable HTTP downloads: one file fetched into a ``.part`` file, in one or several ranged
segments, resumable after a crash from persisted progress. Used by the podcast and IPTV sources.

The rules (each is a test):

- A resumed or segmented request asks ``Range: bytes=<where it stopped>-<segment end>`` with
  ``If-Range`` (the strong ETag, else Last-Modified, the first answer carried). Only a **206 whose
  ``Content-Range`` starts exactly there** is written at that offset. A **200** means the server
  ignored the range (or the file changed): the file restarts from zero as one stream — never
  appended to. A 206 starting elsewhere restarts too.
- Several segments are used only when the caller asks for them (``connections``) and the probe
  (``GET`` with ``Range: bytes=0-0``; HEAD is unreliable behind redirects and tokens) says the
  server answers ranges and the file is at least ``2 × min_segment`` long. Each segment is one
  connection, written with ``os.pwrite`` at its own offset.
- Progress (``Transfer``: total, validator, per-segment bytes done) goes to ``save`` every
  ``save_every`` seconds and when the fetch ends or breaks, so a restart continues from there.
- The file is finished when its size equals the announced total; it is fsynced. Publishing it
  (the atomic rename) is the caller's step.
- ``Throttle`` caps the bytes per second of the whole file (all segments); a segment that moves
  fewer than ``STALL_MIN_BYTES`` in ``stall_seconds`` is broken off as stalled (transient: the job
  retries with backoff and resumes).

``open_url(headers)`` opens the *original* URL again for every connection (an expiring token a
provider redirected to is never reused). Must not: touch the database or Flask.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExternalServiceError
from .http import Opened

OpenUrl = Callable[[dict[str, str]], AbstractContextManager[Opened]]
STALL_MIN_BYTES = 1024
CHUNK = 64 * 1024  # a read returns when this much arrived: small enough for live progress on slow links


@dataclass
class Segment:
    start: int
    end: int | None  # inclusive; None: up to the end of an unknown size
    done: int = 0

    @property
    def position(self) -> int:
        return self.start + self.done

    @property
    def complete(self) -> bool:
        return self.end is not None and self.position > self.end


@dataclass
class Transfer:
    """What is persisted about one download, enough to resume it."""

    total: int | None = None
    validator: str | None = None
    segments: list[Segment] = field(default_factory=list)

    @property
    def done_bytes(self) -> int:
        return sum(s.done for s in self.segments)

    def to_json(self) -> list[list[Any]]:
        return [[s.start, s.end, s.done] for s in self.segments]

    @classmethod
    def from_json(cls, total: int | None, validator: str | None, segments: list[list[Any]]) -> Transfer:
        return cls(total, validator, [Segment(int(a), None if b is None else int(b), int(c)) for a, b, c in segments])


class RangeIgnored(Exception):
    """The server answered a ranged request with the whole file (or another range)."""


class Throttle:
    """A bandwidth limit shared by every segment of a file (bytes per second; 0: none)."""

    def __init__(self, bytes_per_second: int, clock=time.monotonic, sleep=time.sleep):
        self.rate, self.clock, self.sleep = bytes_per_second, clock, sleep
        self._lock = threading.Lock()
        self._next = clock()

    def take(self, n: int) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            now = self.clock()
            self._next = max(self._next, now) + n / self.rate
            delay = self._next - now
        if delay > 0:
            self.sleep(delay)


def content_range(value: str | None) -> tuple[int | None, int | None]:
    """``bytes 100-199/200`` -> ``(100, 200)``; unknown parts are None."""
    try:
        _, _, rest = (value or "").partition(" ")
        span, _, total = rest.partition("/")
        return int(span.split("-")[0]), (int(total) if total.isdigit() else None)
    except ValueError:
        return None, None


def strong_validator(headers: dict[str, str]) -> str | None:
    """What ``If-Range`` may carry: a strong ETag, else Last-Modified."""
    etag = headers.get("etag")
    if etag and not etag.startswith("W/"):
        return etag
    return headers.get("last-modified")


def plan_segments(total: int, connections: int, min_segment: int) -> list[Segment]:
    """``connections`` equal segments when each is at least ``min_segment``; else one."""
    count = max(1, min(connections, total // max(1, min_segment)))
    if count < 2:
        return [Segment(0, total - 1)]
    size = -(-total // count)
    return [Segment(start, min(total, start + size) - 1) for start in range(0, total, size)]


class ResumableDownload:
    """Bring ``part`` to the whole file behind ``open_url``, resuming ``transfer``."""

    def __init__(self, open_url: OpenUrl, part: Path, transfer: Transfer, *, service: str,
                 save: Callable[[Transfer], None] = lambda t: None, progress: Callable[[Transfer], None] = lambda t: None,
                 check_cancelled: Callable[[], None] = lambda: None, throttle: Throttle | None = None,
                 stall_seconds: float = 60.0, max_bytes: int | None = None, save_every: float = 1.0):
        self.open_url, self.part, self.transfer, self.service = open_url, part, transfer, service
        self.save, self.progress, self.check_cancelled = save, progress, check_cancelled
        self.throttle = throttle or Throttle(0)
        self.stall_seconds, self.max_bytes, self.save_every = stall_seconds, max_bytes, save_every
        self._lock = threading.Lock()
        self._last_save = 0.0

    # --- planning -----------------------------------------------------------------------------
    def probe(self, connections: int, min_segment: int) -> Transfer:
        """Plan a fresh transfer: with ``connections`` > 1, ask for one byte to learn the size and
        whether ranges work; otherwise one stream whose first answer tells the size."""
        if self.transfer.segments:
            return self.transfer
        if connections > 1:
            with self.open_url({"Range": "bytes=0-0"}) as opened:
                start, total = content_range(opened.headers.get("content-range"))
                if opened.status == 206 and start == 0 and total:
                    self.transfer = Transfer(total, strong_validator(opened.headers), plan_segments(total, connections, min_segment))
                    return self.transfer
        self.transfer = Transfer(None, None, [Segment(0, None)])
        return self.transfer

    # --- running ------------------------------------------------------------------------------
    def run(self) -> Transfer:
        if not self.transfer.segments:
            self.transfer.segments = [Segment(0, None)]
        self.part.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.part, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                self._run_segments(fd)
            except RangeIgnored:
                self._restart(fd)
                self._run_segments(fd)
            self._check_size(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
            self._save(force=True)
        return self.transfer

    def _restart(self, fd: int) -> None:
        """The server ignores ranges: one stream from zero, the part file emptied (never appended to)."""
        self.transfer = Transfer(self.transfer.total, None, [Segment(0, None)])
        os.ftruncate(fd, 0)
        self._save(force=True)

    def _run_segments(self, fd: int) -> None:
        pending = [s for s in self.transfer.segments if not s.complete]
        if len(pending) <= 1:
            for segment in pending:
                self._fetch(fd, segment, single=len(self.transfer.segments) == 1)
            return
        errors: list[BaseException] = []
        threads = [threading.Thread(target=self._fetch_collecting, args=(fd, s, errors), daemon=True) for s in pending]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]

    def _fetch_collecting(self, fd: int, segment: Segment, errors: list[BaseException]) -> None:
        try:
            self._fetch(fd, segment, single=False)
        except BaseException as exc:  # handed to the caller's thread, which raises the first
            errors.append(exc)

    def _fetch(self, fd: int, segment: Segment, *, single: bool) -> None:
        if single and segment.end is None:
            os.ftruncate(fd, segment.position)  # bytes past what was recorded are not trusted
        headers = self._range_headers(segment, single)
        with self.open_url(headers) as opened:
            if self._accept(opened, segment, single, bool(headers)):
                os.ftruncate(fd, 0)
            self._copy(fd, opened, segment)
        if segment.end is None:
            segment.end = segment.position - 1
            self.transfer.total = self.transfer.total or segment.position

    def _range_headers(self, segment: Segment, single: bool) -> dict[str, str]:
        if single and segment.position == 0:
            return {}
        end = "" if segment.end is None or (single and segment.end == (self.transfer.total or 0) - 1) else str(segment.end)
        headers = {"Range": f"bytes={segment.position}-{end}"}
        if self.transfer.validator:
            headers["If-Range"] = self.transfer.validator
        return headers

    def _accept(self, opened: Opened, segment: Segment, single: bool, ranged: bool) -> bool:
        """Check the answer fits where this segment stands (see the module doc); True when the
        file restarts from zero."""
        if opened.status == 206 and ranged:
            start, total = content_range(opened.headers.get("content-range"))
            if start != segment.position:
                raise RangeIgnored()
            self.transfer.total = self.transfer.total or total
            return False
        if opened.status != 200:
            raise ExternalServiceError(self.service, f"answered {opened.status} to a download request", transient=False)
        restart = bool(ranged or segment.position)
        if restart and not single:
            raise RangeIgnored()
        segment.done = 0  # the whole file comes now: a clean start from zero, never appended
        length = opened.headers.get("content-length")
        total = int(length) if length and length.isdigit() else None
        self.transfer.total, self.transfer.validator = total, strong_validator(opened.headers)
        segment.end = total - 1 if total else None
        if self.max_bytes and total and total > self.max_bytes:
            raise ExternalServiceError(self.service, f"the file is larger than {self.max_bytes // 1_048_576} MiB", transient=False)
        return restart

    def _copy(self, fd: int, opened: Opened, segment: Segment) -> None:
        window_start, window_bytes = time.monotonic(), 0
        for chunk in opened.chunks(CHUNK):
            if segment.end is not None:
                chunk = chunk[: segment.end + 1 - segment.position]
            if not chunk:
                break
            os.pwrite(fd, chunk, segment.position)
            with self._lock:
                segment.done += len(chunk)
            window_bytes += len(chunk)
            self._check_cap(segment)
            self.throttle.take(len(chunk))
            self.check_cancelled()
            self.progress(self.transfer)
            self._save()
            now = time.monotonic()
            if now - window_start >= self.stall_seconds:
                if window_bytes < STALL_MIN_BYTES:
                    raise ExternalServiceError(self.service, f"the download stalled (under {STALL_MIN_BYTES} bytes "
                                               f"in {self.stall_seconds:.0f} s); it resumes on the retry")
                window_start, window_bytes = now, 0
            if segment.complete:
                break

    def _check_cap(self, segment: Segment) -> None:
        if self.max_bytes and segment.position > self.max_bytes:
            raise ExternalServiceError(self.service, f"the file is larger than {self.max_bytes // 1_048_576} MiB",
                                       transient=False)

    def _check_size(self, fd: int) -> None:
        size, total = os.fstat(fd).st_size, self.transfer.total
        if total is not None and (size != total or self.transfer.done_bytes != total):
            raise ExternalServiceError(self.service, f"the download stopped at {self.transfer.done_bytes} of {total} "
                                       "bytes; it resumes from there")

    def _save(self, *, force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:
            if not force and now - self._last_save < self.save_every:
                return
            self._last_save = now
        self.save(self.transfer)
