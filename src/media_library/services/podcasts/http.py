"""The podcast source's HTTP sessions, built on first use from the ``podcasts`` settings: feeds
(``max_feed_mb``, ``feed_timeout_seconds``; also chapters and artwork), downloads (a read
timeout of ``read_timeout_seconds``; its size cap is the downloader's) and the directory. None
retries by itself: a feed backs off, a download resumes."""

from __future__ import annotations

from functools import cached_property

from ...clients.external import http_session


class PodcastHttp:
    def __init__(self, settings):
        self.settings = settings

    @cached_property
    def feeds(self):
        options = self.settings.podcasts
        return http_session(self.settings, max_bytes=options.max_feed_mb * 1024 * 1024,
                            timeout=options.feed_timeout_seconds, retries=0)

    @cached_property
    def downloads(self):
        return http_session(self.settings, timeout=self.settings.podcasts.read_timeout_seconds, retries=0)

    @cached_property
    def directory(self):
        return http_session(self.settings, retries=0)
