"""Disc records: a disc seen in a drive or the watch folder, what it was matched to, its rip.

A disc's rip status follows its job (``follow_job``): a disc whose job was interrupted by a
killed daemon, failed, was cancelled or was queued again by Retry says so, whatever the last
progress report written on the disc said.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .library import proxied_poster

DISC_KINDS = ("dvd", "bluray", "audio_cd", "data")
DISC_STATUSES = ("waiting", "ripped_before", "review", "confirmed", "imaging", "ejected", "ripping", "interrupted",
                 "done", "failed", "unsupported")
# Eject early (disc.eject_early): "imaging" while the disc is copied to an image, then "ejected"
# while the rip encodes from that image; otherwise "ripping".
RIP_STATUSES = ("confirmed", "imaging", "ejected", "ripping", "interrupted", "failed")  # a job of the disc decides these
INTERRUPTED_MESSAGE = "interrupted: the daemon stopped during the rip; press Retry on its job"


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
        """What the app and Socket.IO see (no server paths of the source; posters from our origin)."""
        return {
            "id": self.id, "origin": self.origin, "label": self.label, "title_guess": self.title_guess,
            "kind": self.kind, "status": self.status, "choice": self.choice,
            "candidates": [{**c, "poster_url": proxied_poster(c.get("poster_url"))} for c in self.candidates],
            "confirm_deadline": self.confirm_deadline, "job_id": self.job_id, "progress": self.progress,
            "message": self.message, "result": self.result, "error": self.error,
            "created_at": self.created_at, "updated_at": self.updated_at,
        }  # fmt: skip


def follow_job(disc: Disc, job_status: str | None, job_error: str | None = None) -> Disc:
    """``disc`` as its job ``job_status`` says it is (unchanged when the job does not decide it)."""
    if job_status is None or disc.status not in RIP_STATUSES:
        return disc
    if job_status == "interrupted":
        return replace(disc, status="interrupted", message=INTERRUPTED_MESSAGE, progress=0.0)
    if job_status == "failed":
        return replace(disc, status="failed", message="failed", error=job_error or disc.error or "the rip failed")
    if job_status == "cancelled":
        return replace(disc, status="failed", message="failed", error="cancelled")
    if job_status == "queued" and disc.status != "confirmed":
        return replace(disc, status="confirmed", message="queued again", progress=0.0, error=None)
    if job_status == "running" and disc.status in ("interrupted", "failed"):  # Retry started it again
        return replace(disc, status="ripping", message="starting again", progress=0.0, error=None)
    return disc
