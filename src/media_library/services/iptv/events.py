"""The IPTV source's events, declared by ``sources/iptv.py`` and carried by the bus and Socket.IO
like the core events: an account changed (its sync status and progress) and a download's live
bytes, speed and ETA."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...events import ApiShapeEvent, Event


@dataclass(frozen=True)
class IptvAccountUpdated(ApiShapeEvent, name="iptv_account_updated", forwarded=True):
    """An account was tested, or its sync started, moved on or ended (the API's ``IptvAccount``)."""

    api_schema: ClassVar[str] = "IptvAccount"


@dataclass(frozen=True)
class IptvDownloadProgress(Event, name="iptv_download_progress", forwarded=True):
    """A download moved on or changed state: bytes so far, speed (bytes/s) and seconds left."""

    id: int
    status: str
    done_bytes: int
    total_bytes: int | None
    speed_bps: float
    eta_s: float | None
