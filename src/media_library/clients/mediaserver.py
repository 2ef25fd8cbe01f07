"""Media servers we ask to rescan after an export: Jellyfin/Emby and Plex.

- Jellyfin and Emby: ``POST /Library/Refresh`` with the API key in ``X-Emby-Token`` and in
  ``Authorization: MediaBrowser Token="…"`` (Jellyfin 10.9+ prefers the latter); 204 on success.
- Plex: ``GET /library/sections/{id}/refresh`` with ``X-Plex-Token``; 200 on success.

Keys travel in headers only, never in a URL, and never to another origin: ``HttpClient`` follows
redirects itself and drops them when a 302/307 points elsewhere. No database, no Flask.
"""

from __future__ import annotations

from urllib.parse import quote

from ..errors import InvalidInput
from .http import HttpClient


def _base(url: str) -> str:
    url = (url or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"a media server URL must start with http:// or https:// (got {url!r})")
    return url


class JellyfinClient:
    """Jellyfin (and Emby, which shares the endpoint and header)."""

    service = "jellyfin"

    def __init__(self, http: HttpClient, base_url: str, api_key: str):
        self.http, self.base_url, self.api_key = http, _base(base_url), api_key

    def refresh_library(self) -> int:
        headers = {"X-Emby-Token": self.api_key, "Authorization": f'MediaBrowser Token="{self.api_key}"'}
        status, _, _ = self.http.request(self.service, "POST", f"{self.base_url}/Library/Refresh", headers=headers)
        return status


class PlexClient:
    service = "plex"

    def __init__(self, http: HttpClient, base_url: str, token: str):
        self.http, self.base_url, self.token = http, _base(base_url), token

    def refresh_section(self, section_id: str) -> int:
        section = quote(str(section_id).strip(), safe="")
        if not section:
            raise InvalidInput("a Plex section id is needed to refresh it")
        url = f"{self.base_url}/library/sections/{section}/refresh"
        status, _, _ = self.http.request(self.service, "GET", url, headers={"X-Plex-Token": self.token, "Accept": "application/json"})
        return status
