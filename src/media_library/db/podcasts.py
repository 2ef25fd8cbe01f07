"""The podcast source's tables, on the schema's ``metadata`` (see ``db/schema.py``).

``podcasts`` (one row per subscribed feed) and ``podcast_episodes`` (one per item of a feed)
were created by the first migration; ``0005_podcasts`` adds what the source needs (download
mode, retention, schedule, backoff, episode details, starred/played) and the two logs the
gPodder sync API reads: subscription changes and episode actions. Declared by the podcast
source (``media_library/sources/podcasts.py``, ``Source.tables``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

podcasts = Table(
    "podcasts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_url", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False, server_default=""),
    Column("description", Text),
    Column("image_url", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_checked_at", Float),
    Column("created_at", Float, nullable=False),
    Column("author", Text),
    Column("link", Text),
    Column("download_mode", Text, nullable=False, server_default="none"),  # all | latest | none
    Column("download_latest", Integer, nullable=False, server_default="3"),
    Column("keep_count", Integer),  # retention: keep the newest N downloaded files (None: all)
    Column("delete_played_days", Float),  # retention: delete a file N days after it was played
    Column("schedule", Text, nullable=False, server_default=""),  # cron or "daily HH:MM"; "" = hourly
    Column("notify", Boolean, nullable=False, server_default="0"),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("retry_at", Float),  # backoff: a failing feed is not fetched again before this
)

podcast_episodes = Table(
    "podcast_episodes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("podcast_id", Integer, ForeignKey("podcasts.id", ondelete="CASCADE"), nullable=False),
    Column("guid", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("published_at", Float),
    Column("enclosure_url", Text),
    Column("duration_s", Float),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("downloaded", Boolean, nullable=False, server_default="0"),
    Column("description", Text),
    Column("link", Text),
    Column("enclosure_type", Text),
    Column("enclosure_size", Integer),
    Column("image_url", Text),
    Column("season", Integer),
    Column("episode", Integer),
    Column("chapters_url", Text),
    Column("chapters", Text),  # JSON list of {start_s, title, url?}; None until read
    Column("transcripts", Text, nullable=False, server_default="[]"),  # JSON list of {url, type, language?}
    Column("file_path", Text),
    Column("starred", Boolean, nullable=False, server_default="0"),
    Column("played_at", Float),
    Column("download_error", Text),
    Column("deleted_at", Float),  # the downloaded file was removed by retention
    Column("created_at", Float, nullable=False, server_default="0"),
)
Index("ux_podcast_episodes_guid", podcast_episodes.c.podcast_id, podcast_episodes.c.guid, unique=True)
Index("ix_podcast_episodes_published", podcast_episodes.c.podcast_id, podcast_episodes.c.published_at)

# Every subscribe and unsubscribe, from any side (app, OPML, gPodder client); the row id is the
# gPodder ``timestamp`` a client sends back as ``since``.
podcast_subscription_changes = Table(
    "podcast_subscription_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("action", Text, nullable=False),  # add | remove
    Column("device", Text, nullable=False, server_default=""),
    Column("changed_at", Float, nullable=False),
)

# gPodder episode actions per user (play positions, downloads, deletes), uploaded by phone apps
# or written by the app's player; the row id is the ``since`` cursor.
podcast_episode_actions = Table(
    "podcast_episode_actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("device", Text, nullable=False, server_default=""),
    Column("podcast_url", Text, nullable=False),
    Column("episode_url", Text, nullable=False),
    Column("action", Text, nullable=False),  # download | play | delete | new
    Column("position", Integer),
    Column("started", Integer),
    Column("total", Integer),
    Column("timestamp", Text, nullable=False, server_default=""),
    Column("created_at", Float, nullable=False),
)
Index("ix_podcast_episode_actions_user", podcast_episode_actions.c.user_id, podcast_episode_actions.c.id)
