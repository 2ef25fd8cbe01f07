"""Queueing and controlling jobs from any front end (web, CLI, other services).

The worker and the registry live in a higher layer; they hand in ``parse_payload`` (kind and
JSON → the kind's payload dataclass, ``InvalidInput`` naming the field otherwise), ``wake`` and
``stop_running``, so that a malformed payload is refused before anything is stored, a job added
here starts at once and a cancel reaches a running handler at once.

``cancel`` is the one way to cancel a job: a queued or interrupted one ends at once; a running
one is flagged in the database (so a worker in another process notices it at its next heartbeat)
and, when it runs in this process, stopped now through ``stop_running``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from .. import events
from ..models import Job
from ..models.payloads import to_json


class JobService:
    def __init__(self, state, bus: events.EventBus, *, known_kinds: Callable[[], list[str]],
                 parse_payload: Callable[[str, Mapping[str, Any]], Any], max_attempts: int = 3,
                 wake: Callable[[], None] = lambda: None, stop_running: Callable[[int], bool] = lambda job_id: False):
        self.state, self.bus = state, bus
        self.known_kinds = known_kinds
        self.parse_payload = parse_payload
        self.max_attempts = max_attempts
        self.wake = wake
        self.stop_running = stop_running

    def enqueue(self, kind: str, payload: Any = None, *, priority: int = 0,
                idempotency_key: str | None = None, created_by: int | None = None,
                parent_id: int | None = None, run_after: float | None = None, max_attempts: int | None = None) -> tuple[Job, bool]:
        """Queue a job durably (committed before this returns) and wake a worker.

        ``payload`` is the kind's dataclass (``models/job_payloads.py``) or its JSON form; either
        is parsed first, and a malformed one raises ``InvalidInput`` naming the field.
        """
        self.state.validate_job_kind(kind, self.known_kinds())
        job, created = self.state.add_job(
            kind, self.stored_payload(kind, payload), priority=priority, idempotency_key=idempotency_key,
            created_by=created_by, parent_id=parent_id, run_after=run_after, max_attempts=max_attempts or self.max_attempts,
        )
        if created:
            self.bus.publish(events.JobUpdated.of(job))
            self.wake()
        return job, created

    def stored_payload(self, kind: str, payload: Any) -> dict[str, Any]:
        """The JSON kept for ``payload``: parsed as ``kind``'s dataclass, defaults filled in."""
        if dataclasses.is_dataclass(payload) and not isinstance(payload, type):
            payload = to_json(payload)
        return to_json(self.parse_payload(kind, {} if payload is None else payload))

    def cancel(self, job_id: int) -> Job:
        """Cancel a job; see the module docstring."""
        job = self.state.cancel_job(job_id)
        if job.status == "running":
            self.stop_running(job_id)
        self.bus.publish(events.JobUpdated.of(job))
        return job

    def retry(self, job_id: int) -> Job:
        job = self.state.retry_job(job_id)
        self.bus.publish(events.JobUpdated.of(job))
        self.wake()
        return job
