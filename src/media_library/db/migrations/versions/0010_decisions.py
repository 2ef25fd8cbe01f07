"""radarr: watch events, watch history, keep-or-stream rules, decisions, overrides, leaving soon

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("leaving_soon", "decision_overrides", "decisions", "decision_rules", "watch_history", "watch_items", "watch_events")


def upgrade() -> None:
    op.create_table('watch_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_key', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=True),
    sa.Column('user_name', sa.Text(), nullable=True),
    sa.Column('item_id', sa.Text(), nullable=True),
    sa.Column('item_type', sa.Text(), nullable=True),
    sa.Column('fields', sa.Text(), server_default='{}', nullable=False),
    sa.Column('status', sa.Text(), server_default='received', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('received_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_key')
    )
    op.create_table('watch_items',
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('item_type', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('tmdb_id', sa.Integer(), nullable=True),
    sa.Column('imdb_id', sa.Text(), nullable=True),
    sa.Column('runtime_ticks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('item_id')
    )
    op.create_table('watch_history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('session_key', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Text(), nullable=False),
    sa.Column('user_name', sa.Text(), nullable=True),
    sa.Column('item_id', sa.Text(), nullable=False),
    sa.Column('item_type', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('tmdb_id', sa.Integer(), nullable=True),
    sa.Column('position_ticks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('runtime_ticks', sa.Integer(), server_default='0', nullable=False),
    sa.Column('completion', sa.Float(), nullable=True),
    sa.Column('completed', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('source', sa.Text(), server_default='webhook', nullable=False),
    sa.Column('started_at', sa.Float(), nullable=False),
    sa.Column('watched_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_key')
    )
    op.create_index('ix_watch_history_item', 'watch_history', ['item_id', 'watched_at'], unique=False)
    op.create_index('ix_watch_history_tmdb', 'watch_history', ['tmdb_id', 'watched_at'], unique=False)
    op.create_table('decision_rules',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('priority', sa.Integer(), server_default='0', nullable=False),
    sa.Column('condition', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('via', sa.Text(), server_default='auto', nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('description', sa.Text(), server_default='', nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('film_key', sa.Text(), nullable=False),
    sa.Column('item_id', sa.Text(), nullable=True),
    sa.Column('tmdb_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), server_default='', nullable=False),
    sa.Column('user_name', sa.Text(), nullable=True),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('rule_name', sa.Text(), nullable=False),
    sa.Column('via', sa.Text(), server_default='auto', nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('facts', sa.Text(), server_default='{}', nullable=False),
    sa.Column('dry_run', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('outcome', sa.Text(), server_default='none', nullable=False),
    sa.Column('radarr_movie_id', sa.Integer(), nullable=True),
    sa.Column('command_id', sa.Integer(), nullable=True),
    sa.Column('command_status', sa.Text(), nullable=True),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['watch_events.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_decisions_event', 'decisions', ['event_id'], unique=False)
    op.create_index('ix_decisions_film', 'decisions', ['film_key', 'id'], unique=False)
    op.create_table('decision_overrides',
    sa.Column('film_key', sa.Text(), nullable=False),
    sa.Column('mode', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), server_default='', nullable=False),
    sa.Column('set_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['set_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('film_key')
    )
    op.create_table('leaving_soon',
    sa.Column('film_key', sa.Text(), nullable=False),
    sa.Column('tmdb_id', sa.Integer(), nullable=True),
    sa.Column('radarr_movie_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), server_default='', nullable=False),
    sa.Column('rule_name', sa.Text(), server_default='', nullable=False),
    sa.Column('last_watched_at', sa.Float(), nullable=True),
    sa.Column('listed_at', sa.Float(), nullable=False),
    sa.Column('delete_after', sa.Float(), nullable=False),
    sa.Column('status', sa.Text(), server_default='listed', nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('film_key')
    )


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
