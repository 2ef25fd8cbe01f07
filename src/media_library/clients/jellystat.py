"""Jellystat, the optional playback-history source for the watch-history back-fill.

``POST /api/getItemHistory?page=&size=`` with ``{"itemid": …}`` or ``GET /api/getHistory`` pages
through ``{current_page, pages, results: [...]}``; each result carries ``UserId``, ``UserName``,
``NowPlayingItemId`` (for episodes the series id; ``EpisodeId`` the episode), ``PlaybackDuration``
(seconds) and ``ActivityDateInserted``. The key travels in ``x-api-token`` only. No database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import InvalidInput, NotConfigured
from .http import HttpClient

SERVICE = "Jellystat"
PAGE_SIZE = 200
MAX_PAGES = 500


class JellystatClient:
    def __init__(self, http: HttpClient, base_url: str, api_key: str):
        url = (base_url or "").strip().rstrip("/")
        if not url or not api_key:
            raise NotConfigured("Jellystat is not configured: set decisions.jellystat_url and decisions.jellystat_api_key")
        if not url.startswith(("http://", "https://")):
            raise InvalidInput(f"decisions.jellystat_url must start with http:// or https:// (got {url!r})")
        self.http, self.base_url, self.api_key = http, url, api_key

    def history(self) -> Iterator[dict[str, Any]]:
        """Every playback Jellystat recorded, newest first, page by page."""
        page, pages = 1, 1
        while page <= min(pages, MAX_PAGES):
            found = self.http.get_json(SERVICE, f"{self.base_url}/api/getHistory",
                                       params={"page": page, "size": PAGE_SIZE, "sort": "ActivityDateInserted", "desc": "true"},
                                       headers={"x-api-token": self.api_key, "Accept": "application/json"})
            if not isinstance(found, dict):
                return
            yield from found.get("results") or []
            pages = int(found.get("pages") or 1)
            page += 1
