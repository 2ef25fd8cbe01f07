"""Our own watch history, from the webhook events (so no Jellystat is needed).

One row per playback of an item by a user. PlaybackStart and PlaybackProgress keep a *live* row
per (user, item, session) up to date; PlaybackStop closes it into a view of its own (keyed by the
event), so two plays in one client session are two views. UserDataSaved with the reason
``PlaybackFinished`` marks the latest view completed, or is a view itself when no Stop came.
ItemAdded teaches us an item's runtime and ids.

The completion share is position / runtime. STRM items report ``RunTimeTicks`` 0 until Jellyfin
probes them, so a 0 runtime is looked up (what we learnt before, else Jellyfin's ``/Items/{id}``);
when it stays unknown, Jellyfin's own ``PlayedToCompletion`` decides (it says true then).

``plan`` turns an event into the change it makes (a ``WatchWrite``); the ``watch.decide`` job
writes a batch's changes in one transaction (``state.write_watches``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ...errors import MediaLibraryError
from ...models.decisions import WatchEvent, WatchRecord, WatchWrite
from .webhook import completion, whole

log = logging.getLogger(__name__)
COMPLETED_SHARE = 0.9
MERGE_SECONDS = 600.0


class WatchHistory:
    def __init__(self, state, *, jellyfin: Callable[[], object | None]):
        self.state, self.jellyfin = state, jellyfin

    def plan(self, event: WatchEvent) -> WatchWrite | None:
        """The history change one event makes (written with its batch's in one transaction); a
        runtime the event lacks is looked up here, before that transaction."""
        fields = event.fields
        if event.type == "ItemAdded":
            self._remember(event.item_id, fields, fields.get("runtime_ticks") or 0)
            return None
        if not (event.user_id or event.user_name) or not event.item_id:
            return None
        runtime = self.runtime_of(event.item_id, fields.get("runtime_ticks") or 0, event.user_id)
        if event.type == "UserDataSaved":
            return self._finished(event, runtime)
        row = self._row(event, runtime, fields.get("position_ticks"), fields.get("played_to_completion"))
        live = _live_key(event)
        if event.type == "PlaybackStop":
            return WatchWrite(f"view:{event.event_key}", row, forget=live)
        return WatchWrite(live, {**row, "completed": False})

    def progress(self, event: WatchEvent) -> WatchRecord | None:
        """A PlaybackProgress, recorded at once by the receiver (no job): the live row's position,
        with the runtime the event or our items table knows (never a lookup in a request)."""
        if not (event.user_id or event.user_name) or not event.item_id:
            return None
        known = self.state.get_watch_item(event.item_id) or {}
        runtime = event.fields.get("runtime_ticks") or known.get("runtime_ticks") or 0
        row = self._row(event, runtime, event.fields.get("position_ticks"), None)
        return self.state.record_watch(_live_key(event), **{**row, "completed": False})

    def runtime_of(self, item_id: str, runtime: int, user_id: str | None) -> int:
        if runtime > 0:
            return runtime
        known = self.state.get_watch_item(item_id) or {}
        if known.get("runtime_ticks"):
            return known["runtime_ticks"]
        return self._look_up_runtime(item_id, user_id)

    def _look_up_runtime(self, item_id: str, user_id: str | None) -> int:
        client = self.jellyfin()
        if client is None:
            return 0
        try:
            item = client.item(item_id, user_id)
        except MediaLibraryError as exc:
            log.warning("Could not look up the runtime of Jellyfin item %s: %s", item_id, exc.message)
            return 0
        runtime = whole(item.get("RunTimeTicks")) or 0
        if runtime:
            self.state.remember_watch_item(item_id, runtime_ticks=runtime, title=item.get("Name"), item_type=item.get("Type"))
        return runtime

    def _remember(self, item_id: str | None, fields: dict, runtime: int) -> None:
        if item_id:
            self.state.remember_watch_item(item_id, item_type=fields.get("item_type"), title=fields.get("title"),
                                           year=fields.get("year"), tmdb_id=fields.get("tmdb_id"),
                                           imdb_id=fields.get("imdb_id"), runtime_ticks=runtime)

    def _row(self, event: WatchEvent, runtime: int, position: int | None, played: bool | None) -> dict:
        fields = event.fields
        share = completion(position, runtime)
        done = share >= COMPLETED_SHARE if share is not None else bool(played)
        at = fields.get("timestamp") or event.received_at
        return {"user_id": event.user_id or event.user_name, "user_name": event.user_name, "item_id": event.item_id,
                "item_type": event.item_type, "title": fields.get("title"), "tmdb_id": fields.get("tmdb_id"),
                "position_ticks": position or 0, "runtime_ticks": runtime, "completion": share, "completed": done,
                "source": "webhook", "started_at": at, "watched_at": at}

    def _finished(self, event: WatchEvent, runtime: int) -> WatchWrite | None:
        """A PlaybackFinished save: completes the view a Stop just made, or is one."""
        fields = event.fields
        if not fields.get("played") or fields.get("save_reason") != "PlaybackFinished":
            return None
        at = fields.get("timestamp") or event.received_at
        row = self._row(event, runtime, runtime or None, True)
        return WatchWrite(f"view:{event.event_key}", {**row, "completed": True, "completion": 1.0},
                          finish_since=at - MERGE_SECONDS)


def _live_key(event: WatchEvent) -> str:
    session = event.fields.get("session_id") or event.fields.get("device_id") or "-"
    return f"live:{event.user_id or event.user_name}:{event.item_id}:{session}"
