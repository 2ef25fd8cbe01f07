"""strm_manifest: every file the STRM export wrote, with its item, content hash, URL and stat

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "strm_manifest",
        sa.Column("root", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.Text(), nullable=False, server_default=""),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("mtime_ns", sa.Integer(), nullable=True),
        sa.Column("written_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("root", "path"),
    )
    op.create_index("ix_strm_manifest_item", "strm_manifest", ["root", "item_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_strm_manifest_item", table_name="strm_manifest")
    op.drop_table("strm_manifest")
