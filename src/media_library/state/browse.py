"""Browsing the library: filtered, sorted, keyset-paged listings and full-text search.

Owns the queries behind the library grid, search and the collections pages. Listings page by key
(the sort values of the last row plus its id), never by OFFSET, on the indexes migration 0004
adds. Search asks the database backend's full-text index (FTS5 on SQLite, ``db/sqlite.py``) for
the ids matching a ``TextQuery`` that ``services/browse.py`` builds from plain words, then reads
their cards. JSON columns are read through the backend's JSON functions. Returns ``BrowseItem``
rows, with the caller's own playback state joined in (per user: never another person's).

Music: a track's disc and track numbers live in its ``extra`` (``disc_number``, ``track_number``,
written by identification); the ``number`` sort reads them where an episode has its season and
episode numbers, so an album's tracks come in disc then track order and an artist's albums in
year order. A card's ``file_duration_s`` is its longest file's probed duration.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Select, and_, case, cast, exists, false, func, or_, select, true

from ..db.backend import Backend
from ..db.schema import artwork, collection_items, collections, media, media_files, media_texts, playback
from ..models.search import TextQuery
from .base import loads

_ASC, _DESC = False, True

# Each sort is a list of (column, descending); the last key is unique (id), so the order is total.
SORTS: dict[str, list[tuple[Any, bool]]] = {
    "title": [(media.c.sort_title, _ASC), (media.c.id, _ASC)],
    "-title": [(media.c.sort_title, _DESC), (media.c.id, _DESC)],
    "year": [(media.c.year, _ASC), (media.c.sort_title, _ASC), (media.c.id, _ASC)],
    "-year": [(media.c.year, _DESC), (media.c.sort_title, _DESC), (media.c.id, _DESC)],
    "added": [(media.c.added_at, _ASC), (media.c.id, _ASC)],
    "-added": [(media.c.added_at, _DESC), (media.c.id, _DESC)],
    "number": [(media.c.season_number, _ASC), (media.c.episode_number, _ASC), (media.c.year, _ASC),
               (media.c.sort_title, _ASC), (media.c.id, _ASC)],
}
MUSIC_CONTAINERS = ("artist", "album")


@dataclass(frozen=True)
class BrowseItem:
    """One tile of the grid: the item's card fields and the caller's playback state."""

    id: str
    kind: str
    title: str
    sort_title: str
    parent_id: str | None
    year: int | None
    season_number: int | None
    episode_number: int | None
    episode_end: int | None
    runtime_minutes: float | None
    genres: list[str]
    status: str
    confidence: float | None
    added_at: float
    has_poster: bool
    position_s: float
    duration_s: float | None
    watched: bool
    disc_number: int | None = None
    track_number: int | None = None
    file_duration_s: float | None = None

    def sort_values(self, sort: str) -> list[Any]:
        """The values of this row's sort keys, as ``number_keys`` computes them (a track's disc and
        track number stand in for season and episode)."""
        names = {"sort_title": self.sort_title, "id": self.id, "year": self.year, "added_at": self.added_at,
                 "season_number": _first(self.season_number, self.disc_number),
                 "episode_number": _first(self.episode_number, self.track_number)}
        return [names[col.name] for col, _ in SORTS[sort]]


def _first(value, fallback):
    return fallback if value is None else value


@dataclass(frozen=True)
class BrowseFilter:
    """What the grid shows. ``parent_id`` None means top-level items (no parent)."""

    user_id: int
    kind: str | None = None
    genre: str | None = None
    year: int | None = None
    watched: bool | None = None
    added_after: float | None = None
    added_before: float | None = None
    parent_id: str | None = None
    top_level: bool = True  # without ``parent_id``: only items with no parent
    sort: str = "title"
    after: Sequence[Any] | None = None
    limit: int = 60


@dataclass(frozen=True)
class CollectionSource:
    """An item whose TMDb details name a collection (``extra.collection``), for automatic collections."""

    media_id: str
    year: int | None
    tmdb_collection_id: str | None
    collection_name: str | None
    updated_at: float


@dataclass(frozen=True)
class CollectionSummary:
    id: int
    name: str
    kind: str
    tmdb_collection_id: str | None
    item_count: int
    cover_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _beyond(col, descending: bool, value):
    """Rows strictly after ``value`` in this key's order (NULL sorts first ascending, see ``_order``)."""
    if not descending:
        return col.is_not(None) if value is None else col > value
    return false() if value is None else or_(col < value, col.is_(None))


def keyset_after(keys: list[tuple[Any, bool]], values: Sequence[Any]):
    """``(k1, k2, …) > (v1, v2, …)`` in the order the keys describe, NULLs included."""
    clauses, equal = [], []
    for (col, descending), value in zip(keys, values, strict=True):
        clauses.append(and_(*equal, _beyond(col, descending, value)))
        equal.append(col.is_(None) if value is None else col == value)
    return or_(*clauses)


def _order(keys: list[tuple[Any, bool]]):
    """NULLs first ascending and last descending, said out loud (SQLite's default, not every database's)."""
    return [col.desc().nulls_last() if descending else col.asc().nulls_first() for col, descending in keys]


def track_field(backend: Backend, name: str):
    """A track's ``disc_number`` or ``track_number`` from its ``extra`` (None for other kinds)."""
    return case((and_(media.c.kind == "track", backend.json_valid(media.c.extra)),
                 cast(backend.json_text(media.c.extra, name), Integer)), else_=None)


@functools.lru_cache(maxsize=8)
def sort_keys(backend: Backend, sort: str) -> list[tuple[Any, bool]]:
    """The keys of ``sort``: ``number`` reads a track's disc and track number where an episode's
    season and episode number are."""
    if sort != "number":
        return SORTS[sort]
    disc = func.coalesce(media.c.season_number, track_field(backend, "disc_number"))
    track = func.coalesce(media.c.episode_number, track_field(backend, "track_number"))
    return [(disc, _ASC), (track, _ASC), *SORTS[sort][2:]]


def _has_poster():
    """Its own poster; an album's also from a track's cover, an artist's from its albums' tracks."""
    child, grandchild = media.alias("child"), media.alias("grandchild")
    own = exists(select(1).where(artwork.c.media_id == media.c.id, artwork.c.kind == "poster"))
    below = exists(select(1).select_from(artwork.join(child, artwork.c.media_id == child.c.id))
                   .where(child.c.parent_id == media.c.id, artwork.c.kind == "poster"))
    two_below = exists(select(1).select_from(artwork.join(grandchild, artwork.c.media_id == grandchild.c.id)
                                             .join(child, grandchild.c.parent_id == child.c.id))
                       .where(child.c.parent_id == media.c.id, artwork.c.kind == "poster"))
    return or_(own, and_(media.c.kind.in_(MUSIC_CONTAINERS), or_(below, and_(media.c.kind == "artist", two_below))))


@functools.lru_cache(maxsize=8)
def _card_columns(backend: Backend) -> tuple:
    """The columns of a card, built once per backend: the subqueries cost more to build than to run."""
    file_duration = select(func.max(media_files.c.duration_s)).where(media_files.c.media_id == media.c.id).scalar_subquery()
    return (media.c.id, media.c.kind, media.c.title, media.c.sort_title, media.c.parent_id, media.c.year,
            media.c.season_number, media.c.episode_number, media.c.episode_end, media.c.runtime_minutes,
            media.c.genres, media.c.status, media.c.confidence, media.c.added_at, _has_poster().label("has_poster"),
            func.coalesce(playback.c.position_s, 0.0).label("position_s"), playback.c.duration_s,
            func.coalesce(playback.c.watched, False).label("watched"),
            track_field(backend, "disc_number").label("disc_number"), track_field(backend, "track_number").label("track_number"),
            file_duration.label("file_duration_s"))


def _projection(user_id: int, backend: Backend):
    joined = media.outerjoin(playback, and_(playback.c.media_id == media.c.id, playback.c.user_id == user_id))
    return list(_card_columns(backend)), joined


def _item(row) -> BrowseItem:
    m = dict(row._mapping)
    m["genres"] = loads(m["genres"], [])
    m["has_poster"], m["watched"] = bool(m["has_poster"]), bool(m["watched"])
    return BrowseItem(**m)


def _filters(f: BrowseFilter, backend: Backend) -> list[Any]:
    where = []
    if f.parent_id is not None:
        where.append(media.c.parent_id == f.parent_id)
    elif f.top_level:
        where.append(media.c.parent_id.is_(None))
    if f.kind:
        where.append(media.c.kind == f.kind)
    if f.genre:
        where.append(backend.json_list_contains(media.c.genres, f.genre))
    if f.year is not None:
        where.append(media.c.year == f.year)
    if f.watched is not None:
        where.append(func.coalesce(playback.c.watched, False) == f.watched)
    if f.added_after is not None:
        where.append(media.c.added_at >= f.added_after)
    if f.added_before is not None:
        where.append(media.c.added_at < f.added_before)
    return where


@functools.lru_cache(maxsize=8)
def _genres_query(backend: Backend) -> Select:
    """The distinct genres of top-level items; built once per backend (building it costs more than running it)."""
    genre = backend.json_list_values(media.c.genres)
    return (select(genre.c.value).distinct().select_from(media.join(genre, true()))
            .where(media.c.parent_id.is_(None), backend.json_valid(media.c.genres))
            .order_by(genre.c.value).limit(500))


class BrowseRepository:
    # --- the grid --------------------------------------------------------------------------------
    def browse_media(self, f: BrowseFilter) -> tuple[list[BrowseItem], bool]:
        """One page of ``f`` and whether more follow (``limit + 1`` rows are read, never an OFFSET)."""
        keys = sort_keys(self.db.backend, f.sort)
        cols, joined = _projection(f.user_id, self.db.backend)
        query = select(*cols).select_from(joined).where(*_filters(f, self.db.backend)).order_by(*_order(keys)).limit(f.limit + 1)
        if f.after is not None:
            query = query.where(keyset_after(keys, f.after))
        with self.db.read() as conn:
            rows = conn.execute(query).all()
        return [_item(r) for r in rows[:f.limit]], len(rows) > f.limit

    def get_browse_items(self, user_id: int, media_ids: Iterable[str]) -> dict[str, BrowseItem]:
        ids = list(dict.fromkeys(media_ids))
        cols, joined = _projection(user_id, self.db.backend)
        found: dict[str, BrowseItem] = {}
        with self.db.read() as conn:
            for start in range(0, len(ids), 500):
                query = select(*cols).select_from(joined).where(media.c.id.in_(ids[start:start + 500]))
                found.update((r._mapping["id"], _item(r)) for r in conn.execute(query))
        return found

    def list_genres(self) -> list[str]:
        with self.db.read() as conn:
            return [v for v in conn.execute(_genres_query(self.db.backend)).scalars() if isinstance(v, str) and v]

    # --- search ----------------------------------------------------------------------------------
    def search_media(self, query: TextQuery, user_id: int, *, limit: int = 30,
                     exclude_kinds: Sequence[str] = ("season",)) -> list[BrowseItem]:
        """Items matching ``query``, best first.

        Two steps: rank inside the search index alone, then read the cards of only those rows;
        joining first would build a full card for every match before sorting.
        """
        ranked = self.db.backend.search_ids(query, limit * 2 + 10)
        with self.db.read() as conn:
            ids = list(conn.execute(ranked).scalars())
        cards = self.get_browse_items(user_id, ids)
        hits = [cards[i] for i in ids if i in cards and cards[i].kind not in exclude_kinds]
        return hits[:limit]

    def search_texts(self, query: TextQuery, limit: int, marks: tuple[str, str]) -> list[tuple[str, str]]:
        """``(media_id, snippet)`` of the items whose full text (``media_texts``) matches, best first."""
        with self.db.read() as conn:
            return [(r[0], r[1]) for r in conn.execute(self.db.backend.search_text_hits(query, limit, marks))]

    def set_media_text(self, media_id: str, body: str) -> None:
        """An item's full text for search (a book's text, an article's body), replacing any earlier one."""
        stmt = self.db.backend.insert(media_texts).values(media_id=media_id, body=body)
        with self.db.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["media_id"], set_={"body": body}))

    def search_terms_between(self, low: str, high: str, *, limit: int = 20000, texts: bool = False) -> list[str]:
        """Distinct title terms (with ``texts``: full-text terms) in ``[low, high)`` from the index's
        vocabulary (typo candidates)."""
        with self.db.read() as conn:
            return list(conn.execute(self.db.backend.search_terms_between(low, high, limit, texts=texts)).scalars())

    def search_term_known(self, term: str, *, prefix: bool = False, texts: bool = False) -> bool:
        with self.db.read() as conn:
            found = conn.execute(self.db.backend.search_term_known(term, prefix=prefix, texts=texts)).first()
        return found is not None

    # --- collections -----------------------------------------------------------------------------
    def list_collection_sources(self, since: float = 0.0) -> list[CollectionSource]:
        """Movies changed after ``since`` with the TMDb collection their details name (or none)."""
        backend = self.db.backend
        ref = backend.json_text(media.c.extra, "collection", "tmdb_id")
        name = backend.json_text(media.c.extra, "collection", "name")
        query = (select(media.c.id, media.c.year, ref, name, media.c.updated_at)
                 .where(media.c.kind == "movie", media.c.updated_at > since, backend.json_valid(media.c.extra)))
        with self.db.read() as conn:
            return [CollectionSource(r[0], r[1], None if r[2] is None else str(r[2]), r[3], r[4]) for r in conn.execute(query)]

    def list_tmdb_memberships(self, media_ids: Iterable[str]) -> dict[str, set[str]]:
        """For each item, the TMDb collection ids of the automatic collections it is in."""
        ids, found = list(media_ids), {}
        query = (select(collection_items.c.media_id, collections.c.tmdb_collection_id)
                 .join(collections, collections.c.id == collection_items.c.collection_id)
                 .where(collections.c.tmdb_collection_id.is_not(None)))
        with self.db.read() as conn:
            for start in range(0, len(ids), 500):
                for media_id, ref in conn.execute(query.where(collection_items.c.media_id.in_(ids[start:start + 500]))):
                    found.setdefault(media_id, set()).add(ref)
        return found

    def list_collection_summaries(self) -> list[CollectionSummary]:
        count = select(func.count()).where(collection_items.c.collection_id == collections.c.id).scalar_subquery()
        cover = (select(collection_items.c.media_id).where(collection_items.c.collection_id == collections.c.id)
                 .order_by(collection_items.c.position).limit(1).scalar_subquery())
        query = select(collections.c.id, collections.c.name, collections.c.kind, collections.c.tmdb_collection_id,
                       count, cover).order_by(collections.c.kind, func.lower(collections.c.name), collections.c.id)
        with self.db.read() as conn:
            return [CollectionSummary(*r) for r in conn.execute(query)]

    def list_collection_browse_items(self, collection_id: int, user_id: int) -> list[BrowseItem]:
        cols, joined = _projection(user_id, self.db.backend)
        query = (select(*cols).select_from(joined.join(collection_items, collection_items.c.media_id == media.c.id))
                 .where(collection_items.c.collection_id == collection_id)
                 .order_by(collection_items.c.position, media.c.id))
        with self.db.read() as conn:
            return [_item(r) for r in conn.execute(query)]

    def list_collections_of(self, media_id: str) -> list[int]:
        query = select(collection_items.c.collection_id).where(collection_items.c.media_id == media_id)
        with self.db.read() as conn:
            return list(conn.execute(query).scalars())
