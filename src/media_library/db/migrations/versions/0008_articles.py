"""articles: saved articles, per-user reading state, full texts and their search index

``media_search_text`` is an FTS5 table over ``media_texts.body`` (an article's or a book's text),
with the same tokenizer as ``media_search`` (case and accents folded), kept in step by triggers.
Its name starts with ``media_search`` so schema comparisons skip it like the title index.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXT_INDEX = [
    "CREATE VIRTUAL TABLE media_search_text USING fts5(media_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER media_search_text_insert AFTER INSERT ON media_texts BEGIN INSERT INTO media_search_text(media_id, body) VALUES (new.media_id, new.body); END",
    "CREATE TRIGGER media_search_text_delete AFTER DELETE ON media_texts BEGIN DELETE FROM media_search_text WHERE media_id = old.media_id; END",
    "CREATE TRIGGER media_search_text_update AFTER UPDATE OF body ON media_texts BEGIN DELETE FROM media_search_text WHERE media_id = old.media_id; INSERT INTO media_search_text(media_id, body) VALUES (new.media_id, new.body); END",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("media_id", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default="queued", nullable=False),
        sa.Column("origin", sa.Text(), server_default="url", nullable=False),
        sa.Column("title", sa.Text(), server_default="", nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("words", sa.Integer(), server_default="0", nullable=False),
        sa.Column("folder", sa.Text(), nullable=True),
        sa.Column("top_image", sa.Text(), nullable=True),
        sa.Column("tags", sa.Text(), server_default="[]", nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["added_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_status", ["status", "id"], unique=False)
        batch_op.create_index("ix_articles_media", ["media_id"], unique=False)
    op.create_table(
        "reading_state",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Text(), nullable=False),
        sa.Column("progress", sa.Float(), server_default="0", nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("favourite", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "media_id"),
    )
    op.create_table(
        "media_texts",
        sa.Column("media_id", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("media_id"),
    )
    for statement in TEXT_INDEX:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("media_search_text_update", "media_search_text_delete", "media_search_text_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS media_search_text")
    op.drop_table("media_texts")
    op.drop_table("reading_state")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_media")
        batch_op.drop_index("ix_articles_status")
    op.drop_table("articles")
