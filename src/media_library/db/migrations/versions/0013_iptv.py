"""iptv: Xtream Codes accounts, their catalogs (categories, streams, episodes), favorites,
downloads with their persisted progress, and tracked series

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('iptv_accounts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('base_url', sa.Text(), nullable=False),
    sa.Column('username', sa.Text(), nullable=False),
    sa.Column('password', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=True),
    sa.Column('expires_at', sa.Float(), nullable=True),
    sa.Column('max_connections', sa.Integer(), server_default='1', nullable=False),
    sa.Column('active_connections', sa.Integer(), server_default='0', nullable=False),
    sa.Column('checked_at', sa.Float(), nullable=True),
    sa.Column('sync_status', sa.Text(), server_default='idle', nullable=False),
    sa.Column('sync_error', sa.Text(), nullable=True),
    sa.Column('synced_at', sa.Float(), nullable=True),
    sa.Column('sync_report', sa.Text(), server_default='{}', nullable=False),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('iptv_categories',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('category_id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('language', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'section', 'category_id')
    )
    op.create_table('iptv_streams',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('stream_id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('raw_name', sa.Text(), nullable=False),
    sa.Column('category_id', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('language', sa.Text(), nullable=True),
    sa.Column('icon', sa.Text(), nullable=True),
    sa.Column('rating', sa.Float(), nullable=True),
    sa.Column('tmdb_id', sa.Text(), nullable=True),
    sa.Column('container', sa.Text(), nullable=True),
    sa.Column('added', sa.Integer(), nullable=True),
    sa.Column('plot', sa.Text(), nullable=True),
    sa.Column('cast', sa.Text(), nullable=True),
    sa.Column('director', sa.Text(), nullable=True),
    sa.Column('genre', sa.Text(), nullable=True),
    sa.Column('epg_channel_id', sa.Text(), nullable=True),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'section', 'stream_id')
    )
    op.create_table('iptv_episodes',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Text(), nullable=False),
    sa.Column('series_id', sa.Text(), nullable=False),
    sa.Column('season', sa.Integer(), nullable=False),
    sa.Column('episode_num', sa.Integer(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('container', sa.Text(), nullable=True),
    sa.Column('tmdb_id', sa.Text(), nullable=True),
    sa.Column('plot', sa.Text(), nullable=True),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('image', sa.Text(), nullable=True),
    sa.Column('added', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'episode_id')
    )
    op.create_table('iptv_favorites',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.Column('stream_id', sa.Text(), nullable=False),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'account_id', 'section', 'stream_id')
    )
    op.create_table('iptv_downloads',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('stream_id', sa.Text(), nullable=False),
    sa.Column('series_id', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('container', sa.Text(), server_default='mp4', nullable=False),
    sa.Column('tmdb_id', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('season', sa.Integer(), nullable=True),
    sa.Column('episode_num', sa.Integer(), nullable=True),
    sa.Column('status', sa.Text(), server_default='queued', nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('total_bytes', sa.Integer(), nullable=True),
    sa.Column('done_bytes', sa.Integer(), server_default='0', nullable=False),
    sa.Column('segments', sa.Text(), server_default='[]', nullable=False),
    sa.Column('validator', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('media_id', sa.Text(), nullable=True),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['media_id'], ['media.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('iptv_tracked',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Text(), nullable=False),
    sa.Column('mode', sa.Text(), server_default='all', nullable=False),
    sa.Column('from_season', sa.Integer(), nullable=True),
    sa.Column('baseline', sa.Text(), server_default='[]', nullable=False),
    sa.Column('last_checked_at', sa.Float(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['iptv_accounts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('account_id', 'series_id')
    )
    op.create_index('ix_iptv_streams_category', 'iptv_streams', ['account_id', 'section', 'category_id'], unique=False)
    op.create_index('ix_iptv_streams_tmdb', 'iptv_streams', ['tmdb_id'], unique=False)
    op.create_index('ix_iptv_episodes_series', 'iptv_episodes', ['account_id', 'series_id', 'season'], unique=False)
    op.create_index('ux_iptv_downloads_item', 'iptv_downloads', ['account_id', 'kind', 'stream_id'], unique=True)


def downgrade() -> None:
    op.drop_table('iptv_tracked')
    op.drop_table('iptv_downloads')
    op.drop_table('iptv_favorites')
    op.drop_table('iptv_episodes')
    op.drop_table('iptv_streams')
    op.drop_table('iptv_categories')
    op.drop_table('iptv_accounts')
