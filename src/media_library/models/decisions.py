"""Watch events, watch history, keep-or-stream rules and decisions as the decisions source records
them, and its job kinds (the ``models/job_payloads.py`` pattern: frozen dataclasses, a default on
every later field)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

WATCH_EVENT = "watch.event"        # record one webhook event and decide on it (jobs queued before watch.decide)
WATCH_DECIDE = "watch.decide"      # record and decide every webhook event waiting, in batches
RADARR_FOLLOW = "radarr.follow"    # follow one Radarr command of a decision to its end
WATCH_BACKFILL = "watch.backfill"  # import history from Jellystat or Jellyfin's PlayCount
KEEP_CLEANUP = "keep.cleanup"      # the leaving-soon list and the deletions after it

EVENT_TYPES = ("PlaybackStart", "PlaybackProgress", "PlaybackStop", "ItemAdded", "UserDataSaved")
DECIDING_TYPES = ("PlaybackStart", "PlaybackStop", "UserDataSaved")
ACTIONS = ("keep", "never", "stream")
VIAS = ("radarr", "download", "auto")  # how a keep is carried out: Radarr, our own downloader, or either
OVERRIDE_MODES = ("always_keep", "never_download")
BACKFILL_SOURCES = ("jellystat", "playcount", "plex")


@dataclass(frozen=True)
class WatchEventPayload:
    """``watch.event``: the stored webhook event to record and decide on."""

    event_id: int


@dataclass(frozen=True)
class DecidePayload:
    """``watch.decide``: no fields; it takes whatever events are waiting."""


@dataclass(frozen=True)
class FollowPayload:
    """``radarr.follow``: the decision whose Radarr command is followed."""

    decision_id: int


@dataclass(frozen=True)
class BackfillPayload:
    """``watch.backfill``: ``jellystat`` (its playback history), ``playcount`` (Jellyfin's UserData)
    or ``plex`` (the watch history of every enabled Plex server, for its mapped users)."""

    source: str = "jellystat"


@dataclass(frozen=True)
class CleanupPayload:
    """``keep.cleanup``: list unwatched keeps as leaving soon, delete those whose time is up.
    ``dry_run`` None: the ``decisions.dry_run`` setting."""

    dry_run: bool | None = None


@dataclass(frozen=True)
class WatchEvent:
    """One webhook delivery, normalised (``fields`` holds every key it sent)."""

    id: int
    event_key: str
    type: str
    user_id: str | None
    user_name: str | None
    item_id: str | None
    item_type: str | None
    fields: dict[str, Any]
    status: str
    received_at: float
    error: str | None = None
    claimed_at: float | None = None

    def to_public(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "fields"}


@dataclass(frozen=True)
class WatchRecord:
    """One playback of one item by one user (from an event, Jellystat or a PlayCount)."""

    id: int
    session_key: str
    user_id: str
    user_name: str | None
    item_id: str
    item_type: str | None
    title: str | None
    tmdb_id: int | None
    position_ticks: int
    runtime_ticks: int
    completion: float | None
    completed: bool
    source: str
    started_at: float
    watched_at: float

    def to_public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WatchWrite:
    """One change to the watch history, so a batch of events writes in one transaction: record the
    playback ``values`` under ``session_key``, after deleting the live row ``forget`` it closes;
    with ``finish_since``, complete the user's latest view of the item since then instead, and
    record this one only when there is none."""

    session_key: str
    values: dict[str, Any]
    forget: str | None = None
    finish_since: float | None = None


@dataclass(frozen=True)
class Rule:
    """A keep-or-stream rule a person edits: when ``condition`` (a tree over facts) holds, ``action``."""

    id: int
    name: str
    priority: int
    condition: dict[str, Any]
    action: str
    via: str = "auto"
    enabled: bool = True
    description: str = ""

    def to_public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Decision:
    id: int
    film_key: str
    item_id: str | None
    tmdb_id: int | None
    title: str
    user_name: str | None
    action: str
    rule_name: str
    reason: str
    facts: dict[str, Any]
    dry_run: bool
    outcome: str
    created_at: float
    updated_at: float
    event_id: int | None = None
    rule_id: int | None = None
    via: str = "auto"
    radarr_movie_id: int | None = None
    command_id: int | None = None
    command_status: str | None = None
    job_id: int | None = None
    error: str | None = None

    def to_public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Override:
    film_key: str
    mode: str
    title: str
    set_by: int | None
    created_at: float

    def to_public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LeavingFilm:
    """A kept film on the leaving-soon list (or already removed)."""

    film_key: str
    tmdb_id: int | None
    radarr_movie_id: int | None
    title: str
    rule_name: str
    last_watched_at: float | None
    listed_at: float
    delete_after: float
    status: str
    updated_at: float
    note: str = ""

    def to_public(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WhatIf:
    """A decision computed without being stored or acted on."""

    action: str
    rule_name: str
    reason: str
    facts: dict[str, Any] = field(default_factory=dict)
    via: str = "auto"

    def to_public(self) -> dict[str, Any]:
        return asdict(self)
