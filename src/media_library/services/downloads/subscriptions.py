"""Subscriptions: channels and playlists checked on a schedule (``download.subscription`` jobs).

A check asks yt-dlp for the channel's entries (flat, through the guarded proxy like any download),
records every entry it meets in ``subscription_seen`` and queues a ``download.url`` for each entry
it had not met that passes the filters — title include/exclude (regular expressions), duration
bounds, a date cutoff, shorts and live streams on or off. The first check of an ``only_new``
subscription only records what is there ("from now on"). An entry already in the download
archive is skipped by the download itself, so nothing comes twice. Entries are queued oldest
first, so the newest upload is the newest download.

Retention runs at every check and after each of its downloads: beyond the newest ``keep_last``
downloads, or older than ``keep_days``, a video's files (video, NFO, thumbnail, subtitles) and its
item are removed — except, with ``keep_watched``, videos someone has watched. The archive keeps
them, so a removed video is not downloaded again.

Must not: import Flask or the job worker, write SQL.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from pathlib import Path
from typing import Any

from ...errors import InvalidInput
from ...models.download_jobs import DOWNLOAD_SUBSCRIPTION, SubscriptionPayload
from ...models.downloads import Subscription
from ...tools import ytdlp
from ..job_control import JobControl
from ..schedules import next_after, to_cron
from .publish import remove_published
from .urls import valid_url

log = logging.getLogger(__name__)
DAY_S = 86400.0
LIVE_STATUSES = ("is_live", "is_upcoming", "post_live")
_FIELDS = {"name": str, "preset": str, "schedule": str, "only_new": bool, "date_after": str, "title_include": str,
           "title_exclude": str, "min_duration_s": float, "max_duration_s": float, "include_shorts": bool,
           "include_live": bool, "keep_last": int, "keep_days": int, "keep_watched": bool}
DEFAULT_SCHEDULE = "0 */6 * * *"


def schedule_name(subscription_id: int) -> str:
    return f"download-subscription-{subscription_id}"


def entry_key(entry: dict[str, Any]) -> str:
    return str(entry.get("id") or entry.get("url") or entry.get("webpage_url") or "")


def passed_over(sub: Subscription, entry: dict[str, Any]) -> str | None:
    """Why the subscription's filters pass ``entry`` over, or None when it is wanted.
    Facts the flat listing does not give (a duration, a date) do not exclude an entry."""
    title = str(entry.get("title") or "")
    duration = entry.get("duration")
    url = str(entry.get("url") or entry.get("webpage_url") or "")
    checks = [
        (bool(sub.title_include) and not re.search(sub.title_include, title, re.IGNORECASE), "title does not match"),
        (bool(sub.title_exclude) and bool(re.search(sub.title_exclude, title, re.IGNORECASE)), "title is excluded"),
        (isinstance(duration, (int, float)) and sub.min_duration_s is not None and duration < sub.min_duration_s, "too short"),
        (isinstance(duration, (int, float)) and sub.max_duration_s is not None and duration > sub.max_duration_s, "too long"),
        (not sub.include_shorts and "/shorts/" in url, "a short"),
        (not sub.include_live and (entry.get("live_status") in LIVE_STATUSES or entry.get("is_live") is True), "a live stream"),
        (_before_cutoff(sub.date_after, entry), "older than the date cutoff"),
    ]
    return next((reason for failed, reason in checks if failed), None)


def _before_cutoff(date_after: str | None, entry: dict[str, Any]) -> bool:
    if not date_after:
        return False
    cutoff = dt.date.fromisoformat(date_after)
    text = str(entry.get("upload_date") or "")
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])) < cutoff
    if isinstance(entry.get("timestamp"), (int, float)):
        return dt.datetime.fromtimestamp(entry["timestamp"], dt.UTC).date() < cutoff
    return False


def checked_fields(body: dict[str, Any]) -> dict[str, Any]:
    """The subscription fields of ``body``, typed and checked (``InvalidInput`` names the field)."""
    out: dict[str, Any] = {}
    for name, value in body.items():
        kind = _FIELDS.get(name)
        if kind is None:
            raise InvalidInput(f"unknown subscription field {name!r}")
        if value is None and name not in ("name", "preset", "schedule"):
            out[name] = None
            continue
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidInput(f"{name} must be {kind.__name__}")
        out[name] = value
    for name in ("title_include", "title_exclude"):
        try:
            re.compile(out.get(name) or "")
        except re.error as exc:
            raise InvalidInput(f"{name} is not a regular expression: {exc}") from None
    if out.get("date_after"):
        try:
            dt.date.fromisoformat(out["date_after"])
        except ValueError:
            raise InvalidInput("date_after must be a date such as 2025-01-31") from None
    for name in ("keep_last", "keep_days"):
        if out.get(name) is not None and out[name] < 1:
            raise InvalidInput(f"{name} must be 1 or more (or null: keep everything)")
    if "schedule" in out:
        to_cron(out["schedule"])
    if "preset" in out and out["preset"] not in ytdlp.PRESETS:
        raise InvalidInput(f"preset must be one of {', '.join(ytdlp.PRESETS)}")
    return out


class Subscriptions:
    """The subscription use cases; ``downloads`` is the ``DownloadService`` that probes and queues."""

    def __init__(self, downloads):
        self.downloads = downloads
        self.state = downloads.state
        self._retention_turn = threading.Lock()  # downloads of one channel finish on several workers at once

    def create(self, body: dict[str, Any], user_id: int | None) -> Subscription:
        url = valid_url(body.get("url"))
        fields = checked_fields({k: v for k, v in body.items() if k != "url"})
        fields.setdefault("preset", self.downloads.options.default_preset)
        fields.setdefault("schedule", DEFAULT_SCHEDULE)
        name = (fields.pop("name", None) or url)[:200]
        sub = self.state.add_subscription(url, name, fields.pop("preset"), fields.pop("schedule"), user_id=user_id, **fields)
        self.state.upsert_schedule(schedule_name(sub.id), DOWNLOAD_SUBSCRIPTION, sub.schedule,
                                   {"subscription_id": sub.id}, next_run_at=next_after(sub.schedule, self.state.now()))
        self.queue_check(sub.id)
        return sub

    def queue_check(self, subscription_id: int):
        self.state.get_subscription(subscription_id)
        job, _ = self.downloads.jobs.enqueue(DOWNLOAD_SUBSCRIPTION, SubscriptionPayload(subscription_id=subscription_id),
                                             idempotency_key=f"download-subscription:{subscription_id}")
        return job

    def delete(self, subscription_id: int) -> None:
        self.state.delete_subscription(subscription_id)
        self.state.delete_schedule(schedule_name(subscription_id))

    def check(self, subscription_id: int, job: JobControl) -> dict[str, Any]:
        """One check: retention, then queue the new entries that pass the filters."""
        sub = self.state.get_subscription(subscription_id)
        removed = self.retention(sub)
        with self.downloads.proxy().session() as (proxy_url, _session):
            probed = self.downloads.probe(sub.url, None, job, proxy_url)
        entries = [e for e in (probed.get("entries") or [probed]) if e] if probed.get("_type") == "playlist" else [probed]
        by_key = {entry_key(e): (position, e) for position, e in enumerate(entries, start=1) if entry_key(e)}
        fresh = self.state.mark_seen(sub.id, by_key)
        first = sub.last_checked_at is None
        queued, skipped = [], {}
        for key in reversed(fresh):  # oldest first: the newest upload becomes the newest download
            position, entry = by_key[key]
            reason = "there before the subscription (only new uploads)" if first and sub.only_new else passed_over(sub, entry)
            if reason:
                skipped[key] = reason
                continue
            queued.append(self.downloads.add_entry(sub, probed, entry, position).id)
        self.state.subscription_checked(sub.id)
        if queued:
            titles = ", ".join(str(by_key[k][1].get("title") or k) for k in reversed(fresh) if k not in skipped)
            self.downloads.notifier.send(f"{sub.name}: {len(queued)} new", titles[:400], "subscription.new")
        return {"subscription_id": sub.id, "entries": len(by_key), "new": len(fresh), "queued": queued,
                "passed_over": len(skipped), "removed": removed}

    def retention(self, sub: Subscription) -> int:
        """Remove what the subscription no longer keeps; returns how many videos went."""
        if sub.keep_last is None and sub.keep_days is None:
            return 0
        with self._retention_turn:
            return self._apply_retention(sub)

    def _apply_retention(self, sub: Subscription) -> int:
        done = self.state.list_subscription_downloads(sub.id)
        watched = self.state.watched_media([d.media_id for d in done]) if sub.keep_watched else set()
        oldest_kept = self.state.now() - (sub.keep_days or 0) * DAY_S
        removed = 0
        for index, download in enumerate(done):
            too_many = sub.keep_last is not None and index >= sub.keep_last
            too_old = sub.keep_days is not None and download.created_at < oldest_kept
            if (too_many or too_old) and download.media_id not in watched:
                self._remove(download)
                removed += 1
        return removed

    def _remove(self, download) -> None:
        for file in self.state.list_media_files(download.media_id):
            remove_published(Path(file.path))
        self.state.delete_media(download.media_id)
        self.downloads.removed(download, "removed by the subscription's retention")
        log.info("subscription retention removed download %s (%s)", download.id, download.title)
