"""What a Plex sync writes: items matched or created in our library, their files, the record of
what each server listed (``plex_items``/``plex_parts``), deletions, and imported watched state.

One batch of changed items is written in one transaction (``apply_plex_batch``). Matching, in
order: what this server's ``ratingKey`` became last time; an item of the same kind with one of
the external ids (imdb, tmdb, tvdb, anidb) — so a film on two servers and on local disk is one
item; the same ``plex://`` GUID imported from another server; for an episode, the episode of
that season with that number. Otherwise a new item (``extra.source = "plex"``). Plex's title,
year, summary and air date fill only what is empty on an item we did not create. A Part whose
mapped path is known becomes a ``media_files`` row (``missing`` when the path is not here);
one that no mapping covers stays in ``plex_parts`` only, listed for the admin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update

from ..db.plex import plex_items, plex_parts
from ..db.schema import external_ids, media, media_files, playback
from ..models.plex import PlexItem, ResolvedPart, WatchState
from .base import dumps, loads
from .media import new_media_id, sort_title

MATCH_PROVIDERS = ("imdb", "tmdb", "tvdb", "anidb")
FILL_FIELDS = ("year", "overview", "original_title", "air_date", "runtime_minutes")


def _season_title(number: int) -> str:
    return "Specials" if number == 0 else f"Season {number}"


class PlexImportRepository:
    # --- reading what a server listed before --------------------------------------------------
    def plex_stamps(self, server_id: int, library_id: int) -> dict[str, int]:
        """``ratingKey → stamp`` of everything imported from one library: what a re-sync compares."""
        query = select(plex_items.c.rating_key, plex_items.c.stamp).where(plex_items.c.server_id == server_id,
                                                                          plex_items.c.library_id == library_id)
        with self.db.read() as conn:
            return dict(conn.execute(query).all())

    def plex_media_ids(self, server_id: int) -> dict[str, str]:
        """``ratingKey → media id`` of a server's imported items (for watched state)."""
        query = select(plex_items.c.rating_key, plex_items.c.media_id).where(plex_items.c.server_id == server_id,
                                                                             plex_items.c.media_id.is_not(None))
        with self.db.read() as conn:
            return dict(conn.execute(query).all())

    # --- writing one page ---------------------------------------------------------------------
    def apply_plex_batch(self, server_id: int, library_id: int, rows: Iterable[tuple[PlexItem, list[ResolvedPart]]]) -> dict[str, int]:
        """Import changed items in one transaction; counts of items created and updated, files added."""
        rows, counts = list(rows), {"created": 0, "updated": 0, "files": 0, "skipped": 0}
        now = self.now()
        with self.db.write() as conn:
            known = self._known_items(conn, server_id, [item.rating_key for item, _ in rows])
            for item, parts in rows:
                record = known.get(item.rating_key)
                media_id, created = self._plex_media(conn, server_id, item, now, record[1] if record else None)
                if media_id is None:
                    counts["skipped"] += 1
                    continue
                counts["created" if created else "updated"] += 1
                item_id = self._record_plex_item(conn, server_id, library_id, item, media_id, now, record[0] if record else None)
                counts["files"] += self._record_parts(conn, item_id, media_id, parts, now, fresh=record is None)
        return counts

    @staticmethod
    def _known_items(conn, server_id: int, keys: list[str]) -> dict[str, tuple[int, str | None]]:
        """``ratingKey → (plex_items id, media id)`` of the batch's items this server listed before."""
        known = {}
        for start in range(0, len(keys), 500):
            query = select(plex_items.c.rating_key, plex_items.c.id, plex_items.c.media_id).where(
                plex_items.c.server_id == server_id, plex_items.c.rating_key.in_(keys[start:start + 500]))
            known.update({key: (item_id, media_id) for key, item_id, media_id in conn.execute(query)})
        return known

    def _plex_media(self, conn, server_id: int, item: PlexItem, now: float, own: str | None) -> tuple[str | None, bool]:
        found = own or self._matched_media(conn, server_id, item)
        if found is not None:
            self._fill_media(conn, found, item, now)
            return found, False
        parent_id = None
        if item.kind == "episode":
            parent_id = self._season_of(conn, server_id, item, now)
            if parent_id is None:
                return None, False  # its show was not imported (a bad item): counted as skipped
        return self._new_media(conn, item, parent_id, now), True

    def _matched_media(self, conn, server_id: int, item: PlexItem) -> str | None:
        """An item this one is already: by external id (in provider order), plex:// GUID, episode number."""
        wanted = [(p, item.ids[p]) for p in MATCH_PROVIDERS if item.ids.get(p)]
        if wanted:
            rows = conn.execute(select(external_ids.c.provider, media.c.id).join(external_ids, external_ids.c.media_id == media.c.id)
                                .where(media.c.kind == item.kind, or_(*(and_(external_ids.c.provider == p, external_ids.c.value == v)
                                                                        for p, v in wanted)))).all()
            by_provider = dict(rows)
            found = next((by_provider[p] for p, _ in wanted if p in by_provider), None)
            if found is not None:
                return found
        if item.guid and item.guid.startswith("plex://"):
            found = conn.execute(select(plex_items.c.media_id).where(plex_items.c.guid == item.guid,
                                                                     plex_items.c.media_id.is_not(None)).limit(1)).scalar()
            if found is not None:
                return found
        if item.kind == "episode" and item.episode is not None:
            season = self._season_of(conn, server_id, item, None)
            if season is not None:
                return conn.execute(select(media.c.id).where(media.c.kind == "episode", media.c.parent_id == season,
                                                             media.c.episode_number == item.episode).limit(1)).scalar()
        return None

    def _season_of(self, conn, server_id: int, item: PlexItem, now: float | None) -> str | None:
        """The season item of an episode under its show (made when ``now`` is given and it is missing)."""
        show = conn.execute(select(plex_items.c.media_id).where(plex_items.c.server_id == server_id,
                                                                plex_items.c.rating_key == item.show_key)).scalar()
        if show is None:
            return None
        number = item.season if item.season is not None else 1
        season = conn.execute(select(media.c.id).where(media.c.kind == "season", media.c.parent_id == show,
                                                       media.c.season_number == number).limit(1)).scalar()
        if season is None and now is not None:
            season = new_media_id()
            title = _season_title(number)
            conn.execute(media.insert().values(id=season, kind="season", parent_id=show, title=title, sort_title=sort_title(title),
                                               season_number=number, status="identified", extra=dumps({"source": "plex"}),
                                               added_at=now, updated_at=now))
        return season

    def _new_media(self, conn, item: PlexItem, parent_id: str | None, now: float) -> str:
        media_id = new_media_id()
        conn.execute(media.insert().values(
            id=media_id, kind=item.kind, parent_id=parent_id, title=item.title, sort_title=sort_title(item.title),
            original_title=item.original_title, year=item.year, overview=item.summary, air_date=item.air_date,
            season_number=item.season if item.kind == "episode" else None, episode_number=item.episode,
            runtime_minutes=round(item.duration_ms / 60000, 1) if item.duration_ms else None,
            status="identified" if _external(item) else "new", extra=dumps({"source": "plex"}), added_at=now, updated_at=now))
        self._add_ids(conn, media_id, item, have=set())
        return media_id

    def _fill_media(self, conn, media_id: str, item: PlexItem, now: float) -> None:
        row = conn.execute(select(media).where(media.c.id == media_id)).one()._mapping
        ours = loads(row["extra"], {}).get("source") == "plex"
        offered = {"title": item.title, "year": item.year, "overview": item.summary, "original_title": item.original_title,
                   "air_date": item.air_date,
                   "runtime_minutes": round(item.duration_ms / 60000, 1) if item.duration_ms else None}
        keys = ("title", *FILL_FIELDS) if ours and not row["match_locked"] else FILL_FIELDS
        values = {k: offered[k] for k in keys if offered[k] is not None and (ours or row[k] is None) and row[k] != offered[k]}
        if "title" in values:
            values["sort_title"] = sort_title(values["title"])
        if values:
            conn.execute(update(media).where(media.c.id == media_id).values(updated_at=now, **values))
        self._add_ids(conn, media_id, item)

    @staticmethod
    def _add_ids(conn, media_id: str, item: PlexItem, have: set[str] | None = None) -> None:
        if have is None:
            have = set(conn.execute(select(external_ids.c.provider).where(external_ids.c.media_id == media_id)).scalars())
        rows = [{"media_id": media_id, "provider": p, "value": v} for p, v in _external(item).items() if p not in have]
        if rows:
            conn.execute(external_ids.insert(), rows)

    def _record_plex_item(self, conn, server_id: int, library_id: int, item: PlexItem, media_id: str, now: float,
                          item_id: int | None) -> int:
        values = {"library_id": library_id, "kind": item.kind, "media_id": media_id, "guid": item.guid, "stamp": item.stamp,
                  "title": item.title, "updated_at": now}
        if item_id is not None:
            conn.execute(update(plex_items).where(plex_items.c.id == item_id).values(**values))
            return item_id
        return conn.execute(plex_items.insert().values(server_id=server_id, rating_key=item.rating_key, **values)
                            .returning(plex_items.c.id)).scalar()

    def _record_parts(self, conn, item_id: int, media_id: str, parts: list[ResolvedPart], now: float, *, fresh: bool) -> int:
        added, keys = 0, []
        for resolved in parts:
            part = resolved.part
            keys.append(part.key)
            file_id = None
            if resolved.local_path:
                file_id, new = self._plex_file(conn, media_id, resolved, now)
                added += new
            values = {"version": part.version, "plex_path": part.file, "local_path": resolved.local_path,
                      "media_file_id": file_id, "size": part.size, "duration_ms": part.duration_ms}
            stmt = plex_parts.insert() if fresh else self.db.backend.insert(plex_parts)
            stmt = stmt.values(item_id=item_id, part_key=part.key, **values)
            conn.execute(stmt if fresh else stmt.on_conflict_do_update(index_elements=["item_id", "part_key"], set_=values))
        if not fresh:  # versions or parts Plex no longer lists for this item
            conn.execute(delete(plex_parts).where(plex_parts.c.item_id == item_id, plex_parts.c.part_key.not_in(keys)))
        return added

    @staticmethod
    def _plex_file(conn, media_id: str, resolved: ResolvedPart, now: float) -> tuple[int, int]:
        """The ``media_files`` row of a mapped Part: found by path (linked if it had no item) or added."""
        row = conn.execute(select(media_files.c.id, media_files.c.media_id, media_files.c.missing)
                           .where(media_files.c.path == resolved.local_path)).first()
        if row is not None:
            changes: dict[str, Any] = {}
            if row.media_id is None:
                changes["media_id"] = media_id
            if bool(row.missing) == resolved.exists:
                changes["missing"] = not resolved.exists
            if changes:
                conn.execute(update(media_files).where(media_files.c.id == row.id).values(updated_at=now, **changes))
            return row.id, 0
        part = resolved.part
        file_id = conn.execute(media_files.insert().values(
            media_id=media_id, path=resolved.local_path, size=part.size, mtime=0, container=part.container,
            duration_s=part.duration_ms / 1000 if part.duration_ms else None, video_codec=part.video_codec,
            width=part.width, height=part.height, tech=dumps({"origin": "plex"}), missing=not resolved.exists,
            added_at=now, updated_at=now).returning(media_files.c.id)).scalar()
        return file_id, 1

    # --- deletions ----------------------------------------------------------------------------
    def delete_plex_items(self, server_id: int, rating_keys: Iterable[str]) -> int:
        """Forget items a server no longer lists; files and items only that server brought go too."""
        keys, removed = list(rating_keys), 0
        with self.db.write() as conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                where = (plex_items.c.server_id == server_id) & plex_items.c.rating_key.in_(chunk)
                media_ids = set(conn.execute(select(plex_items.c.media_id).where(where)).scalars()) - {None}
                file_ids = set(conn.execute(select(plex_parts.c.media_file_id).join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                                            .where(where)).scalars()) - {None}
                removed += conn.execute(delete(plex_items).where(where)).rowcount
                self._drop_orphan_files(conn, file_ids)
                self._drop_orphan_media(conn, media_ids)
        return removed

    @staticmethod
    def _drop_orphan_files(conn, file_ids: set[int]) -> None:
        for file_id in file_ids:
            if conn.execute(select(plex_parts.c.id).where(plex_parts.c.media_file_id == file_id).limit(1)).first() is None:
                tech = conn.execute(select(media_files.c.tech).where(media_files.c.id == file_id)).scalar()
                if loads(tech, {}).get("origin") == "plex":
                    conn.execute(delete(media_files).where(media_files.c.id == file_id))

    @staticmethod
    def _drop_orphan_media(conn, media_ids: set[str]) -> None:
        for media_id in media_ids:
            still = (conn.execute(select(plex_items.c.id).where(plex_items.c.media_id == media_id).limit(1)).first()
                     or conn.execute(select(media_files.c.id).where(media_files.c.media_id == media_id).limit(1)).first()
                     or conn.execute(select(media.c.id).where(media.c.parent_id == media_id, media.c.kind != "season").limit(1)).first())
            extra = conn.execute(select(media.c.extra).where(media.c.id == media_id)).scalar()
            if not still and loads(extra, {}).get("source") == "plex":
                conn.execute(delete(media).where(media.c.id == media_id))

    # --- watched state ------------------------------------------------------------------------
    def apply_plex_watch(self, user_id: int, states: Iterable[tuple[str, WatchState]]) -> int:
        """Write ``(media id, state)`` pairs into a user's playback state; only differing rows are written."""
        written, now = 0, self.now()
        with self.db.write() as conn:
            for media_id, state in states:
                wanted = {"position_s": 0.0 if state.view_count and not state.view_offset_ms else state.view_offset_ms / 1000,
                          "duration_s": state.duration_ms / 1000 if state.duration_ms else None,
                          "watched": state.view_count > 0, "play_count": state.view_count,
                          "updated_at": float(state.last_viewed_at) if state.last_viewed_at else now}
                row = conn.execute(select(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id)).first()
                if row is None:
                    conn.execute(playback.insert().values(user_id=user_id, media_id=media_id, **wanted))
                elif _differs(row._mapping, wanted):
                    conn.execute(update(playback).where(playback.c.user_id == user_id, playback.c.media_id == media_id).values(**wanted))
                else:
                    continue
                written += 1
        return written

    def count_plex_rows(self, server_id: int) -> dict[str, int]:
        """Items and parts imported from a server (for reports and tests)."""
        with self.db.read() as conn:
            items = conn.execute(select(func.count()).select_from(plex_items).where(plex_items.c.server_id == server_id)).scalar()
            parts = conn.execute(select(func.count()).select_from(plex_parts).join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                                 .where(plex_items.c.server_id == server_id)).scalar()
        return {"items": items, "parts": parts}


def _external(item: PlexItem) -> dict[str, str]:
    return {k: v for k, v in item.ids.items() if k in MATCH_PROVIDERS}


def _differs(row: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return any(row[k] != v for k, v in wanted.items() if k != "updated_at")
