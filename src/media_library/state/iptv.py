"""IPTV accounts, their catalogs, favorites, downloads and tracked series.

A catalog section (one account's live, VOD or series list) is written in **one transaction**
by ``store_section``: it reads the section's fingerprints in one query, inserts the new rows and
updates the changed ones in batches (the driver's ``executemany`` on statements compiled once),
and deletes the rows the provider no longer lists —
only when the answer is not empty, so an empty answer never wipes a catalog. A re-sync with
nothing changed writes no row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, func, or_, select, update

from ..db.iptv import (
    iptv_accounts,
    iptv_categories,
    iptv_downloads,
    iptv_episodes,
    iptv_favorites,
    iptv_streams,
    iptv_tracked,
)
from ..db.schema import jobs
from ..errors import Conflict, InvalidInput, NotFound
from ..models.iptv import IptvAccount, IptvDownload, IptvEpisode, IptvStream, TrackedSeries, follow_job
from .base import dumps, loads

_ACCOUNT_FIELDS = {c.name for c in iptv_accounts.c} - {"id", "created_at"}
_DOWNLOAD_FIELDS = {c.name for c in iptv_downloads.c} - {"id", "created_at"}
ALL_STREAM_COLUMNS = tuple(c.name for c in iptv_streams.c)
STREAM_COLUMNS = tuple(c.name for c in iptv_streams.c if c.name not in ("account_id", "section", "stream_id"))
CATALOG_ROW_COLUMNS = ("stream_id", *STREAM_COLUMNS)  # a row handed to ``store_section``
PUBLIC_STREAM_COLUMNS = tuple(c for c in iptv_streams.c if c.name not in ("raw_name", "fingerprint"))
EPISODE_COLUMNS = tuple(c.name for c in iptv_episodes.c if c.name not in ("account_id", "episode_id"))


def _account(row) -> IptvAccount:
    m = dict(row._mapping)
    m["sync_report"] = loads(m["sync_report"], {})
    return IptvAccount(**m)


def _download(row) -> IptvDownload:
    return _download_of(dict(row._mapping))


def _download_of(m: dict[str, Any]) -> IptvDownload:
    m["segments"] = loads(m["segments"], [])
    return IptvDownload(**m)


def _download_following_job(row) -> IptvDownload:
    m = dict(row._mapping)
    job = {"status": m.pop("job_status"), **{k: m.pop(k) for k in ("attempts", "max_attempts", "run_after")}}
    return follow_job(_download_of(m), job)


def _tracked(row) -> TrackedSeries:
    m = dict(row._mapping)
    m["baseline"] = loads(m["baseline"], [])
    return TrackedSeries(**m)


def _batches(rows: Sequence[dict], size: int) -> Iterable[Sequence[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


class IptvRepository:
    # --- accounts -------------------------------------------------------------------------------
    def add_iptv_account(self, name: str, base_url: str, username: str, password: str) -> IptvAccount:
        with self.db.write() as conn:
            row = conn.execute(iptv_accounts.insert().values(
                name=name, base_url=base_url, username=username, password=password, created_at=self.now(),
            ).returning(*iptv_accounts.c)).one()
        return _account(row)

    def get_iptv_account(self, account_id: int) -> IptvAccount:
        with self.db.read() as conn:
            row = conn.execute(select(iptv_accounts).where(iptv_accounts.c.id == account_id)).first()
        if row is None:
            raise NotFound(f"IPTV account {account_id} does not exist")
        return _account(row)

    def list_iptv_accounts(self) -> list[IptvAccount]:
        with self.db.read() as conn:
            return [_account(r) for r in conn.execute(select(iptv_accounts).order_by(iptv_accounts.c.name, iptv_accounts.c.id))]

    def update_iptv_account(self, account_id: int, **fields: Any) -> IptvAccount:
        unknown = set(fields) - _ACCOUNT_FIELDS
        if unknown:
            raise InvalidInput(f"unknown account field(s): {', '.join(sorted(unknown))}")
        if "sync_report" in fields:
            fields["sync_report"] = dumps(fields["sync_report"])
        with self.db.write(durable=False) as conn:
            row = conn.execute(update(iptv_accounts).where(iptv_accounts.c.id == account_id).values(**fields)
                               .returning(*iptv_accounts.c)).first()
        if row is None:
            raise NotFound(f"IPTV account {account_id} does not exist")
        return _account(row)

    def delete_iptv_account(self, account_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(delete(iptv_accounts).where(iptv_accounts.c.id == account_id)).rowcount:
                raise NotFound(f"IPTV account {account_id} does not exist")

    def reset_iptv_syncing(self) -> int:
        """Start-up: a sync the last process did not finish is no longer running."""
        with self.db.write(durable=False) as conn:
            return conn.execute(update(iptv_accounts).where(iptv_accounts.c.sync_status == "syncing")
                                .values(sync_status="idle")).rowcount

    # --- catalog --------------------------------------------------------------------------------
    def store_section(self, account_id: int, section: str, categories: Sequence[dict], rows: Sequence[tuple], *,
                      batch_size: int = 1000) -> dict[str, int]:
        """Write one section's answer in one transaction; return what changed (see module doc).

        ``rows`` are tuples in ``CATALOG_ROW_COLUMNS`` order (the stream id first, the fingerprint
        last), written through the driver's ``executemany`` (``Database.executemany``)."""
        insert_stmt, update_stmt = self._stream_statements()
        with self.db.write(bulk=True) as conn:
            changed = self._store_categories(conn, account_id, section, categories)
            where = and_(iptv_streams.c.account_id == account_id, iptv_streams.c.section == section)
            known = dict(conn.execute(select(iptv_streams.c.stream_id, iptv_streams.c.fingerprint).where(where)).all())
            fresh = sorted((account_id, section, *r) for r in rows if r[0] not in known)  # in key order: appends
            changed_rows = [(*r[1:], account_id, section, r[0]) for r in rows
                            if r[0] in known and known[r[0]] != r[-1]]
            gone = set(known) - {r[0] for r in rows} if rows else set()
            for batch in _batches(fresh, batch_size):
                self.db.executemany(conn, insert_stmt, ALL_STREAM_COLUMNS, batch)
            for batch in _batches(changed_rows, batch_size):
                self.db.executemany(conn, update_stmt, (*STREAM_COLUMNS, "b_account", "b_section", "b_stream"), batch)
            gone_list = sorted(gone)
            for start in range(0, len(gone_list), batch_size):
                conn.execute(delete(iptv_streams).where(where, iptv_streams.c.stream_id.in_(gone_list[start:start + batch_size])))
        return {"inserted": len(fresh), "updated": len(changed_rows), "deleted": len(gone), "categories_changed": changed}

    def _stream_statements(self):
        """The catalog's insert and update, compiled once per repository."""
        if not hasattr(self, "_iptv_stream_statements"):
            update_stmt = update(iptv_streams).where(
                iptv_streams.c.account_id == bindparam("b_account"), iptv_streams.c.section == bindparam("b_section"),
                iptv_streams.c.stream_id == bindparam("b_stream")).values({c: bindparam(c) for c in STREAM_COLUMNS})
            self._iptv_stream_statements = (self.db.prepare(iptv_streams.insert()), self.db.prepare(update_stmt))
        return self._iptv_stream_statements

    def _store_categories(self, conn, account_id: int, section: str, categories: Sequence[dict]) -> int:
        if not categories:
            return 0
        where = and_(iptv_categories.c.account_id == account_id, iptv_categories.c.section == section)
        known = {r.category_id: (r.name, r.language) for r in conn.execute(select(iptv_categories).where(where))}
        wanted = {c["category_id"]: (c["name"], c.get("language")) for c in categories}
        if known == wanted:
            return 0
        conn.execute(delete(iptv_categories).where(where))
        conn.execute(iptv_categories.insert(), [{"account_id": account_id, "section": section, "category_id": k,
                                                 "name": v[0], "language": v[1]} for k, v in wanted.items()])
        return len(wanted)

    def iptv_counts(self, account_id: int) -> dict[str, int]:
        with self.db.read() as conn:
            rows = conn.execute(select(iptv_streams.c.section, func.count()).where(iptv_streams.c.account_id == account_id)
                                .group_by(iptv_streams.c.section)).all()
        return {"live": 0, "vod": 0, "series": 0, **dict(rows)}

    def list_iptv_categories(self, account_id: int, section: str) -> list[dict[str, Any]]:
        counts = (select(iptv_streams.c.category_id, func.count().label("n"))
                  .where(iptv_streams.c.account_id == account_id, iptv_streams.c.section == section)
                  .group_by(iptv_streams.c.category_id).subquery())
        query = (select(iptv_categories.c.category_id, iptv_categories.c.name, iptv_categories.c.language,
                        func.coalesce(counts.c.n, 0).label("count"))
                 .outerjoin(counts, counts.c.category_id == iptv_categories.c.category_id)
                 .where(iptv_categories.c.account_id == account_id, iptv_categories.c.section == section)
                 .order_by(iptv_categories.c.name))
        with self.db.read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def list_iptv_streams(self, account_id: int, section: str, *, user_id: int | None = None, category_id: str | None = None,
                          search: str | None = None, actor: str | None = None, language: str | None = None,
                          favorites: bool = False, limit: int = 100, offset: int = 0) -> tuple[list[IptvStream], int]:
        """A page of one section, filtered, and the number of matches."""
        fav = self._favorite_flag(user_id)
        conditions = [iptv_streams.c.account_id == account_id, iptv_streams.c.section == section]
        if category_id:
            conditions.append(iptv_streams.c.category_id == category_id)
        if search:
            words = search.strip().split()
            conditions += [or_(iptv_streams.c.name.icontains(w, autoescape=True),
                               iptv_streams.c.raw_name.icontains(w, autoescape=True)) for w in words]
        if actor:
            conditions.append(iptv_streams.c.cast.icontains(actor.strip(), autoescape=True))
        if language:
            conditions.append(iptv_streams.c.language == language.upper())
        if favorites:
            conditions.append(fav == 1)
        query = select(*PUBLIC_STREAM_COLUMNS, fav.label("favorite")).where(*conditions)
        with self.db.read() as conn:
            total = conn.execute(select(func.count()).select_from(iptv_streams).where(*conditions)).scalar_one()
            rows = conn.execute(query.order_by(iptv_streams.c.name, iptv_streams.c.stream_id).limit(limit).offset(offset)).all()
        return [IptvStream(**{**r._mapping, "favorite": bool(r.favorite)}) for r in rows], total

    def _favorite_flag(self, user_id: int | None):
        exists = select(iptv_favorites.c.user_id).where(
            iptv_favorites.c.user_id == (user_id or 0), iptv_favorites.c.account_id == iptv_streams.c.account_id,
            iptv_favorites.c.section == iptv_streams.c.section, iptv_favorites.c.stream_id == iptv_streams.c.stream_id,
        ).exists()
        return case((exists, 1), else_=0)

    def get_iptv_stream(self, account_id: int, section: str, stream_id: str, *, user_id: int | None = None) -> IptvStream:
        fav = self._favorite_flag(user_id)
        with self.db.read() as conn:
            row = conn.execute(select(*PUBLIC_STREAM_COLUMNS, fav.label("favorite")).where(
                iptv_streams.c.account_id == account_id, iptv_streams.c.section == section,
                iptv_streams.c.stream_id == stream_id)).first()
        if row is None:
            raise NotFound(f"{section} item {stream_id} is not in this account's catalog")
        return IptvStream(**{**row._mapping, "favorite": bool(row.favorite)})

    def iptv_actors(self, account_id: int, section: str) -> list[dict[str, Any]]:
        """Every actor named in a section's cast lists, with how many titles name them."""
        with self.db.read() as conn:
            casts = conn.execute(select(iptv_streams.c.cast).where(
                iptv_streams.c.account_id == account_id, iptv_streams.c.section == section,
                iptv_streams.c.cast.is_not(None))).scalars().all()
        counts: dict[str, int] = {}
        for cast in casts:
            for name in {n.strip() for n in cast.split(",") if n.strip()}:
                counts[name] = counts.get(name, 0) + 1
        return [{"name": n, "count": c} for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def iptv_languages(self, account_id: int, section: str) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(select(iptv_streams.c.language, func.count()).where(
                iptv_streams.c.account_id == account_id, iptv_streams.c.section == section,
                iptv_streams.c.language.is_not(None)).group_by(iptv_streams.c.language).order_by(iptv_streams.c.language)).all()
        return [{"language": lang, "count": n} for lang, n in rows]

    def iptv_catalog_items(self, section: str) -> list[IptvStream]:
        """Every account's items of ``section`` (the STRM source reads them all)."""
        with self.db.read() as conn:
            rows = conn.execute(select(*PUBLIC_STREAM_COLUMNS).where(iptv_streams.c.section == section)
                                .order_by(iptv_streams.c.account_id, iptv_streams.c.stream_id)).all()
        return [IptvStream(**r._mapping) for r in rows]

    # --- episodes -------------------------------------------------------------------------------
    def store_episodes(self, account_id: int, series_id: str, episodes: Sequence[dict]) -> int:
        """Record a series' episodes (insert new, refresh known); return how many were new."""
        if not episodes:
            return 0
        with self.db.write() as conn:
            known = set(conn.execute(select(iptv_episodes.c.episode_id).where(
                iptv_episodes.c.account_id == account_id, iptv_episodes.c.series_id == series_id)).scalars())
            stmt = self.db.backend.insert(iptv_episodes)
            stmt = stmt.on_conflict_do_update(index_elements=[iptv_episodes.c.account_id, iptv_episodes.c.episode_id],
                                              set_={c: stmt.excluded[c] for c in EPISODE_COLUMNS})
            conn.execute(stmt, [{"account_id": account_id, "series_id": series_id, **e} for e in episodes])
        return len({e["episode_id"] for e in episodes} - known)

    def list_iptv_episodes(self, account_id: int, series_id: str) -> list[IptvEpisode]:
        with self.db.read() as conn:
            rows = conn.execute(select(iptv_episodes).where(
                iptv_episodes.c.account_id == account_id, iptv_episodes.c.series_id == series_id,
            ).order_by(iptv_episodes.c.season, iptv_episodes.c.episode_num, iptv_episodes.c.episode_id)).all()
        return [IptvEpisode(**r._mapping) for r in rows]

    def get_iptv_episode(self, account_id: int, episode_id: str) -> IptvEpisode:
        with self.db.read() as conn:
            row = conn.execute(select(iptv_episodes).where(iptv_episodes.c.account_id == account_id,
                                                           iptv_episodes.c.episode_id == episode_id)).first()
        if row is None:
            raise NotFound(f"episode {episode_id} is not known; open its series first")
        return IptvEpisode(**row._mapping)

    def all_iptv_episodes(self) -> list[IptvEpisode]:
        with self.db.read() as conn:
            return [IptvEpisode(**r._mapping) for r in conn.execute(select(iptv_episodes).order_by(
                iptv_episodes.c.account_id, iptv_episodes.c.series_id, iptv_episodes.c.season, iptv_episodes.c.episode_num))]

    # --- favorites ------------------------------------------------------------------------------
    def set_iptv_favorite(self, user_id: int, account_id: int, section: str, stream_id: str, favorite: bool) -> None:
        self.get_iptv_stream(account_id, section, stream_id)
        key = and_(iptv_favorites.c.user_id == user_id, iptv_favorites.c.account_id == account_id,
                   iptv_favorites.c.section == section, iptv_favorites.c.stream_id == stream_id)
        with self.db.write() as conn:
            conn.execute(delete(iptv_favorites).where(key))
            if favorite:
                conn.execute(iptv_favorites.insert().values(user_id=user_id, account_id=account_id, section=section,
                                                            stream_id=stream_id, created_at=self.now()))

    # --- downloads ------------------------------------------------------------------------------
    def add_iptv_download(self, **values: Any) -> IptvDownload:
        now = self.now()
        key = and_(iptv_downloads.c.account_id == values["account_id"], iptv_downloads.c.kind == values["kind"],
                   iptv_downloads.c.stream_id == values["stream_id"])
        with self.db.write() as conn:
            if conn.execute(select(iptv_downloads.c.id).where(key)).first():
                raise Conflict(f"{values['title']} is already in the downloads")
            row = conn.execute(iptv_downloads.insert().values(created_at=now, updated_at=now, **values)
                               .returning(*iptv_downloads.c)).one()
        return _download(row)

    def find_iptv_download(self, account_id: int, kind: str, stream_id: str) -> IptvDownload | None:
        with self.db.read() as conn:
            row = conn.execute(select(iptv_downloads).where(
                iptv_downloads.c.account_id == account_id, iptv_downloads.c.kind == kind,
                iptv_downloads.c.stream_id == stream_id)).first()
        return _download(row) if row else None

    def get_iptv_download(self, download_id: int) -> IptvDownload:
        with self.db.read() as conn:
            row = conn.execute(select(iptv_downloads).where(iptv_downloads.c.id == download_id)).first()
        if row is None:
            raise NotFound(f"IPTV download {download_id} does not exist")
        return _download(row)

    def list_iptv_downloads(self, *, status: str | None = None) -> list[IptvDownload]:
        """Downloads newest first, each as its job says it is (``retrying`` between attempts: ``follow_job``)."""
        query = (select(iptv_downloads, jobs.c.status.label("job_status"), jobs.c.attempts, jobs.c.max_attempts,
                        jobs.c.run_after).outerjoin(jobs, jobs.c.id == iptv_downloads.c.job_id)
                 .order_by(iptv_downloads.c.id.desc()))  # fmt: skip
        if status:
            query = query.where(iptv_downloads.c.status == status)
        with self.db.read() as conn:
            return [_download_following_job(r) for r in conn.execute(query)]

    def update_iptv_download(self, download_id: int, **fields: Any) -> IptvDownload:
        unknown = set(fields) - _DOWNLOAD_FIELDS
        if unknown:
            raise InvalidInput(f"unknown download field(s): {', '.join(sorted(unknown))}")
        if "segments" in fields:
            fields["segments"] = dumps(fields["segments"])
        with self.db.write(durable=False) as conn:
            row = conn.execute(update(iptv_downloads).where(iptv_downloads.c.id == download_id)
                               .values(updated_at=self.now(), **fields).returning(*iptv_downloads.c)).first()
        if row is None:
            raise NotFound(f"IPTV download {download_id} does not exist")
        return _download(row)

    def delete_iptv_download(self, download_id: int) -> None:
        with self.db.write() as conn:
            conn.execute(delete(iptv_downloads).where(iptv_downloads.c.id == download_id))

    def active_iptv_downloads(self, account_id: int) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(iptv_downloads).where(
                iptv_downloads.c.account_id == account_id, iptv_downloads.c.status == "downloading")).scalar_one()

    # --- tracked series -------------------------------------------------------------------------
    def track_iptv_series(self, account_id: int, series_id: str, mode: str, from_season: int | None,
                          baseline: list[str]) -> TrackedSeries:
        stmt = self.db.backend.insert(iptv_tracked).values(account_id=account_id, series_id=series_id, mode=mode,
                                                           from_season=from_season, baseline=dumps(baseline),
                                                           created_at=self.now())
        stmt = stmt.on_conflict_do_update(index_elements=[iptv_tracked.c.account_id, iptv_tracked.c.series_id],
                                          set_={"mode": mode, "from_season": from_season, "baseline": dumps(baseline)})
        with self.db.write() as conn:
            conn.execute(stmt)
        return self.get_tracked_series(account_id, series_id)

    def get_tracked_series(self, account_id: int, series_id: str) -> TrackedSeries:
        with self.db.read() as conn:
            row = conn.execute(self._tracked_query().where(iptv_tracked.c.account_id == account_id,
                                                           iptv_tracked.c.series_id == series_id)).first()
        if row is None:
            raise NotFound(f"series {series_id} is not tracked")
        return _tracked(row)

    def list_tracked_series(self, account_id: int | None = None) -> list[TrackedSeries]:
        query = self._tracked_query().order_by(iptv_tracked.c.account_id, iptv_tracked.c.series_id)
        if account_id:
            query = query.where(iptv_tracked.c.account_id == account_id)
        with self.db.read() as conn:
            return [_tracked(r) for r in conn.execute(query)]

    def _tracked_query(self):
        return select(*iptv_tracked.c, iptv_streams.c.name).outerjoin(iptv_streams, and_(
            iptv_streams.c.account_id == iptv_tracked.c.account_id, iptv_streams.c.section == "series",
            iptv_streams.c.stream_id == iptv_tracked.c.series_id))

    def untrack_iptv_series(self, account_id: int, series_id: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(iptv_tracked).where(iptv_tracked.c.account_id == account_id,
                                                    iptv_tracked.c.series_id == series_id))

    def mark_tracked_checked(self, account_id: int, series_id: str) -> None:
        with self.db.write(durable=False) as conn:
            conn.execute(update(iptv_tracked).where(iptv_tracked.c.account_id == account_id,
                                                    iptv_tracked.c.series_id == series_id)
                         .values(last_checked_at=self.now()))


def stream_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """A catalog row's columns from a parsed item's fields (``fingerprint`` filled by the caller)."""
    return {c: values.get(c) for c in ("stream_id", *STREAM_COLUMNS)}
