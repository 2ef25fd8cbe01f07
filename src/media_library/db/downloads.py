"""The download source's tables on the schema's ``metadata`` (see ``db/schema.py``).

``download_subscriptions``: channels and playlists checked on a schedule (their filters and
retention); ``subscription_seen``: the entries a subscription has already met (downloaded or
passed over), so only new uploads are fetched. ``playlists`` / ``playlist_tracks``: external playlists imported (Spotify, M3U) and each track's
match in the music library (``media_id``, None when missing). ``downloads``: every URL asked for, one row per video (a playlist's entries are rows whose
``parent_id`` names the playlist's row, in ``position`` order). ``download_archive``: what was
downloaded, keyed by yt-dlp's ``<extractor> <video id>``, so nothing comes twice (the rule when a
file was deleted is ``downloads.redownload_deleted``). Declared by ``sources/downloads.py``;
created by the Alembic migration ``downloads``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Index, Integer, Table, Text

from .schema import metadata

download_subscriptions = Table(
    "download_subscriptions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("preset", Text, nullable=False),
    Column("schedule", Text, nullable=False),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("only_new", Boolean, nullable=False, server_default="1"),
    Column("date_after", Text),  # YYYY-MM-DD: older uploads are passed over
    Column("title_include", Text, nullable=False, server_default=""),  # a regular expression
    Column("title_exclude", Text, nullable=False, server_default=""),
    Column("min_duration_s", Float),
    Column("max_duration_s", Float),
    Column("include_shorts", Boolean, nullable=False, server_default="1"),
    Column("include_live", Boolean, nullable=False, server_default="0"),
    Column("keep_last", Integer),
    Column("keep_days", Integer),
    Column("keep_watched", Boolean, nullable=False, server_default="1"),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("last_checked_at", Float),
    Column("created_at", Float, nullable=False),
)

subscription_seen = Table(
    "subscription_seen", metadata,
    Column("subscription_id", Integer, ForeignKey("download_subscriptions.id", ondelete="CASCADE"), primary_key=True),
    Column("entry_key", Text, primary_key=True),
    Column("seen_at", Float, nullable=False),
)

downloads = Table(
    "downloads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("preset", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="queued"),
    Column("parent_id", Integer, ForeignKey("downloads.id", ondelete="CASCADE")),
    Column("position", Integer),
    Column("playlist_index", Integer),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("title", Text, nullable=False, server_default=""),
    Column("archive_key", Text),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("collection_id", Integer, ForeignKey("collections.id", ondelete="SET NULL")),
    Column("subscription_id", Integer, ForeignKey("download_subscriptions.id", ondelete="SET NULL")),
    Column("message", Text, nullable=False, server_default=""),
    Column("error", Text),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
)
Index("ix_downloads_parent", downloads.c.parent_id)
Index("ix_downloads_status", downloads.c.status)
Index("ix_downloads_subscription", downloads.c.subscription_id)

download_archive = Table(
    "download_archive", metadata,
    Column("key", Text, primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
    Column("path", Text, nullable=False),
    Column("downloaded_at", Float, nullable=False),
)

playlists = Table(
    "playlists", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("source", Text, nullable=False),  # exportify_csv | spotify_json | m3u
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", Float, nullable=False),
)

playlist_tracks = Table(
    "playlist_tracks", metadata,
    Column("playlist_id", Integer, ForeignKey("playlists.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("artist", Text, nullable=False, server_default=""),
    Column("album", Text, nullable=False, server_default=""),
    Column("duration_s", Float),
    Column("mbid", Text),
    Column("media_id", Text, ForeignKey("media.id", ondelete="SET NULL")),
)
