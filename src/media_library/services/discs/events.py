"""The disc source's own event: ``disc_updated``, declared by ``sources/discs.py`` and carried by the
bus and Socket.IO like the core events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ...events import Event


@dataclass(frozen=True)
class DiscUpdated(Event, name="disc_updated", forwarded=True):
    """A disc was seen, matched, confirmed, ripped or ejected.

    Its payload is the disc exactly as the API shows it (``models.discs.Disc.to_public()``, the
    OpenAPI schema ``Disc``)."""

    disc: dict[str, Any]
    api_schema: ClassVar[str] = "Disc"

    def payload(self) -> dict[str, Any]:
        return dict(self.disc)

    @classmethod
    def of(cls, disc: Any) -> DiscUpdated:
        """The event for a ``models.discs.Disc``."""
        return cls(disc.to_public())
