"""The activity log's table, ``activity``, on the schema's ``metadata`` (see ``db/schema.py``).

One row per thing that happened (a login, a deletion, a rip that failed …); a burst of failed
logins of one name from one address is one row whose ``count`` grows and whose ``last_at``
moves. Created by the Alembic migration ``activity``; read and written only by
``state/activity.py``.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

activity = Table(
    "activity", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", Text, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("username", Text, nullable=False, server_default=""),
    Column("address", Text, nullable=False, server_default=""),
    Column("what", Text, nullable=False, server_default=""),
    Column("count", Integer, nullable=False, server_default="1"),
    Column("at", Float, nullable=False),
    Column("last_at", Float, nullable=False),
)
Index("ix_activity_last_at", activity.c.last_at)
Index("ix_activity_event_last_at", activity.c.event, activity.c.last_at)
