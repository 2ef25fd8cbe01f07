"""Watch events, watch history, rules, decisions, overrides and the leaving-soon list (the
decisions source's repository mixin; the only module with these tables' queries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, func, select, update

from ..db.decisions import (
    decision_overrides,
    decision_rules,
    decisions,
    leaving_soon,
    watch_events,
    watch_history,
    watch_items,
)
from ..db.iptv import iptv_streams
from ..db.schema import external_ids, jobs, media, media_files, strm_manifest
from ..errors import Conflict, InvalidInput, NotFound
from ..models.decisions import Decision, LeavingFilm, Override, Rule, WatchEvent, WatchRecord, WatchWrite
from .base import dumps, loads

_DECISION_FIELDS = {c.name for c in decisions.c} - {"id", "created_at", "updated_at"}
IN_FLIGHT = ("pending", "added", "searched")  # a trigger whose Radarr command has not ended
DOWNLOADED = ("added", "searched", "completed")  # films we asked Radarr to fetch
_WATCH_UPSERTS: dict[tuple, Any] = {}  # (backend, columns) -> the history's upsert statement
_RULE_FIELDS = ("name", "priority", "condition", "action", "via", "enabled", "description")


def _event(row) -> WatchEvent:
    values = dict(row._mapping)
    values["fields"] = loads(values["fields"], {})
    return WatchEvent(**values)


def _decision(row) -> Decision:
    values = dict(row._mapping)
    values["facts"] = loads(values["facts"], {})
    return Decision(**values)


def _rule(row) -> Rule:
    values = dict(row._mapping)
    values.pop("updated_at")
    values["condition"] = loads(values["condition"], {})
    return Rule(**values)


class DecisionsRepository:
    # --- webhook events ---------------------------------------------------------------------------
    def add_watch_event(self, event_key: str, type_: str, fields: Mapping[str, Any], **columns: Any) -> tuple[WatchEvent, bool]:
        """Store a delivery once per ``event_key``: ``(event, created)``; a retry returns the first."""
        stmt = self.db.backend.insert(watch_events).values(
            event_key=event_key, type=type_, fields=dumps(dict(fields)), received_at=self.now(), **columns)
        with self.db.write() as conn:
            row = conn.execute(stmt.on_conflict_do_nothing(index_elements=["event_key"]).returning(*watch_events.c)).first()
            if row is not None:
                return _event(row), True
            return _event(conn.execute(select(watch_events).where(watch_events.c.event_key == event_key)).one()), False

    def get_watch_event(self, event_id: int) -> WatchEvent:
        with self.db.read() as conn:
            row = conn.execute(select(watch_events).where(watch_events.c.id == event_id)).first()
        if row is None:
            raise NotFound(f"watch event {event_id} does not exist")
        return _event(row)

    def set_watch_event_status(self, event_id: int, status: str, error: str | None = None) -> None:
        with self.db.write(durable=False) as conn:
            conn.execute(update(watch_events).where(watch_events.c.id == event_id).values(status=status, error=error))

    def claim_watch_events(self, limit: int, *, stale_after: float) -> list[WatchEvent]:
        """Take up to ``limit`` events waiting for a decision (oldest first) in one write: status
        ``deciding`` with the time; an event a drain took more than ``stale_after`` seconds ago and
        never finished (its process died) is taken again."""
        now = self.now()
        waiting = (watch_events.c.status == "received") | (
            (watch_events.c.status == "deciding") & (watch_events.c.claimed_at < now - stale_after))
        chosen = select(watch_events.c.id).where(waiting).order_by(watch_events.c.id).limit(limit).scalar_subquery()
        claim = (update(watch_events).where(watch_events.c.id.in_(chosen)).values(status="deciding", claimed_at=now)
                 .returning(*watch_events.c))
        with self.db.write(durable=False) as conn:
            rows = conn.execute(claim).all()
        return sorted((_event(r) for r in rows), key=lambda e: e.id)

    def watch_events_waiting(self) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(watch_events)
                                .where(watch_events.c.status.in_(("received", "deciding")))).scalar_one()

    def job_queued(self, kind: str) -> bool:
        """Whether a job of ``kind`` waits to be claimed (not yet running)."""
        with self.db.read() as conn:
            return conn.execute(select(jobs.c.id).where(jobs.c.kind == kind, jobs.c.status == "queued").limit(1)).first() is not None

    def list_watch_events(self, limit: int = 50) -> list[WatchEvent]:
        with self.db.read() as conn:
            return [_event(r) for r in conn.execute(select(watch_events).order_by(watch_events.c.id.desc()).limit(limit))]

    # --- items ------------------------------------------------------------------------------------
    def remember_watch_item(self, item_id: str, **values: Any) -> None:
        """Keep what we learnt of an item; a runtime of 0 never replaces a known one, and what is
        known already is not written again."""
        values = {k: v for k, v in values.items() if v not in (None, "", 0)}
        known = self.get_watch_item(item_id)
        if known is not None and all(known.get(k) == v for k, v in values.items()):
            return
        stmt = self.db.backend.insert(watch_items).values(item_id=item_id, updated_at=self.now(), **values)
        with self.db.write(durable=False) as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["item_id"], set_={"updated_at": self.now(), **values}))

    def get_watch_item(self, item_id: str) -> dict[str, Any] | None:
        with self.db.read() as conn:
            row = conn.execute(select(watch_items).where(watch_items.c.item_id == item_id)).first()
        return dict(row._mapping) if row else None

    # --- history ----------------------------------------------------------------------------------
    def record_watch(self, session_key: str, **values: Any) -> WatchRecord:
        """One playback, created or brought up to date by a later event of the same session (an
        older one, decided late by its job, changes nothing); ``completed`` never goes back to false."""
        with self.db.write(durable=False) as conn:
            return self._upsert_watch(conn, session_key, values)

    def write_watches(self, writes: Iterable[WatchWrite | None]) -> list[WatchRecord | None]:
        """A batch's history changes in order, in one transaction; the playback each concerns."""
        with self.db.write(durable=False) as conn:
            return [self._write_watch(conn, w) if w is not None else None for w in writes]

    def _write_watch(self, conn, write: WatchWrite) -> WatchRecord:
        values = dict(write.values)
        if write.forget:
            conn.execute(delete(watch_history).where(watch_history.c.session_key == write.forget))
        if write.finish_since is not None:
            latest = conn.execute(select(watch_history).where(
                watch_history.c.item_id == values["item_id"], watch_history.c.user_id == values["user_id"],
                watch_history.c.session_key.startswith("view:"), watch_history.c.watched_at >= write.finish_since,
            ).order_by(watch_history.c.watched_at.desc()).limit(1)).first()
            if latest is not None:
                row = conn.execute(update(watch_history).where(watch_history.c.id == latest.id).values(completed=True)
                                   .returning(*watch_history.c)).one()
                return WatchRecord(**row._mapping)
        return self._upsert_watch(conn, write.session_key, values)

    def _upsert_watch(self, conn, session_key: str, values: dict[str, Any]) -> WatchRecord:
        values.setdefault("started_at", self.now())
        values.setdefault("watched_at", self.now())
        upsert = self._watch_upsert(tuple(sorted(values)))
        row = conn.execute(upsert, {"session_key": session_key, **values}).first()  # parameters at execution
        if row is None:
            row = conn.execute(select(watch_history).where(watch_history.c.session_key == session_key)).one()
        return WatchRecord(**row._mapping)

    def _watch_upsert(self, names: tuple[str, ...]):
        """The history's upsert for these columns, built once per set of columns (building it cost
        more than running it)."""
        key = (type(self.db.backend).__name__, names)
        if key not in _WATCH_UPSERTS:
            stmt = self.db.backend.insert(watch_history)
            changes = {k: stmt.excluded[k] for k in names if k not in ("started_at", "completed")}
            changes["completed"] = watch_history.c.completed | stmt.excluded.completed
            newer = watch_history.c.watched_at <= stmt.excluded.watched_at  # a late event never winds a playback back
            _WATCH_UPSERTS[key] = stmt.on_conflict_do_update(index_elements=["session_key"], set_=changes,
                                                             where=newer).returning(*watch_history.c)
        return _WATCH_UPSERTS[key]

    def watch_history_of(self, *, item_id: str | None = None, tmdb_id: int | None = None, since: float = 0.0,
                         limit: int = 500) -> list[WatchRecord]:
        """The playbacks of one film (by Jellyfin item or TMDb id, either matching), newest first."""
        matches = []
        if item_id:
            matches.append(watch_history.c.item_id == item_id)
        if tmdb_id:
            matches.append(watch_history.c.tmdb_id == tmdb_id)
        if not matches:
            return []
        query = (select(watch_history).where(matches[0] if len(matches) == 1 else matches[0] | matches[1])
                 .where(watch_history.c.watched_at >= since).order_by(watch_history.c.watched_at.desc()).limit(limit))
        with self.db.read() as conn:
            return [WatchRecord(**r._mapping) for r in conn.execute(query)]

    def list_watch_history(self, limit: int = 100) -> list[WatchRecord]:
        with self.db.read() as conn:
            rows = conn.execute(select(watch_history).order_by(watch_history.c.watched_at.desc()).limit(limit))
            return [WatchRecord(**r._mapping) for r in rows]

    def watch_views_of(self, *, item_ids: Iterable[str], tmdb_ids: Iterable[int], since: float) -> list[WatchRecord]:
        """The playbacks since ``since`` of any of these items or TMDb ids (one query for a batch)."""
        items, tmdbs = sorted(set(item_ids)), sorted(set(tmdb_ids))
        if not items and not tmdbs:
            return []
        query = (select(watch_history).where(watch_history.c.item_id.in_(items) | watch_history.c.tmdb_id.in_(tmdbs))
                 .where(watch_history.c.watched_at >= since).order_by(watch_history.c.watched_at.desc()))
        with self.db.read() as conn:
            return [WatchRecord(**r._mapping) for r in conn.execute(query)]

    def library_film_with_tmdb(self, tmdb_id: int) -> str | None:
        """The id of our library's film with this TMDb id and a file on disk, if any."""
        return self.library_films_with_tmdb([tmdb_id]).get(tmdb_id)

    def library_films_with_tmdb(self, tmdb_ids: Iterable[int]) -> dict[int, str]:
        """TMDb id -> our library's film with that id and a file on disk, for those we hold."""
        wanted = {str(t) for t in tmdb_ids}
        if not wanted:
            return {}
        query = (select(external_ids.c.value, media.c.id).join(media, external_ids.c.media_id == media.c.id)
                 .where(media.c.kind == "movie", external_ids.c.provider == "tmdb", external_ids.c.value.in_(wanted),
                        media.c.id.in_(select(media_files.c.media_id))).order_by(media.c.id))
        with self.db.read() as conn:
            found: dict[int, str] = {}
            for value, media_id in conn.execute(query):
                found.setdefault(int(value), media_id)
        return found

    def iptv_films_with_tmdb(self, tmdb_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """TMDb id -> ``(account id, stream id)`` of an Xtream VOD title with that id: the first
        account's, as the STRM export picks it."""
        wanted = {str(t) for t in tmdb_ids}
        if not wanted:
            return {}
        query = (select(iptv_streams.c.tmdb_id, iptv_streams.c.account_id, iptv_streams.c.stream_id)
                 .where(iptv_streams.c.section == "vod", iptv_streams.c.tmdb_id.in_(wanted))
                 .order_by(iptv_streams.c.account_id, iptv_streams.c.stream_id))
        with self.db.read() as conn:
            found: dict[int, tuple[int, str]] = {}
            for tmdb, account_id, stream_id in conn.execute(query):
                found.setdefault(int(tmdb), (account_id, stream_id))
        return found

    def strm_export_at(self, suffixes: Iterable[str]) -> tuple[str, str | None] | None:
        """``(item key, stream URL)`` of the STRM file our export wrote at one of these relative
        paths (the longest that matches), if any."""
        paths = sorted(set(suffixes), key=len, reverse=True)
        if not paths:
            return None
        query = select(strm_manifest.c.path, strm_manifest.c.item_key, strm_manifest.c.url).where(strm_manifest.c.path.in_(paths))
        with self.db.read() as conn:
            rows = {path: (key, url) for path, key, url in conn.execute(query)}
        return next((rows[p] for p in paths if p in rows), None)

    # --- rules ------------------------------------------------------------------------------------
    def list_rules(self) -> list[Rule]:
        with self.db.read() as conn:
            rows = conn.execute(select(decision_rules).order_by(decision_rules.c.priority.desc(), decision_rules.c.id))
            return [_rule(r) for r in rows]

    def count_rules(self) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(decision_rules)).scalar_one()

    def add_rules(self, rules: Iterable[Mapping[str, Any]]) -> None:
        """Add rules whose name is new (the defaults, at start); existing names stay as edited."""
        with self.db.write() as conn:
            for rule in rules:
                stmt = self.db.backend.insert(decision_rules).values(**_rule_values(rule), updated_at=self.now())
                conn.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))

    def add_rule(self, rule: Mapping[str, Any]) -> Rule:
        with self.db.write() as conn:
            self._unique_rule_name(conn, rule["name"], None)
            row = conn.execute(decision_rules.insert().values(**_rule_values(rule), updated_at=self.now())
                               .returning(*decision_rules.c)).one()
        return _rule(row)

    def update_rule(self, rule_id: int, changes: Mapping[str, Any]) -> Rule:
        with self.db.write() as conn:
            if "name" in changes:
                self._unique_rule_name(conn, changes["name"], rule_id)
            row = conn.execute(update(decision_rules).where(decision_rules.c.id == rule_id)
                               .values(**_rule_values(changes), updated_at=self.now()).returning(*decision_rules.c)).first()
        if row is None:
            raise NotFound(f"rule {rule_id} does not exist")
        return _rule(row)

    def _unique_rule_name(self, conn, name: str, rule_id: int | None) -> None:
        found = conn.execute(select(decision_rules.c.id).where(decision_rules.c.name == name)).first()
        if found is not None and found[0] != rule_id:
            raise Conflict(f"a rule named {name!r} exists already; choose another name")

    def delete_rule(self, rule_id: int) -> None:
        with self.db.write() as conn:
            if conn.execute(delete(decision_rules).where(decision_rules.c.id == rule_id)).rowcount == 0:
                raise NotFound(f"rule {rule_id} does not exist")

    # --- decisions --------------------------------------------------------------------------------
    def add_decision(self, **values: Any) -> Decision:
        """Written by the decision job, so like its outcome it may be lost in a power cut and
        then made again when the job runs again (``durable=False``)."""
        now = self.now()
        params = {**_decision_values(values), "created_at": now, "updated_at": now}
        with self.db.write(durable=False) as conn:
            row = conn.execute(decisions.insert().returning(*decisions.c), params).one()
        return _decision(row)

    def store_decisions(self, rows: Iterable[Mapping[str, Any]], processed: Iterable[int]) -> list[Decision]:
        """A batch's decisions, and the events in ``processed`` marked so, in one transaction. An
        event decided on already (a batch taken again after a crash) keeps its first decision,
        which is returned instead."""
        now = self.now()
        stmt = self.db.backend.insert(decisions).on_conflict_do_nothing(index_elements=["event_id"]).returning(*decisions.c)
        stored = []
        with self.db.write(durable=False) as conn:
            for values in rows:
                row = conn.execute(stmt, {**_decision_values(values), "created_at": now, "updated_at": now}).first()
                if row is None:
                    row = conn.execute(select(decisions).where(decisions.c.event_id == values["event_id"])).one()
                stored.append(_decision(row))
            self._processed(conn, processed)
        return stored

    def mark_watch_events_processed(self, event_ids: Iterable[int]) -> None:
        with self.db.write(durable=False) as conn:
            self._processed(conn, event_ids)

    def _processed(self, conn, event_ids: Iterable[int]) -> None:
        done = list(event_ids)
        if done:
            conn.execute(update(watch_events).where(watch_events.c.id.in_(done)).values(status="processed", error=None))

    def update_decision(self, decision_id: int, **values: Any) -> Decision:
        with self.db.write(durable=False) as conn:
            row = conn.execute(update(decisions).where(decisions.c.id == decision_id)
                               .values(**_decision_values(values), updated_at=self.now()).returning(*decisions.c)).first()
        if row is None:
            raise NotFound(f"decision {decision_id} does not exist")
        return _decision(row)

    def get_decision(self, decision_id: int) -> Decision:
        with self.db.read() as conn:
            row = conn.execute(select(decisions).where(decisions.c.id == decision_id)).first()
        if row is None:
            raise NotFound(f"decision {decision_id} does not exist")
        return _decision(row)

    def list_decisions(self, *, film_key: str | None = None, event_id: int | None = None, action: str | None = None,
                       limit: int = 100, before_id: int | None = None) -> list[Decision]:
        query = select(decisions).order_by(decisions.c.id.desc()).limit(limit)
        for column, value in ((decisions.c.film_key, film_key), (decisions.c.event_id, event_id), (decisions.c.action, action)):
            if value is not None:
                query = query.where(column == value)
        if before_id is not None:
            query = query.where(decisions.c.id < before_id)
        with self.db.read() as conn:
            return [_decision(r) for r in conn.execute(query)]

    def claim_trigger(self, film_key: str, decision_id: int) -> Decision | None:
        """In one write transaction: the live trigger of this film (a decision of another id whose
        Radarr command has not ended), or None after marking ``decision_id`` pending, so two decisions
        never trigger the same film at once."""
        with self.db.write() as conn:
            live = conn.execute(select(decisions).where(decisions.c.film_key == film_key, decisions.c.outcome.in_(IN_FLIGHT),
                                                        decisions.c.id != decision_id).limit(1)).first()
            if live is not None:
                return _decision(live)
            conn.execute(update(decisions).where(decisions.c.id == decision_id).values(outcome="pending", updated_at=self.now()))
        return None

    def kept_films(self, rule_names: Iterable[str]) -> list[Decision]:
        """The newest decision that downloaded each film, for those kept by one of ``rule_names``."""
        names = list(rule_names)
        latest = (select(func.max(decisions.c.id)).where(decisions.c.action == "keep", decisions.c.dry_run.is_(False),
                                                          decisions.c.outcome.in_(DOWNLOADED))
                  .group_by(decisions.c.film_key))
        query = select(decisions).where(decisions.c.id.in_(latest), decisions.c.rule_name.in_(names))
        with self.db.read() as conn:
            return [_decision(r) for r in conn.execute(query)]

    # --- overrides --------------------------------------------------------------------------------
    def set_override(self, film_key: str, mode: str, title: str, set_by: int | None) -> Override:
        values = {"mode": mode, "title": title, "set_by": set_by, "created_at": self.now()}
        stmt = self.db.backend.insert(decision_overrides).values(film_key=film_key, **values)
        with self.db.write() as conn:
            row = conn.execute(stmt.on_conflict_do_update(index_elements=["film_key"], set_=values)
                               .returning(*decision_overrides.c)).one()
        return Override(**row._mapping)

    def overrides_of(self, film_keys: Iterable[str]) -> dict[str, Override]:
        keys = sorted(set(film_keys))
        if not keys:
            return {}
        with self.db.read() as conn:
            rows = conn.execute(select(decision_overrides).where(decision_overrides.c.film_key.in_(keys)))
            return {r.film_key: Override(**r._mapping) for r in rows}

    def get_override(self, film_key: str) -> Override | None:
        with self.db.read() as conn:
            row = conn.execute(select(decision_overrides).where(decision_overrides.c.film_key == film_key)).first()
        return Override(**row._mapping) if row else None

    def list_overrides(self) -> list[Override]:
        with self.db.read() as conn:
            rows = conn.execute(select(decision_overrides).order_by(decision_overrides.c.created_at.desc()))
            return [Override(**r._mapping) for r in rows]

    def delete_override(self, film_key: str) -> None:
        with self.db.write() as conn:
            if conn.execute(delete(decision_overrides).where(decision_overrides.c.film_key == film_key)).rowcount == 0:
                raise NotFound(f"no override for {film_key}")

    # --- leaving soon -----------------------------------------------------------------------------
    def list_leaving(self, status: str | None = None) -> list[LeavingFilm]:
        query = select(leaving_soon).order_by(leaving_soon.c.delete_after)
        if status:
            query = query.where(leaving_soon.c.status == status)
        with self.db.read() as conn:
            return [LeavingFilm(**r._mapping) for r in conn.execute(query)]

    def list_as_leaving(self, film: Mapping[str, Any]) -> LeavingFilm:
        """Put a film on the list (a film already there keeps its date)."""
        now = self.now()
        stmt = self.db.backend.insert(leaving_soon).values(**film, listed_at=now, updated_at=now, status="listed")
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_nothing(index_elements=["film_key"]))
            row = conn.execute(select(leaving_soon).where(leaving_soon.c.film_key == film["film_key"])).one()
        return LeavingFilm(**row._mapping)

    def set_leaving_status(self, film_key: str, status: str, note: str = "") -> None:
        with self.db.write() as conn:
            conn.execute(update(leaving_soon).where(leaving_soon.c.film_key == film_key)
                         .values(status=status, note=note, updated_at=self.now()))

    def drop_leaving(self, film_key: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(leaving_soon).where(leaving_soon.c.film_key == film_key))


def _rule_values(rule: Mapping[str, Any]) -> dict[str, Any]:
    return _encoded(rule, set(_RULE_FIELDS), "condition", "rule")


def _decision_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return _encoded(values, _DECISION_FIELDS, "facts", "decision")


def _encoded(values: Mapping[str, Any], allowed: set[str], json_field: str, what: str) -> dict[str, Any]:
    """``values`` checked against the table's fields, with its JSON column as text."""
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"unknown {what} field(s): {', '.join(sorted(unknown))}")
    out = dict(values)
    if json_field in out:
        out[json_field] = dumps(out[json_field])
    return out
