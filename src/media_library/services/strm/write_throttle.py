"""The adaptive writer throttle (vod2strm's algorithm) that protects a slow NAS or SD card.

Start with one writer; keep a rolling window of the last ``window`` write latencies; every
``check_every`` writes look at the average: above ``slow`` (100 ms) halve the writers, below
``fast`` (30 ms) grow them by half (at least one more), always between 1 and ``max_workers``.

``ThrottledRunner`` runs write functions on a thread pool while letting at most
``throttle.workers`` of them be in flight; it measures each call with the throttle's clock, so
tests drive it with a fake clock (a deliberately slow filesystem path) instead of sleeping.

Must not: know what it writes.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class AdaptiveThrottle:
    def __init__(self, max_workers: int, *, window: int = 20, check_every: int = 10, slow: float = 0.100,
                 fast: float = 0.030, clock: Callable[[], float] = time.monotonic):
        self.max_workers = max(1, int(max_workers))
        self.workers = 1
        self.slow, self.fast, self.check_every = slow, fast, check_every
        self.clock = clock
        self._latencies: deque[float] = deque(maxlen=window)
        self._since_check = 0
        self._lock = threading.Lock()
        self.history: list[int] = [1]  # worker counts after each adjustment, for reports and tests

    def record(self, seconds: float) -> None:
        with self._lock:
            self._latencies.append(seconds)
            self._since_check += 1
            if self._since_check >= self.check_every:
                self._since_check = 0
                self._adjust()

    def _adjust(self) -> None:
        average = sum(self._latencies) / len(self._latencies)
        if average > self.slow:
            workers = max(1, self.workers // 2)
        elif average < self.fast:
            workers = min(self.max_workers, max(self.workers + 1, int(self.workers * 1.5)))
        else:
            return
        if workers != self.workers:
            self.workers = workers
            self.history.append(workers)

    @property
    def average(self) -> float | None:
        with self._lock:
            return sum(self._latencies) / len(self._latencies) if self._latencies else None


class ThrottledRunner:
    """Submit calls; at most ``throttle.workers`` run at once. Use as a context manager."""

    def __init__(self, throttle: AdaptiveThrottle):
        self.throttle = throttle
        self._pool = ThreadPoolExecutor(max_workers=throttle.max_workers, thread_name_prefix="strm-write")
        self._cond = threading.Condition()
        self._in_flight = 0
        self.peak_in_flight = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        self._take_slot()
        return self._pool.submit(self._timed, fn, *args)

    def submit_each(self, fn: Callable[..., Any], calls: list[tuple]) -> Future:
        """One task that makes every call of ``calls`` in turn, each timed and recorded like a
        ``submit``; its result is one outcome per call: None, or the ``OSError`` it raised (any
        other exception ends the task). One task per few dozen small files instead of one each:
        on a fast disk the hand-over to a thread cost more than the write."""
        self._take_slot()
        return self._pool.submit(self._timed_each, fn, calls)

    def _timed_each(self, fn: Callable[..., Any], calls: list[tuple]) -> list[OSError | None]:
        outcomes: list[OSError | None] = []
        try:
            for args in calls:
                start = self.throttle.clock()
                try:
                    fn(*args)
                    outcomes.append(None)
                except OSError as exc:
                    outcomes.append(exc)
                finally:
                    self.throttle.record(self.throttle.clock() - start)
            return outcomes
        finally:
            self._free_slot()

    def _timed(self, fn: Callable[..., Any], *args: Any) -> Any:
        start = self.throttle.clock()
        try:
            return fn(*args)
        finally:
            self.throttle.record(self.throttle.clock() - start)
            self._free_slot()

    def _take_slot(self) -> None:
        """Wait until fewer than ``throttle.workers`` tasks are in flight, then count one more."""
        with self._cond:
            while self._in_flight >= self.throttle.workers:
                self._cond.wait()
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)

    def _free_slot(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def __enter__(self) -> ThrottledRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
