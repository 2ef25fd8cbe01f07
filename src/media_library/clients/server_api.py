"""Monitor mode's view of the server: the ``/api/monitor`` routes over HTTP with an API token.

The token (scope ``monitor``) comes from ``disc.api_token`` or the owner-only file
``disc.api_token_file`` names, and travels only in ``Authorization: Bearer``. Calls are not retried
here: the monitor's outbox retries announcements and results until the server takes them.

Must not: touch any database, know about HandBrake or discs beyond the JSON it sends.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..config import read_secret_file
from ..errors import NotConfigured
from .http import HttpClient, parse_json

SERVICE = "media library server"


class ServerApi:
    def __init__(self, http: HttpClient, base_url: str, token: str):
        if not base_url or not token:
            raise NotConfigured("monitor mode needs disc.server_url and disc.api_token or disc.api_token_file "
                                "(a token of scope 'monitor')")
        self.http, self.base_url, self.token = http, base_url.rstrip("/"), token

    @classmethod
    def from_settings(cls, settings, http: HttpClient) -> ServerApi:
        disc = settings.disc
        token = disc.api_token or (read_secret_file(disc.api_token_file, "disc.api_token_file") if disc.api_token_file else "")
        return cls(http, disc.server_url, token)

    def announce(self, key: str, fingerprint: str, label: str, kind: str) -> dict[str, Any]:
        return self._call("POST", "/api/monitor/discs", {"key": key, "fingerprint": fingerprint, "label": label, "kind": kind})

    def disc(self, key: str) -> dict[str, Any]:
        return self._call("GET", f"/api/monitor/discs/{quote(key, safe='')}")

    def progress(self, key: str, percent: float, message: str) -> dict[str, Any]:
        return self._call("POST", f"/api/monitor/discs/{quote(key, safe='')}/progress",
                          {"percent": round(percent, 2), "message": message})  # fmt: skip

    def result(self, key: str, outputs: list[dict[str, Any]], choice: dict[str, Any] | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"outputs": outputs}
        if choice:
            body["choice"] = choice
        return self._call("POST", f"/api/monitor/discs/{quote(key, safe='')}/result", body)

    def failure(self, key: str, error: str) -> dict[str, Any]:
        return self._call("POST", f"/api/monitor/discs/{quote(key, safe='')}/result", {"outputs": [], "error": error[:2000]})

    def _call(self, method: str, path: str, body: dict | None = None) -> dict[str, Any]:
        _, _, raw = self.http.request(SERVICE, method, self.base_url + path, json_body=body,
                                      headers={"Authorization": f"Bearer {self.token}"})  # fmt: skip
        return parse_json(SERVICE, raw) if raw else {}
