"""The disc source's own event: ``disc_updated``, declared by ``sources/discs.py`` and carried by the
bus and Socket.IO like the core events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...events import ApiShapeEvent


@dataclass(frozen=True)
class DiscUpdated(ApiShapeEvent, name="disc_updated", forwarded=True):
    """A disc was seen, matched, confirmed, ripped or ejected (the API's ``Disc``)."""

    api_schema: ClassVar[str] = "Disc"
