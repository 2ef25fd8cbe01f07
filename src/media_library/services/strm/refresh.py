"""Ask the configured media servers to rescan after an export that changed files.

Optional and best effort: a server that is down or refuses the key is reported in the run's
result and log, and never fails the export itself.
"""

from __future__ import annotations

import logging

from ...clients.http import HttpClient
from ...clients.mediaserver import JellyfinClient, PlexClient
from ...errors import MediaLibraryError

log = logging.getLogger(__name__)


def refresh_media_servers(strm, http: HttpClient) -> list[dict]:
    """Refresh every server configured in ``strm`` (a ``StrmSettings``) over ``http`` (the process's
    media-server session, ``clients.media_servers``); one result dict each."""
    calls = []
    if strm.refresh_jellyfin_url:
        calls.append(("jellyfin", lambda h: JellyfinClient(h, strm.refresh_jellyfin_url, strm.refresh_jellyfin_api_key).refresh_library()))
    if strm.refresh_plex_url:
        calls.append(("plex", lambda h: PlexClient(h, strm.refresh_plex_url, strm.refresh_plex_token).refresh_section(strm.refresh_plex_section)))
    if not calls:
        return []
    return [_call(name, call, http) for name, call in calls]


def _call(name: str, call, client: HttpClient) -> dict:
    try:
        status = call(client)
    except MediaLibraryError as exc:
        log.warning("Media-server refresh of %s failed: %s", name, exc.message)
        return {"server": name, "ok": False, "error": exc.message}
    log.info("Asked %s to refresh its library (%s)", name, status)
    return {"server": name, "ok": True, "status": status}
