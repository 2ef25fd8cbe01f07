"""The adaptive throttle: start at 1, halve above 100 ms, grow by half below 30 ms, within the cap;
driven by a fake clock (a deliberately slow filesystem path), so no timing is asserted."""

from __future__ import annotations

import threading

from media_library.services import files
from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import ListSource
from media_library.services.strm.write_throttle import AdaptiveThrottle, ThrottledRunner

from .test_strm_cleanup import films


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            return self.now

    def advance(self, seconds):
        with self.lock:
            self.now += seconds


def test_starts_at_one_and_grows_by_half_to_the_cap():
    throttle = AdaptiveThrottle(8)
    assert throttle.workers == 1
    for _ in range(60):
        throttle.record(0.001)
    assert throttle.history == [1, 2, 3, 4, 6, 8]
    assert throttle.workers == 8


def test_halves_when_slow_and_holds_in_between():
    throttle = AdaptiveThrottle(8)
    for _ in range(40):
        throttle.record(0.001)
    assert throttle.workers == 6
    for _ in range(10):
        throttle.record(0.5)  # the window (last 20) averages 250 ms
    assert throttle.workers == 3
    for _ in range(20):
        throttle.record(0.05)  # still slow on average at the first check, then 50 ms: hold
    assert throttle.history[-2:] == [3, 1] and throttle.workers == 1
    for _ in range(20):
        throttle.record(0.001)
    assert throttle.workers == 3


def test_the_cap_wins():
    throttle = AdaptiveThrottle(2)
    for _ in range(100):
        throttle.record(0.0)
    assert throttle.workers == 2 and max(throttle.history) == 2


def test_runner_never_exceeds_the_current_worker_count():
    clock = FakeClock()
    throttle = AdaptiveThrottle(4, clock=clock)
    seen, active, lock = [], [0], threading.Lock()

    def slow_write():
        with lock:
            active[0] += 1
            seen.append(active[0])
        clock.advance(0.2)  # every write "takes" 200 ms
        with lock:
            active[0] -= 1

    with ThrottledRunner(throttle) as runner:
        for future in [runner.submit(slow_write) for _ in range(50)]:
            future.result()
    assert runner.peak_in_flight == 1 and max(seen) == 1 and throttle.workers == 1


def test_export_on_a_slow_filesystem_stays_at_one_writer(strm_runtime, out):
    clock = FakeClock()

    def slow_filesystem(path, data):
        clock.advance(0.25)
        files.write_atomic(path, data, fsync=False)

    throttle = AdaptiveThrottle(4, clock=clock)
    result = Exporter(strm_runtime.state, ExportOptions(out, fsync=False, max_writers=4), writer=slow_filesystem,
                      throttle=throttle).run(ListSource(films(30)))
    assert result.counts["created"] == 60
    assert throttle.history == [1] and result.writers == [1]


def test_export_on_a_fast_filesystem_grows_to_the_cap(strm_runtime, out):
    clock = FakeClock()
    throttle = AdaptiveThrottle(3, clock=clock)  # the fake clock never moves: every write "takes" 0 ms
    Exporter(strm_runtime.state, ExportOptions(out, fsync=False, max_writers=3), throttle=throttle).run(ListSource(films(30)))
    assert throttle.history == [1, 2, 3]
