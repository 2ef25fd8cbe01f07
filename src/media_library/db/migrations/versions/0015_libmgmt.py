"""libmgmt: library folders (the scanned folders with their kinds), seeded with the three roots
scanned until now so that nothing changes for an existing library

Revision ID: 0015
Revises: 0014
"""

import time

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

SEEDED = (("movies", "films"), ("shows", "shows"), ("music", "music"))


def upgrade() -> None:
    table = op.create_table(
        "library_folders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("builtin", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_library_folders_path", "library_folders", ["path"], unique=True,
                    sqlite_where=sa.text("path IS NOT NULL"), postgresql_where=sa.text("path IS NOT NULL"))
    op.create_index("ux_library_folders_builtin", "library_folders", ["builtin"], unique=True,
                    sqlite_where=sa.text("builtin IS NOT NULL"), postgresql_where=sa.text("builtin IS NOT NULL"))
    now = time.time()
    op.bulk_insert(table, [{"builtin": builtin, "kind": kind, "created_at": now} for builtin, kind in SEEDED])


def downgrade() -> None:
    op.drop_index("ux_library_folders_builtin", table_name="library_folders")
    op.drop_index("ux_library_folders_path", table_name="library_folders")
    op.drop_table("library_folders")
