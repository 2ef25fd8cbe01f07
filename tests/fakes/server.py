"""A small base for local fake servers: a Flask app on 127.0.0.1, port 0, in a daemon thread.

Each fake (TMDb, MusicBrainz, AcoustID, Cover Art Archive) subclasses ``FakeServer``, adds its
routes in ``routes()`` and serves payloads from the recorded fixtures in ``tests/fixtures``.
The base records every request (``.requests``) and lets a test script one-off answers before the
routes run (``.script(...)``: a 500, a 429 with ``Retry-After``, HTML with a 200, …).

Use it as a context manager, so the port is always released::

    with FakeTmdb() as fake:
        client = TmdbClient(HttpClient(), fake.url, fake.api_key)

Must not: listen on anything but 127.0.0.1, sleep, or reach the network.
"""

from __future__ import annotations

import base64
import json
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from werkzeug.serving import WSGIRequestHandler, make_server

# The recorded payloads of the real services, kept in the repository (tests/fixtures/README.md).
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# A real 16x16 JPEG, made once with `ffmpeg -f lavfi -i color=c=0x336699:s=16x16 -frames:v 1`.
TINY_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiok"
    "JCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABQYQ"
    "AQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAQABADASIAAhEAAxEA/9oADAMBAAIRAxEAPwCbAUQF/9k="
)


def fixture_path(*parts: str) -> Path:
    return FIXTURES.joinpath(*parts)


def load_fixture(*parts: str) -> Any:
    """A JSON fixture, parsed (a fresh copy each call, so fakes may change it)."""
    return json.loads(fixture_path(*parts).read_text(encoding="utf-8"))


class _QuietHandler(WSGIRequestHandler):
    """No access log line per request: ``.requests`` is the record tests look at."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query_string: str
    args: dict[str, list[str]]
    form: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def arg(self, name: str) -> str | None:
        """The first value of a query or form parameter."""
        values = self.args.get(name) or self.form.get(name)
        return values[0] if values else None

    @property
    def full_url_part(self) -> str:
        return f"{self.path}?{self.query_string}" if self.query_string else self.path


@dataclass
class ScriptedResponse:
    status: int
    body: bytes
    headers: dict[str, str]
    path_prefix: str | None
    times: int
    used: int = field(default=0)

    def matches(self, path: str) -> bool:
        return self.used < self.times and (self.path_prefix is None or path.startswith(self.path_prefix))


class FakeServer:
    """Base of every fake: start/close, request log and scripted answers."""

    name = "fake"

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._scripted: list[ScriptedResponse] = []
        self._lock = threading.Lock()
        self.app = Flask(f"{self.name}-fake")
        self.app.before_request(self._record_and_maybe_script)
        self.routes(self.app)
        self._server = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # --- lifecycle ------------------------------------------------------------------------------

    def routes(self, app: Flask) -> None:
        """Subclasses register their URL rules here."""

    def start(self) -> FakeServer:
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=_QuietHandler)
        # Keep-alive connections a test forgot to close must not block close().
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"{self.name}-fake", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def host(self) -> str:
        """``127.0.0.1:PORT``, for libraries that take a hostname (musicbrainzngs)."""
        return self.url.removeprefix("http://")

    # --- scripting ------------------------------------------------------------------------------

    def script(self, status: int, body: Any = b"", *, headers: dict[str, str] | None = None,
               path: str | None = None, times: int = 1) -> None:
        """Answer the next ``times`` requests (under ``path`` if given) with this, then resume.

        ``body`` may be bytes, str, or anything JSON-serialisable (sent as application/json).
        """
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        with self._lock:
            self._scripted.append(ScriptedResponse(status, body, headers, path, times))

    def requests_to(self, path_prefix: str) -> list[RecordedRequest]:
        with self._lock:
            return [req for req in self.requests if req.path.startswith(path_prefix)]

    def _record_and_maybe_script(self):
        body = request.get_data(cache=True)  # first, so form parsing reads the cached copy
        recorded = RecordedRequest(
            method=request.method,
            path=request.path,
            query_string=request.query_string.decode("latin-1"),
            args={key: request.args.getlist(key) for key in request.args},
            form={key: request.form.getlist(key) for key in request.form},
            headers=dict(request.headers.items()),
            body=body,
        )
        with self._lock:
            self.requests.append(recorded)
            scripted = next((s for s in self._scripted if s.matches(request.path)), None)
            if scripted:
                scripted.used += 1
        if scripted:
            return Response(scripted.body, status=scripted.status, headers=scripted.headers)
        return None


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(data), status=status, headers=headers, mimetype="application/json")


def normalize(text: Any) -> str:
    """Case-, accent- and punctuation-insensitive form used by search."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch))
    return " ".join(kept.split())
