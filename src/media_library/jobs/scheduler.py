"""Periodic jobs from 5-field cron expressions or ``daily HH:MM``, parsed by croniter.

Schedules live in the database (``state.jobs``). Each tick fires the due ones in one
transaction and moves them to their next slot after *now*: after downtime a missed run fires
once, not once per missed slot; a restart cannot fire one twice; a clock that jumps back
pulls the next run in instead of stalling (see ``fire_due_schedules``).
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import datetime

from croniter import croniter

from .. import events
from ..errors import InvalidInput

log = logging.getLogger(__name__)
_DAILY = re.compile(r"^daily\s+([01]?\d|2[0-3]):([0-5]\d)$", re.IGNORECASE)


def to_cron(expression: str) -> str:
    """``daily 03:30`` -> ``30 3 * * *``; a valid 5-field cron expression is returned as is."""
    text = " ".join(expression.split())
    daily = _DAILY.match(text)
    if daily:
        return f"{int(daily.group(2))} {int(daily.group(1))} * * *"
    if len(text.split(" ")) != 5 or not croniter.is_valid(text):
        raise InvalidInput(f"{expression!r} is not a schedule; use 5-field cron such as '*/15 * * * *' or 'daily HH:MM'")
    return text


def next_after(expression: str, now: float) -> float:
    """The first slot strictly after ``now`` (epoch seconds), in the server's local time."""
    start = datetime.fromtimestamp(now).astimezone()
    return croniter(to_cron(expression), start).get_next(float)


class Scheduler:
    def __init__(self, state, bus: events.EventBus, *, wake, tick_seconds: float = 30.0):
        self.state, self.bus, self.wake = state, bus, wake
        self.tick_seconds = tick_seconds
        self._stop = threading.Event()

    def add(self, name: str, kind: str, expression: str, payload: dict | None = None) -> None:
        to_cron(expression)  # validate before storing
        now = self.state.now()
        self.state.upsert_schedule(name, kind, expression, payload, next_run_at=next_after(expression, now))

    def tick(self) -> int:
        fired = self.state.fire_due_schedules(next_after)
        for schedule, job in fired:
            log.info("Schedule %s queued job %s (%s)", schedule.name, job.id, job.kind)
            self.bus.publish(events.JOB_UPDATED, job.to_public())
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
