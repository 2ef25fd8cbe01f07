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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update

from ..db.plex import plex_items, plex_parts
from ..db.schema import external_ids, media, media_files, playback
from ..models.plex import PlexItem, PlexPart, ResolvedPart, WatchState
from .base import dumps, loads
from .media import new_media_id, sort_title

MATCH_PROVIDERS = ("imdb", "tmdb", "tvdb", "anidb")
FILL_FIELDS = ("year", "overview", "original_title", "air_date", "runtime_minutes")
CHUNK = 500  # values bound in one IN (…)


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

    # --- writing one batch --------------------------------------------------------------------
    def apply_plex_batch(self, server_id: int, library_id: int, rows: Iterable[tuple[PlexItem, list[ResolvedPart]]]) -> dict[str, int]:
        """Import changed items in one transaction; counts of items created and updated, files added.

        Items this server listed before (the usual re-sync) are written together: one read of
        their items, ids, files and parts, then one ``executemany`` per statement shape. The
        others are matched or created one by one (matching reads what the items before wrote)."""
        rows, counts = list(rows), {"created": 0, "updated": 0, "files": 0, "skipped": 0}
        now = self.now()
        with self.db.write() as conn:
            known = self._known_items(conn, server_id, [item.rating_key for item, _ in rows])
            again = [(known[item.rating_key], item, parts) for item, parts in rows if known.get(item.rating_key, (0, None))[1]]
            written = self._update_known(conn, library_id, again, now)
            counts["updated"] += len(again)
            for item, parts in rows:
                record = known.get(item.rating_key)
                if record and record[1]:
                    continue
                media_id, created = self._plex_media(conn, server_id, item, now)
                if media_id is None:
                    counts["skipped"] += 1
                    continue
                counts["created" if created else "updated"] += 1
                item_id = self._record_plex_item(conn, server_id, library_id, item, media_id, now, record[0] if record else None)
                written.append((item_id, media_id, parts, record is None))
            counts["files"] = self._record_parts(conn, written, now)
        return counts

    @staticmethod
    def _known_items(conn, server_id: int, keys: list[str]) -> dict[str, tuple[int, str | None]]:
        """``ratingKey → (plex_items id, media id)`` of the batch's items this server listed before."""
        query = select(plex_items.c.rating_key, plex_items.c.id, plex_items.c.media_id).where(plex_items.c.server_id == server_id)
        return {key: (item_id, media_id) for key, item_id, media_id in _select_in(conn, query, plex_items.c.rating_key, keys)}

    def _update_known(self, conn, library_id: int, again: list, now: float) -> list[tuple[int, str, list[ResolvedPart], bool]]:
        """Items this server listed before, still linked to our item: fill, record, all at once."""
        self._fill_media(conn, [(media_id, item) for (_, media_id), item, _ in again], now)
        _update_many(conn, plex_items, [{"id": item_id, **_item_values(library_id, item, media_id, now)}
                                        for (item_id, media_id), item, _ in again])
        return [(item_id, media_id, parts, False) for (item_id, media_id), _, parts in again]

    def _plex_media(self, conn, server_id: int, item: PlexItem, now: float) -> tuple[str | None, bool]:
        found = self._matched_media(conn, server_id, item)
        if found is not None:
            self._fill_media(conn, [(found, item)], now)
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
            runtime_minutes=_runtime(item),
            status="identified" if _external(item) else "new", extra=dumps({"source": "plex"}), added_at=now, updated_at=now))
        ids = _new_ids(media_id, item, set())
        if ids:
            conn.execute(external_ids.insert(), ids)
        return media_id

    def _fill_media(self, conn, pairs: list[tuple[str, PlexItem]], now: float) -> None:
        """Plex's metadata onto our items, where they lack it (or all of it on items Plex made); the
        external ids they do not have yet. Every ``(media id, item)`` pair in one go."""
        if not pairs:
            return
        media_ids = list({media_id for media_id, _ in pairs})
        rows = {row.id: row._mapping for row in _select_in(conn, select(media), media.c.id, media_ids)}
        have: dict[str, set[str]] = {media_id: set() for media_id in media_ids}
        for media_id, provider in _select_in(conn, select(external_ids.c.media_id, external_ids.c.provider),
                                             external_ids.c.media_id, media_ids):
            have[media_id].add(provider)
        changes, new_ids = [], []
        for media_id, item in pairs:
            values = _filled(rows[media_id], item)
            if values:
                changes.append({"id": media_id, "updated_at": now, **values})
            new_ids += _new_ids(media_id, item, have[media_id])
        _update_many(conn, media, changes)
        if new_ids:
            conn.execute(external_ids.insert(), new_ids)

    def _record_plex_item(self, conn, server_id: int, library_id: int, item: PlexItem, media_id: str, now: float,
                          item_id: int | None) -> int:
        values = _item_values(library_id, item, media_id, now)
        if item_id is not None:
            conn.execute(update(plex_items).where(plex_items.c.id == item_id).values(**values))
            return item_id
        return conn.execute(plex_items.insert().values(server_id=server_id, rating_key=item.rating_key, **values)
                            .returning(plex_items.c.id)).scalar()

    def _record_parts(self, conn, written: list[tuple[int, str, list[ResolvedPart], bool]], now: float) -> int:
        """The Parts of the written items (``(item id, media id, parts, fresh)``): their files,
        then the ``plex_parts`` rows that are new, changed or gone. How many files were added."""
        files, added = self._plex_files(conn, [(media_id, part) for _, media_id, parts, _ in written for part in parts], now)
        old_ids = [item_id for item_id, _, _, fresh in written if not fresh]
        stored = {(row.item_id, row.part_key): row._mapping
                  for row in _select_in(conn, select(plex_parts), plex_parts.c.item_id, old_ids)}
        listed, inserts, changes = set(), [], []
        for item_id, _, parts, _ in written:
            for resolved in parts:
                key = (item_id, resolved.part.key)
                listed.add(key)
                values = _part_values(resolved, files.get(resolved.local_path))
                row = stored.get(key)
                if row is None:
                    inserts.append({"item_id": item_id, "part_key": resolved.part.key, **values})
                elif any(row[k] != v for k, v in values.items()):
                    changes.append({"id": row["id"], **values})
        if inserts:
            conn.execute(plex_parts.insert(), inserts)
        _update_many(conn, plex_parts, changes)
        gone = [row["id"] for key, row in stored.items() if key not in listed]  # versions or parts Plex no longer lists
        for start in range(0, len(gone), CHUNK):
            conn.execute(delete(plex_parts).where(plex_parts.c.id.in_(gone[start:start + CHUNK])))
        return added

    @staticmethod
    def _plex_files(conn, parts: list[tuple[str, ResolvedPart]], now: float) -> tuple[dict[str, int], int]:
        """``local path → media_files id`` of every mapped Part, and how many rows were added. A
        path already known is linked to the item if it had none, and marked missing or present;
        the others are added (``tech.origin = "plex"``) for the first item naming them."""
        wanted: dict[str, tuple[str, ResolvedPart]] = {}
        for media_id, resolved in parts:
            if resolved.local_path:
                wanted.setdefault(resolved.local_path, (media_id, resolved))
        query = select(media_files.c.path, media_files.c.id, media_files.c.media_id, media_files.c.missing)
        found = {row.path: row for row in _select_in(conn, query, media_files.c.path, list(wanted))}
        changes = [{"id": row.id, "updated_at": now, **change} for path, row in found.items()
                   if (change := _file_changes(row, *wanted[path]))]
        _update_many(conn, media_files, changes)
        new = [_new_file(media_id, resolved, now) for path, (media_id, resolved) in wanted.items() if path not in found]
        if new:
            conn.execute(media_files.insert(), new)
            query = select(media_files.c.path, media_files.c.id)
            found.update({row.path: row for row in _select_in(conn, query, media_files.c.path, [f["path"] for f in new])})
        return {path: row.id for path, row in found.items()}, len(new)

    # --- files of items that did not change -------------------------------------------------
    def plex_part_paths(self, server_id: int, library_id: int) -> list[tuple[int, str, PlexPart, str | None, bool | None]]:
        """Every Part imported from a library: ``(item id, media id, part, local path, file missing)``."""
        query = (select(plex_parts, plex_items.c.media_id, media_files.c.missing)
                 .join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                 .outerjoin(media_files, media_files.c.id == plex_parts.c.media_file_id)
                 .where(plex_items.c.server_id == server_id, plex_items.c.library_id == library_id,
                        plex_items.c.media_id.is_not(None)))
        with self.db.read() as conn:
            return [(row.item_id, row.media_id, PlexPart(key=row.part_key, version=row.version, file=row.plex_path, size=row.size,
                                                         duration_ms=row.duration_ms), row.local_path,
                     None if row.missing is None else bool(row.missing)) for row in conn.execute(query)]

    def relink_plex_parts(self, items: list[tuple[int, str, list[ResolvedPart]]]) -> int:
        """Write the Parts of items whose files moved in or out of reach (a mapping changed, a
        disk was mounted) as a changed item's are; how many files were added."""
        with self.db.write() as conn:
            return self._record_parts(conn, [(item_id, media_id, parts, False) for item_id, media_id, parts in items], self.now())

    # --- deletions ----------------------------------------------------------------------------
    def delete_plex_items(self, server_id: int, rating_keys: Iterable[str]) -> int:
        """Forget items a server no longer lists; files and items only that server brought go too."""
        keys, removed = list(rating_keys), 0
        with self.db.write() as conn:
            for start in range(0, len(keys), CHUNK):
                chunk = keys[start:start + CHUNK]
                where = (plex_items.c.server_id == server_id) & plex_items.c.rating_key.in_(chunk)
                media_ids = set(conn.execute(select(plex_items.c.media_id).where(where)).scalars()) - {None}
                file_ids = set(conn.execute(select(plex_parts.c.media_file_id).join(plex_items, plex_items.c.id == plex_parts.c.item_id)
                                            .where(where)).scalars()) - {None}
                removed += conn.execute(delete(plex_items).where(where)).rowcount
                self._drop_orphan_files(conn, list(file_ids))
                self._drop_orphan_media(conn, list(media_ids))
        return removed

    @staticmethod
    def _drop_orphan_files(conn, file_ids: list[int]) -> None:
        """Files no Plex Part names any more, if a Plex sync added them (a scanned file stays)."""
        named = {row[0] for row in _select_in(conn, select(plex_parts.c.media_file_id), plex_parts.c.media_file_id, file_ids)}
        query = select(media_files.c.id, media_files.c.tech)
        gone = [row.id for row in _select_in(conn, query, media_files.c.id, [f for f in file_ids if f not in named])
                if loads(row.tech, {}).get("origin") == "plex"]
        _delete_in(conn, media_files, gone)

    @staticmethod
    def _drop_orphan_media(conn, media_ids: list[str]) -> None:
        """Items Plex made that nothing holds any more: no server's record, no file, no child but seasons."""
        held = {row[0] for row in _select_in(conn, select(plex_items.c.media_id), plex_items.c.media_id, media_ids)}
        held |= {row[0] for row in _select_in(conn, select(media_files.c.media_id), media_files.c.media_id, media_ids)}
        held |= {row[0] for row in _select_in(conn, select(media.c.parent_id).where(media.c.kind != "season"),
                                              media.c.parent_id, media_ids)}
        query = select(media.c.id, media.c.extra)
        gone = [row.id for row in _select_in(conn, query, media.c.id, [m for m in media_ids if m not in held])
                if loads(row.extra, {}).get("source") == "plex"]
        _delete_in(conn, media, gone)

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


def _select_in(conn, query, column, values: list) -> list:
    """``query`` narrowed to ``column IN values``, a chunk at a time (SQLite caps bound values)."""
    rows = []
    for start in range(0, len(values), CHUNK):
        rows += conn.execute(query.where(column.in_(values[start:start + CHUNK]))).all()
    return rows


def _delete_in(conn, table, ids: list) -> None:
    for start in range(0, len(ids), CHUNK):
        conn.execute(delete(table).where(table.c.id.in_(ids[start:start + CHUNK])))


def _update_many(conn, table, rows: list[dict[str, Any]]) -> None:
    """``UPDATE table SET … WHERE id = :id`` for every row: one ``executemany`` per set of columns."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(k for k in row if k != "id"))].append(row)
    for columns, group in groups.items():
        stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(f"_{c}") for c in columns})
        conn.execute(stmt, [{"_id": row["id"], **{f"_{c}": row[c] for c in columns}} for row in group])


def _item_values(library_id: int, item: PlexItem, media_id: str, now: float) -> dict[str, Any]:
    return {"library_id": library_id, "kind": item.kind, "media_id": media_id, "guid": item.guid, "stamp": item.stamp,
            "title": item.title, "updated_at": now}


def _runtime(item: PlexItem) -> float | None:
    return round(item.duration_ms / 60000, 1) if item.duration_ms else None


def _filled(row: Mapping[str, Any], item: PlexItem) -> dict[str, Any]:
    """What Plex's metadata changes on our item: the empty fields, or every field (title too) of
    an item Plex made whose match is not locked."""
    ours = loads(row["extra"], {}).get("source") == "plex"
    offered = {"title": item.title, "year": item.year, "overview": item.summary, "original_title": item.original_title,
               "air_date": item.air_date, "runtime_minutes": _runtime(item)}
    keys = ("title", *FILL_FIELDS) if ours and not row["match_locked"] else FILL_FIELDS
    values = {k: offered[k] for k in keys if offered[k] is not None and (ours or row[k] is None) and row[k] != offered[k]}
    if "title" in values:
        values["sort_title"] = sort_title(values["title"])
    return values


def _new_ids(media_id: str, item: PlexItem, have: set[str]) -> list[dict[str, str]]:
    """The item's external ids our item lacks (``have`` is updated, so a pair is added once)."""
    rows = [{"media_id": media_id, "provider": p, "value": v} for p, v in _external(item).items() if p not in have]
    have.update(row["provider"] for row in rows)
    return rows


def _part_values(resolved: ResolvedPart, file_id: int | None) -> dict[str, Any]:
    part = resolved.part
    return {"version": part.version, "plex_path": part.file, "local_path": resolved.local_path,
            "media_file_id": file_id, "size": part.size, "duration_ms": part.duration_ms}


def _file_changes(row, media_id: str, resolved: ResolvedPart) -> dict[str, Any]:
    """A known file named by a Part: linked to the item if it had none, missing or present now."""
    changes: dict[str, Any] = {}
    if row.media_id is None:
        changes["media_id"] = media_id
    if bool(row.missing) == resolved.exists:
        changes["missing"] = not resolved.exists
    return changes


def _new_file(media_id: str, resolved: ResolvedPart, now: float) -> dict[str, Any]:
    part = resolved.part
    return {"media_id": media_id, "path": resolved.local_path, "size": part.size, "mtime": 0, "container": part.container,
            "duration_s": part.duration_ms / 1000 if part.duration_ms else None, "video_codec": part.video_codec,
            "width": part.width, "height": part.height, "tech": dumps({"origin": "plex"}), "missing": not resolved.exists,
            "added_at": now, "updated_at": now}


def _external(item: PlexItem) -> dict[str, str]:
    return {k: v for k, v in item.ids.items() if k in MATCH_PROVIDERS}


def _differs(row: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return any(row[k] != v for k, v in wanted.items() if k != "updated_at")
