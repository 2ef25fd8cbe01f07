"""The article source's tables, on the schema's ``metadata`` (see ``db/schema.py``).

- ``articles``: every URL someone asked us to save, from the moment it is asked (``queued``) to
  ``saved`` (with the library item it became, ``media_id``) or ``failed`` (with the reason).
- ``reading_state``: per user and item (article or book): how far they read, archived, favourite.
- ``highlights``: per user and item, the passages they marked and their notes. A passage is anchored
  as plain text, never as markup: its character offsets in the reader's text (``start``, ``end``)
  and the quote with a little text before and after it (``prefix``, ``suffix``), the W3C Web
  Annotation's TextPosition and TextQuote selectors, so it is found again if the offsets drift.

(``media_texts``, the full text of any item, is core: ``db/schema.py``.)

Declared by the article source (``media_library/sources/articles.py``, ``Source.tables``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("status", Text, nullable=False, server_default="queued"),
    Column("origin", Text, nullable=False, server_default="url"),
    Column("title", Text, nullable=False, server_default=""),
    Column("author", Text),
    Column("site", Text),
    Column("published", Text),
    Column("language", Text),
    Column("excerpt", Text),
    Column("words", Integer, nullable=False, server_default="0"),
    Column("folder", Text),
    Column("top_image", Text),
    Column("tags", Text, nullable=False, server_default="[]"),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("error", Text),
    Column("added_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_articles_status", articles.c.status, articles.c.id)
Index("ix_articles_media", articles.c.media_id)

reading_state = Table(
    "reading_state", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("location", Text),
    Column("archived", Boolean, nullable=False, server_default="0"),
    Column("favourite", Boolean, nullable=False, server_default="0"),
    Column("updated_at", Float, nullable=False),
)

highlights = Table(
    "highlights", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("prefix", Text, nullable=False, server_default=""),
    Column("suffix", Text, nullable=False, server_default=""),
    Column("note", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_highlights_user_media", highlights.c.user_id, highlights.c.media_id, highlights.c.start)
