"""plex: servers, their libraries, path mappings, imported items and parts, user mappings

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _key(name: str, parent: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([name], [parent], ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "plex_servers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("machine_id", sa.Text(), nullable=True),
        sa.Column("version", sa.Text(), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("last_sync_at", sa.Float(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "plex_libraries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("section_key", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("agent", sa.Text(), nullable=True),
        sa.Column("locations", sa.Text(), server_default="[]", nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        _key("server_id", "plex_servers.id"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("server_id", "section_key", name="ux_plex_libraries_section"),
    )
    op.create_table(
        "plex_path_mappings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=True),
        sa.Column("plex_prefix", sa.Text(), nullable=False),
        sa.Column("local_prefix", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        _key("server_id", "plex_servers.id"),
        _key("library_id", "plex_libraries.id"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plex_path_mappings_server", "plex_path_mappings", ["server_id"])
    op.create_table(
        "plex_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("rating_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("media_id", sa.Text(), nullable=True),
        sa.Column("guid", sa.Text(), nullable=True),
        sa.Column("stamp", sa.Integer(), server_default="0", nullable=False),
        sa.Column("title", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        _key("server_id", "plex_servers.id"),
        _key("library_id", "plex_libraries.id"),
        _key("media_id", "media.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("server_id", "rating_key", name="ux_plex_items_key"),
    )
    op.create_index("ix_plex_items_library", "plex_items", ["library_id"])
    op.create_index("ix_plex_items_media", "plex_items", ["media_id"])
    op.create_index("ix_plex_items_guid", "plex_items", ["guid"])
    op.create_table(
        "plex_parts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("part_key", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("plex_path", sa.Text(), nullable=False),
        sa.Column("local_path", sa.Text(), nullable=True),
        sa.Column("media_file_id", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), server_default="0", nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        _key("item_id", "plex_items.id"),
        _key("media_file_id", "media_files.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "part_key", name="ux_plex_parts_key"),
    )
    op.create_index("ix_plex_parts_file", "plex_parts", ["media_file_id"])
    op.create_table(
        "plex_user_maps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("plex_account_id", sa.Text(), nullable=False),
        sa.Column("plex_name", sa.Text(), server_default="", nullable=False),
        sa.Column("token", sa.Text(), server_default="", nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("keep_in_step", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        _key("server_id", "plex_servers.id"),
        _key("user_id", "users.id"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("server_id", "plex_account_id", name="ux_plex_user_maps_account"),
    )


def downgrade() -> None:
    for name in ("plex_user_maps", "plex_parts", "plex_items", "plex_path_mappings", "plex_libraries", "plex_servers"):
        op.drop_table(name)
