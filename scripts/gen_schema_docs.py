"""Regenerate docs/SCHEMA.md from db/schema.py (run after a migration).

Usage: .venv/bin/python scripts/gen_schema_docs.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import media_library.sources  # noqa: E402, F401 - the sources' tables (db/discs.py, db/podcasts.py …) join the metadata
from media_library.db.schema import metadata  # noqa: E402

TABLES = {
    "iptv_accounts": "Xtream Codes accounts (the IPTV source): server URL, user name, the password (a secret: never answered or logged), what the last test found, sync status and report.",
    "iptv_categories": "An IPTV account's categories per section (live, vod, series), with the language its name carries.",
    "iptv_streams": "An IPTV account's catalog: live channels, films and series, ids as text, with a fingerprint so a re-sync writes only changed rows.",
    "iptv_episodes": "Episodes of IPTV series, fetched on demand and for tracked series.",
    "iptv_favorites": "Each user's favorite IPTV films, series and channels.",
    "iptv_downloads": "IPTV downloads and their persisted progress (bytes done per segment, validator), so a restart resumes them.",
    "iptv_tracked": "Tracked IPTV series: the mode (all, from a season, new only) and the episode ids present when tracking began.",
    "jobs": "The durable job queue: one row per job, its lease while running and its outcome (see ARCHITECTURE.md, Durable jobs).",
    "schedules": "Periodic jobs: a cron or `daily HH:MM` expression and the next time it is due.",
    "users": "Accounts. Usernames are stored lower-case; passwords as argon2id hashes.",
    "sessions": "Server-side browser sessions, keyed by a SHA-256 of the random session id (the id itself is only in the cookie).",
    "activity": "The activity log (services/activity.py): logins and failures, account, token, session and settings changes, deletions, and rips, downloads and organize runs that ended; a burst of failed logins is one row with a count. Pruned after `activity.retention_days`.",
    "api_tokens": "Per-user tokens for scripts, webhooks, monitor mode and STRM links; only a SHA-256 of the token is stored.",
    "app_settings": "Settings changed in the app at run time (JSON values), e.g. the STRM export settings and signing keys.",
    "media": "Library items of every kind. `parent_id` links season → show, episode → season, album → artist, track → album. Ids are random.",
    "media_files": "Files on disk belonging to items (or not yet identified), with size/mtime for incremental scans and technical details.",
    "external_ids": "Provider ids of an item: tmdb, imdb, tvdb, musicbrainz, acoustid, plex… Never empty.",
    "artwork": "Cached artwork of an item (poster, backdrop, cover) under the data folder, with where it came from.",
    "match_candidates": "The top identification candidates of an item, shown in the review queue.",
    "file_moves": "Every move the organizer made, grouped in batches, so the last batch can be undone.",
    "collections": "Manual collections and automatic ones mirroring TMDb's collections.",
    "collection_items": "Ordered membership of items in collections.",
    "playback": "Per-user resume position and watched state.",
    "library_folders": "The folders a library scan reads, each with its kind (films, shows, music, mixed) that steers identification; `builtin` rows (movies, shows, music) stand for the configured roots and have no path of their own (services/library/folders.py).",
    "downloads": "URLs asked for with yt-dlp: one row per video; a playlist's entries are children in playlist order.",
    "download_archive": "What was downloaded, by yt-dlp's `<extractor> <id>`, so nothing is downloaded twice.",
    "download_subscriptions": "Channels and playlists checked on a schedule, with their filters and retention.",
    "subscription_seen": "Entries a subscription has met (downloaded or passed over), so only new uploads are fetched.",
    "playlists": "External playlists imported (Exportify CSV, Spotify JSON, M3U).",
    "playlist_tracks": "The tracks of an imported playlist, in order, with their match in the music library (or none).",
    "podcasts": "Podcast feed subscriptions (the podcast source): HTTP validators for conditional fetches, download mode, retention, schedule and backoff.",
    "podcast_episodes": "Episodes seen in feeds, unique per feed by guid: details, chapters, transcripts, the downloaded file, starred and played.",
    "podcast_subscription_changes": "Every subscribe and unsubscribe; the id is the gPodder sync cursor for subscriptions.",
    "podcast_episode_actions": "gPodder episode actions per user (play positions, downloads, deletes) from phone apps and the app's player; the id is the sync cursor.",
    "discs": "Discs seen by the disc monitor, their identification, confirmation window and rip state.",
    "plex_servers": "Plex servers added by the admin: URL, token (a secret the API never returns), identity, last sync.",
    "plex_libraries": "The library sections each Plex server listed, with their `Location` paths; `enabled` ones are synced.",
    "plex_path_mappings": "Plex path prefix → local path prefix, per server or per library; the longest prefix wins.",
    "plex_items": "What each Plex server listed (per `ratingKey`) and the item it became; `stamp` (updatedAt, else addedAt) drives incremental syncs.",
    "plex_parts": "Every Part of every Media version of an imported item: its Plex path, mapped local path (null: unmapped) and file row.",
    "plex_user_maps": "Plex accounts mapped to our users for watched state, optionally with that user's token; `keep_in_step` imports on every sync.",
    "media_texts": "The full text of an item (an article's body, a book's text), indexed for search by the FTS5 table `media_search_text` (triggers keep it in step).",
    "watch_events": "Jellyfin webhook deliveries (the decisions source), once per `event_key` (the plugin retries): type, user, item, the normalised fields and its status: `received`, `deciding` (taken by a `watch.decide` job at `claimed_at`), `processed` or `failed` (with the error).",
    "watch_items": "What we learnt of a Jellyfin item from ItemAdded or a lookup: runtime (STRM items report 0 until probed), title, TMDb and IMDb ids.",
    "watch_history": "Our own watch history: one row per playback of an item by a user (a `live:` row while it plays, a `view:` row per stop; `jellystat:` and `playcount:` rows from the back-fill), with the completion share.",
    "decision_rules": "The keep-or-stream rules a person edits: a condition tree over facts (JSON), a priority (highest tried first), the action (keep, never, stream) and how to keep (`via`: radarr, own, auto).",
    "decisions": "Every keep-or-stream decision: the facts it was made on (JSON), the rule that fired and its reason, dry run or not, and what was done (the Radarr movie, its command and the command's status).",
    "decision_overrides": "Films a person set to always keep or never download (`film_key` = `tmdb:<id>`).",
    "leaving_soon": "Kept films nobody watched for `decisions.cleanup_unwatched_days`, listed until `delete_after`, then deleted in Radarr (or kept when played again).",
    "articles": "Articles someone asked to save (by URL, the bookmarklet or an import): queued, then saved as a library item (`media_id`, its folder and metadata) or failed with the reason.",
    "reading_state": "Per-user reading state of an article or book: progress (0-1) and a location, archived, favourite.",
    "highlights": "Per-user highlights in an article or book: a passage anchored as plain text (its offsets in the reader's text, the quote with up to 64 characters of context each side) and the person's note.",
    "strm_manifest": "Every file the STRM/NFO exporter wrote: what it is for, its content hash, so unchanged files are never rewritten and only owned files are ever deleted.",
}


def render() -> str:
    out = ["# Database schema", "",
           "Generated from `src/media_library/db/schema.py` by `scripts/gen_schema_docs.py`; the schema itself is",
           "created and changed only by the Alembic migrations in `src/media_library/db/migrations/versions/`.",
           "Times are UNIX epoch seconds (REAL); JSON columns hold text.", ""]
    for table in metadata.sorted_tables:
        out += [f"## `{table.name}`", "", TABLES.get(table.name, "(undocumented: describe it in scripts/gen_schema_docs.py)"), "",
                "| column | type | null | default | notes |", "|---|---|---|---|---|"]
        for col in table.columns:
            notes = []
            if col.primary_key:
                notes.append("primary key")
            if col.unique:
                notes.append("unique")
            for fk in col.foreign_keys:
                notes.append(f"→ `{fk.target_fullname}` ({fk.ondelete or 'no action'})")
            default = col.server_default.arg if col.server_default is not None else ""
            out.append(f"| `{col.name}` | {col.type} | {'yes' if col.nullable else 'no'} | {f'`{default}`' if default != '' else ''} | {', '.join(notes)} |")
        indexes = sorted(table.indexes, key=lambda i: i.name)
        if indexes:
            out += ["", "Indexes: " + "; ".join(f"`{i.name}` ({', '.join(str(c) for c in i.expressions)}){' unique' if i.unique else ''}" for i in indexes)]
        out.append("")
    return "\n".join(out)


def main() -> None:
    (ROOT / "docs" / "SCHEMA.md").write_text(render())


if __name__ == "__main__":
    main()
