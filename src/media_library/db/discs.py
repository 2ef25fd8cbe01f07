"""The disc source's table, ``discs``, on the schema's ``metadata`` (see ``db/schema.py``).

Declared by the disc source (``media_library/sources/discs.py``, ``Source.tables``) rather than
in the shared schema module; created by the Alembic migration ``0002_discs``. A test compares a
migrated database with ``metadata`` once every source's tables are imported.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata, partial

discs = Table(
    "discs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", Text, nullable=False),
    Column("origin", Text, nullable=False, server_default="local"),
    Column("remote_key", Text),
    Column("source", Text, nullable=False, server_default=""),
    Column("device", Text),
    Column("label", Text, nullable=False, server_default=""),
    Column("title_guess", Text, nullable=False, server_default=""),
    Column("kind", Text, nullable=False, server_default="dvd"),
    Column("status", Text, nullable=False, server_default="waiting"),
    Column("candidates", Text, nullable=False, server_default="[]"),
    Column("choice", Text, nullable=False, server_default="{}"),
    Column("confirm_deadline", Float),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("message", Text, nullable=False, server_default=""),
    Column("result", Text),
    Column("error", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_discs_fingerprint", discs.c.fingerprint)
Index("ix_discs_status", discs.c.status)
Index("ux_discs_remote_key", discs.c.remote_key, unique=True, **partial(discs.c.remote_key.is_not(None)))
