"""Podcasts and their episodes as the podcast source records them, and its job kinds.

The job kinds and payloads live here rather than in ``job_payloads.py`` so the source stays in
its own files; they follow the same rules (frozen dataclasses, a default on every later field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PODCAST_REFRESH = "podcast.refresh"
PODCAST_DOWNLOAD = "podcast.download"
DOWNLOAD_MODES = ("all", "latest", "none")


@dataclass(frozen=True)
class PodcastPayload:
    """``podcast.refresh``: fetch one feed; ``scheduled`` runs honour the feed's backoff."""

    podcast_id: int
    scheduled: bool = False


@dataclass(frozen=True)
class EpisodePayload:
    """``podcast.download``: download and publish one episode's enclosure."""

    episode_id: int


@dataclass(frozen=True)
class Podcast:
    id: int
    feed_url: str
    title: str
    description: str | None
    image_url: str | None
    etag: str | None
    last_modified: str | None
    last_checked_at: float | None
    created_at: float
    author: str | None = None
    link: str | None = None
    download_mode: Literal["all", "latest", "none"] = "none"
    download_latest: int = 3
    keep_count: int | None = None
    delete_played_days: float | None = None
    schedule: str = ""
    notify: bool = False
    failures: int = 0
    last_error: str | None = None
    retry_at: float | None = None

    def to_public(self, counts: dict[str, int] | None = None) -> dict[str, Any]:
        """What the app sees (the conditional-GET validators stay on the server)."""
        return {
            "id": self.id, "feed_url": self.feed_url, "title": self.title, "description": self.description,
            "image_url": self.image_url, "author": self.author, "link": self.link,
            "download_mode": self.download_mode, "download_latest": self.download_latest,
            "keep_count": self.keep_count, "delete_played_days": self.delete_played_days,
            "schedule": self.schedule, "notify": self.notify, "failures": self.failures,
            "last_error": self.last_error, "retry_at": self.retry_at, "last_checked_at": self.last_checked_at,
            "created_at": self.created_at, "episodes": (counts or {}).get("episodes", 0),
            "unplayed": (counts or {}).get("unplayed", 0),
        }  # fmt: skip


@dataclass(frozen=True)
class Episode:
    id: int
    podcast_id: int
    guid: str
    title: str
    published_at: float | None
    enclosure_url: str | None
    duration_s: float | None
    media_id: str | None
    downloaded: bool
    description: str | None = None
    link: str | None = None
    enclosure_type: str | None = None
    enclosure_size: int | None = None
    image_url: str | None = None
    season: int | None = None
    episode: int | None = None
    chapters_url: str | None = None
    chapters: list[dict[str, Any]] | None = None
    transcripts: list[dict[str, Any]] = field(default_factory=list)
    file_path: str | None = None
    starred: bool = False
    played_at: float | None = None
    download_error: str | None = None
    deleted_at: float | None = None
    created_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        """What the app sees: no server path, only whether a local copy exists (``media_id``)."""
        return {
            "id": self.id, "podcast_id": self.podcast_id, "guid": self.guid, "title": self.title,
            "published_at": self.published_at, "duration_s": self.duration_s, "description": self.description,
            "link": self.link, "enclosure_url": self.enclosure_url, "enclosure_type": self.enclosure_type,
            "enclosure_size": self.enclosure_size, "image_url": self.image_url, "season": self.season,
            "episode": self.episode, "chapters": self.chapters or [], "transcripts": self.transcripts,
            "media_id": self.media_id, "downloaded": self.downloaded, "starred": self.starred,
            "played": self.played_at is not None, "played_at": self.played_at,
            "download_error": self.download_error, "deleted": self.deleted_at is not None,
        }  # fmt: skip
