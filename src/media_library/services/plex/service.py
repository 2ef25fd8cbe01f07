"""Plex servers as the admin manages them: add (checked through ``/identity``), change, remove,
test, list libraries with their ``Location`` paths, path mappings and their check, Plex-user
mappings, discovering a show by title and year, and queueing syncs.

The token is a secret: stored, used in a header, never returned (``token_set`` says whether one
is there), never logged. Every call to a server goes through ``PlexServerClient``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from ...clients.plex import PlexServerClient, as_list, base_url
from ...errors import InvalidInput, MediaLibraryError, NotFound
from ...models.plex import PLEX_SYNC, PlexLibrary, PlexServer, PlexSyncPayload
from . import paths
from .parse import BadItem, external_ids, parse_item

log = logging.getLogger(__name__)
MAX_SCANNED_FOLDERS = 20  # changed folders in one library beyond which one scan of the whole library is cheaper


def _covers(root: str, path: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _held_path(mapper: paths.PathMapper, library: PlexLibrary, folder: str) -> str | None:
    """``folder``'s Plex path if ``library`` holds it: mapped, or as it is (Plex on this machine)."""
    return next((p for p in (mapper.plex_path(folder, library.id), folder)
                 if p and any(_covers(root, p) for root in library.locations)), None)


def _scan_paths(plex_paths: list[str]) -> list[str | None]:
    """The outermost of these paths (a folder inside another is scanned with it), or ``[None]``,
    the whole library, when there are more than ``MAX_SCANNED_FOLDERS``."""
    outermost: list[str] = []
    for path in sorted(set(plex_paths)):
        if not any(_covers(kept, path) for kept in outermost):
            outermost.append(path)
    return outermost if len(outermost) <= MAX_SCANNED_FOLDERS else [None]


def _sections(raw: list[dict]) -> list[dict[str, Any]]:
    return [{"key": str(s.get("key")), "title": s.get("title") or "", "type": s.get("type") or "", "agent": s.get("agent"),
             "locations": [loc.get("path") for loc in as_list(s.get("Location")) if isinstance(loc, dict) and loc.get("path")]}
            for s in raw if isinstance(s, dict) and s.get("key") not in (None, "")]


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{name} is required")
    return value.strip()


class PlexService:
    def __init__(self, state, settings, http, jobs):
        self.state, self.settings, self.http, self.jobs = state, settings, http, jobs

    def client(self, server: PlexServer, token: str | None = None) -> PlexServerClient:
        return PlexServerClient(self.http, server.url, token or server.token, page_size=self.settings.plex.page_size)

    # --- servers -----------------------------------------------------------------------------
    def add_server(self, name: str, url: str, token: str) -> PlexServer:
        """Add a server after ``/identity`` answered with its token; its libraries are listed at once."""
        name, url, token = _text(name, "name"), base_url(_text(url, "url")), _text(token, "token")
        probe = PlexServerClient(self.http, url, token)
        identity = probe.identity()
        server = self.state.add_plex_server(name, url, token)
        server = self.state.update_plex_server(server.id, machine_id=identity["machine_id"], version=identity["version"])
        self.refresh_libraries(server.id)
        return server

    def update_server(self, server_id: int, changes: dict[str, Any]) -> PlexServer:
        fields: dict[str, Any] = {}
        if "name" in changes:
            fields["name"] = _text(changes["name"], "name")
        if "url" in changes:
            fields["url"] = base_url(_text(changes["url"], "url"))
        if changes.get("token"):
            fields["token"] = _text(changes["token"], "token")
        if "enabled" in changes:
            fields["enabled"] = bool(changes["enabled"])
        self.state.get_plex_server(server_id)
        return self.state.update_plex_server(server_id, **fields) if fields else self.state.get_plex_server(server_id)

    def test(self, server_id: int) -> dict[str, Any]:
        """Ask ``/identity``; the machine id and version are remembered."""
        server = self.state.get_plex_server(server_id)
        identity = self.client(server).identity()
        self.state.update_plex_server(server_id, machine_id=identity["machine_id"], version=identity["version"])
        return {"ok": True, **identity}

    def refresh_libraries(self, server_id: int):
        server = self.state.get_plex_server(server_id)
        return self.state.store_plex_libraries(server_id, _sections(self.client(server).sections()))

    def libraries(self, server_id: int) -> list[dict[str, Any]]:
        counts = self.state.plex_item_counts(server_id)
        return [lib.to_public(counts.get(lib.id, 0)) for lib in self.state.list_plex_libraries(server_id)]

    # --- path mappings -----------------------------------------------------------------------
    def add_mapping(self, server_id: int, plex_prefix: str, local_prefix: str, library_id: int | None = None):
        self.state.get_plex_server(server_id)
        if library_id is not None and self.state.get_plex_library(library_id).server_id != server_id:
            raise NotFound(f"library {library_id} is not one of Plex server {server_id}'s")
        local = _text(local_prefix, "local_prefix")
        if not local.startswith("/"):
            raise InvalidInput("local_prefix must be an absolute path on this machine, such as /mnt/media/movies")
        if not local.strip("/"):
            raise InvalidInput("local_prefix cannot be the whole disk (/): map the folder that holds the media, "
                               "whose files the app then streams")
        return self.state.add_plex_mapping(server_id, _text(plex_prefix, "plex_prefix"), local, library_id)

    def check_mappings(self, server_id: int) -> dict[str, Any]:
        """Each mapping with whether its folder exists here, and each library root with its local path."""
        mappings = self.state.list_plex_mappings(server_id)
        mapper = paths.PathMapper(mappings)
        roots = [{"library_id": lib.id, "library": lib.title, "plex_path": loc, "local_path": (local := mapper.local_path(loc, lib.id)),
                  "exists": paths.folder_exists(local)}
                 for lib in self.state.list_plex_libraries(server_id) for loc in lib.locations]
        return {"mappings": paths.check(mappings), "roots": roots}

    # --- users -------------------------------------------------------------------------------
    def accounts(self, server_id: int) -> list[dict[str, Any]]:
        server = self.state.get_plex_server(server_id)
        return [{"id": str(a.get("id")), "name": a.get("name") or ""} for a in self.client(server).accounts()]

    def map_user(self, server_id: int, body: dict[str, Any]):
        self.state.get_plex_server(server_id)
        if not isinstance(body.get("user_id"), int) or isinstance(body.get("user_id"), bool):
            raise InvalidInput("user_id must be the id (a whole number) of one of our users")
        user = self.state.get_user(body["user_id"])
        return self.state.add_plex_user_map(server_id, _text(str(body["plex_account_id"]), "plex_account_id"),
                                            str(body.get("plex_name") or ""), user.id, token=str(body.get("token") or ""),
                                            keep_in_step=bool(body.get("keep_in_step", False)))

    # --- refresh target of the STRM export ---------------------------------------------------
    def refresh_for_folder(self, folder: str) -> list[dict[str, Any]]:
        """``refresh_for_folders`` for one local folder."""
        return self.refresh_for_folders([folder])

    def refresh_for_folders(self, folders: Iterable[str]) -> list[dict[str, Any]]:
        """Ask every enabled server to scan again just the folders of its libraries among these
        local ``folders`` (``GET /library/sections/{key}/refresh?path=…``, one call per folder;
        the whole library once when more than ``MAX_SCANNED_FOLDERS`` of its folders changed).
        A local folder is a Plex path through the mappings read backwards, or as it is when no
        mapping covers it (Plex on this machine). A server that cannot be reached is reported,
        not raised: ``{server_id, server, url, library, path, ok[, error]}`` per call."""
        folders, asked = sorted(set(folders)), []
        for server in self.state.list_plex_servers():
            if server.enabled:
                for library, plex_paths in self._held_folders(server, folders):
                    asked += [self._refresh(server, library, path) for path in _scan_paths(plex_paths)]
        return asked

    def _held_folders(self, server: PlexServer, folders: list[str]) -> list[tuple[PlexLibrary, list[str]]]:
        """Each library of ``server`` holding some of ``folders``, with their Plex paths."""
        mapper, held = paths.PathMapper(self.state.list_plex_mappings(server.id)), []
        for library in self.state.list_plex_libraries(server.id):
            plex_paths = [p for p in (_held_path(mapper, library, folder) for folder in folders) if p]
            if plex_paths:
                held.append((library, plex_paths))
        return held

    def _refresh(self, server: PlexServer, library: PlexLibrary, path: str | None) -> dict[str, Any]:
        outcome = {"server_id": server.id, "server": server.name, "url": server.url, "library": library.title,
                   "path": path, "ok": True}
        try:
            self.client(server).refresh_section(library.section_key, path)
        except MediaLibraryError as exc:
            log.warning("Plex server %s did not refresh %s: %s", server.name, library.title, exc.message)
            outcome.update(ok=False, error=exc.message)
        return outcome

    # --- discover and sync -------------------------------------------------------------------
    def discover_shows(self, server_id: int, title: str, year: int | None = None) -> list[dict[str, Any]]:
        """Shows on the server whose title contains ``title`` (of ``year``), from every show library."""
        server, title = self.state.get_plex_server(server_id), _text(title, "title")
        client, found = self.client(server), []
        imported = self.state.plex_media_ids(server_id)
        for lib in self.state.list_plex_libraries(server_id):
            if lib.type != "show":
                continue
            for raw in client.search_shows(lib.section_key, title, year):
                try:
                    item = parse_item(raw, "show")
                except BadItem:
                    continue
                found.append({"rating_key": item.rating_key, "title": item.title, "year": item.year, "library_id": lib.id,
                              "library": lib.title, "ids": external_ids(item), "media_id": imported.get(item.rating_key)})
        return found

    def queue_sync(self, server_id: int, *, library_id: int | None = None, force: bool = False, watched: bool = False,
                   show_key: str | None = None, created_by: int | None = None):
        self.state.get_plex_server(server_id)
        if library_id is not None and self.state.get_plex_library(library_id).server_id != server_id:
            raise NotFound(f"library {library_id} is not one of Plex server {server_id}'s")
        payload = PlexSyncPayload(server_id=server_id, library_id=library_id, force=force, watched=watched, show_key=show_key)
        key = f"plex.sync:{server_id}:{library_id or 'all'}:{show_key or ''}"
        return self.jobs.enqueue(PLEX_SYNC, payload, idempotency_key=key, created_by=created_by)
