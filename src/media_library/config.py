"""Settings: typed, frozen, built once at start-up and passed down.

Sources, later ones winning: the defaults below, ``config.json`` (with ``${VAR:-default}``
interpolation), the environment (``.env`` loaded through python-dotenv first) where every setting
``a.b`` is ``ML_A__B``, then command-line flags. An unknown key, a wrong type or an unwritable
folder raises ``ConfigError`` with one line naming the key and the fix; ``main`` exits 2 on it.

This is the only module that reads ``os.environ``. Every setting is documented in
``docs/CONFIG.md``; a test keeps that page and the dataclasses below in step.

Core sections are the fields of ``Settings``; a source brings its own section (a frozen dataclass
of ``setting`` fields, optionally with ``checks()``) through ``load_settings(sections=...)``, and
reads it back as ``settings.<name>`` (``media_library.sources.load_settings`` passes every
registered source's section).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import os
import re
import tempfile
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "ML_"
_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def setting(default: Any, doc: str, *, secret: bool = False):
    """A documented setting. ``secret`` ones are redacted from logs and never shown by the API."""
    meta = {"doc": doc, "secret": secret}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class PathSettings:
    data_dir: str = setting("~/MediaLibrary", "Folder for the database, logs, caches and job work folders.")
    media_dir: str = setting("", "Library root (Movies/, Shows/, Music/ …). Empty: `<data_dir>/media`.")
    low_space_mb: int = setting(2048, "Below this much free space on the disk of the data folder or the library, `GET /api/health` and the app warn (`low`); below 1 MiB they say the disk is `full`, and writes answer 507.")


@dataclass(frozen=True)
class ServerSettings:
    host: str = setting("127.0.0.1", "Address the web server listens on (`0.0.0.0` in Docker).")
    port: int = setting(8420, "TCP port of the web server.")
    threads: int = setting(64, "Threads that run Flask requests (API, pages, streams); open WebSockets use none.")
    max_connections: int = setting(4096, "Most open connections (HTTP and WebSocket) at once; more are closed as they arrive. Each open Socket.IO WebSocket costs about 35 KiB of memory (measured with bench/load.py) and one file descriptor.")
    max_connections_per_address: int = setting(256, "Most open connections from one TCP peer; a peer in `server.trusted_proxies` (the tunnel) counts only towards `server.max_connections`.")
    unauthenticated_sockets_per_address: int = setting(16, "Most Socket.IO sessions one client address may hold open before they complete the authenticated CONNECT.")
    socket_auth_timeout_seconds: float = setting(5.0, "A Socket.IO session that has not completed the authenticated CONNECT within this time is closed.")
    header_timeout_seconds: float = setting(10.0, "Time a client gets to send a request's headers, from its first byte (or from connecting); then the connection is closed.")
    body_timeout_seconds: float = setting(30.0, "Longest pause while the server waits for more of a request body; then the connection is closed.")
    stream_handler_slots: int = setting(4, "Stream requests whose handler (authentication, lookups, path checks) or file read runs at once; the rest wait without taking the GIL, so API requests stay quick while many players read. Sending the bytes is not limited.")
    stream_grant_seconds: float = setting(5.0, "How long a credential Flask has let read a file may read it again without a Flask request (the stream fast path); at most 30, 0 turns the fast path off. Logout, password changes and revoked tokens end grants at once.")
    keepalive_timeout_seconds: float = setting(5.0, "An idle keep-alive connection is closed after this time.")
    public_base_url: str = setting("", "Base URL people and media servers reach us at (the tunnel hostname); used in STRM files and signed links.")
    trusted_proxies: list[str] = setting([], "Peer addresses whose X-Forwarded-For / CF-Connecting-IP / X-Forwarded-Proto are believed. 127.0.0.1 is never trusted implicitly.")
    cors_allowed_origins: list[str] = setting([], "Exact origins allowed to call the API from a browser; none by default.")
    max_request_mb: int = setting(16, "Largest request body accepted outside uploads, in MiB; larger ones get 413 before they are read.")
    max_upload_mb: int = setting(8192, "Largest upload accepted, in MiB.")
    shutdown_grace_seconds: float = setting(8.0, "How long running jobs get to stop on SIGTERM before their child processes are killed.")


@dataclass(frozen=True)
class DatabaseSettings:
    path: str = setting("", "SQLite database file. Empty: `<data_dir>/media-library.db`.")
    synchronous: str = setting("FULL", "SQLite synchronous level: FULL makes every acknowledged write survive a power loss; NORMAL is faster and only risks the last moments before a power cut.")
    busy_timeout_ms: int = setting(10000, "How long a writer waits for the write lock before giving up.")
    journal_size_limit_mb: int = setting(64, "The WAL is truncated to this size after checkpoints.")
    backup_before_migrate: bool = setting(True, "Copy the database (online backup) before applying migrations.")
    backup_schedule: str = setting("daily 03:30", "When the `database.backup` job makes a verified online backup of the database (`daily HH:MM` or 5-field cron, server time). Empty: no scheduled backups.")
    backups_kept: int = setting(7, "Scheduled and `media-library db backup` copies kept; older ones are deleted (backups made before a migration are not counted).")
    backup_dir: str = setting("", "Folder for database backups. Empty: `<data_dir>/backups`. Another disk is safer.")


@dataclass(frozen=True)
class LogSettings:
    level: str = setting("INFO", "Log level: DEBUG, INFO, WARNING or ERROR.")
    max_mb: int = setting(10, "Size at which the log file rotates, in MiB.")
    backups: int = setting(5, "Rotated log files kept.")


@dataclass(frozen=True)
class JobSettings:
    workers: int = setting(4, "Job worker threads.")
    lease_seconds: int = setting(60, "A running job's lease; heartbeats renew it every third of this.")
    poll_seconds: float = setting(2.0, "How often an idle worker looks for jobs added by another process (jobs added in-process wake it at once).")
    max_attempts: int = setting(3, "Attempts before a failing job is given up.")
    backoff_base_seconds: float = setting(5.0, "First retry delay; doubles each attempt, with jitter.")
    backoff_cap_seconds: float = setting(3600.0, "Longest retry delay (also the cap on an upstream's Retry-After).")
    default_concurrency: int = setting(4, "Jobs of one kind running at once, unless `jobs.concurrency` says otherwise.")
    concurrency: dict[str, int] = setting({"disc.rip": 1, "disc.audio_cd": 1, "watch.decide": 1}, "Per-kind limits on jobs running at once, e.g. `{\"library.verify\": 1}`; `disc.rip` caps concurrent disc encodes (several drives may still image at once); `watch.decide` drains every waiting webhook event, so one at a time (two would race for the same film's keep). A kind no handler runs stops the start with an error.")
    progress_interval_seconds: float = setting(0.5, "Least time between two progress events of one job.")


@dataclass(frozen=True)
class SchedulerSettings:
    enabled: bool = setting(True, "Run periodic jobs (scans, exports, syncs).")
    tick_seconds: float = setting(30.0, "Longest sleep of the scheduler between checks.")


@dataclass(frozen=True)
class AuthSettings:
    setup_code: str = setting("", "One-time code that `POST /api/setup` needs. Empty: a random one is printed in the log at start-up.", secret=True)
    session_idle_minutes: int = setting(720, "A session unused this long ends.")
    session_absolute_hours: int = setting(720, "A session ends this long after login, used or not.")
    login_attempts_per_account: int = setting(5, "Failed logins allowed per account in the window before it is throttled.")
    login_attempts_per_address: int = setting(20, "Failed logins allowed per client address in the window.")
    login_window_seconds: int = setting(300, "The throttling window.")
    hash_workers: int = setting(2, "Threads that may hash passwords at once; more logins wait.")
    stream_link_minutes: int = setting(360, "Lifetime of a signed stream link for an external player.")


@dataclass(frozen=True)
class ActivitySettings:
    retention_days: int = setting(90, "Activity log entries older than this many days are deleted by the `activity.prune` job.")
    prune_schedule: str = setting("daily 03:45", "When the `activity.prune` job deletes old activity log entries (`daily HH:MM` or 5-field cron, server time). Empty: never.")
    failed_login_group_seconds: int = setting(600, "Failed logins of one name from one address within this time show as one activity entry with a count.")


@dataclass(frozen=True)
class TmdbSettings:
    base_url: str = setting("https://api.themoviedb.org", "TMDb API base URL.")
    api_key: str = setting("", "TMDb v4 read access token (sent as a Bearer header, never in a URL).", secret=True)
    language: str = setting("en-US", "Language of titles and overviews.")
    image_base_url: str = setting("", "Image base URL; empty: read from TMDb's /configuration.")


@dataclass(frozen=True)
class MusicBrainzSettings:
    base_url: str = setting("https://musicbrainz.org", "MusicBrainz web service base URL.")
    contact: str = setting("admin@localhost", "Contact put in the User-Agent, as MusicBrainz requires.")
    requests_per_second: float = setting(1.0, "Rate limit for MusicBrainz (their rule: 1 per second).")


@dataclass(frozen=True)
class AcoustIdSettings:
    base_url: str = setting("https://api.acoustid.org", "AcoustID API base URL.")
    api_key: str = setting("", "AcoustID application key.", secret=True)


@dataclass(frozen=True)
class CoverArtSettings:
    base_url: str = setting("https://coverartarchive.org", "Cover Art Archive base URL.")


@dataclass(frozen=True)
class LibrarySettings:
    movies_dir: str = setting("", "Root folder of films. Empty: `<media_dir>/Movies`.")
    shows_dir: str = setting("", "Root folder of TV shows. Empty: `<media_dir>/Shows`.")
    music_dir: str = setting("", "Root folder of music. Empty: `<media_dir>/Music`.")
    allowed_folders: list[str] = setting([], "Folders outside the media folder that may hold library folders (added in Settings → Library folders), e.g. `/mnt/nas/films`. Empty: library folders must lie inside the media folder.")
    scan_schedule: str = setting("daily 04:00", "When the library roots are rescanned (5-field cron or `daily HH:MM`); empty: only on demand.")
    identify_threshold: float = setting(0.75, "Least confidence (0-1) at which a match is taken automatically; below it the item waits in the review queue.")
    id_tag: str = setting("jellyfin", "Provider id tag in organized names: `jellyfin` (`[tmdbid-680]`), `plex` (`{tmdb-680}`) or `none`.")
    organize: bool = setting(True, "Move and rename identified files into the library layout automatically.")


@dataclass(frozen=True)
class MusicSettings:
    duration_tolerance_seconds: float = setting(7.0, "A match found by name or tags (not by fingerprint) must agree with the file's duration within this many seconds, or the file waits in the review queue.")
    album_threshold: float = setting(0.7, "Least score (0-1) at which a folder's files are filed as one release automatically; below it the folder waits in the review queue as one album.")
    preferred_countries: list[str] = setting(["XW", "US", "GB"], "Release countries preferred, best first, when several releases fit a folder equally (`XW`: worldwide).")
    preferred_formats: list[str] = setting(["Digital Media", "CD"], "Medium formats preferred, best first, when several releases fit equally.")
    prefer_original: bool = setting(True, "Among equally fitting releases, prefer the earliest date (the original release) over the newest.")
    path_template: str = setting("{albumartist}/{album_folder}/{disc_track} - {title}", "Where an identified track goes inside the music root, `/` between folders; fields `{albumartist}`, `{artist}`, `{album}`, `{year}`, `{album_folder}` (`Album (Year)`), `{disc}`, `{track}` (`01`), `{disc_track}` (`2-01` on a later disc of a multi-disc release), `{title}`.")
    disc_subfolders: bool = setting(False, "Put each disc of a multi-disc release in its own `Disc N` folder (then `{disc_track}` is just the track number).")
    cover_size: int = setting(500, "Cover Art Archive thumbnail size fetched for albums: 250, 500 or 1200 pixels (0: the original image).")
    cover_max_kb: int = setting(1024, "Largest cover (KiB) embedded in the files; a larger one is still saved as `cover.jpg` in the album folder but not embedded (no image library is used to shrink it).")


@dataclass(frozen=True)
class HttpSettings:
    timeout_seconds: float = setting(15.0, "Overall deadline of one call to an external service.")
    max_response_mb: int = setting(50, "Largest response body read from an external service, in MiB.")
    retries: int = setting(2, "Retries of an idempotent call on 5xx, 429 or a dropped connection.")
    allow_hosts: list[str] = setting([], "Hosts on your network that fetches of URLs we did not choose (artwork, redirects off a configured service) may reach: hostnames, addresses or CIDRs such as `nas.lan`, `192.168.1.0/24`. Empty: only public addresses (ARCHITECTURE.md, Outbound requests).")


@dataclass(frozen=True)
class NotifySettings:
    urls: list[str] = setting([], "Apprise URLs that sources tell about what happened (finished and failed downloads, new subscription items, new podcast episodes; `services/notify.py`). Empty: no notifications.", secret=True)


@dataclass(frozen=True)
class StrmSettings:
    output_dir: str = setting("", "Folder the STRM/NFO tree is exported to (a media server's library folder). Empty: `<data_dir>/strm/export`.")
    style: str = setting("jellyfin", "Naming style of the export: jellyfin, plex, emby or kodi (id tags in folder names).")
    public_base_url: str = setting("", "Base URL written into .strm files (for example the tunnel hostname). Empty: `server.public_base_url`.")
    cleanup: str = setting("apply", "Cleanup before each export: off, preview (report only) or apply (delete stale files the export wrote).")
    max_delete_share: float = setting(0.2, "Mass-deletion guard: a cleanup that would delete more than this share of the exported files deletes nothing unless forced.")
    max_writers: int = setting(4, "Most parallel file writers; the adaptive throttle starts at 1 and stays within this cap.")
    write_nfo: bool = setting(True, "Write .nfo files next to the .strm files (movie, tvshow, season, episode).")
    genre_folders: bool = setting(False, "Put movies under a folder per first genre (`Movies/Action/…`).")
    fsync: bool = setting(True, "fsync each written file and its folder (crash-safe); turn off only for a tmpfs target.")
    schedule: str = setting("", "Periodic export: `daily HH:MM` or a 5-field cron expression. Empty: no schedule.")
    auto_run: bool = setting(True, "Export automatically after library changes (debounced, coalesced, one at a time), once `strm.output_dir` and a base URL media servers can reach are set.")
    debounce_seconds: float = setting(30.0, "Quiet time after the last library change before the automatic export runs.")
    refresh_jellyfin_url: str = setting("", "Jellyfin or Emby server to refresh after an export that changed files, e.g. http://jellyfin:8096. Empty: no refresh.")
    refresh_jellyfin_api_key: str = setting("", "API key of that Jellyfin/Emby server (sent in a header).", secret=True)
    refresh_plex_url: str = setting("", "Fallback for a Plex server not on the Plex page: refreshed (its whole section) after an export that changed files, e.g. http://plex:32400. Servers on the Plex page are refreshed folder by folder without this. Empty: none.")
    refresh_plex_token: str = setting("", "X-Plex-Token of that fallback Plex server (sent in a header).", secret=True)
    refresh_plex_section: str = setting("", "Library section id of that fallback Plex server to refresh (the one that holds the export).")


@dataclass(frozen=True)
class TranscodeSettings:
    max_sessions: int = setting(2, "Most ffmpeg remuxes and transcodes running at once for the player; one more is refused with 503 until one ends.")
    segment_seconds: float = setting(4.0, "Length of an HLS segment; re-encodes force a keyframe at each boundary, copies cut at the first keyframe after it.")
    preset: str = setting("veryfast", "x264 preset of video transcodes (ultrafast … veryslow): faster presets start sooner and use less CPU for larger files.")
    crf: int = setting(23, "x264 constant rate factor of video transcodes (lower is better and larger).")
    max_height: int = setting(1080, "Video transcodes are scaled down to at most this height.")
    audio_bitrate_k: int = setting(192, "AAC bitrate (kbit/s, stereo) of audio transcodes.")
    segment_wait_seconds: float = setting(30.0, "How long a segment request waits for ffmpeg to write it before answering 503.")
    idle_seconds: float = setting(60.0, "A transcode nobody has asked a segment of for this long is stopped (its segments are kept; playing on starts it again).")
    forget_minutes: float = setting(30.0, "A playback session idle this long is removed with its segments (also when the player leaves the page).")


@dataclass(frozen=True)
class Settings:
    paths: PathSettings = field(default_factory=PathSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    log: LogSettings = field(default_factory=LogSettings)
    jobs: JobSettings = field(default_factory=JobSettings)
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    activity: ActivitySettings = field(default_factory=ActivitySettings)
    http: HttpSettings = field(default_factory=HttpSettings)
    tmdb: TmdbSettings = field(default_factory=TmdbSettings)
    musicbrainz: MusicBrainzSettings = field(default_factory=MusicBrainzSettings)
    acoustid: AcoustIdSettings = field(default_factory=AcoustIdSettings)
    coverart: CoverArtSettings = field(default_factory=CoverArtSettings)
    library: LibrarySettings = field(default_factory=LibrarySettings)
    music: MusicSettings = field(default_factory=MusicSettings)
    strm: StrmSettings = field(default_factory=StrmSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    transcode: TranscodeSettings = field(default_factory=TranscodeSettings)
    # Sections contributed by sources (``Source.settings``), by name: ``settings.disc`` is one.
    sources: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        """A source's section (``settings.disc``); only called when ``name`` is no core field."""
        sections = self.__dict__.get("sources") or {}
        if name in sections:
            return sections[name]
        raise AttributeError(f"no settings section {name!r} (is its source registered in media_library/sources?)")

    # Derived folders: one place decides where everything lives. Resolved once (``resolve`` is a
    # system call per path component, and the request paths ask for these on every request).
    @functools.cached_property
    def data_dir(self) -> Path:
        return Path(self.paths.data_dir).expanduser().resolve()

    @functools.cached_property
    def media_dir(self) -> Path:
        return Path(self.paths.media_dir).expanduser().resolve() if self.paths.media_dir else self.data_dir / "media"

    @functools.cached_property
    def db_path(self) -> Path:
        return Path(self.database.path).expanduser().resolve() if self.database.path else self.data_dir / "media-library.db"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def work_dir(self) -> Path:
        return self.data_dir / "work"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def transcode_dir(self) -> Path:
        return self.data_dir / "transcode"

    def secret_values(self) -> list[str]:
        """Every non-empty secret setting's value, for the log redactor."""
        values: list[str] = []
        for _key, value, meta in iter_settings(self):
            if meta.get("secret") and value:
                values.extend(value if isinstance(value, list) else [str(value)])
        return values


def read_secret_file(path: str | Path, key: str) -> str:
    """The secret held in the file a ``*_file`` setting names: stripped, and refused (with the
    chmod that fixes it) when anyone but its owner may read or write it."""
    file = Path(path).expanduser()
    try:
        mode = file.stat().st_mode
        text = file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{key}: cannot read {file}: {exc.strerror or exc}") from exc
    if mode & 0o077:
        raise ConfigError(f"{key}: {file} may be read by other users (mode {mode & 0o777:o}); run: chmod 600 {file}")
    if not text:
        raise ConfigError(f"{key}: {file} is empty")
    return text


def core_sections() -> dict[str, type]:
    """The sections every process has, by name (the sources add theirs)."""
    hints = typing.get_type_hints(Settings)
    return {f.name: hints[f.name] for f in dataclasses.fields(Settings) if f.name != "sources"}


def section_values(settings: Settings) -> dict[str, Any]:
    """Every section of ``settings``, core then sources', by name."""
    return {**{name: getattr(settings, name) for name in core_sections()}, **settings.sources}


def iter_settings(settings: Settings):
    """Yield ``(dotted_key, value, metadata)`` for every leaf setting."""
    for name, group in section_values(settings).items():
        for leaf in dataclasses.fields(group):
            yield f"{name}.{leaf.name}", getattr(group, leaf.name), dict(leaf.metadata)


def default_settings(sections: Mapping[str, type] | None = None) -> Settings:
    """Every default, with the sources' ``sections`` (name -> frozen dataclass of ``setting``s)."""
    return Settings(sources={name: cls() for name, cls in (sections or {}).items()})


def setting_keys(sections: Mapping[str, type] | None = None) -> list[str]:
    return [key for key, _, _ in iter_settings(default_settings(sections))]


def env_name(key: str) -> str:
    """``tmdb.base_url`` -> ``ML_TMDB__BASE_URL``."""
    return ENV_PREFIX + key.upper().replace(".", "__")


def load_settings(
    config_path: str | os.PathLike | None = None,
    *,
    environ: typing.Mapping[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
    load_dotenv_file: bool = True,
    check_folders: bool = True,
    sections: Mapping[str, type] | None = None,
) -> Settings:
    """Build the settings from file, environment and overrides (dotted keys); see the module doc.
    ``sections`` are the sources' own sections by name (``media_library.sources`` collects them)."""
    known = {**core_sections(), **(sections or {})}
    if environ is None:
        if load_dotenv_file:
            from dotenv import load_dotenv

            load_dotenv(override=False)
        environ = os.environ
    values: dict[str, Any] = {}
    if config_path is not None:
        values.update(_read_config_file(Path(config_path), environ, known))
    values.update(_read_environment(environ, known))
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    settings = _build(values, known)
    if check_folders:
        _check_writable(settings)
    return settings


def _read_config_file(path: Path, environ, known: Mapping[str, type]) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file; pass an existing --config or leave it out") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be an object of sections such as {{\"server\": {{…}}}}")
    flat: dict[str, Any] = {}
    for section, group in raw.items():
        if section.startswith("_"):  # "_comment" keys are allowed
            continue
        if section not in known:
            raise ConfigError(f"{path}: unknown section '{section}'; {_suggest(section, known)}")
        if not isinstance(group, dict):
            raise ConfigError(f"{path}: '{section}' must be an object of settings; {_suggest(section, known)}")
        for key, value in group.items():
            if not key.startswith("_"):
                flat[f"{section}.{key}"] = _interpolate(value, environ)
    return flat


def _interpolate(value: Any, environ) -> Any:
    if isinstance(value, str):
        return _INTERPOLATION.sub(lambda m: environ.get(m.group(1), m.group(2) or ""), value)
    if isinstance(value, list):
        return [_interpolate(v, environ) for v in value]
    if isinstance(value, dict):
        return {k: _interpolate(v, environ) for k, v in value.items()}
    return value


def _read_environment(environ, known: Mapping[str, type]) -> dict[str, Any]:
    by_env = {env_name(key): key for key in _keys(known)}
    found = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        if name not in by_env:
            close = difflib.get_close_matches(name, list(by_env), n=1)
            hint = f"did you mean {close[0]}?" if close else "see docs/CONFIG.md for the settings"
            raise ConfigError(f"environment variable {name} is not a setting; {hint}")
        found[by_env[name]] = value
    return found


def _keys(known: Mapping[str, type]) -> list[str]:
    return [f"{name}.{leaf.name}" for name, cls in known.items() for leaf in dataclasses.fields(cls)]


def _suggest(key: str, known: Mapping[str, type]) -> str:
    close = difflib.get_close_matches(key, _keys(known) + list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else "see docs/CONFIG.md for the settings"


def _build(values: dict[str, Any], known: Mapping[str, type]) -> Settings:
    sections: dict[str, dict[str, Any]] = {}
    hints = {name: typing.get_type_hints(cls) for name, cls in known.items()}
    for key, value in values.items():
        section, _, leaf = key.partition(".")
        if section not in hints or leaf not in hints[section]:
            raise ConfigError(f"unknown setting '{key}'; {_suggest(key, known)}")
        sections.setdefault(section, {})[leaf] = _coerce(key, value, hints[section][leaf])
    built = {name: cls(**sections.get(name, {})) for name, cls in known.items()}
    core = {name: built.pop(name) for name in core_sections()}
    settings = Settings(**core, sources=built)
    _validate(settings)
    return settings


def _coerce(key: str, value: Any, kind) -> Any:
    origin = typing.get_origin(kind)
    try:
        if kind is bool:
            return _to_bool(value)
        if kind is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        if kind is float:
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if kind is str:
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise ValueError
            return str(value)
        if origin is list:
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",") if part.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError
            return list(value)
        if origin is dict:
            if isinstance(value, str):
                value = json.loads(value) if value.strip() else {}
            if not isinstance(value, dict):
                raise ValueError
            return {str(k): int(v) for k, v in value.items()}
    except (TypeError, ValueError, json.JSONDecodeError) as exc:
        raise ConfigError(f"setting '{key}' must be {_describe(kind)} (got {value!r}); fix it in config.json or {env_name(key)}") from exc
    raise ConfigError(f"setting '{key}' has an unsupported type")  # pragma: no cover - schema bug


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(value)


def _describe(kind) -> str:
    origin = typing.get_origin(kind)
    if origin is list:
        return "a list of strings (or a comma-separated string)"
    if origin is dict:
        return 'an object of whole numbers such as {"rip": 1}'
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}[kind]


def _validate(settings: Settings) -> None:
    checks = [
        ("server.port", 0 < settings.server.port < 65536, "a port between 1 and 65535"),
        ("database.synchronous", settings.database.synchronous.upper() in {"OFF", "NORMAL", "FULL", "EXTRA"}, "one of NORMAL, FULL, EXTRA"),
        ("log.level", settings.log.level.upper() in {"DEBUG", "INFO", "WARNING", "ERROR"}, "one of DEBUG, INFO, WARNING, ERROR"),
        ("jobs.workers", settings.jobs.workers >= 1, "at least 1"),
        ("jobs.lease_seconds", settings.jobs.lease_seconds >= 3, "at least 3"),
        ("jobs.max_attempts", settings.jobs.max_attempts >= 1, "at least 1"),
        ("server.threads", settings.server.threads >= 4, "at least 4"),
        ("server.max_connections", settings.server.max_connections >= 16, "at least 16"),
        ("server.stream_handler_slots", settings.server.stream_handler_slots >= 1, "at least 1"),
        ("server.stream_grant_seconds", 0 <= settings.server.stream_grant_seconds <= 30, "from 0 to 30"),
        ("server.max_connections_per_address", settings.server.max_connections_per_address >= 4, "at least 4"),
        ("server.unauthenticated_sockets_per_address", settings.server.unauthenticated_sockets_per_address >= 1, "at least 1"),
        ("server.socket_auth_timeout_seconds", settings.server.socket_auth_timeout_seconds > 0, "more than 0"),
        ("server.header_timeout_seconds", settings.server.header_timeout_seconds > 0, "more than 0"),
        ("server.body_timeout_seconds", settings.server.body_timeout_seconds > 0, "more than 0"),
        ("server.keepalive_timeout_seconds", settings.server.keepalive_timeout_seconds > 0, "more than 0"),
        ("auth.hash_workers", settings.auth.hash_workers >= 1, "at least 1"),
        ("library.identify_threshold", 0.0 <= settings.library.identify_threshold <= 1.0, "a number from 0 to 1"),
        ("library.id_tag", settings.library.id_tag in {"jellyfin", "plex", "none"}, "one of jellyfin, plex, none"),
        ("music.cover_size", settings.music.cover_size in {0, 250, 500, 1200}, "one of 0, 250, 500, 1200"),
        ("music.album_threshold", 0.0 <= settings.music.album_threshold <= 1.0, "a number from 0 to 1"),
        ("music.duration_tolerance_seconds", settings.music.duration_tolerance_seconds >= 0, "at least 0"),
    ]
    for name, section in settings.sources.items():  # a source's section may check itself: checks() -> [(leaf, ok, need)]
        checks += [(f"{name}.{leaf}", ok, need) for leaf, ok, need in getattr(section, "checks", list)()]
    for key, ok, need in checks:
        if not ok:
            raise ConfigError(f"setting '{key}' must be {need}; fix it in config.json or {env_name(key)}")
    for key, value, _ in iter_settings(settings):
        if key.endswith("base_url") and value and not re.match(r"^https?://[^/\s]+", value):
            raise ConfigError(f"setting '{key}' must be an http(s) URL such as https://host (got {value!r})")


def _check_writable(settings: Settings) -> None:
    for key, folder in (("paths.data_dir", settings.data_dir), ("paths.media_dir", settings.media_dir)):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise ConfigError(
                f"setting '{key}': cannot write to {folder} ({exc.strerror or exc}); "
                f"choose a folder this user can write with {env_name(key)} or --data-dir"
            ) from exc
