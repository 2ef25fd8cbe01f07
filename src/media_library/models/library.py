"""Library items of every kind, their files, artwork, match candidates and playback state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MEDIA_KINDS = (
    "movie", "show", "season", "episode", "artist", "album", "track",
    "video", "podcast_episode", "article", "book", "unknown",
)


@dataclass(frozen=True)
class MediaFile:
    id: int
    media_id: str | None
    path: str
    size: int
    mtime: float
    duration_s: float | None = None
    container: str | None = None
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None
    audio_codecs: list[str] = field(default_factory=list)
    tech: dict[str, Any] = field(default_factory=dict)
    missing: bool = False


@dataclass(frozen=True)
class Artwork:
    media_id: str
    kind: str
    path: str
    source_url: str | None = None


@dataclass(frozen=True)
class Candidate:
    rank: int
    provider: str
    provider_id: str
    kind: str
    title: str
    year: int | None
    runtime_minutes: float | None
    poster_url: str | None
    score: float
    overview: str = ""  # shown in the identify dialog; not stored with an item's candidates


TMDB_IMAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}\.(?:jpg|jpeg|png|webp)")


def proxied_poster(url: str | None) -> str | None:
    """A TMDb poster URL as the app loads it: from our own origin (``/api/posters/<file>``, fetched
    once through TMDb and cached), so the browser never contacts TMDb; None when it is no TMDb image."""
    name = url.rsplit("/", 1)[-1] if isinstance(url, str) else ""
    return f"/api/posters/{name}" if TMDB_IMAGE_NAME.fullmatch(name) else None


@dataclass(frozen=True)
class MediaItem:
    id: str
    kind: str
    title: str
    parent_id: str | None = None
    sort_title: str = ""
    original_title: str | None = None
    year: int | None = None
    overview: str | None = None
    season_number: int | None = None
    episode_number: int | None = None
    episode_end: int | None = None
    air_date: str | None = None
    runtime_minutes: float | None = None
    genres: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    status: str = "new"
    confidence: float | None = None
    match_locked: bool = False
    added_at: float = 0.0
    updated_at: float = 0.0
    external_ids: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Playback:
    user_id: int
    media_id: str
    position_s: float
    duration_s: float | None
    watched: bool
    play_count: int
    updated_at: float
