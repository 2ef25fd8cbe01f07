"""``PodcastSync``: what podcasts share with the outside and with other devices.

- OPML import (subscribe to each listed feed; one refused URL does not stop the rest) and export.
- The listening position of a downloaded episode: saved by the playback service (per user, the
  same resume every item has) and logged as a gPodder ``play`` action, so a phone syncing
  through the gPodder API picks it up; near the end the episode counts as played.
- Directory search through the iTunes Search API shape at ``podcasts.directory_url`` (an admin
  setting, so a trusted origin); unreachable or empty means the search is off.
- The gPodder API's data: subscription changes since a cursor and episode actions both ways.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from ...errors import Conflict, InvalidInput, MediaLibraryError, NotConfigured
from .opml import OpmlFeed, read_opml, write_opml
from .rss import build_rss

GPODDER_ACTIONS = ("download", "play", "delete", "new")
MAX_ACTIONS = 1000


class PodcastSync:
    def __init__(self, state, settings, *, podcasts, playback, http):
        self.state, self.settings, self.podcasts, self.playback, self.http = state, settings, podcasts, playback, http

    # --- OPML -------------------------------------------------------------------------------
    def import_opml(self, body: bytes) -> dict[str, Any]:
        added, existing, refused = [], [], []
        for feed in read_opml(body):
            if self.state.find_podcast(feed.url):
                existing.append(feed.url)
                continue
            try:
                self.podcasts.subscribe(feed.url)
                added.append(feed.url)
            except Conflict:
                existing.append(feed.url)
            except MediaLibraryError as exc:
                refused.append({"url": feed.url, "reason": exc.message})
        return {"added": added, "existing": existing, "refused": refused}

    def export_opml(self) -> bytes:
        feeds = [OpmlFeed(p.feed_url, p.title or p.feed_url, p.link) for p in self.state.list_podcasts()]
        return write_opml(feeds, now=self.state.now())

    # --- listening --------------------------------------------------------------------------
    def save_position(self, user_id: int, episode_id: int, position: Any, duration: Any = None) -> dict[str, Any]:
        episode = self.state.get_episode(episode_id)
        if not episode.media_id:
            raise InvalidInput("this episode is not downloaded; download it to play it here")
        saved = self.playback.save(user_id, episode.media_id, position, duration)
        if saved["watched"] and episode.played_at is None:
            self.state.update_episode(episode_id, played_at=self.state.now())
        self._log_play(user_id, episode, saved)
        return saved

    def _log_play(self, user_id: int, episode, saved: dict[str, Any]) -> None:
        podcast = self.state.get_podcast(episode.podcast_id)
        self.state.add_episode_actions(user_id, [{
            "device": "web", "podcast_url": podcast.feed_url, "episode_url": episode.enclosure_url or episode.guid,
            "action": "play", "started": 0, "position": int(saved["position_s"]),
            "total": int(saved["duration_s"]) if saved.get("duration_s") else None, "timestamp": _iso(self.state.now()),
        }])

    # --- feeds for phone apps ---------------------------------------------------------------
    def downloaded(self, podcast_id: int | None = None) -> list[tuple[Any, Any, int]]:
        """``(podcast, episode, size)`` of every downloaded episode whose file is there, newest first."""
        podcasts = {p.id: p for p in self.state.list_podcasts()}
        rows = []
        for episode in self.state.list_episodes(podcast_id, downloaded=True, limit=5000):
            size = _size(episode.file_path)
            if size is not None and episode.podcast_id in podcasts:
                rows.append((podcasts[episode.podcast_id], episode, size))
        return rows

    def phone_feed(self, title: str, description: str, image: str | None, link: str, rows, enclosure_url) -> bytes:
        return build_rss(title, description, image, link, rows, enclosure_url)

    # --- directory --------------------------------------------------------------------------
    def search_directory(self, term: str) -> list[dict[str, Any]]:
        base = self.settings.podcasts.directory_url.rstrip("/")
        if not base:
            raise NotConfigured("podcast directory search is off (podcasts.directory_url is empty)")
        term = (term or "").strip()
        if not term:
            raise InvalidInput("say what to look for (term)")
        data = self.http.directory.get_json("podcast directory", f"{base}/search",
                                            params={"media": "podcast", "entity": "podcast", "term": term[:200]})
        results = data.get("results") if isinstance(data, dict) else None
        return [hit for hit in (_hit(r) for r in results or []) if hit]

    # --- gPodder ----------------------------------------------------------------------------
    def subscriptions_since(self, since: int) -> dict[str, Any]:
        changes, newest = self.state.subscription_changes(since)
        return {"add": [u for u, a in changes if a == "add"], "remove": [u for u, a in changes if a == "remove"],
                "timestamp": newest, "update_urls": []}

    def upload_subscriptions(self, device: str, add: Any, remove: Any) -> dict[str, Any]:
        add, remove = _urls(add, "add"), _urls(remove, "remove")
        if set(add) & set(remove):
            raise InvalidInput("a URL may not be both added and removed")
        for url in add:
            if not self.state.find_podcast(url):
                self.podcasts.subscribe(url, device=device)
        for url in remove:
            found = self.state.find_podcast(url)
            if found:
                self.podcasts.unsubscribe(found.id, device=device)
        _, newest = self.state.subscription_changes(0)
        return {"timestamp": newest, "update_urls": []}

    def upload_actions(self, user_id: int, actions: Any) -> dict[str, Any]:
        if not isinstance(actions, list) or len(actions) > MAX_ACTIONS:
            raise InvalidInput(f"send a JSON list of at most {MAX_ACTIONS} episode actions")
        checked = [_action(a) for a in actions]
        newest = self.state.add_episode_actions(user_id, checked)
        for action in checked:
            self._apply_action(user_id, action)
        return {"timestamp": newest, "update_urls": []}

    def _apply_action(self, user_id: int, action: dict[str, Any]) -> None:
        """A phone's play position becomes this user's resume position for our copy."""
        episode = self.state.find_episode(enclosure_url=action["episode_url"])
        if episode is None or not episode.media_id or action["action"] != "play" or action.get("position") is None:
            return
        saved = self.playback.save(user_id, episode.media_id, float(action["position"]),
                                   float(action["total"]) if action.get("total") else None)
        if saved["watched"] and episode.played_at is None:
            self.state.update_episode(episode.id, played_at=self.state.now())

    def actions_since(self, user_id: int, since: int, podcast_url: str | None = None) -> dict[str, Any]:
        rows, newest = self.state.episode_actions(user_id, since, podcast_url)
        actions = [{"podcast": r["podcast_url"], "episode": r["episode_url"], "action": r["action"], "device": r["device"],
                    "timestamp": r["timestamp"], **{k: r[k] for k in ("position", "started", "total") if r[k] is not None}}
                   for r in rows]
        return {"actions": actions, "timestamp": newest}


def _hit(result: Any) -> dict[str, Any] | None:
    if not isinstance(result, dict) or not isinstance(result.get("feedUrl"), str):
        return None
    return {"title": str(result.get("collectionName") or result.get("trackName") or result["feedUrl"]),
            "author": result.get("artistName") if isinstance(result.get("artistName"), str) else None,
            "feed_url": result["feedUrl"],
            "image_url": result.get("artworkUrl600") if isinstance(result.get("artworkUrl600"), str) else None}


def _urls(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(u, str) and u.strip() for u in value):
        raise InvalidInput(f"{name} must be a list of feed URLs")
    return [u.strip() for u in value]


def _action(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidInput("each episode action must be an object")
    for key in ("podcast", "episode", "action"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise InvalidInput(f"each episode action needs {key!r} (a string)")
    if raw["action"].lower() not in GPODDER_ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(GPODDER_ACTIONS)}")
    numbers = {k: raw.get(k) for k in ("position", "started", "total") if raw.get(k) is not None}
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in numbers.values()):
        raise InvalidInput("position, started and total are whole seconds of at least 0")
    return {"podcast_url": raw["podcast"], "episode_url": raw["episode"], "action": raw["action"].lower(),
            "device": str(raw.get("device") or "")[:100], "timestamp": str(raw.get("timestamp") or "")[:40], **numbers}


def _size(path: str | None) -> int | None:
    try:
        return os.stat(path).st_size if path else None
    except OSError:
        return None


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")
