"""Tracked series: a series is tracked from all its episodes, from a season on, or for new
episodes only; a periodic check (``iptv.track_schedule``, hourly by default) fetches each tracked
series' episodes from the provider and queues a download for every wanted episode not yet queued.

"New only" remembers the episode ids present when tracking began (``baseline``); ids a provider
recycles are still matched against the downloads already queued, so nothing is fetched twice.
"""

from __future__ import annotations

import logging
from typing import Any

from ...errors import InvalidInput, MediaLibraryError
from ...models.iptv import IPTV_TRACK_CHECK, TRACK_MODES, IptvEpisode, TrackedSeries

log = logging.getLogger(__name__)
SCHEDULE = "iptv-track"


def wanted(tracked: TrackedSeries, episode: IptvEpisode) -> bool:
    if tracked.mode == "from_season":
        return episode.season >= (tracked.from_season or 0)
    if tracked.mode == "new":
        return episode.episode_id not in set(tracked.baseline)
    return True


class SeriesTracking:
    def __init__(self, state, settings, *, jobs, scheduler, catalog, downloads):
        self.state, self.settings, self.jobs, self.scheduler = state, settings, jobs, scheduler
        self.catalog, self.downloads = catalog, downloads

    def track(self, account_id: int, series_id: str, mode: str = "all", from_season: int | None = None) -> TrackedSeries:
        if mode not in TRACK_MODES:
            raise InvalidInput(f"mode must be one of {', '.join(TRACK_MODES)}")
        if mode == "from_season" and (not isinstance(from_season, int) or from_season < 0):
            raise InvalidInput("from_season must be a season number (0 or more) when mode is from_season")
        self.state.get_iptv_stream(account_id, "series", series_id)
        self.catalog.refresh_episodes(account_id, series_id)
        baseline = [e.episode_id for e in self.state.list_iptv_episodes(account_id, series_id)] if mode == "new" else []
        tracked = self.state.track_iptv_series(account_id, series_id, mode, from_season if mode == "from_season" else None, baseline)
        self.scheduler.add(SCHEDULE, IPTV_TRACK_CHECK, self.settings.iptv.track_schedule, {})
        return tracked

    def untrack(self, account_id: int, series_id: str) -> None:
        self.state.get_tracked_series(account_id, series_id)
        self.state.untrack_iptv_series(account_id, series_id)

    def check(self, account_id: int | None, ctx=None) -> dict[str, Any]:
        """Look for new episodes of every tracked series (of one account) and queue them."""
        queued, errors = 0, []
        for tracked in self.state.list_tracked_series(account_id):
            try:
                queued += self._check_one(tracked)
            except MediaLibraryError as exc:
                errors.append(f"series {tracked.series_id}: {exc.message}")
                log.warning("IPTV tracked series %s (account %s) not checked: %s", tracked.series_id, tracked.account_id, exc.message)
            if ctx is not None:
                ctx.check_cancelled()
        return {"queued": queued, "errors": errors}

    def _check_one(self, tracked: TrackedSeries) -> int:
        self.catalog.refresh_episodes(tracked.account_id, tracked.series_id)
        queued = 0
        for episode in self.state.list_iptv_episodes(tracked.account_id, tracked.series_id):
            if wanted(tracked, episode) and not self.state.find_iptv_download(tracked.account_id, "episode", episode.episode_id):
                self.downloads.queue_episode(tracked.account_id, episode.episode_id)
                queued += 1
        self.state.mark_tracked_checked(tracked.account_id, tracked.series_id)
        return queued
