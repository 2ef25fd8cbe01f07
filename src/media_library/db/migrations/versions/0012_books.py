"""books: readers' highlights with notes (per user and item, anchored as plain text), and the
vocabulary of the full texts' index (``media_search_text_vocab``, an fts5vocab table) from which
search corrects typos in words that occur only in bodies, as it does for titles. Its name starts
with ``media_search`` so schema comparisons skip it like the other search tables.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), server_default="", nullable=False),
        sa.Column("suffix", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("highlights", schema=None) as batch_op:
        batch_op.create_index("ix_highlights_user_media", ["user_id", "media_id", "start"], unique=False)
    op.execute("CREATE VIRTUAL TABLE media_search_text_vocab USING fts5vocab(media_search_text, row)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS media_search_text_vocab")
    with op.batch_alter_table("highlights", schema=None) as batch_op:
        batch_op.drop_index("ix_highlights_user_media")
    op.drop_table("highlights")
