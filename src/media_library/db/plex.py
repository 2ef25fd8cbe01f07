"""The Plex source's tables, on the schema's ``metadata`` (see ``db/schema.py``).

Declared by the Plex source (``sources/plex.py``, ``Source.tables``); created by the Alembic
migration ``0009_plex``. ``plex_items`` and ``plex_parts`` remember what each server showed us
(per ``ratingKey`` and Part id) and which of our items and files that became, so a re-sync
compares timestamps instead of rewriting, and a deletion touches only that server's records.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, Table, Text, UniqueConstraint

from .schema import metadata

plex_servers = Table(
    "plex_servers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("token", Text, nullable=False),  # a secret: never returned by the API, never logged
    Column("machine_id", Text),
    Column("version", Text),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("last_sync_at", Float),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)

plex_libraries = Table(
    "plex_libraries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, ForeignKey("plex_servers.id", ondelete="CASCADE"), nullable=False),
    Column("section_key", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("agent", Text),
    Column("locations", Text, nullable=False, server_default="[]"),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("server_id", "section_key", name="ux_plex_libraries_section"),
)

plex_path_mappings = Table(
    "plex_path_mappings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, ForeignKey("plex_servers.id", ondelete="CASCADE"), nullable=False),
    Column("library_id", Integer, ForeignKey("plex_libraries.id", ondelete="CASCADE")),
    Column("plex_prefix", Text, nullable=False),
    Column("local_prefix", Text, nullable=False),
    Column("created_at", Float, nullable=False),
)
Index("ix_plex_path_mappings_server", plex_path_mappings.c.server_id)

plex_items = Table(
    "plex_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, ForeignKey("plex_servers.id", ondelete="CASCADE"), nullable=False),
    Column("library_id", Integer, ForeignKey("plex_libraries.id", ondelete="CASCADE"), nullable=False),
    Column("rating_key", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("guid", Text),
    Column("stamp", Integer, nullable=False, server_default="0"),  # updatedAt, else addedAt (epoch s)
    Column("title", Text, nullable=False, server_default=""),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("server_id", "rating_key", name="ux_plex_items_key"),
)
Index("ix_plex_items_library", plex_items.c.library_id)
Index("ix_plex_items_media", plex_items.c.media_id)
Index("ix_plex_items_guid", plex_items.c.guid)  # the same plex:// item on another server

plex_parts = Table(
    "plex_parts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Integer, ForeignKey("plex_items.id", ondelete="CASCADE"), nullable=False),
    Column("part_key", Text, nullable=False),  # Part id on that server
    Column("version", Integer, nullable=False, server_default="0"),  # Media id (one per version)
    Column("plex_path", Text, nullable=False),
    Column("local_path", Text),  # None: no mapping covers the Plex path
    Column("media_file_id", Integer, ForeignKey("media_files.id", ondelete="SET NULL")),
    Column("size", Integer, nullable=False, server_default="0"),
    Column("duration_ms", Integer),
    UniqueConstraint("item_id", "part_key", name="ux_plex_parts_key"),
)
Index("ix_plex_parts_file", plex_parts.c.media_file_id)

plex_user_maps = Table(
    "plex_user_maps", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("server_id", Integer, ForeignKey("plex_servers.id", ondelete="CASCADE"), nullable=False),
    Column("plex_account_id", Text, nullable=False),
    Column("plex_name", Text, nullable=False, server_default=""),
    Column("token", Text, nullable=False, server_default=""),  # that Plex user's token; "" = the server's (its owner)
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("keep_in_step", Boolean, nullable=False, server_default="0"),
    Column("created_at", Float, nullable=False),
    UniqueConstraint("server_id", "plex_account_id", name="ux_plex_user_maps_account"),
)

TABLES = (plex_servers, plex_libraries, plex_path_mappings, plex_items, plex_parts, plex_user_maps)
