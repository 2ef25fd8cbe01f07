"""Download records: a URL asked for (one video, or a playlist's row with a child per entry), and
the archive of what was downloaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DOWNLOAD_STATUSES = ("queued", "running", "done", "failed", "skipped", "cancelled", "playlist")
FINISHED_STATUSES = ("done", "failed", "skipped", "cancelled")


@dataclass(frozen=True)
class Download:
    id: int
    url: str
    preset: str
    status: str
    parent_id: int | None = None
    position: int | None = None
    playlist_index: int | None = None
    job_id: int | None = None
    user_id: int | None = None
    title: str = ""
    archive_key: str | None = None
    media_id: str | None = None
    collection_id: int | None = None
    subscription_id: int | None = None
    message: str = ""
    error: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "preset": self.preset, "status": self.status,
                "parent_id": self.parent_id, "position": self.position, "job_id": self.job_id, "title": self.title,
                "media_id": self.media_id, "collection_id": self.collection_id, "subscription_id": self.subscription_id, "message": self.message,
                "error": self.error, "created_at": self.created_at, "updated_at": self.updated_at}


@dataclass(frozen=True)
class ArchiveEntry:
    key: str  # "<extractor> <video id>", lower-case extractor as yt-dlp's own archive writes it
    url: str
    title: str
    media_id: str | None
    path: str
    downloaded_at: float


@dataclass(frozen=True)
class Subscription:
    """A channel or playlist checked on a schedule: what to take (filters) and what to keep (retention)."""

    id: int
    url: str
    name: str
    preset: str
    schedule: str
    enabled: bool = True
    only_new: bool = True
    date_after: str | None = None
    title_include: str = ""
    title_exclude: str = ""
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    include_shorts: bool = True
    include_live: bool = False
    keep_last: int | None = None
    keep_days: int | None = None
    keep_watched: bool = True
    user_id: int | None = None
    last_checked_at: float | None = None
    created_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "user_id"}


@dataclass(frozen=True)
class PlaylistTrack:
    """One track of an imported playlist; ``media_id`` is its match in the music library (None: missing)."""

    position: int
    title: str
    artist: str = ""
    album: str = ""
    duration_s: float | None = None
    mbid: str | None = None
    media_id: str | None = None

    def to_public(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Playlist:
    id: int
    name: str
    source: str
    user_id: int | None = None
    created_at: float = 0.0
