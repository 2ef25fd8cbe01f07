"""Readers' highlights (the article source's mixin; table ``highlights`` in ``db/articles.py``).

The only module with this table's queries. Every query names its user: a highlight is only ever
read or changed by the person who made it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from ..db.articles import highlights
from ..errors import NotFound
from ..models.articles import Highlight


def _highlight(row) -> Highlight:
    return Highlight(**dict(row._mapping))


class HighlightsRepository:
    def add_highlight(self, user_id: int, media_id: str, *, start: int, end: int, quote: str, prefix: str = "",
                      suffix: str = "", note: str | None = None) -> Highlight:
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(highlights.insert().values(
                user_id=user_id, media_id=media_id, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix,
                note=note, created_at=now, updated_at=now).returning(*highlights.c)).one()
        return _highlight(row)

    def list_highlights(self, user_id: int, media_id: str) -> list[Highlight]:
        query = (select(highlights).where(highlights.c.user_id == user_id, highlights.c.media_id == media_id)
                 .order_by(highlights.c.start, highlights.c.id))
        with self.db.read() as conn:
            return [_highlight(r) for r in conn.execute(query)]

    def update_highlight(self, user_id: int, highlight_id: int, **fields: Any) -> Highlight:
        """Change a highlight's ``note`` (the only field that changes after it is made)."""
        with self.db.write() as conn:
            row = conn.execute(update(highlights).where(*self._mine(user_id, highlight_id))
                               .values(updated_at=self.now(), note=fields["note"]).returning(*highlights.c)).first()
        if row is None:
            raise NotFound(f"highlight {highlight_id} does not exist")
        return _highlight(row)

    def delete_highlight(self, user_id: int, highlight_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(highlights.delete().where(*self._mine(user_id, highlight_id))).rowcount:
                raise NotFound(f"highlight {highlight_id} does not exist")

    @staticmethod
    def _mine(user_id: int, highlight_id: int) -> tuple:
        return highlights.c.id == highlight_id, highlights.c.user_id == user_id
