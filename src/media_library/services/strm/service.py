"""The STRM export as a use case: effective settings, the one-at-a-time lock, a run with its
report and media-server refresh, and the record of the last run.

Used by the job handler (``jobs/handlers/strm.py``), the CLI (``media-library strm export``) and
the web routes. Settings come from ``config.py`` (``strm.*``) overlaid by the ones changed in the
app (app setting ``strm.settings``); the last run's summary is app setting ``strm.last_run``.

Must not: import Flask, or run two exports into one data folder at once.
"""

from __future__ import annotations

import dataclasses
import fcntl
import ipaddress
import os
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ...clients.http import HttpClient
from ...config import Settings, StrmSettings
from ...errors import Conflict, InvalidInput, NotConfigured
from .. import naming
from . import report
from .exporter import CLEANUP_MODES, Exporter, ExportOptions
from .refresh import PlexRefresh, changed_folders, refresh_media_servers
from .sources import ChainedSource, LibrarySource, Source, XtreamSource, iptv_url_builder, stream_url_builder
from .stream_token import stream_token

OVERRIDES_KEY = "strm.settings"
LAST_RUN_KEY = "strm.last_run"
_HINTS = typing.get_type_hints(StrmSettings)
_SECRETS = {f.name for f in dataclasses.fields(StrmSettings) if f.metadata.get("secret")}


# --- settings ------------------------------------------------------------------------------------
def effective_settings(settings: Settings, state) -> StrmSettings:
    overrides = state.get_app_setting(OVERRIDES_KEY, {}) or {}
    known = {k: v for k, v in overrides.items() if k in _HINTS}
    return dataclasses.replace(settings.strm, **known)


def update_settings(settings: Settings, state, changes: dict) -> StrmSettings:
    """Validate and store changes made in the app; returns the new effective settings."""
    if not isinstance(changes, dict):
        raise InvalidInput("send an object of strm settings")
    clean = {key: _coerce(key, value) for key, value in changes.items()}
    merged = {**(state.get_app_setting(OVERRIDES_KEY, {}) or {}), **clean}
    candidate = dataclasses.replace(settings.strm, **merged)
    validate(candidate)
    state.set_app_setting(OVERRIDES_KEY, merged)
    return candidate


def _coerce(key: str, value):
    kind = _HINTS.get(key)
    if kind is None:
        raise InvalidInput(f"unknown strm setting {key!r}; known: {', '.join(sorted(_HINTS))}")
    if kind is bool and isinstance(value, bool):
        return value
    if kind in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return kind(value)
    if kind is str and isinstance(value, str):
        return value.strip()
    raise InvalidInput(f"strm setting {key!r} must be of type {kind.__name__}")


def validate(strm: StrmSettings) -> StrmSettings:
    naming.check_style(strm.style)
    if strm.cleanup not in CLEANUP_MODES:
        raise InvalidInput(f"strm.cleanup must be one of {', '.join(CLEANUP_MODES)}")
    if not 0.0 <= strm.max_delete_share <= 1.0:
        raise InvalidInput("strm.max_delete_share must be between 0 and 1")
    if strm.max_writers < 1:
        raise InvalidInput("strm.max_writers must be at least 1")
    if strm.debounce_seconds < 0:
        raise InvalidInput("strm.debounce_seconds cannot be negative")
    for key in ("public_base_url", "refresh_jellyfin_url", "refresh_plex_url"):
        value = getattr(strm, key)
        if value and not value.startswith(("http://", "https://")):
            raise InvalidInput(f"strm.{key} must be an http(s) URL")
    if strm.schedule:
        from ..schedules import to_cron

        to_cron(strm.schedule)
    return strm


def public_settings(strm: StrmSettings) -> dict:
    """The settings as the app shows them: secrets only say whether they are set."""
    return {k: (bool(v) if k in _SECRETS else v) for k, v in dataclasses.asdict(strm).items()}


def output_dir(settings: Settings, strm: StrmSettings) -> Path:
    return Path(strm.output_dir).expanduser().resolve() if strm.output_dir else settings.data_dir / "strm" / "export"


def reports_dir(settings: Settings) -> Path:
    return settings.data_dir / "strm" / "reports"


def base_url(settings: Settings, strm: StrmSettings) -> str:
    url = strm.public_base_url or settings.server.public_base_url
    if not url:
        raise NotConfigured("set strm.public_base_url (or server.public_base_url): the URL media servers reach us at")
    return url


# --- is the automatic export ready? --------------------------------------------------------------
def auto_export_status(settings: Settings, strm: StrmSettings) -> dict:
    """Whether library changes queue an export: ``{"active", "reasons"}``, each reason saying what
    to set. A fresh install has neither an output folder nor a base URL, so it queues nothing
    instead of a failing job per change."""
    reasons = []
    if not strm.auto_run:
        reasons.append("switch on \"Export after library changes\" (strm.auto_run)")
    if not strm.output_dir:
        reasons.append("set the output folder (strm.output_dir): the folder a media server's library reads")
    problem = base_url_problem(strm.public_base_url or settings.server.public_base_url)
    if problem:
        reasons.append(problem)
    return {"active": not reasons, "reasons": reasons}


def base_url_problem(url: str) -> str | None:
    """Why media servers could not reach us at ``url`` (None when they can)."""
    if not url:
        return ("set the public base URL (strm.public_base_url or server.public_base_url): the address media "
                "servers reach this server at")
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:
        host = None
    if parts.scheme not in ("http", "https") or not host:
        return "the public base URL is not an http(s) URL with a host name"
    if _is_unspecified(host):
        return (f"the public base URL names {host}, an address to listen on, not one a media server can connect to; "
                "use this machine's LAN address or host name")
    return None


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


# --- one export at a time ------------------------------------------------------------------------
LOCK_POLL_SECONDS = 0.2


class ExportBusy(Conflict):
    """Another export holds the lock (a job of the daemon, or another ``strm export``)."""


@contextmanager
def export_lock(settings: Settings, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Held for the whole run, across processes (the daemon's jobs and the CLI). Waits up to
    ``wait_seconds`` for another run to finish, then raises ``ExportBusy``."""
    path = settings.data_dir / "strm" / "export.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _take(fd, time.monotonic() + max(0.0, wait_seconds), wait_seconds)
        yield
    finally:
        os.close(fd)


def _take(fd: int, deadline: float, wait_seconds: float) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError as exc:
            if time.monotonic() >= deadline:
                waited = f" (waited {wait_seconds:g} s)" if wait_seconds > 0 else ""
                raise ExportBusy(f"another STRM export is running into this data folder{waited}") from exc
        time.sleep(LOCK_POLL_SECONDS)  # flock has no timeout of its own: poll until the deadline


# --- a run ---------------------------------------------------------------------------------------
def default_source(state, base: str, token: str) -> Source:
    """The library, and the IPTV catalogs when that source is part of this build."""
    library = LibrarySource(state, stream_url_builder(base, token))
    if not hasattr(state, "iptv_catalog_items"):
        return library
    return ChainedSource(library, XtreamSource(state, iptv_url_builder(base, token)))


def run_export(state, settings: Settings, *, output: str | None = None, style: str | None = None,
               dry_run: bool = False, cleanup: str | None = None, force: bool = False,
               progress: Callable[[float, str], None] | None = None, cancelled: Callable[[], bool] | None = None,
               source: Source | None = None, refresh: bool = True, label: str = "",
               media_servers: HttpClient, plex: PlexRefresh | None = None, wait_seconds: float = 0.0) -> dict:
    """Export, save the report, refresh media servers (over ``media_servers``, the process's
    session; the Plex integration's servers through ``plex``, ``services.plex`` when that source
    is part of the build) when files changed; the run's summary. ``ExportBusy`` when another run holds the
    lock for longer than ``wait_seconds``."""
    strm = validate(effective_settings(settings, state))
    options = ExportOptions(
        output_dir=Path(output).expanduser().resolve() if output else output_dir(settings, strm),
        style=style or strm.style, dry_run=dry_run, cleanup=cleanup or strm.cleanup, force=force,
        max_delete_share=strm.max_delete_share, max_writers=strm.max_writers, write_nfo=strm.write_nfo,
        genre_folders=strm.genre_folders, fsync=strm.fsync,
    )
    with export_lock(settings, wait_seconds=wait_seconds):
        if source is None:
            source = default_source(state, base_url(settings, strm), stream_token(state))
        result = Exporter(state, options, progress=progress, cancelled=cancelled).run(source)
    summary = result.to_dict()
    summary["report"] = str(report.save(result.rows, reports_dir(settings), label=label))
    summary["refresh"] = (refresh_media_servers(strm, media_servers, folders=changed_folders(result.root, result.rows), plex=plex)
                          if refresh and result.changed else [])
    summary["finished_at"] = time.time()
    state.set_app_setting(LAST_RUN_KEY, summary)
    return summary
