"""Disc records: a disc seen in a drive or the watch folder, what it was matched to, its rip."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DISC_KINDS = ("dvd", "bluray", "audio_cd", "data")
DISC_STATUSES = ("waiting", "ripped_before", "confirmed", "ripping", "done", "failed", "unsupported", "ejected")


@dataclass(frozen=True)
class Disc:
    id: int
    fingerprint: str
    origin: str  # local | remote (announced by a monitor-mode process)
    remote_key: str | None
    source: str
    device: str | None
    label: str
    title_guess: str
    kind: str
    status: str
    candidates: list[dict[str, Any]] = field(default_factory=list)
    choice: dict[str, Any] = field(default_factory=dict)
    confirm_deadline: float | None = None
    job_id: int | None = None
    progress: float = 0.0
    message: str = ""
    result: Any = None
    error: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        """What the app and Socket.IO see (no server paths of the source)."""
        return {
            "id": self.id, "origin": self.origin, "label": self.label, "title_guess": self.title_guess,
            "kind": self.kind, "status": self.status, "candidates": self.candidates, "choice": self.choice,
            "confirm_deadline": self.confirm_deadline, "job_id": self.job_id, "progress": self.progress,
            "message": self.message, "result": self.result, "error": self.error,
            "created_at": self.created_at, "updated_at": self.updated_at,
        }  # fmt: skip
