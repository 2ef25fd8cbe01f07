"""Downloads and the download archive (the only place with their SQL).

A playlist's entries are rows with ``parent_id``; ``list_downloads`` returns top-level rows,
``list_download_children`` a playlist's entries in ``position`` order. The archive is keyed by
``<extractor> <video id>``; recording an entry again (a re-download of a deleted file) replaces it.
Subscriptions remember every entry they met (``subscription_seen``), downloaded or passed over.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update

from ..db.downloads import (
    download_archive,
    download_subscriptions,
    downloads,
    playlist_tracks,
    playlists,
    subscription_seen,
)
from ..db.schema import playback
from ..errors import InvalidInput, NotFound
from ..models.downloads import (
    DOWNLOAD_STATUSES,
    ArchiveEntry,
    Download,
    Playlist,
    PlaylistTrack,
    Subscription,
)

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

    # --- subscriptions -----------------------------------------------------------------------------
    def add_subscription(self, url: str, name: str, preset: str, schedule: str, **fields: Any) -> Subscription:
        values = {"url": url, "name": name, "preset": preset, "schedule": schedule, **fields}
        with self.db.write() as conn:
            if conn.execute(select(download_subscriptions.c.id).where(download_subscriptions.c.url == url)).first():
                raise InvalidInput(f"{url} is already a subscription")
            row = conn.execute(download_subscriptions.insert().values(created_at=self.now(), **values)
                               .returning(*download_subscriptions.c)).one()
        return Subscription(**row._mapping)

    def get_subscription(self, subscription_id: int) -> Subscription:
        with self.db.read() as conn:
            row = conn.execute(select(download_subscriptions).where(download_subscriptions.c.id == subscription_id)).first()
        if row is None:
            raise NotFound(f"subscription {subscription_id} does not exist")
        return Subscription(**row._mapping)

    def list_subscriptions(self) -> list[Subscription]:
        with self.db.read() as conn:
            rows = conn.execute(select(download_subscriptions).order_by(download_subscriptions.c.name))
            return [Subscription(**r._mapping) for r in rows]

    def subscription_checked(self, subscription_id: int) -> None:
        with self.db.write() as conn:
            conn.execute(update(download_subscriptions).where(download_subscriptions.c.id == subscription_id)
                         .values(last_checked_at=self.now()))

    def delete_subscription(self, subscription_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(delete(download_subscriptions).where(download_subscriptions.c.id == subscription_id)).rowcount:
                raise NotFound(f"subscription {subscription_id} does not exist")

    def mark_seen(self, subscription_id: int, keys: Iterable[str]) -> list[str]:
        """Record ``keys`` as met by the subscription; returns the ones it had not met before, in order."""
        fresh: list[str] = []
        with self.db.write() as conn:
            known = set(conn.execute(select(subscription_seen.c.entry_key)
                                     .where(subscription_seen.c.subscription_id == subscription_id)).scalars())
            for key in dict.fromkeys(keys):
                if key not in known:
                    conn.execute(subscription_seen.insert().values(subscription_id=subscription_id, entry_key=key,
                                                                   seen_at=self.now()))
                    fresh.append(key)
        return fresh

    def list_subscription_downloads(self, subscription_id: int, *, status: str = "done") -> list[Download]:
        """A subscription's downloads in ``status`` that still have their item, newest first."""
        query = (select(downloads).where(downloads.c.subscription_id == subscription_id, downloads.c.status == status,
                                         downloads.c.media_id.is_not(None))
                 .order_by(downloads.c.created_at.desc(), downloads.c.id.desc()))
        with self.db.read() as conn:
            return [_download(r) for r in conn.execute(query)]

    def watched_media(self, media_ids: Iterable[str]) -> set[str]:
        """Which of ``media_ids`` anyone has watched."""
        query = select(playback.c.media_id).where(playback.c.media_id.in_(list(media_ids)), playback.c.watched.is_(True))
        with self.db.read() as conn:
            return set(conn.execute(query).scalars())

    # --- imported playlists --------------------------------------------------------------------------
    def add_playlist(self, name: str, source: str, tracks: Iterable[PlaylistTrack], *, user_id: int | None) -> Playlist:
        with self.db.write() as conn:
            row = conn.execute(playlists.insert().values(name=name, source=source, user_id=user_id, created_at=self.now())
                               .returning(*playlists.c)).one()
            for track in tracks:
                conn.execute(playlist_tracks.insert().values(playlist_id=row.id, **track.to_public()))
        return Playlist(**row._mapping)

    def get_playlist(self, playlist_id: int) -> Playlist:
        with self.db.read() as conn:
            row = conn.execute(select(playlists).where(playlists.c.id == playlist_id)).first()
        if row is None:
            raise NotFound(f"playlist {playlist_id} does not exist")
        return Playlist(**row._mapping)

    def list_playlists(self) -> list[Playlist]:
        with self.db.read() as conn:
            return [Playlist(**r._mapping) for r in conn.execute(select(playlists).order_by(playlists.c.id.desc()))]

    def list_playlist_tracks(self, playlist_id: int) -> list[PlaylistTrack]:
        query = (select(*[c for c in playlist_tracks.c if c.name != "playlist_id"])
                 .where(playlist_tracks.c.playlist_id == playlist_id).order_by(playlist_tracks.c.position))
        with self.db.read() as conn:
            return [PlaylistTrack(**r._mapping) for r in conn.execute(query)]
