"""The STRM export's manifest rows: which file under which output root the export owns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ManifestRow:
    """One file the export wrote. ``path`` is relative to the root, ``/``-separated.

    ``size``/``mtime_ns`` are None while the row is only an intent (recorded before the write).
    ``source_hash`` fingerprints what the content was rendered from, so an unchanged item is
    skipped without rendering it again.
    """

    path: str
    item_key: str
    content_hash: str
    source_hash: str = ""
    url: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    written_at: float = 0.0
