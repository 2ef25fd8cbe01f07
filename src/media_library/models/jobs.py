"""Job and schedule records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JOB_STATUSES = ("queued", "running", "done", "failed", "cancelled", "interrupted")
FINAL_STATUSES = ("done", "failed", "cancelled")


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    payload: dict[str, Any]
    status: str
    progress: float
    message: str
    result: Any
    error: str | None
    attempts: int
    max_attempts: int
    priority: int
    run_after: float
    lease_owner: str | None
    lease_expires_at: float | None
    cancel_requested: bool
    idempotency_key: str | None
    parent_id: int | None
    created_by: int | None
    created_at: float
    started_at: float | None
    finished_at: float | None
    updated_at: float

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def to_public(self) -> dict[str, Any]:
        """What the API and Socket.IO show: no lease internals."""
        return {
            "id": self.id, "kind": self.kind, "payload": self.payload, "status": self.status,
            "progress": self.progress, "message": self.message, "result": self.result, "error": self.error,
            "attempts": self.attempts, "max_attempts": self.max_attempts, "priority": self.priority,
            "run_after": self.run_after, "cancel_requested": self.cancel_requested,
            "parent_id": self.parent_id, "created_at": self.created_at, "started_at": self.started_at,
            "finished_at": self.finished_at, "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Schedule:
    id: int
    name: str
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)
    expression: str = ""
    enabled: bool = True
    next_run_at: float | None = None
    last_run_at: float | None = None
    last_job_id: int | None = None
