"""The download source's tables on the schema's ``metadata`` (see ``db/schema.py``).

``downloads``: every URL asked for, one row per video (a playlist's entries are rows whose
``parent_id`` names the playlist's row, in ``position`` order). ``download_archive``: what was
downloaded, keyed by yt-dlp's ``<extractor> <video id>``, so nothing comes twice (the rule when a
file was deleted is ``downloads.redownload_deleted``). Declared by ``sources/downloads.py``;
created by the Alembic migration ``downloads``.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

downloads = Table(
    "downloads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("preset", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="queued"),
    Column("parent_id", Integer, ForeignKey("downloads.id", ondelete="CASCADE")),
    Column("position", Integer),
    Column("playlist_index", Integer),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("title", Text, nullable=False, server_default=""),
    Column("archive_key", Text),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("collection_id", Integer, ForeignKey("collections.id", ondelete="SET NULL")),
    Column("message", Text, nullable=False, server_default=""),
    Column("error", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_downloads_parent", downloads.c.parent_id)
Index("ix_downloads_status", downloads.c.status)

download_archive = Table(
    "download_archive", metadata,
    Column("key", Text, primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("path", Text, nullable=False),
    Column("downloaded_at", Float, nullable=False),
)
