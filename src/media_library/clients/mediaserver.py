"""Media servers we ask to rescan after an export: Jellyfin/Emby and Plex.

- Jellyfin and Emby: ``POST /Library/Refresh`` with the API key in ``X-Emby-Token`` and in
  ``Authorization: MediaBrowser Token="…"`` (Jellyfin 10.9+ prefers the latter); 204 on success.
- Jellyfin items, for the watch decisions: ``GET /Items/{id}?userId=`` (10.9+) falling back to the
  older ``GET /Users/{userId}/Items/{id}`` (some 10.9 builds answer 405 to the first); played
  films with ``UserData.PlayCount`` and ``LastPlayedDate`` per user (``GET /Users/{id}/Items``).
- Plex: ``GET /library/sections/{id}/refresh`` with ``X-Plex-Token``; 200 on success.

Keys travel in headers only, never in a URL, and never to another origin: ``HttpClient`` follows
redirects itself and drops them when a 302/307 points elsewhere. No database, no Flask.
"""

from __future__ import annotations

from urllib.parse import quote

from ..errors import ExternalServiceError, InvalidInput, NotFound
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

    def _headers(self) -> dict[str, str]:
        return {"X-Emby-Token": self.api_key, "Authorization": f'MediaBrowser Token="{self.api_key}"',
                "Accept": "application/json"}

    def refresh_library(self) -> int:
        status, _, _ = self.http.request(self.service, "POST", f"{self.base_url}/Library/Refresh", headers=self._headers())
        return status

    def item(self, item_id: str, user_id: str | None = None) -> dict:
        """One item (``RunTimeTicks``, ``ProviderIds``, ``UserData``…), by either route."""
        item = quote(item_id, safe="")
        try:
            params = {"userId": user_id} if user_id else None
            return self.http.get_json(self.service, f"{self.base_url}/Items/{item}", params=params, headers=self._headers())
        except (ExternalServiceError, NotFound):
            if not user_id:
                raise
        return self.http.get_json(self.service, f"{self.base_url}/Users/{quote(user_id, safe='')}/Items/{item}",
                                  headers=self._headers())

    def users(self) -> list[dict]:
        return self.http.get_json(self.service, f"{self.base_url}/Users", headers=self._headers()) or []

    def played_films(self, user_id: str) -> list[dict]:
        """The films this user has played, with ``UserData`` (PlayCount, LastPlayedDate) and provider ids."""
        params = {"Recursive": "true", "IncludeItemTypes": "Movie", "Filters": "IsPlayed", "Fields": "ProviderIds"}
        found = self.http.get_json(self.service, f"{self.base_url}/Users/{quote(user_id, safe='')}/Items", params=params,
                                   headers=self._headers())
        return (found or {}).get("Items") or []


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
