"""Watched state from Plex into our per-user playback state, and Plex's watch history as a
watch source.

Per mapped Plex user (``plex_user_maps``: a Plex account, optionally that user's own token, and
our user): the film and episode listings read with that user's token carry ``viewCount``,
``viewOffset`` (ms) and ``lastViewedAt``; each played or started item that was imported lands
on the mapped user (``apply_plex_watch`` writes only rows that differ). A mapping without a token
reads with the server's token, i.e. as the server's owner. Users mapped with ``keep_in_step``
are imported on every sync; the others when a sync asks for it.

``history(server_id)`` yields Plex's watch history (``/status/sessions/history/all``) as plain
rows — our media id, our user, when — for the watch-driven decisions to read beside Jellyfin's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...clients.plex import to_int
from ...models.plex import PlexServer, UserMap, WatchState

KINDS = {"movie": ("movie",), "show": ("episode",)}


def watch_state(raw: dict[str, Any]) -> WatchState | None:
    """The watched state a listing item carries, or None when it was never started."""
    key = raw.get("ratingKey") if isinstance(raw, dict) else None
    if key in (None, ""):
        return None
    count, offset = to_int(raw.get("viewCount"), 0) or 0, to_int(raw.get("viewOffset"), 0) or 0
    if count <= 0 and offset <= 0:
        return None
    return WatchState(str(key), count, offset, to_int(raw.get("lastViewedAt")), to_int(raw.get("duration")))


class PlexWatched:
    def __init__(self, state, plex):
        self.state, self.plex = state, plex

    def import_all(self, server: PlexServer, *, only_keep_in_step: bool = False, ctx=None) -> list[dict[str, Any]]:
        maps = [m for m in self.state.list_plex_user_maps(server.id) if m.keep_in_step or not only_keep_in_step]
        return [self.import_user(server, user_map, ctx) for user_map in maps]

    def import_user(self, server: PlexServer, user_map: UserMap, ctx=None) -> dict[str, Any]:
        """One Plex user's viewed counts, last viewed and resume offsets onto the mapped user."""
        client, media_ids = self.plex.client(server, user_map.token or None), self.state.plex_media_ids(server.id)
        found, written = 0, 0
        for library in self.state.list_plex_libraries(server.id):
            if not (library.enabled and library.importable):
                continue
            for kind in KINDS[library.type]:
                for raw_items, _ in client.section_items(library.section_key, kind):
                    if ctx is not None:
                        ctx.check_cancelled()
                    pairs = [(media_ids[s.rating_key], s) for s in map(watch_state, raw_items)
                             if s is not None and s.rating_key in media_ids]
                    found += len(pairs)
                    written += self.state.apply_plex_watch(user_map.user_id, pairs) if pairs else 0
        return {"plex_account_id": user_map.plex_account_id, "plex_name": user_map.plex_name, "user_id": user_map.user_id,
                "items": found, "written": written}

    def history(self, server_id: int) -> Iterator[dict[str, Any]]:
        """Plex's watch history rows of mapped users' imported items: ``media_id``, ``user_id``,
        ``viewed_at`` (epoch s), ``rating_key``, ``plex_account_id``; newest first."""
        server = self.state.get_plex_server(server_id)
        users = {m.plex_account_id: m.user_id for m in self.state.list_plex_user_maps(server_id)}
        media_ids = self.state.plex_media_ids(server_id)
        for row in self.plex.client(server).history():
            key, account = str(row.get("ratingKey", "")), str(row.get("accountID", ""))
            if key in media_ids and account in users:
                yield {"media_id": media_ids[key], "user_id": users[account], "viewed_at": to_int(row.get("viewedAt")),
                       "rating_key": key, "plex_account_id": account}
