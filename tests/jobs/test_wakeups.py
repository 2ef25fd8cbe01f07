"""An enqueue wakes one idle worker, not all of them (``worker._WakeUps``); a wake-up given while
no worker waits is kept for the next one that looks; stop wakes everyone."""

from __future__ import annotations

import threading

from media_library.jobs.worker import _WakeUps


def _waiters(wakeups: _WakeUps, count: int) -> tuple[list[threading.Thread], list[int]]:
    woke: list[int] = []
    ready = threading.Barrier(count + 1)

    def wait(n: int) -> None:
        ready.wait()
        wakeups.wait(30)
        woke.append(n)

    threads = [threading.Thread(target=wait, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    ready.wait()
    return threads, woke


def _until(predicate) -> None:
    done = threading.Event()
    for _ in range(3000):
        if predicate():
            return
        done.wait(0.01)
    raise AssertionError("never happened")


def test_one_wake_up_lets_exactly_one_waiting_worker_go():
    wakeups = _WakeUps(4)
    threads, woke = _waiters(wakeups, 3)
    _until(lambda: len(wakeups._cond._waiters) == 3)
    wakeups.notify_one()
    _until(lambda: len(woke) == 1)
    assert len(wakeups._cond._waiters) == 2  # the other two still sleep
    wakeups.notify_all()
    for thread in threads:
        thread.join(30)
    assert sorted(woke) == [0, 1, 2]


def test_a_wake_up_nobody_waited_for_is_kept_for_the_next_look_and_capped():
    wakeups = _WakeUps(2)
    for _ in range(5):
        wakeups.notify_one()
    assert wakeups._pending == 2
    threads, woke = _waiters(wakeups, 2)
    for thread in threads:
        thread.join(30)
    assert sorted(woke) == [0, 1] and wakeups._pending == 0
