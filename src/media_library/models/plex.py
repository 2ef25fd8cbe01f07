"""Plex servers, libraries, path mappings and user mappings as the Plex source records them; the
items and parts a server lists, parsed; and the source's job kinds.

The job kinds and payloads live here (not in ``job_payloads.py``) so the source stays in its own
files; they follow the same rules (frozen dataclasses, a default on every later field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLEX_SYNC = "plex.sync"
LIBRARY_TYPES = ("movie", "show")  # the section types we import; music and photos are listed only


@dataclass(frozen=True)
class PlexSyncPayload:
    """``plex.sync``: one server, all its enabled libraries or one; ``force`` passes the
    mass-deletion guard; ``watched`` imports every mapped user's watched state (users mapped with
    ``keep_in_step`` are imported on every sync)."""

    server_id: int
    library_id: int | None = None
    force: bool = False
    watched: bool = False
    show_key: str | None = None  # import just this show (found by ``discover``) of ``library_id``


@dataclass(frozen=True)
class PlexServer:
    id: int
    name: str
    url: str
    token: str
    machine_id: str | None
    version: str | None
    enabled: bool
    last_sync_at: float | None
    created_at: float

    def to_public(self) -> dict[str, Any]:
        """The server without its token: only whether one is set."""
        return {"id": self.id, "name": self.name, "url": self.url, "token_set": bool(self.token),
                "machine_id": self.machine_id, "version": self.version, "enabled": self.enabled,
                "last_sync_at": self.last_sync_at, "created_at": self.created_at}


@dataclass(frozen=True)
class PlexLibrary:
    id: int
    server_id: int
    section_key: str
    title: str
    type: str
    agent: str | None
    locations: list[str]
    enabled: bool

    @property
    def importable(self) -> bool:
        return self.type in LIBRARY_TYPES

    def to_public(self, items: int = 0) -> dict[str, Any]:
        return {"id": self.id, "server_id": self.server_id, "section_key": self.section_key, "title": self.title,
                "type": self.type, "agent": self.agent, "locations": list(self.locations), "enabled": self.enabled,
                "importable": self.importable, "items": items}


@dataclass(frozen=True)
class PathMapping:
    id: int
    server_id: int
    library_id: int | None
    plex_prefix: str
    local_prefix: str

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "server_id": self.server_id, "library_id": self.library_id,
                "plex_prefix": self.plex_prefix, "local_prefix": self.local_prefix}


@dataclass(frozen=True)
class UserMap:
    id: int
    server_id: int
    plex_account_id: str
    plex_name: str
    token: str
    user_id: int
    keep_in_step: bool

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "server_id": self.server_id, "plex_account_id": self.plex_account_id,
                "plex_name": self.plex_name, "token_set": bool(self.token), "user_id": self.user_id,
                "keep_in_step": self.keep_in_step}


@dataclass(frozen=True)
class PlexPart:
    """One file of one Media version of an item, as Plex names it."""

    key: str
    version: int
    file: str
    size: int = 0
    duration_ms: int | None = None
    container: str | None = None
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class PlexItem:
    """A film, show or episode from a listing, with what we import of it."""

    rating_key: str
    kind: str  # movie | show | episode
    title: str
    stamp: int  # updatedAt, else addedAt: what an incremental sync compares
    guid: str | None = None
    ids: dict[str, str] = field(default_factory=dict)  # imdb / tmdb / tvdb / anidb / plex / local
    year: int | None = None
    summary: str | None = None
    original_title: str | None = None
    air_date: str | None = None
    duration_ms: int | None = None
    thumb: str | None = None
    show_key: str | None = None  # an episode's grandparentRatingKey
    show_title: str | None = None
    season: int | None = None
    episode: int | None = None
    view_count: int = 0
    view_offset_ms: int = 0
    last_viewed_at: int | None = None
    parts: tuple[PlexPart, ...] = ()


@dataclass(frozen=True)
class ResolvedPart:
    """A Part with its mapped local path (None: unmapped) and whether that path exists here."""

    part: PlexPart
    local_path: str | None
    exists: bool


@dataclass(frozen=True)
class WatchState:
    """One Plex user's state of one item, as our playback state takes it."""

    rating_key: str
    view_count: int
    view_offset_ms: int
    last_viewed_at: int | None
    duration_ms: int | None
