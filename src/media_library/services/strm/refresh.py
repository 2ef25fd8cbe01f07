"""Ask the media servers to rescan after an export that changed files.

- **Plex** is refreshed through the Plex integration (``services.plex.refresh_for_folders``, the
  servers on the Plex page): every enabled server whose library holds a folder the export
  changed scans just that folder (``/library/sections/{key}/refresh?path=…``), its Plex path
  read from the path mappings. One way to configure a Plex server: its URL and token live on the
  Plex page, whatever it is used for.
- The older ``strm.refresh_plex_url``/``_token``/``_section`` settings are a fallback, kept so a
  set-up made before the integration keeps working: they refresh their whole section, and only
  when the integration did not already ask that server (same URL).
- **Jellyfin/Emby**: ``strm.refresh_jellyfin_url`` and its key; the whole library.

Optional and best effort: a server that is down or refuses the key is reported in the run's
result and log, and never fails the export itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ...clients.http import HttpClient
from ...clients.mediaserver import JellyfinClient, PlexClient
from ...errors import MediaLibraryError
from .report import ReportRow

log = logging.getLogger(__name__)
CHANGES = ("created", "updated", "deleted")


class PlexRefresh(Protocol):
    """What the export needs of the Plex integration (``services.plex``)."""

    def refresh_for_folders(self, folders: Iterable[str]) -> list[dict]: ...


def changed_folders(root: str, rows: Iterable[ReportRow]) -> list[str]:
    """The folders holding the files a run created, updated or deleted. A folder the run pruned
    is replaced by its nearest ancestor still there (never above ``root``): a scan of a folder
    that no longer exists would find nothing to remove."""
    top, folders = Path(root), set()
    for row in rows:
        if row.action in CHANGES:
            folder = top.joinpath(*row.path.split("/")).parent
            while folder != top and top in folder.parents and not folder.is_dir():
                folder = folder.parent
            folders.add(str(folder))
    return sorted(folders)


def refresh_media_servers(strm, http: HttpClient, *, folders: Iterable[str] = (), plex: PlexRefresh | None = None) -> list[dict]:
    """Refresh Jellyfin (``strm``'s settings), the Plex servers of the integration holding
    ``folders``, and the fallback Plex server of ``strm`` over ``http`` (the process's media-server
    session, ``clients.media_servers``); one result dict each."""
    results = []
    if strm.refresh_jellyfin_url:
        results.append(_call("jellyfin", lambda: JellyfinClient(http, strm.refresh_jellyfin_url, strm.refresh_jellyfin_api_key).refresh_library()))
    asked = plex.refresh_for_folders(folders) if plex is not None else []
    results += [_plex_result(outcome) for outcome in asked]
    if strm.refresh_plex_url and not _same_server(strm.refresh_plex_url, asked):
        results.append(_call("plex", lambda: PlexClient(http, strm.refresh_plex_url, strm.refresh_plex_token).refresh_section(strm.refresh_plex_section)))
    return results


def _plex_result(outcome: dict) -> dict:
    result = {"server": f"plex {outcome['server']} ({outcome['library']})", "ok": outcome["ok"],
              "path": outcome["path"] or "(the whole library)"}
    if not outcome["ok"]:
        result["error"] = outcome.get("error", "")
    return result


def _same_server(url: str, asked: list[dict]) -> bool:
    """Whether the integration already asked the server at ``url`` (the fallback is then skipped)."""
    wanted = url.strip().rstrip("/").lower()
    return any(outcome["url"].rstrip("/").lower() == wanted for outcome in asked)


def _call(name: str, call) -> dict:
    try:
        status = call()
    except MediaLibraryError as exc:
        log.warning("Media-server refresh of %s failed: %s", name, exc.message)
        return {"server": name, "ok": False, "error": exc.message}
    log.info("Asked %s to refresh its library (%s)", name, status)
    return {"server": name, "ok": True, "status": status}
