"""The IPTV source's tables, on the schema's ``metadata`` (see ``db/schema.py``), created by the
``iptv`` migration and declared by ``media_library/sources/iptv.py``.

- ``iptv_accounts``: one Xtream Codes account; ``password`` is a secret (never answered by the
  API, never logged); what the last test and sync found.
- ``iptv_categories`` / ``iptv_streams``: the provider's catalog per account and section (``live``,
  ``vod``, ``series``), ids stored as text whatever the panel sent. ``fingerprint`` is the hash of
  a row's values, so a re-sync writes only rows that changed.
- ``iptv_episodes``: a series' episodes, fetched for tracked series and on demand.
- ``iptv_favorites``: per user.
- ``iptv_downloads``: one file being downloaded, with its persisted progress (``segments``: the
  bytes done per segment), so a restart resumes it.
- ``iptv_tracked``: tracked series and what the check has already seen.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

iptv_accounts = Table(
    "iptv_accounts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("base_url", Text, nullable=False),
    Column("username", Text, nullable=False),
    Column("password", Text, nullable=False),
    Column("status", Text),  # what the provider said at the last test (Active, Banned, Expired…)
    Column("expires_at", Float),
    Column("max_connections", Integer, nullable=False, server_default="1"),
    Column("active_connections", Integer, nullable=False, server_default="0"),
    Column("checked_at", Float),
    Column("sync_status", Text, nullable=False, server_default="idle"),  # idle | syncing | error
    Column("sync_error", Text),
    Column("synced_at", Float),
    Column("sync_report", Text, nullable=False, server_default="{}"),  # JSON: counts, skipped items per section
    Column("created_at", Float, nullable=False),
)

iptv_categories = Table(
    "iptv_categories", metadata,
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("section", Text, primary_key=True),
    Column("category_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("language", Text),
)

iptv_streams = Table(
    "iptv_streams", metadata,
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("section", Text, primary_key=True),
    Column("stream_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("raw_name", Text, nullable=False),
    Column("category_id", Text),
    Column("year", Integer),
    Column("language", Text),
    Column("icon", Text),
    Column("rating", Float),
    Column("tmdb_id", Text),
    Column("container", Text),
    Column("added", Integer),
    Column("plot", Text),
    Column("cast", Text),
    Column("director", Text),
    Column("genre", Text),
    Column("epg_channel_id", Text),
    Column("fingerprint", Text, nullable=False),
)
Index("ix_iptv_streams_category", iptv_streams.c.account_id, iptv_streams.c.section, iptv_streams.c.category_id)
Index("ix_iptv_streams_tmdb", iptv_streams.c.tmdb_id)

iptv_episodes = Table(
    "iptv_episodes", metadata,
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("episode_id", Text, primary_key=True),
    Column("series_id", Text, nullable=False),
    Column("season", Integer, nullable=False),
    Column("episode_num", Integer),
    Column("title", Text, nullable=False),
    Column("container", Text),
    Column("tmdb_id", Text),
    Column("plot", Text),
    Column("duration_s", Integer),
    Column("image", Text),
    Column("added", Integer),
)
Index("ix_iptv_episodes_series", iptv_episodes.c.account_id, iptv_episodes.c.series_id, iptv_episodes.c.season)

iptv_favorites = Table(
    "iptv_favorites", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("section", Text, primary_key=True),
    Column("stream_id", Text, primary_key=True),
    Column("created_at", Float, nullable=False),
)

iptv_downloads = Table(
    "iptv_downloads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),  # movie | episode
    Column("stream_id", Text, nullable=False),  # the film's stream id or the episode id
    Column("series_id", Text),
    Column("title", Text, nullable=False),
    Column("container", Text, nullable=False, server_default="mp4"),
    Column("tmdb_id", Text),
    Column("year", Integer),
    Column("season", Integer),
    Column("episode_num", Integer),
    Column("status", Text, nullable=False, server_default="queued"),  # queued|downloading|paused|done|failed|cancelled
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("total_bytes", Integer),
    Column("done_bytes", Integer, nullable=False, server_default="0"),
    Column("segments", Text, nullable=False, server_default="[]"),  # JSON [[start, end, done], …]
    Column("validator", Text),  # a strong ETag or Last-Modified for If-Range
    Column("error", Text),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("path", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ux_iptv_downloads_item", iptv_downloads.c.account_id, iptv_downloads.c.kind, iptv_downloads.c.stream_id, unique=True)

iptv_tracked = Table(
    "iptv_tracked", metadata,
    Column("account_id", Integer, ForeignKey("iptv_accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("series_id", Text, primary_key=True),
    Column("mode", Text, nullable=False, server_default="all"),  # all | from_season | new
    Column("from_season", Integer),
    Column("baseline", Text, nullable=False, server_default="[]"),  # JSON: episode ids present when "new" tracking began
    Column("last_checked_at", Float),
    Column("created_at", Float, nullable=False),
)

TABLES = (iptv_accounts, iptv_categories, iptv_streams, iptv_episodes, iptv_favorites, iptv_downloads, iptv_tracked)
