"""The download source's own event: ``download_updated``, declared by ``sources/downloads.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...events import ApiShapeEvent


@dataclass(frozen=True)
class DownloadUpdated(ApiShapeEvent, name="download_updated", forwarded=True):
    """A download was queued, started, finished, failed, skipped or cancelled (the API's ``Download``)."""

    api_schema: ClassVar[str] = "Download"
