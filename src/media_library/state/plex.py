"""The Plex source's configuration: servers (their token is a secret the API never returns),
their libraries as last listed, path mappings and Plex-user → our-user mappings.

What a sync imported is in ``state/plex_import.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, func, select, update

from ..db.plex import plex_items, plex_libraries, plex_parts, plex_path_mappings, plex_servers, plex_user_maps
from ..errors import Conflict, NotFound
from ..models.plex import PathMapping, PlexLibrary, PlexServer, UserMap
from .base import dumps, loads


def _server(row) -> PlexServer:
    m = dict(row._mapping)
    m.pop("updated_at")
    return PlexServer(**{**m, "enabled": bool(m["enabled"])})


def _library(row) -> PlexLibrary:
    m = dict(row._mapping)
    m.pop("updated_at")
    return PlexLibrary(**{**m, "locations": loads(m["locations"], []), "enabled": bool(m["enabled"])})


def _mapping(row) -> PathMapping:
    m = dict(row._mapping)
    m.pop("created_at")
    return PathMapping(**m)


def _user_map(row) -> UserMap:
    m = dict(row._mapping)
    m.pop("created_at")
    return UserMap(**{**m, "keep_in_step": bool(m["keep_in_step"])})


class PlexRepository:
    # --- servers -----------------------------------------------------------------------------
    def add_plex_server(self, name: str, url: str, token: str) -> PlexServer:
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(plex_servers.insert().values(name=name, url=url, token=token, created_at=now, updated_at=now)
                               .returning(*plex_servers.c)).one()
        return _server(row)

    def get_plex_server(self, server_id: int) -> PlexServer:
        with self.db.read() as conn:
            row = conn.execute(select(plex_servers).where(plex_servers.c.id == server_id)).first()
        if row is None:
            raise NotFound(f"Plex server {server_id} does not exist")
        return _server(row)

    def list_plex_servers(self) -> list[PlexServer]:
        with self.db.read() as conn:
            return [_server(r) for r in conn.execute(select(plex_servers).order_by(plex_servers.c.name, plex_servers.c.id))]

    def update_plex_server(self, server_id: int, **fields: Any) -> PlexServer:
        with self.db.write() as conn:
            row = conn.execute(update(plex_servers).where(plex_servers.c.id == server_id)
                               .values(updated_at=self.now(), **fields).returning(*plex_servers.c)).first()
        if row is None:
            raise NotFound(f"Plex server {server_id} does not exist")
        return _server(row)

    def delete_plex_server(self, server_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(delete(plex_servers).where(plex_servers.c.id == server_id)).rowcount:
                raise NotFound(f"Plex server {server_id} does not exist")

    # --- libraries ---------------------------------------------------------------------------
    def store_plex_libraries(self, server_id: int, sections: Iterable[Mapping[str, Any]]) -> list[PlexLibrary]:
        """Record the sections a server listed (by key; ones it no longer lists stay until removed)."""
        now = self.now()
        with self.db.write() as conn:
            for s in sections:
                values = {"title": s["title"], "type": s["type"], "agent": s.get("agent"),
                          "locations": dumps(list(s.get("locations", []))), "updated_at": now}
                stmt = self.db.backend.insert(plex_libraries).values(server_id=server_id, section_key=str(s["key"]), **values)
                conn.execute(stmt.on_conflict_do_update(index_elements=["server_id", "section_key"], set_=values))
        return self.list_plex_libraries(server_id)

    def list_plex_libraries(self, server_id: int) -> list[PlexLibrary]:
        with self.db.read() as conn:
            rows = conn.execute(select(plex_libraries).where(plex_libraries.c.server_id == server_id)
                                .order_by(plex_libraries.c.title, plex_libraries.c.id))
            return [_library(r) for r in rows]

    def get_plex_library(self, library_id: int) -> PlexLibrary:
        with self.db.read() as conn:
            row = conn.execute(select(plex_libraries).where(plex_libraries.c.id == library_id)).first()
        if row is None:
            raise NotFound(f"Plex library {library_id} does not exist")
        return _library(row)

    def set_plex_library_enabled(self, library_id: int, enabled: bool) -> PlexLibrary:
        with self.db.write() as conn:
            row = conn.execute(update(plex_libraries).where(plex_libraries.c.id == library_id)
                               .values(enabled=enabled, updated_at=self.now()).returning(*plex_libraries.c)).first()
        if row is None:
            raise NotFound(f"Plex library {library_id} does not exist")
        return _library(row)

    def plex_item_counts(self, server_id: int) -> dict[int, int]:
        """Imported items per library of a server."""
        query = (select(plex_items.c.library_id, func.count()).where(plex_items.c.server_id == server_id)
                 .group_by(plex_items.c.library_id))
        with self.db.read() as conn:
            return dict(conn.execute(query).all())

    # --- path mappings -----------------------------------------------------------------------
    def add_plex_mapping(self, server_id: int, plex_prefix: str, local_prefix: str, library_id: int | None = None) -> PathMapping:
        with self.db.write() as conn:
            row = conn.execute(plex_path_mappings.insert().values(server_id=server_id, library_id=library_id, plex_prefix=plex_prefix,
                                                                  local_prefix=local_prefix, created_at=self.now())
                               .returning(*plex_path_mappings.c)).one()
        return _mapping(row)

    def list_plex_mappings(self, server_id: int) -> list[PathMapping]:
        with self.db.read() as conn:
            rows = conn.execute(select(plex_path_mappings).where(plex_path_mappings.c.server_id == server_id)
                                .order_by(plex_path_mappings.c.id))
            return [_mapping(r) for r in rows]

    def plex_served_folders(self) -> list[str]:
        """The local folders the enabled servers' mappings point at: their files may be streamed."""
        query = (select(plex_path_mappings.c.local_prefix).distinct()
                 .join(plex_servers, plex_servers.c.id == plex_path_mappings.c.server_id).where(plex_servers.c.enabled.is_(True)))
        with self.db.read() as conn:
            return [folder for folder in conn.execute(query).scalars() if folder.rstrip("/")]

    def delete_plex_mapping(self, server_id: int, mapping_id: int) -> None:
        with self.db.write() as conn:
            gone = conn.execute(delete(plex_path_mappings).where(plex_path_mappings.c.id == mapping_id,
                                                                 plex_path_mappings.c.server_id == server_id)).rowcount
        if not gone:
            raise NotFound(f"path mapping {mapping_id} of Plex server {server_id} does not exist")

    # --- user mappings -----------------------------------------------------------------------
    def add_plex_user_map(self, server_id: int, plex_account_id: str, plex_name: str, user_id: int, *,
                          token: str = "", keep_in_step: bool = False) -> UserMap:
        with self.db.write() as conn:
            taken = conn.execute(select(plex_user_maps.c.id).where(plex_user_maps.c.server_id == server_id,
                                                                   plex_user_maps.c.plex_account_id == plex_account_id)).first()
            if taken is not None:
                raise Conflict(f"Plex account {plex_account_id} is already mapped on this server; remove that mapping first")
            row = conn.execute(plex_user_maps.insert().values(server_id=server_id, plex_account_id=plex_account_id, plex_name=plex_name,
                                                              token=token, user_id=user_id, keep_in_step=keep_in_step,
                                                              created_at=self.now()).returning(*plex_user_maps.c)).one()
        return _user_map(row)

    def list_plex_user_maps(self, server_id: int) -> list[UserMap]:
        with self.db.read() as conn:
            rows = conn.execute(select(plex_user_maps).where(plex_user_maps.c.server_id == server_id).order_by(plex_user_maps.c.id))
            return [_user_map(r) for r in rows]

    def delete_plex_user_map(self, server_id: int, map_id: int) -> None:
        with self.db.write() as conn:
            gone = conn.execute(delete(plex_user_maps).where(plex_user_maps.c.id == map_id, plex_user_maps.c.server_id == server_id)).rowcount
        if not gone:
            raise NotFound(f"user mapping {map_id} of Plex server {server_id} does not exist")

    # --- parts without a local path ------------------------------------------------------------
    def list_unmapped_plex_parts(self, server_id: int, limit: int = 200) -> list[dict[str, Any]]:
        """Parts no mapping covers: listed (not lost) so the admin can add the mapping."""
        query = (select(plex_items.c.title, plex_items.c.media_id, plex_parts.c.plex_path, plex_parts.c.size)
                 .join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                 .where(plex_items.c.server_id == server_id, plex_parts.c.local_path.is_(None))
                 .order_by(plex_parts.c.plex_path).limit(limit))
        with self.db.read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
