"""The IPTV source's HTTP sessions, built on first use from the ``iptv`` settings: the API
(``player_api.php``: ``api_timeout_seconds``, ``max_list_mb``) and streams (playback proxy and
downloads: ``read_timeout_seconds``, no byte cap of its own). Neither retries by itself: a sync
fails its section, a download resumes, a player asks again."""

from __future__ import annotations

from functools import cached_property

from ...clients.external import http_session
from ...clients.xtream import XtreamAccount, XtreamClient


class IptvHttp:
    def __init__(self, settings):
        self.settings = settings

    @cached_property
    def api(self):
        options = self.settings.iptv
        return http_session(self.settings, max_bytes=options.max_list_mb * 1024 * 1024,
                            timeout=options.api_timeout_seconds, retries=0)

    @cached_property
    def streams(self):
        return http_session(self.settings, timeout=self.settings.iptv.read_timeout_seconds, retries=0)

    def client(self, account, *, streaming: bool = False) -> XtreamClient:
        """An ``XtreamClient`` for a stored account (``streaming``: on the streams session)."""
        creds = XtreamAccount(account.base_url, account.username, account.password)
        return XtreamClient(self.streams if streaming else self.api, creds)
