"""``PodcastService``: subscribe, check feeds, choose what to download, mark episodes.

Discovery for the podcast source (step 1 of the ingestion contract, ``services/ingest.py``): a
feed is fetched through the outbound guard with the ``podcasts`` byte and time caps and a
conditional GET (a 304 writes nothing), read by ``feeds.parse_feed`` and its episodes recorded
in the source's own table. Each feed is checked by its own ``podcast.refresh`` job on its own
schedule (``podcast:<id>``, hourly unless the podcast says otherwise), so a failing feed fails
alone with its reason; it then backs off (5 minutes, doubling, at most
``podcasts.backoff_max_hours``) while the others carry on. A permanent redirect (301/308) or an
``itunes:new-feed-url`` moves the subscription. Downloads are queued as ``podcast.download``
jobs (``download.py``); retention runs after each check (``retention.py``).
"""

from __future__ import annotations

import logging
from typing import Any

from ...clients.guard import OutboundRefused
from ...errors import ExternalServiceError, InvalidInput, MediaLibraryError, NotFound
from ...models.podcasts import (
    DOWNLOAD_MODES,
    PODCAST_DOWNLOAD,
    PODCAST_REFRESH,
    EpisodePayload,
    Podcast,
    PodcastPayload,
)
from ..notify import Notifier
from ..schedules import to_cron
from .feeds import FeedError, ParsedFeed, parse_feed
from .retention import apply_retention

log = logging.getLogger(__name__)
FIRST_BACKOFF_S = 300.0
EDITABLE = ("download_mode", "download_latest", "keep_count", "delete_played_days", "schedule", "notify", "title")


def schedule_name(podcast_id: int) -> str:
    return f"podcast:{podcast_id}"


def default_schedule(podcast_id: int) -> str:
    """Hourly, at a minute of its own so that feeds are not all fetched at once."""
    return f"{podcast_id % 60} * * * *"


class PodcastService:
    def __init__(self, state, settings, *, jobs, scheduler, http):
        self.state, self.settings, self.jobs, self.scheduler = state, settings, jobs, scheduler
        self.http = http

    @property
    def options(self):
        return self.settings.podcasts

    # --- subscriptions ----------------------------------------------------------------------
    def subscribe(self, feed_url: Any, *, device: str = "", download_mode: str = "none", refresh: bool = True) -> Podcast:
        """Record the feed, give it its schedule and queue its first check."""
        url = _feed_url(feed_url)
        self.http.feeds.guard.check_url(url)  # http(s) to a host, no credentials in it
        if download_mode not in DOWNLOAD_MODES:
            raise InvalidInput(f"download_mode must be one of {', '.join(DOWNLOAD_MODES)}")
        podcast = self.state.add_podcast(url, title=url, device=device, download_mode=download_mode)
        self._schedule(podcast)
        if refresh:
            self.queue_refresh(podcast.id)
        return podcast

    def unsubscribe(self, podcast_id: int, *, device: str = "") -> Podcast:
        """Forget the feed and its episodes; downloaded files stay in the library."""
        podcast = self.state.delete_podcast(podcast_id, device=device)
        self.state.delete_schedule(schedule_name(podcast_id))
        return podcast

    def update(self, podcast_id: int, changes: dict[str, Any]) -> Podcast:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput(f"cannot change {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}")
        _check_numbers(changes)
        if changes.get("schedule"):
            to_cron(changes["schedule"])
        podcast = self.state.update_podcast(podcast_id, **changes)
        if "schedule" in changes:
            self._schedule(podcast)
        return podcast

    def _schedule(self, podcast: Podcast) -> None:
        payload = {"podcast_id": podcast.id, "scheduled": True}
        self.scheduler.add(schedule_name(podcast.id), PODCAST_REFRESH, podcast.schedule or default_schedule(podcast.id), payload)

    def queue_refresh(self, podcast_id: int, *, created_by: int | None = None):
        job, _ = self.jobs.enqueue(PODCAST_REFRESH, PodcastPayload(podcast_id=podcast_id),
                                   idempotency_key=f"podcast.refresh:{podcast_id}", created_by=created_by)
        return job

    def queue_download(self, episode_id: int, *, created_by: int | None = None):
        episode = self.state.get_episode(episode_id)
        if not episode.enclosure_url:
            raise InvalidInput(f"episode {episode_id} has no audio or video file to download")
        job, _ = self.jobs.enqueue(PODCAST_DOWNLOAD, EpisodePayload(episode_id=episode_id),
                                   idempotency_key=f"podcast.download:{episode_id}", created_by=created_by)
        return job

    # --- checking a feed --------------------------------------------------------------------
    def refresh(self, podcast_id: int, *, scheduled: bool = False) -> dict[str, Any]:
        """Fetch and record one feed; its failure is recorded on it (backoff) and raised."""
        podcast = self.state.get_podcast(podcast_id)
        now = self.state.now()
        if scheduled and podcast.retry_at and podcast.retry_at > now:
            return {"podcast_id": podcast_id, "skipped": f"backing off after {podcast.failures} failure(s)"}
        try:
            fetched = self._fetch(podcast)
        except (ExternalServiceError, NotFound) as exc:
            self._record_failure(podcast, exc)
            raise FeedError(podcast.feed_url, _reason(exc)) from None
        if fetched is None:
            if podcast.failures:
                self.state.update_podcast(podcast_id, failures=0, last_error=None, retry_at=None, last_checked_at=now)
            return {"podcast_id": podcast_id, "status": 304, "new": 0, "removed": apply_retention(self.state, podcast)}
        return self._record(podcast, *fetched)

    def _fetch(self, podcast: Podcast) -> tuple[ParsedFeed, dict[str, str | None], str | None] | None:
        """``(feed, validators, moved_to)``, or None for a 304."""
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
        if podcast.etag:
            headers["If-None-Match"] = podcast.etag
        if podcast.last_modified:
            headers["If-Modified-Since"] = podcast.last_modified
        with self.http.feeds.open_untrusted("podcast feed", podcast.feed_url, headers=headers) as opened:
            if opened.status == 304:
                return None
            body = opened.read()
            validators = {"etag": opened.headers.get("etag"), "last_modified": opened.headers.get("last-modified")}
            moved = opened.url if opened.moved else None
        return parse_feed(body, podcast.feed_url), validators, moved

    def _record_failure(self, podcast: Podcast, exc: MediaLibraryError) -> None:
        failures = podcast.failures + 1
        delay = min(FIRST_BACKOFF_S * 2 ** (failures - 1), self.options.backoff_max_hours * 3600)
        now = self.state.now()
        self.state.update_podcast(podcast.id, failures=failures, last_error=_reason(exc), retry_at=now + delay,
                                  last_checked_at=now)
        log.warning("Podcast %s: feed check failed (%s); next try in %.0f s", podcast.id, _reason(exc), delay)

    def _record(self, podcast: Podcast, feed: ParsedFeed, validators: dict, moved: str | None) -> dict[str, Any]:
        first = podcast.last_checked_at is None
        self.state.update_podcast(
            podcast.id, title=feed.title or podcast.title, description=feed.description, image_url=feed.image_url,
            author=feed.author, link=feed.link, last_checked_at=self.state.now(), failures=0, last_error=None,
            retry_at=None, **validators)
        new = self.state.record_episodes(podcast.id, feed.episodes)
        target = moved or (feed.new_feed_url if feed.new_feed_url != podcast.feed_url else None)
        if target:
            self._move(podcast, target)
        podcast = self.state.get_podcast(podcast.id)
        queued = self._auto_download(podcast, new, first)
        if new and podcast.notify and not first:
            self._notify(podcast, new)
        removed = apply_retention(self.state, podcast)
        return {"podcast_id": podcast.id, "status": 200, "new": len(new), "downloads_queued": queued,
                "moved_to": target, "removed": removed}

    def _move(self, podcast: Podcast, target: str) -> None:
        try:
            self.http.feeds.guard.check_url(target)
        except OutboundRefused as exc:
            log.warning("Podcast %s: not following the feed's move to %s: %s", podcast.id, target, exc.message)
            return
        self.state.move_podcast(podcast.id, target)
        log.info("Podcast %s moved to %s", podcast.id, target)

    def _auto_download(self, podcast: Podcast, new: list, first: bool) -> int:
        """``latest``: the newest N episodes (never one deleted by retention); ``all``: every new
        episode after the first check (which takes the newest N, not the whole back catalogue)."""
        if podcast.download_mode == "none":
            return 0
        if podcast.download_mode == "all" and not first:
            chosen = new
        else:
            chosen = self.state.list_episodes(podcast.id, limit=max(podcast.download_latest, 0))
        wanted = [e for e in chosen if e.enclosure_url and not e.downloaded and e.deleted_at is None]
        for episode in wanted:
            self.queue_download(episode.id)
        return len(wanted)

    def _notify(self, podcast: Podcast, new: list) -> None:
        titles = ", ".join(e.title for e in new[:3]) + (" …" if len(new) > 3 else "")
        Notifier.from_settings(self.settings).send(f"New on {podcast.title}", titles, "podcasts")

    # --- episodes ---------------------------------------------------------------------------
    def mark(self, episode_id: int, *, starred: Any = None, played: Any = None):
        changes: dict[str, Any] = {}
        if starred is not None:
            changes["starred"] = _bool(starred, "starred")
        if played is not None:
            changes["played_at"] = self.state.now() if _bool(played, "played") else None
        if not changes:
            raise InvalidInput("send starred and/or played (true or false)")
        return self.state.update_episode(episode_id, **changes)


def _feed_url(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("feed_url must be the address of a podcast feed (http:// or https://)")
    return value.strip()


def _bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(f"{name} must be true or false")
    return value


def _check_numbers(changes: dict[str, Any]) -> None:
    for name in ("download_latest", "keep_count"):
        value = changes.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise InvalidInput(f"{name} must be a whole number of at least 0")
    days = changes.get("delete_played_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, (int, float)) or days < 0):
        raise InvalidInput("delete_played_days must be a number of days of at least 0")
    if "notify" in changes:
        _bool(changes["notify"], "notify")
    if "download_mode" in changes and changes["download_mode"] not in DOWNLOAD_MODES:
        raise InvalidInput(f"download_mode must be one of {', '.join(DOWNLOAD_MODES)}")


def _reason(exc: MediaLibraryError) -> str:
    return getattr(exc, "reason", None) or exc.message
