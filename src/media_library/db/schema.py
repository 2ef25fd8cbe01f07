"""The tables, as SQLAlchemy Core objects that ``state/`` builds its queries from.

The schema itself is created and changed only by the Alembic migrations in ``db/migrations``;
a test checks that a database migrated from empty matches these definitions exactly. Times are
UNIX epoch seconds (REAL); JSON columns hold text written by ``json.dumps``.
See docs/SCHEMA.md for what each column means.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
)

metadata = MetaData()

# Tables a migration creates that are not SQLAlchemy Tables: the FTS5 search index and its
# shadow tables (kept in step with ``media`` by triggers). Schema comparisons skip them.
UNMANAGED_TABLE_PREFIXES = ("media_search",)


def is_managed_table(name: str) -> bool:
    return not name.startswith(UNMANAGED_TABLE_PREFIXES)

LIVE_JOB_STATUSES = ("queued", "running", "interrupted")


def partial(where) -> dict:
    """A partial index's condition, for every dialect that has partial indexes."""
    return {"sqlite_where": where, "postgresql_where": where}


jobs = Table(
    "jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("payload", Text, nullable=False, server_default="{}"),
    Column("status", Text, nullable=False, server_default="queued"),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("message", Text, nullable=False, server_default=""),
    Column("result", Text),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("max_attempts", Integer, nullable=False, server_default="3"),
    Column("priority", Integer, nullable=False, server_default="0"),
    Column("run_after", Float, nullable=False, server_default="0"),
    Column("lease_owner", Text),
    Column("lease_expires_at", Float),
    Column("heartbeat_at", Float),
    Column("cancel_requested", Boolean, nullable=False, server_default="0"),
    Column("idempotency_key", Text),
    Column("parent_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("created_by", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
    Column("started_at", Float),
    Column("finished_at", Float),
    Column("updated_at", Float, nullable=False),
)
Index("ix_jobs_claim", jobs.c.status, jobs.c.priority.desc(), jobs.c.id)
Index("ix_jobs_kind_status", jobs.c.kind, jobs.c.status)
_live_key = and_(jobs.c.idempotency_key.is_not(None), jobs.c.status.in_(LIVE_JOB_STATUSES))
Index("ux_jobs_live_idempotency_key", jobs.c.idempotency_key, unique=True, **partial(_live_key))

schedules = Table(
    "schedules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("payload", Text, nullable=False, server_default="{}"),
    Column("expression", Text, nullable=False),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("next_run_at", Float),
    Column("last_run_at", Float),
    Column("last_job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    # viewer | manager | admin. The code always writes it; the stored default ("user", the one
    # non-admin role before roles) is what the first migration made and is never used.
    Column("role", Text, nullable=False, server_default="user"),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("created_at", Float, nullable=False),
    Column("password_changed_at", Float, nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("id_hash", Text, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("last_seen_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("address", Text, nullable=False, server_default=""),
    Column("user_agent", Text, nullable=False, server_default=""),
)
Index("ix_sessions_user", sessions.c.user_id)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("scope", Text, nullable=False, server_default="all"),
    Column("created_at", Float, nullable=False),
    Column("last_used_at", Float),
    Column("revoked_at", Float),
)

app_settings = Table(
    "app_settings", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", Float, nullable=False),
)

media = Table(
    "media", metadata,
    Column("id", Text, primary_key=True),  # random, never derived from a path, so ids cannot be guessed
    Column("kind", Text, nullable=False),
    Column("parent_id", Text, ForeignKey("media.id", ondelete="CASCADE")),
    Column("title", Text, nullable=False),
    Column("sort_title", Text, nullable=False, server_default=""),
    Column("original_title", Text),
    Column("year", Integer),
    Column("overview", Text),
    Column("season_number", Integer),
    Column("episode_number", Integer),
    Column("episode_end", Integer),
    Column("air_date", Text),
    Column("runtime_minutes", Float),
    Column("genres", Text, nullable=False, server_default="[]"),
    Column("extra", Text, nullable=False, server_default="{}"),
    Column("status", Text, nullable=False, server_default="new"),
    Column("confidence", Float),
    Column("match_locked", Boolean, nullable=False, server_default="0"),
    Column("added_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_media_kind_added", media.c.kind, media.c.added_at)
Index("ix_media_parent", media.c.parent_id)
Index("ix_media_status", media.c.status)
Index("ix_media_title", media.c.sort_title, media.c.id)
Index("ix_media_kind_title", media.c.kind, media.c.sort_title, media.c.id)
Index("ix_media_added", media.c.added_at, media.c.id)
Index("ix_media_year", media.c.year, media.c.sort_title, media.c.id)
Index("ix_media_kind_year", media.c.kind, media.c.year, media.c.sort_title, media.c.id)

media_files = Table(
    "media_files", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE")),
    Column("path", Text, nullable=False, unique=True),
    Column("size", Integer, nullable=False, server_default="0"),
    Column("mtime", Float, nullable=False, server_default="0"),
    Column("duration_s", Float),
    Column("container", Text),
    Column("video_codec", Text),
    Column("width", Integer),
    Column("height", Integer),
    Column("audio_codecs", Text, nullable=False, server_default="[]"),
    Column("tech", Text, nullable=False, server_default="{}"),
    Column("missing", Boolean, nullable=False, server_default="0"),
    Column("added_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_media_files_media", media_files.c.media_id)

external_ids = Table(
    "external_ids", metadata,
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("provider", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
Index("ix_external_ids_lookup", external_ids.c.provider, external_ids.c.value)

artwork = Table(
    "artwork", metadata,
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("path", Text, nullable=False),
    Column("source_url", Text),
)

match_candidates = Table(
    "match_candidates", metadata,
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("rank", Integer, primary_key=True),
    Column("provider", Text, nullable=False),
    Column("provider_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("year", Integer),
    Column("runtime_minutes", Float),
    Column("poster_url", Text),
    Column("score", Float, nullable=False),
)

file_moves = Table(
    "file_moves", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", Text, nullable=False),
    Column("media_file_id", Integer, ForeignKey("media_files.id", ondelete="SET NULL")),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("moved_at", Float, nullable=False),
    Column("undone_at", Float),
)
Index("ix_file_moves_batch", file_moves.c.batch_id)

collections = Table(
    "collections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False, server_default="manual"),
    Column("tmdb_collection_id", Text, unique=True),
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
)

collection_items = Table(
    "collection_items", metadata,
    Column("collection_id", Integer, ForeignKey("collections.id", ondelete="CASCADE"), primary_key=True),
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, server_default="0"),
)

playback = Table(
    "playback", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("position_s", Float, nullable=False, server_default="0"),
    Column("duration_s", Float),
    Column("watched", Boolean, nullable=False, server_default="0"),
    Column("play_count", Integer, nullable=False, server_default="0"),
    Column("updated_at", Float, nullable=False),
)
Index("ix_playback_user_updated", playback.c.user_id, playback.c.updated_at)

# The full text of an item (an article's body, a book's text), indexed for search by the FTS5 table
# ``media_search_text`` (kept in step by triggers; created with this table by migration 0008).
media_texts = Table(
    "media_texts", metadata,
    Column("media_id", Text, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False, server_default=""),
)

# Files written by the STRM export (services/strm): one row per file under an output root. A row
# with a NULL mtime_ns is an intent recorded before the write (the file may or may not be there).
strm_manifest = Table(
    "strm_manifest", metadata,
    Column("root", Text, primary_key=True),
    Column("path", Text, primary_key=True),  # relative to root, "/"-separated
    Column("item_key", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("source_hash", Text, nullable=False, server_default=""),
    Column("url", Text),
    Column("size", Integer),
    Column("mtime_ns", Integer),
    Column("written_at", Float, nullable=False),
)
Index("ix_strm_manifest_item", strm_manifest.c.root, strm_manifest.c.item_key)

# The folders a library scan reads (services/library/folders.py), each with the kind that steers
# identification. ``builtin`` rows (movies, shows, music) stand for the configured roots of that
# kind (``library.movies_dir`` …, default ``<media_dir>/Movies`` …) and carry no path of their own.
library_folders = Table(
    "library_folders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text),
    Column("builtin", Text),
    Column("kind", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)
Index("ux_library_folders_path", library_folders.c.path, unique=True, **partial(library_folders.c.path.is_not(None)))
Index("ux_library_folders_builtin", library_folders.c.builtin, unique=True, **partial(library_folders.c.builtin.is_not(None)))
