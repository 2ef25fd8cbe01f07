"""Back-filling our watch history from the optional sources: Jellystat's playback history and
Jellyfin's ``UserData.PlayCount``. Each row gets a key of its source, so running again adds
nothing twice.

- Jellystat: one row per recorded playback; its share is ``PlaybackDuration`` against the
  item's runtime (looked up as for the events); episodes are skipped (the rules never keep them).
- PlayCount: Jellyfin knows how often a user played a film but only the date of the last time,
  so the last play is dated ``LastPlayedDate`` and the earlier ones carry no date (0): they show in
  the history but never fall inside a rewatch window.
- Plex: each enabled server's watch history (``services.plex_watched.history``), rows of users
  mapped to ours and items imported into our library; a film counts by its TMDb id, so a view in
  Plex and one in Jellyfin are views of the same film. The user is ours (name and id), which the
  tracked-users setting names like any other.
"""

from __future__ import annotations

from typing import Any

from ...clients.jellystat import JellystatClient
from ...errors import InvalidInput, NotConfigured
from ...models.decisions import BACKFILL_SOURCES
from .history import COMPLETED_SHARE
from .webhook import TICKS_PER_SECOND, completion, guid, text, utc_time, whole


class WatchBackfill:
    def __init__(self, state, settings, *, http, decisions, plex_history=None):
        self.state, self.settings, self.http, self.decisions = state, settings, http, decisions
        self.plex_history = plex_history  # server id -> rows (services.plex_watched.history), or None

    def run(self, source: str, ctx=None) -> dict[str, Any]:
        if source not in BACKFILL_SOURCES:
            raise InvalidInput(f"source must be one of {', '.join(BACKFILL_SOURCES)}")
        readers = {"jellystat": self._jellystat, "playcount": self._playcount, "plex": self._plex}
        return {"source": source, "records": readers[source](ctx)}

    def _plex(self, ctx) -> int:
        servers = [s for s in self.state.list_plex_servers() if s.enabled] if self.plex_history else []
        if not servers:
            raise NotConfigured("no Plex server is set up: add one on the Plex page and map its users")
        count = 0
        for server in servers:
            for row in self.plex_history(server.id):
                if ctx is not None:
                    ctx.check_cancelled()
                count += self._plex_view(server.id, row)
        return count

    def _plex_view(self, server_id: int, row: dict) -> int:
        item = self.state.get_media(row["media_id"])
        if item.kind != "movie":  # the rules never keep episodes
            return 0
        user = self.state.get_user(row["user_id"])
        tmdb = whole(item.external_ids.get("tmdb"))
        at = float(row.get("viewed_at") or 0)
        self.state.record_watch(f"plex:{server_id}:{row['rating_key']}:{row['plex_account_id']}:{int(at)}",
                                user_id=str(user.id), user_name=user.username, item_id=f"plex:{row['rating_key']}",
                                item_type="Movie", title=item.title, tmdb_id=tmdb, runtime_ticks=0, completion=1.0,
                                completed=True, source="plex", started_at=at, watched_at=at)
        return 1

    def _jellystat(self, ctx) -> int:
        options = self.settings.decisions
        client = JellystatClient(self.http, options.jellystat_url, options.jellystat_api_key)
        count = 0
        for row in client.history():
            if ctx is not None:
                ctx.check_cancelled()
            if row.get("EpisodeId") or not guid(row.get("NowPlayingItemId")):
                continue
            self.state.record_watch(f"jellystat:{row.get('Id')}", **self._jellystat_row(row))
            count += 1
        return count

    def _jellystat_row(self, row: dict) -> dict:
        item_id, user_id = guid(row.get("NowPlayingItemId")), guid(row.get("UserId")) or text(row.get("UserName"))
        runtime = self.decisions.history.runtime_of(item_id, 0, user_id)
        played = (whole(row.get("PlaybackDuration")) or 0) * TICKS_PER_SECOND
        share = completion(played, runtime)
        at = utc_time(row.get("ActivityDateInserted")) or 0.0
        return {"user_id": user_id, "user_name": text(row.get("UserName")), "item_id": item_id, "item_type": "Movie",
                "title": text(row.get("NowPlayingItemName")), "position_ticks": played, "runtime_ticks": runtime,
                "completion": share, "completed": share is not None and share >= COMPLETED_SHARE, "source": "jellystat",
                "started_at": at, "watched_at": at}

    def _playcount(self, ctx) -> int:
        client = self.decisions.jellyfin()
        if client is None:
            raise NotConfigured("Jellyfin is not configured: set decisions.jellyfin_url and decisions.jellyfin_api_key")
        count = 0
        for user in client.users():
            for item in client.played_films(str(user.get("Id"))):
                if ctx is not None:
                    ctx.check_cancelled()
                count += self._plays_of(user, item)
        return count

    def _plays_of(self, user: dict, item: dict) -> int:
        data = item.get("UserData") or {}
        plays, item_id = whole(data.get("PlayCount")) or 0, guid(item.get("Id"))
        if not plays or not item_id:
            return 0
        last = utc_time(data.get("LastPlayedDate")) or 0.0
        tmdb = whole((item.get("ProviderIds") or {}).get("Tmdb"))
        base = {"user_id": guid(user.get("Id")), "user_name": text(user.get("Name")), "item_id": item_id, "item_type": "Movie",
                "title": text(item.get("Name")), "tmdb_id": tmdb, "runtime_ticks": whole(item.get("RunTimeTicks")) or 0,
                "completion": 1.0, "completed": True, "source": "playcount"}
        for number in range(plays):
            at = last if number == plays - 1 else 0.0
            self.state.record_watch(f"playcount:{base['user_id']}:{item_id}:{number}", **base, started_at=at, watched_at=at)
        return plays
