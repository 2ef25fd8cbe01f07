"""The disc source's own event: ``disc_updated``, declared by ``sources/discs.py`` and carried by the
bus and Socket.IO like the core events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...events import Event


@dataclass(frozen=True)
class DiscUpdated(Event, name="disc_updated", forwarded=True):
    """A disc was seen, matched, confirmed, ripped or ejected (the API's disc shape)."""

    id: int
    origin: str
    label: str
    title_guess: str
    kind: str
    status: str
    candidates: list[dict[str, Any]]
    choice: dict[str, Any]
    confirm_deadline: float | None
    job_id: int | None
    progress: float
    message: str
    result: Any
    error: str | None
    created_at: float
    updated_at: float

    @classmethod
    def of(cls, disc: Any) -> DiscUpdated:
        """The event for a ``models.discs.Disc``: exactly what the API shows of it."""
        return cls(**disc.to_public())
