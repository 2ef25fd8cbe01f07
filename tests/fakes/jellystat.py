"""A fake Jellystat on 127.0.0.1: ``GET /api/getHistory`` pages through the recorded playback rows
(``tests/fixtures/jellystat/getItemHistory_response_example.json``, the same row shape) plus any a
test adds; the key is checked in ``x-api-token``."""

from __future__ import annotations

from flask import Flask, request

from .server import FakeServer, json_response, load_fixture

API_KEY = "jellystat-test-key"


class FakeJellystat(FakeServer):
    name = "jellystat"

    def __init__(self) -> None:
        self.rows: list[dict] = list(load_fixture("jellystat", "getItemHistory_response_example.json")["body"]["results"])
        self.api_key = API_KEY
        super().__init__()

    def routes(self, app: Flask) -> None:
        app.add_url_rule("/api/getHistory", "history", self._history)

    def _history(self):
        if request.headers.get("x-api-token") != self.api_key:
            return json_response({"error": "Invalid API key"}, 401)
        page, size = request.args.get("page", 1, type=int), request.args.get("size", 50, type=int)
        pages = max(1, -(-len(self.rows) // size))
        chunk = self.rows[(page - 1) * size: page * size]
        return json_response({"current_page": page, "pages": pages, "size": size, "sort": "ActivityDateInserted",
                              "desc": True, "results": chunk})
