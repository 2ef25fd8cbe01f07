"""Automatic exports: after library changes (debounced, coalesced, one at a time) and on the
``strm.schedule`` (``daily HH:MM`` or cron, through the existing Scheduler).

Nothing is queued until ``auto_export_status`` is active (auto_run on, an output folder and a base
URL media servers can reach): a fresh install would otherwise fail one job per change.
A ``LibraryUpdated`` event (handled on the bus's background dispatcher, never on the publisher's
thread) queues one ``strm.export`` job under the idempotency key
``strm.export:auto`` that runs ``debounce_seconds`` after the *last* change of a burst: every
further change pushes the waiting job back to now + debounce (``state.postpone_job``), so a burst
makes one job that starts once the library has been quiet for ``debounce_seconds``. When that job
is already running, one follow-up (key ``strm.export:auto:next``) is queued so the changes that
came in during the run are exported too; more events coalesce into it and postpone it the same
way. The export itself holds a lock, so two jobs never write at once.

Must not: run exports itself (the job worker does), or raise from the event callback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from ... import events
from ...models.job_payloads import STRM_EXPORT, StrmExportPayload
from ...models.payloads import to_json
from .service import auto_export_status, effective_settings

log = logging.getLogger(__name__)
KIND = STRM_EXPORT
AUTO_KEY = "strm.export:auto"
FOLLOW_UP_KEY = "strm.export:auto:next"
SCHEDULE_NAME = "strm.export"


class StrmAutoExport:
    def __init__(self, settings, state, bus: events.EventBus, jobs, *, clock: Callable[[], float] = time.time):
        self.settings, self.state, self.bus, self.jobs, self.clock = settings, state, bus, jobs, clock
        self._unsubscribe: Callable[[], None] | None = None

    def start(self) -> StrmAutoExport:
        self._unsubscribe = self.bus.subscribe(self._on_event, background=True)
        return self

    def stop(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.LibraryUpdated):
            return
        try:
            if auto_export_status(self.settings, effective_settings(self.settings, self.state))["active"]:
                self.request()
        except Exception:  # an event callback must never raise into the publisher
            log.exception("Could not queue the automatic STRM export")

    def request(self):
        """Queue the debounced export, or push the one already waiting back to now + debounce;
        returns the job that will run it."""
        strm = effective_settings(self.settings, self.state)
        run_after = self.clock() + max(0.0, strm.debounce_seconds)
        waiting = self._waiting()
        if waiting is not None:
            postponed = self.state.postpone_job(waiting.id, run_after)
            if postponed is not None:
                return postponed  # coalesced: one job, started once the burst is over
        payload = StrmExportPayload(auto=True)
        job, _ = self.jobs.enqueue(KIND, payload, idempotency_key=AUTO_KEY, run_after=run_after)
        if job.status == "running":
            job, _ = self.jobs.enqueue(KIND, payload, idempotency_key=FOLLOW_UP_KEY, run_after=run_after)
        return job

    def _waiting(self):
        """The automatic export still queued (the first one or the follow-up), if any."""
        for queued in self.state.list_jobs(kind=KIND, status="queued", limit=20):
            if queued.idempotency_key in (AUTO_KEY, FOLLOW_UP_KEY):
                return queued
        return None


def install_schedule(settings, state, scheduler) -> None:
    """Keep the ``strm.export`` schedule in step with ``strm.schedule`` (empty removes it)."""
    expression = effective_settings(settings, state).schedule
    scheduler.keep(SCHEDULE_NAME, KIND, expression, to_json(StrmExportPayload(scheduled=True)))


def install_strm_auto(settings, state, bus, jobs, scheduler) -> StrmAutoExport:
    """What the runtime calls once at build time: subscribe to library changes, set the schedule."""
    install_schedule(settings, state, scheduler)
    return StrmAutoExport(settings, state, bus, jobs).start()
