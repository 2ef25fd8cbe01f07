"""Back-filling our watch history from the optional sources: Jellystat's playback history and
Jellyfin's ``UserData.PlayCount``. Each row gets a key of its source, so running again adds
nothing twice.

- Jellystat: one row per recorded playback; its share is ``PlaybackDuration`` against the
  item's runtime (looked up as for the events); episodes are skipped (the rules never keep them).
- PlayCount: Jellyfin knows how often a user played a film but only the date of the last time,
  so the last play is dated ``LastPlayedDate`` and the earlier ones carry no date (0): they show in
  the history but never fall inside a rewatch window.
"""

from __future__ import annotations

from typing import Any

from ...clients.jellystat import JellystatClient
from ...errors import InvalidInput, NotConfigured
from ...models.decisions import BACKFILL_SOURCES
from .history import COMPLETED_SHARE
from .webhook import TICKS_PER_SECOND, completion, guid, text, utc_time, whole


class WatchBackfill:
    def __init__(self, state, settings, *, http, decisions):
        self.state, self.settings, self.http, self.decisions = state, settings, http, decisions

    def run(self, source: str, ctx=None) -> dict[str, Any]:
        if source not in BACKFILL_SOURCES:
            raise InvalidInput(f"source must be one of {', '.join(BACKFILL_SOURCES)}")
        added = self._jellystat(ctx) if source == "jellystat" else self._playcount(ctx)
        return {"source": source, "records": added}

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
