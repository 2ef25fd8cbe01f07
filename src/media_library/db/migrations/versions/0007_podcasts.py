"""podcasts: download mode, retention, schedule and backoff per feed; episode details; gPodder logs

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

def _podcast_columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("download_mode", sa.Text(), server_default="none", nullable=False),
        sa.Column("download_latest", sa.Integer(), server_default="3", nullable=False),
        sa.Column("keep_count", sa.Integer(), nullable=True),
        sa.Column("delete_played_days", sa.Float(), nullable=True),
        sa.Column("schedule", sa.Text(), server_default="", nullable=False),
        sa.Column("notify", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("retry_at", sa.Float(), nullable=True),
    )
def _episode_columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("enclosure_type", sa.Text(), nullable=True),
        sa.Column("enclosure_size", sa.Integer(), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("season", sa.Integer(), nullable=True),
        sa.Column("episode", sa.Integer(), nullable=True),
        sa.Column("chapters_url", sa.Text(), nullable=True),
        sa.Column("chapters", sa.Text(), nullable=True),
        sa.Column("transcripts", sa.Text(), server_default="[]", nullable=False),
        sa.Column("file_path", sa.Text(), nullable=True),
        sa.Column("starred", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("played_at", sa.Float(), nullable=True),
        sa.Column("download_error", sa.Text(), nullable=True),
        sa.Column("deleted_at", sa.Float(), nullable=True),
        sa.Column("created_at", sa.Float(), server_default="0", nullable=False),
    )


def upgrade() -> None:
    with op.batch_alter_table("podcasts", schema=None) as batch_op:
        batch_op.drop_column("auto_download")
        for column in _podcast_columns():
            batch_op.add_column(column)
    with op.batch_alter_table("podcast_episodes", schema=None) as batch_op:
        for column in _episode_columns():
            batch_op.add_column(column)
        batch_op.create_index("ix_podcast_episodes_published", ["podcast_id", "published_at"], unique=False)
    op.create_table(
        "podcast_subscription_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("device", sa.Text(), server_default="", nullable=False),
        sa.Column("changed_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "podcast_episode_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("device", sa.Text(), server_default="", nullable=False),
        sa.Column("podcast_url", sa.Text(), nullable=False),
        sa.Column("episode_url", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("started", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("timestamp", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("podcast_episode_actions", schema=None) as batch_op:
        batch_op.create_index("ix_podcast_episode_actions_user", ["user_id", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("podcast_episode_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_podcast_episode_actions_user")
    op.drop_table("podcast_episode_actions")
    op.drop_table("podcast_subscription_changes")
    with op.batch_alter_table("podcast_episodes", schema=None) as batch_op:
        batch_op.drop_index("ix_podcast_episodes_published")
        for column in reversed(_episode_columns()):
            batch_op.drop_column(column.name)
    with op.batch_alter_table("podcasts", schema=None) as batch_op:
        for column in reversed(_podcast_columns()):
            batch_op.drop_column(column.name)
        batch_op.add_column(sa.Column("auto_download", sa.Boolean(), server_default="0", nullable=False))
