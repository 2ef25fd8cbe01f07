"""Retention of downloaded episodes, per podcast: keep the newest N files (``keep_count``),
delete a file N days after it was played (``delete_played_days``), never delete a starred one.

A removed episode keeps its row (marked ``deleted_at``) so it is not downloaded again, and its
library item goes with the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ...errors import NotFound
from ...models.podcasts import Episode, Podcast

log = logging.getLogger(__name__)
DAY_S = 86400.0


def expired(podcast: Podcast, downloaded: list[Episode], now: float) -> list[Episode]:
    """The downloaded episodes (newest first) retention removes now."""
    keep = [e for e in downloaded if not e.starred]
    doomed: dict[int, Episode] = {}
    if podcast.keep_count is not None:
        for episode in keep[podcast.keep_count:]:
            doomed[episode.id] = episode
    if podcast.delete_played_days is not None:
        limit = now - podcast.delete_played_days * DAY_S
        for episode in keep:
            if episode.played_at is not None and episode.played_at <= limit:
                doomed[episode.id] = episode
    return list(doomed.values())


def apply_retention(state, podcast: Podcast) -> int:
    """Remove what ``expired`` names; return how many files went."""
    downloaded = state.list_episodes(podcast.id, downloaded=True, limit=100_000)
    doomed = expired(podcast, downloaded, state.now())
    for episode in doomed:
        remove_download(state, episode)
    return len(doomed)


def remove_download(state, episode: Episode) -> None:
    if episode.file_path:
        Path(episode.file_path).unlink(missing_ok=True)
    if episode.media_id:
        try:
            state.delete_media(episode.media_id)
        except NotFound:
            pass
    state.update_episode(episode.id, downloaded=False, media_id=None, file_path=None, deleted_at=state.now())
    log.info("Podcast episode %s removed by retention", episode.id)
