"""Queueing and controlling jobs from any front end (web, CLI, other services).

The worker lives in a higher layer; it hands in ``wake`` and ``cancel_local`` so that a job
added here starts at once and a cancel reaches a running handler at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import events
from ..models import Job


class JobService:
    def __init__(self, state, bus: events.EventBus, *, known_kinds: Callable[[], list[str]],
                 max_attempts: int = 3, wake: Callable[[], None] = lambda: None,
                 cancel_local: Callable[[int], bool] = lambda job_id: False):
        self.state, self.bus = state, bus
        self.known_kinds = known_kinds
        self.max_attempts = max_attempts
        self.wake = wake
        self.cancel_local = cancel_local

    def enqueue(self, kind: str, payload: dict[str, Any] | None = None, *, priority: int = 0,
                idempotency_key: str | None = None, created_by: int | None = None,
                parent_id: int | None = None, run_after: float | None = None, max_attempts: int | None = None) -> tuple[Job, bool]:
        """Queue a job durably (committed before this returns) and wake a worker."""
        self.state.validate_job_kind(kind, self.known_kinds())
        job, created = self.state.add_job(
            kind, payload or {}, priority=priority, idempotency_key=idempotency_key, created_by=created_by,
            parent_id=parent_id, run_after=run_after, max_attempts=max_attempts or self.max_attempts,
        )
        if created:
            self.bus.publish(events.JobUpdated.of(job))
            self.wake()
        return job, created

    def cancel(self, job_id: int) -> Job:
        job = self.state.cancel_job(job_id)
        if job.status == "running":
            self.cancel_local(job_id)
        self.bus.publish(events.JobUpdated.of(job))
        return job

    def retry(self, job_id: int) -> Job:
        job = self.state.retry_job(job_id)
        self.bus.publish(events.JobUpdated.of(job))
        self.wake()
        return job
