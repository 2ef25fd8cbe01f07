"""Schedules: cron and daily expressions, one fire after downtime, no double fire, clock jumps."""

from __future__ import annotations

import pytest

from media_library.errors import InvalidInput
from media_library.jobs.scheduler import Scheduler, next_after, to_cron


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clocked(runtime):
    clock = Clock(1_800_000_000.0)
    runtime.state._clock = clock
    for other in runtime.state.list_schedules():  # features register their own; these tests want none
        runtime.state.delete_schedule(other.name)
    scheduler = Scheduler(runtime.state, runtime.bus, wake=lambda: None)
    return runtime.state, scheduler, clock


def test_expressions():
    assert to_cron("daily 03:30") == "30 3 * * *"
    assert to_cron("*/15 * * * *") == "*/15 * * * *"
    for bad in ("daily 25:00", "every day", "* * *", "61 * * * *"):
        with pytest.raises(InvalidInput):
            to_cron(bad)
    assert next_after("*/15 * * * *", 1_800_000_000.0) - 1_800_000_000.0 <= 900


def test_fires_once_when_due_and_once_after_long_downtime(clocked):
    state, scheduler, clock = clocked
    scheduler.add("scan", "system.check", "*/15 * * * *")
    assert scheduler.tick() == 0
    clock.now += 15 * 60
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
    job = state.claim_next_job("me", 30, kinds=["system.check"])
    state.finish_job(job.id, "me")
    clock.now += 10 * 24 * 3600  # ten days down: 960 missed slots
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
    assert len(state.list_jobs(kind="system.check")) == 2


def test_a_waiting_run_is_not_stacked(clocked):
    state, scheduler, clock = clocked
    scheduler.add("scan", "system.check", "*/15 * * * *")
    for _ in range(3):
        clock.now += 15 * 60
        scheduler.tick()
    assert len(state.list_jobs(kind="system.check")) == 1


def test_no_double_fire_across_a_restart(clocked, runtime):
    state, scheduler, clock = clocked
    scheduler.add("scan", "system.check", "*/15 * * * *")
    clock.now += 15 * 60
    assert scheduler.tick() == 1
    restarted = Scheduler(state, runtime.bus, wake=lambda: None)
    assert restarted.tick() == 0


def test_backward_clock_jump_does_not_stall(clocked):
    state, scheduler, clock = clocked
    scheduler.add("scan", "system.check", "*/15 * * * *")
    clock.now -= 2 * 3600
    scheduler.tick()
    (schedule,) = state.list_schedules()
    assert schedule.next_run_at - clock.now <= 15 * 60
    clock.now = schedule.next_run_at
    assert scheduler.tick() == 1


def test_forward_jump_fires_once(clocked):
    state, scheduler, clock = clocked
    scheduler.add("scan", "system.check", "daily 03:00")
    clock.now += 2 * 24 * 3600 + 7200
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
