"""Periodic jobs from 5-field cron expressions or ``daily HH:MM`` (``services.schedules``).

Schedules live in the database (``state.jobs``). Each tick fires the due ones in one
transaction and moves them to their next slot after *now*: after downtime a missed run fires
once, not once per missed slot; a restart cannot fire one twice; a clock that jumps back
pulls the next run in instead of stalling (see ``fire_due_schedules``).
"""

from __future__ import annotations

import logging
import threading

from .. import events
from ..services.schedules import next_after, to_cron

__all__ = ["Scheduler", "next_after", "to_cron"]

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, state, bus: events.EventBus, *, wake, tick_seconds: float = 30.0):
        self.state, self.bus, self.wake = state, bus, wake
        self.tick_seconds = tick_seconds
        self._stop = threading.Event()

    def add(self, name: str, kind: str, expression: str, payload: dict | None = None) -> None:
        to_cron(expression)  # validate before storing
        now = self.state.now()
        self.state.upsert_schedule(name, kind, expression, payload, next_run_at=next_after(expression, now))

    def keep(self, name: str, kind: str, expression: str, payload: dict | None = None) -> None:
        """Keep schedule ``name`` in step with a setting: an empty ``expression`` removes it, a
        changed one replaces it, the same one leaves its next run alone."""
        existing = {s.name: s for s in self.state.list_schedules()}.get(name)
        if not expression:
            if existing is not None:
                self.state.delete_schedule(name)
            return
        if existing is None or existing.expression != expression:
            self.add(name, kind, expression, payload)

    def tick(self) -> int:
        fired = self.state.fire_due_schedules(next_after)
        for schedule, job in fired:
            log.info("Schedule %s queued job %s (%s)", schedule.name, job.id, job.kind)
            self.bus.publish(events.JobUpdated.of(job))
        if fired:
            self.wake()
        return len(fired)

    def run(self) -> None:
        while not self._stop.is_set():
            self.tick()
            upcoming = self.state.next_schedule_time()
            delay = self.tick_seconds if upcoming is None else min(self.tick_seconds, max(0.5, upcoming - self.state.now()))
            self._stop.wait(delay)

    def stop(self) -> None:
        self._stop.set()
