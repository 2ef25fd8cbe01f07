"""What a running handler gets: its job, a work folder, progress, cancellation, child processes."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import JobCancelled
from ..models import Job


class JobContext:
    def __init__(
        self, job: Job, *, work_dir: Path, report: Callable[[float, str | None], None],
        min_interval: float, clock: Callable[[], float] = time.monotonic,
    ):
        self.job = job
        self.work_dir = work_dir
        self._report = report
        self._min_interval = min_interval
        self._clock = clock
        self._last_report = float("-inf")
        self.cancel_event = threading.Event()
        self.cancel_reason = "cancelled"
        self._processes: list[subprocess.Popen] = []
        self._lock = threading.Lock()

    # --- progress ------------------------------------------------------------------------------
    def progress(self, percent: float, message: str | None = None, *, force: bool = False) -> None:
        """Record progress; at most one write and event per ``min_interval`` unless ``force``."""
        now = self._clock()
        if not force and now - self._last_report < self._min_interval:
            return
        self._last_report = now
        self._report(percent, message)

    # --- cancellation ---------------------------------------------------------------------------
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        if self.cancel_event.is_set():
            raise JobCancelled(self.cancel_reason)

    def cancel(self, reason: str = "cancelled") -> None:
        """Ask the handler to stop and end its child process groups. Called only by the pool's
        ``stop_job`` (a cancel through ``JobService.cancel``, or shutdown), never by handlers."""
        self.cancel_reason = reason
        self.cancel_event.set()
        from ..tools.proc import kill_group  # lazy: tools is a lower layer, loaded only when needed

        with self._lock:
            processes = list(self._processes)
        for popen in processes:
            kill_group(popen, grace=2.0)

    # --- child processes ------------------------------------------------------------------------
    def track(self, popen: subprocess.Popen) -> None:
        with self._lock:
            self._processes.append(popen)
        if self.cancel_event.is_set():
            self.cancel(self.cancel_reason)

    def run(self, argv: list[str], **kwargs: Any):
        """Run a program through ``tools.proc.run`` with this job's cancellation wired in."""
        from ..tools.proc import run

        return run(argv, cancel=self.cancel_event, on_start=self.track, **kwargs)
