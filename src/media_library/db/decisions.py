"""The decisions source's tables, on the schema's ``metadata`` (see ``db/schema.py``).

- ``watch_events``: every webhook delivery we accepted, once per ``event_key`` (the plugin retries).
- ``watch_items``: what we learnt of a Jellyfin item (runtime, ids) from ItemAdded or a lookup.
- ``watch_history``: one row per playback (user, item, completion), our own history.
- ``decision_rules``: the keep-or-stream rules a person edits (condition tree, priority, action).
- ``decisions``: every decision with its inputs (facts), the rule that fired, its reason and what
  was done about it (the Radarr command followed to its end).
- ``decision_overrides``: always keep / never download, per film.
- ``leaving_soon``: kept films nobody watches, listed before Radarr is asked to delete them.

Declared by the decisions source (``media_library/sources/decisions.py``, ``Source.tables``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

watch_events = Table(
    "watch_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_key", Text, nullable=False, unique=True),
    Column("type", Text, nullable=False),
    Column("user_id", Text),
    Column("user_name", Text),
    Column("item_id", Text),
    Column("item_type", Text),
    Column("fields", Text, nullable=False, server_default="{}"),
    Column("status", Text, nullable=False, server_default="received"),
    Column("error", Text),
    Column("received_at", Float, nullable=False),
    Column("claimed_at", Float),  # when a "decide pending events" job took it (status "deciding")
)
Index("ix_watch_events_status", watch_events.c.status, watch_events.c.id)

watch_items = Table(
    "watch_items", metadata,
    Column("item_id", Text, primary_key=True),
    Column("item_type", Text),
    Column("title", Text),
    Column("year", Integer),
    Column("tmdb_id", Integer),
    Column("imdb_id", Text),
    Column("runtime_ticks", Integer, nullable=False, server_default="0"),
    Column("updated_at", Float, nullable=False),
)

watch_history = Table(
    "watch_history", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_key", Text, nullable=False, unique=True),
    Column("user_id", Text, nullable=False),
    Column("user_name", Text),
    Column("item_id", Text, nullable=False),
    Column("item_type", Text),
    Column("title", Text),
    Column("tmdb_id", Integer),
    Column("position_ticks", Integer, nullable=False, server_default="0"),
    Column("runtime_ticks", Integer, nullable=False, server_default="0"),
    Column("completion", Float),
    Column("completed", Boolean, nullable=False, server_default="0"),
    Column("source", Text, nullable=False, server_default="webhook"),
    Column("started_at", Float, nullable=False),
    Column("watched_at", Float, nullable=False),
)
Index("ix_watch_history_item", watch_history.c.item_id, watch_history.c.watched_at)
Index("ix_watch_history_tmdb", watch_history.c.tmdb_id, watch_history.c.watched_at)

decision_rules = Table(
    "decision_rules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("priority", Integer, nullable=False, server_default="0"),
    Column("condition", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("via", Text, nullable=False, server_default="auto"),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("description", Text, nullable=False, server_default=""),
    Column("updated_at", Float, nullable=False),
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("watch_events.id", ondelete="SET NULL")),
    Column("film_key", Text, nullable=False),
    Column("item_id", Text),
    Column("tmdb_id", Integer),
    Column("title", Text, nullable=False, server_default=""),
    Column("user_name", Text),
    Column("action", Text, nullable=False),
    Column("rule_id", Integer),
    Column("rule_name", Text, nullable=False),
    Column("via", Text, nullable=False, server_default="auto"),
    Column("reason", Text, nullable=False),
    Column("facts", Text, nullable=False, server_default="{}"),
    Column("dry_run", Boolean, nullable=False, server_default="0"),
    Column("outcome", Text, nullable=False, server_default="none"),
    Column("radarr_movie_id", Integer),
    Column("command_id", Integer),
    Column("command_status", Text),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("error", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_decisions_film", decisions.c.film_key, decisions.c.id)
Index("ix_decisions_event", decisions.c.event_id, unique=True)  # one decision per event

decision_overrides = Table(
    "decision_overrides", metadata,
    Column("film_key", Text, primary_key=True),
    Column("mode", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("set_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
)

leaving_soon = Table(
    "leaving_soon", metadata,
    Column("film_key", Text, primary_key=True),
    Column("tmdb_id", Integer),
    Column("radarr_movie_id", Integer),
    Column("title", Text, nullable=False, server_default=""),
    Column("rule_name", Text, nullable=False, server_default=""),
    Column("last_watched_at", Float),
    Column("listed_at", Float, nullable=False),
    Column("delete_after", Float, nullable=False),
    Column("status", Text, nullable=False, server_default="listed"),
    Column("note", Text, nullable=False, server_default=""),
    Column("updated_at", Float, nullable=False),
)

TABLES = (watch_events, watch_items, watch_history, decision_rules, decisions, decision_overrides, leaving_soon)
