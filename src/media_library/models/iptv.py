"""The IPTV source's records (accounts, catalog rows, downloads, tracked series) and its job kinds.

The job kinds and payloads live here rather than in ``job_payloads.py`` so the source stays in
its own files; they follow the same rules (frozen dataclasses, a default on every later field).
An account's password is a field of ``IptvAccount`` for the server's use; ``to_public`` never
carries it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

IPTV_SYNC = "iptv.sync"
IPTV_DOWNLOAD = "iptv.download"
IPTV_TRACK_CHECK = "iptv.track_check"
TRACK_MODES = ("all", "from_season", "new")
DOWNLOAD_STATES = ("queued", "downloading", "paused", "done", "failed", "cancelled")


@dataclass(frozen=True)
class SyncPayload:
    """``iptv.sync``: sync one account's catalog (live, VOD, series)."""

    account_id: int


@dataclass(frozen=True)
class DownloadPayload:
    """``iptv.download``: fetch one film or episode and publish it."""

    download_id: int


@dataclass(frozen=True)
class TrackCheckPayload:
    """``iptv.track_check``: look for new episodes of tracked series (one account, or all: 0)."""

    account_id: int = 0


@dataclass(frozen=True)
class IptvAccount:
    id: int
    name: str
    base_url: str
    username: str
    password: str = field(repr=False)
    status: str | None = None
    expires_at: float | None = None
    max_connections: int = 1
    active_connections: int = 0
    checked_at: float | None = None
    sync_status: Literal["idle", "syncing", "error"] = "idle"
    sync_error: str | None = None
    synced_at: float | None = None
    sync_report: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        """What the app sees: the user name, never the password."""
        return {
            "id": self.id, "name": self.name, "base_url": self.base_url, "username": self.username,
            "status": self.status, "expires_at": self.expires_at, "max_connections": self.max_connections,
            "active_connections": self.active_connections, "checked_at": self.checked_at,
            "sync_status": self.sync_status, "sync_error": self.sync_error, "synced_at": self.synced_at,
            "sync_report": self.sync_report, "created_at": self.created_at,
        }  # fmt: skip


@dataclass(frozen=True)
class CatalogItem:
    """A live channel, a film or a series, as every panel's answer reduces to it
    (``clients/xtream.py`` parses it; a catalog row stores it)."""

    stream_id: str
    name: str
    raw_name: str = ""
    category_id: str | None = None
    year: int | None = None
    language: str | None = None
    icon: str | None = None
    rating: float | None = None
    tmdb_id: str | None = None
    container: str | None = None
    added: int | None = None
    plot: str | None = None
    cast: str | None = None
    director: str | None = None
    genre: str | None = None
    epg_channel_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class IptvStream(CatalogItem):
    """A catalog row: an item of one account's section, with the asking user's favorite mark."""

    account_id: int
    section: str
    favorite: bool = False

    def to_public(self) -> dict[str, Any]:
        return {"account_id": self.account_id, "section": self.section, "favorite": self.favorite,
                **{k: v for k, v in vars(self).items() if k not in ("account_id", "section", "favorite", "raw_name")}}


@dataclass(frozen=True)
class EpisodeItem:
    """An episode of a series, as every panel's ``get_series_info`` reduces to it."""

    episode_id: str
    season: int
    episode_num: int | None
    title: str
    container: str | None = None
    tmdb_id: str | None = None
    plot: str | None = None
    duration_s: int | None = None
    image: str | None = None
    added: int | None = None


@dataclass(frozen=True, kw_only=True)
class IptvEpisode(EpisodeItem):
    """A stored episode: of which account and series."""

    account_id: int
    series_id: str

    def to_public(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class IptvDownload:
    id: int
    account_id: int
    kind: Literal["movie", "episode"]
    stream_id: str
    title: str
    container: str = "mp4"
    series_id: str | None = None
    tmdb_id: str | None = None
    year: int | None = None
    season: int | None = None
    episode_num: int | None = None
    status: str = "queued"
    job_id: int | None = None
    total_bytes: int | None = None
    done_bytes: int = 0
    segments: list[list[int]] = field(default_factory=list)
    validator: str | None = None
    error: str | None = None
    media_id: str | None = None
    path: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    retry: dict[str, Any] | None = None  # while ``retrying``: attempt, max_attempts, next_try_at (from its job)

    def to_public(self) -> dict[str, Any]:
        """What the app sees: no server path, no segment bookkeeping."""
        return {
            "id": self.id, "account_id": self.account_id, "kind": self.kind, "stream_id": self.stream_id,
            "title": self.title, "series_id": self.series_id, "tmdb_id": self.tmdb_id, "season": self.season,
            "episode_num": self.episode_num, "status": self.status, "job_id": self.job_id,
            "total_bytes": self.total_bytes, "done_bytes": self.done_bytes, "error": self.error,
            "media_id": self.media_id, "created_at": self.created_at, "updated_at": self.updated_at,
            "retry": self.retry,
        }  # fmt: skip


def follow_job(download: IptvDownload, job: Mapping[str, Any] | None) -> IptvDownload:
    """``download`` as its job says it is: an attempt that ended in an error the job system tries
    again (its job is ``queued`` again after at least one attempt) reads ``retrying``, with the
    attempt that failed and when the next one starts, not ``failed``."""
    if not job or job.get("status") != "queued" or not job.get("attempts") or not download.error:
        return download
    if download.status not in ("failed", "queued"):
        return download
    retry = {"attempt": job["attempts"], "max_attempts": job["max_attempts"], "next_try_at": job["run_after"]}
    return replace(download, status="retrying", retry=retry)


@dataclass(frozen=True)
class TrackedSeries:
    account_id: int
    series_id: str
    mode: Literal["all", "from_season", "new"] = "all"
    from_season: int | None = None
    baseline: list[str] = field(default_factory=list)
    last_checked_at: float | None = None
    created_at: float = 0.0
    name: str | None = None

    def to_public(self) -> dict[str, Any]:
        return {"account_id": self.account_id, "series_id": self.series_id, "mode": self.mode,
                "from_season": self.from_season, "last_checked_at": self.last_checked_at,
                "created_at": self.created_at, "name": self.name}
