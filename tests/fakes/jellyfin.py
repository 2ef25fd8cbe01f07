"""A fake Jellyfin on 127.0.0.1 for the watch decisions: items by either route (``/Items/{id}``
with ``?userId=``, or the older ``/Users/{userId}/Items/{id}``; ``legacy_only`` answers 405 to the
first as some 10.9 builds do), users, and each user's played films with ``UserData.PlayCount``.
The key is checked in ``X-Emby-Token``."""

from __future__ import annotations

from flask import Flask, request

from .server import FakeServer, json_response

API_KEY = "jellyfin-test-key"


class FakeJellyfin(FakeServer):
    name = "jellyfin"

    def __init__(self) -> None:
        self.items: dict[str, dict] = {}
        self.users: list[dict] = []
        self.played: dict[str, list[dict]] = {}
        self.legacy_only = False
        self.api_key = API_KEY
        super().__init__()

    def routes(self, app: Flask) -> None:
        app.add_url_rule("/Items/<item_id>", "item", self._item)
        app.add_url_rule("/Users/<user_id>/Items/<item_id>", "user_item", self._user_item)
        app.add_url_rule("/Users", "users", lambda: self._authorized() or json_response(self.users))
        app.add_url_rule("/Users/<user_id>/Items", "played", self._played)

    def _authorized(self):
        if request.headers.get("X-Emby-Token") != self.api_key:
            return json_response({"message": "Unauthorized"}, 401)
        return None

    def _item(self, item_id: str):
        if self.legacy_only:
            return json_response({"message": "Method Not Allowed"}, 405)
        return self._authorized() or self._answer(item_id)

    def _user_item(self, user_id: str, item_id: str):
        return self._authorized() or self._answer(item_id)

    def _answer(self, item_id: str):
        item = self.items.get(item_id)
        return json_response(item) if item else json_response({"message": "Not Found"}, 404)

    def _played(self, user_id: str):
        return self._authorized() or json_response({"Items": self.played.get(user_id, []), "TotalRecordCount": 0})
