"""Podcast jobs: ``podcast.refresh`` (check one feed) and ``podcast.download`` (fetch and publish
one episode); the work is in ``services/podcasts``.

Both are resumable: a refresh simply runs again, and a download killed with the daemon is queued
again and resumes its part file with a range request.
"""

from __future__ import annotations

from ...models.podcasts import PODCAST_DOWNLOAD, PODCAST_REFRESH, EpisodePayload, PodcastPayload
from ..base import JobHandler


class PodcastRefresh(JobHandler):
    kind = PODCAST_REFRESH
    payload = PodcastPayload
    max_attempts = 1  # a failing feed backs off on its own schedule (services/podcasts/service.py)

    def run(self, ctx, payload: PodcastPayload):
        return self.services.podcasts.refresh(payload.podcast_id, scheduled=payload.scheduled)


class PodcastDownload(JobHandler):
    kind = PODCAST_DOWNLOAD
    payload = EpisodePayload

    def run(self, ctx, payload: EpisodePayload):
        return self.services.podcast_downloads.download(payload.episode_id, ctx)


HANDLERS = [PodcastRefresh, PodcastDownload]
