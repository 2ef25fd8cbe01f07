"""Downloads and the download archive (the only place with their SQL).

A playlist's entries are rows with ``parent_id``; ``list_downloads`` returns top-level rows,
``list_download_children`` a playlist's entries in ``position`` order. The archive is keyed by
``<extractor> <video id>``; recording an entry again (a re-download of a deleted file) replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update

from ..db.downloads import download_archive, downloads
from ..errors import InvalidInput, NotFound
from ..models.downloads import DOWNLOAD_STATUSES, ArchiveEntry, Download

_FIELDS = {c.name for c in downloads.c} - {"id", "created_at", "updated_at"}


def _download(row) -> Download:
    return Download(**row._mapping)


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _FIELDS
    if unknown:
        raise InvalidInput(f"unknown download field(s): {', '.join(sorted(unknown))}")
    if "status" in values and values["status"] not in DOWNLOAD_STATUSES:
        raise InvalidInput(f"unknown download status {values['status']!r}")
    return values


class DownloadsRepository:
    def add_download(self, url: str, preset: str, **fields: Any) -> Download:
        now = self.now()
        values = _checked({"url": url, "preset": preset, **fields})
        with self.db.write() as conn:
            row = conn.execute(downloads.insert().values(created_at=now, updated_at=now, **values)
                               .returning(*downloads.c)).one()
        return _download(row)

    def get_download(self, download_id: int) -> Download:
        with self.db.read() as conn:
            row = conn.execute(select(downloads).where(downloads.c.id == download_id)).first()
        if row is None:
            raise NotFound(f"download {download_id} does not exist")
        return _download(row)

    def list_downloads(self, *, limit: int = 100) -> list[Download]:
        """Top-level downloads (single videos and playlists), newest first."""
        query = (select(downloads).where(downloads.c.parent_id.is_(None))
                 .order_by(downloads.c.id.desc()).limit(max(1, min(limit, 500))))
        with self.db.read() as conn:
            return [_download(r) for r in conn.execute(query)]

    def list_download_children(self, parent_id: int) -> list[Download]:
        query = select(downloads).where(downloads.c.parent_id == parent_id).order_by(downloads.c.position, downloads.c.id)
        with self.db.read() as conn:
            return [_download(r) for r in conn.execute(query)]

    def update_download(self, download_id: int, *, only_if_status: Iterable[str] | None = None,
                        **fields: Any) -> Download | None:
        """Change a download; with ``only_if_status`` nothing happens (None) unless it is in one of them."""
        stmt = update(downloads).where(downloads.c.id == download_id)
        if only_if_status is not None:
            stmt = stmt.where(downloads.c.status.in_(list(only_if_status)))
        with self.db.write() as conn:
            row = conn.execute(stmt.values(updated_at=self.now(), **_checked(fields)).returning(*downloads.c)).first()
        if row is None and only_if_status is None:
            raise NotFound(f"download {download_id} does not exist")
        return _download(row) if row else None

    # --- the archive -------------------------------------------------------------------------------
    def get_archived(self, key: str) -> ArchiveEntry | None:
        with self.db.read() as conn:
            row = conn.execute(select(download_archive).where(download_archive.c.key == key)).first()
        return ArchiveEntry(**row._mapping) if row else None

    def record_archived(self, key: str, *, url: str, title: str, media_id: str | None, path: str) -> ArchiveEntry:
        values = {"url": url, "title": title, "media_id": media_id, "path": path, "downloaded_at": self.now()}
        stmt = self.db.backend.insert(download_archive).values(key=key, **values)
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[download_archive.c.key], set_=values))
        return ArchiveEntry(key=key, **values)
