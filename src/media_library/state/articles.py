"""Saved articles, readers' state of items and full texts for search (the article source's mixin).

The only module with these tables' queries: ``articles`` (a requested URL's life: queued → saved or
failed) and ``reading_state`` (per user and item). A saved article's text goes into the core
``media_texts`` in the same transaction as its item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, update

from ..db.articles import articles, reading_state
from ..db.schema import media, media_texts
from ..errors import InvalidInput, NotFound
from ..models.articles import ARTICLE_ORIGINS, ARTICLE_STATUSES, Article, ReadingState
from .base import dumps, loads
from .media import new_media_id, sort_title

_FIELDS = {c.name for c in articles.c} - {"id", "created_at", "updated_at"}
_STATE_FIELDS = ("progress", "location", "archived", "favourite")


def _article(row) -> Article:
    values = dict(row._mapping)
    values["tags"] = loads(values["tags"], [])
    return Article(**values)


def _encode(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _FIELDS
    if unknown:
        raise InvalidInput(f"unknown article field(s): {', '.join(sorted(unknown))}")
    if values.get("status", "queued") not in ARTICLE_STATUSES:
        raise InvalidInput(f"unknown article status {values['status']!r}")
    if values.get("origin", "url") not in ARTICLE_ORIGINS:
        raise InvalidInput(f"unknown article origin {values['origin']!r}")
    out = dict(values)
    if "tags" in out:
        out["tags"] = dumps(list(out["tags"]))
    return out


class ArticlesRepository:
    # --- articles ---------------------------------------------------------------------------------
    def add_article(self, url: str, **fields: Any) -> Article:
        now = self.now()
        values = _encode({"url": url, **fields})
        with self.db.write() as conn:
            row = conn.execute(articles.insert().values(created_at=now, updated_at=now, **values)
                               .returning(*articles.c)).one()
        return _article(row)

    def get_article(self, article_id: int) -> Article:
        return self._one_article(articles.c.id == article_id, f"article {article_id} does not exist")

    def get_article_by_media(self, media_id: str) -> Article:
        return self._one_article(articles.c.media_id == media_id, f"no article is item {media_id}")

    def _one_article(self, where, missing: str) -> Article:
        with self.db.read() as conn:
            row = conn.execute(select(articles).where(where)).first()
        if row is None:
            raise NotFound(missing)
        return _article(row)

    def update_article(self, article_id: int, **fields: Any) -> Article:
        values = _encode(fields)
        with self.db.write() as conn:
            row = conn.execute(update(articles).where(articles.c.id == article_id)
                               .values(updated_at=self.now(), **values).returning(*articles.c)).first()
        if row is None:
            raise NotFound(f"article {article_id} does not exist")
        return _article(row)

    def list_articles(self, *, status: str | None = None, tag: str | None = None, limit: int = 100,
                      before_id: int | None = None) -> list[Article]:
        query = select(articles).order_by(articles.c.id.desc()).limit(limit)
        if status:
            query = query.where(articles.c.status == status)
        if tag:
            query = query.where(self.db.backend.json_list_contains(articles.c.tags, tag))
        if before_id is not None:
            query = query.where(articles.c.id < before_id)
        with self.db.read() as conn:
            return [_article(r) for r in conn.execute(query)]

    def publish_article(self, article_id: int, *, title: str, year: int | None, overview: str | None,
                        text: str, **fields: Any) -> Article:
        """One transaction: the library item (kind ``article``), its full text for search, and the
        article row marked ``saved`` with ``fields`` (folder, metadata). Idempotent: an article that
        already has its item keeps it."""
        now = self.now()
        values = _encode({**fields, "status": "saved", "error": None})
        with self.db.write() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise NotFound(f"article {article_id} does not exist")
            media_id = row._mapping["media_id"]
            if media_id is None:
                media_id = new_media_id()
                conn.execute(media.insert().values(id=media_id, kind="article", title=title, sort_title=sort_title(title),
                                                   year=year, overview=overview, status="identified",
                                                   added_at=now, updated_at=now))
                conn.execute(media_texts.insert().values(media_id=media_id, body=text))
            saved = conn.execute(update(articles).where(articles.c.id == article_id)
                                 .values(media_id=media_id, title=title, updated_at=now, **values)
                                 .returning(*articles.c)).one()
        return _article(saved)

    def delete_article(self, article_id: int) -> None:
        with self.db.write() as conn:
            conn.execute(articles.delete().where(articles.c.id == article_id))

    # --- readers' state -----------------------------------------------------------------------------
    def get_reading_state(self, user_id: int, media_id: str) -> ReadingState:
        with self.db.read() as conn:
            row = conn.execute(select(reading_state).where(reading_state.c.user_id == user_id,
                                                           reading_state.c.media_id == media_id)).first()
        if row is None:
            return ReadingState(media_id)
        values = dict(row._mapping)
        values.pop("user_id")
        return ReadingState(**values)

    def set_reading_state(self, user_id: int, media_id: str, **fields: Any) -> ReadingState:
        unknown = set(fields) - set(_STATE_FIELDS)
        if unknown:
            raise InvalidInput(f"unknown reading state field(s): {', '.join(sorted(unknown))}")
        now = self.now()
        stmt = self.db.backend.insert(reading_state).values(user_id=user_id, media_id=media_id, updated_at=now, **fields)
        stmt = stmt.on_conflict_do_update(index_elements=["user_id", "media_id"], set_={"updated_at": now, **fields})
        with self.db.write() as conn:
            conn.execute(stmt)
        return self.get_reading_state(user_id, media_id)

    def reading_states(self, user_id: int, media_ids: Iterable[str]) -> dict[str, ReadingState]:
        ids = list(media_ids)
        with self.db.read() as conn:
            rows = conn.execute(select(reading_state).where(reading_state.c.user_id == user_id,
                                                            reading_state.c.media_id.in_(ids))).all() if ids else []
        found = {}
        for row in rows:
            values = dict(row._mapping)
            values.pop("user_id")
            found[values["media_id"]] = ReadingState(**values)
        return found
