"""Stream grants: Flask's decision "this credential may read this file", remembered for a few seconds.

A player reads a file as many ranged requests with the same credential (a session cookie, a
bearer token, a ``stream`` token or a signed link in the URL). The first one goes through Flask
like any request (``web/routes/stream.py``: setup gate, authentication, token scope, the item and
file lookup, the path checks); when Flask serves it, it leaves a ``Grant`` here, and the next
requests with the same key are served by ``web/fast_stream.py`` on the event loop without a Flask
request. The key is a hash of everything Flask's decision read: the media id, the raw query string
(file id, stream token or signed link), the ``Authorization`` and ``Cookie`` headers and whether the
request came over HTTPS (which names the session cookie). So a different credential, file or link
never matches, and the credential itself is not kept.

Revocation: a grant lives at most ``server.stream_grant_seconds`` (5 s; the settings check bounds
it to 30 s, and 0 turns grants off), never beyond a signed link's expiry, and every grant is
dropped when a request that changes who may do what succeeds (``ACCESS_BLUEPRINTS``: login,
logout, password change, users, tokens, the STRM token, setup). A logout or a revoked token thus
stops a stream at its next range; a change made by another process (the CLI) within the TTL.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, request

from ..config import Settings
from .auth import current_identity, request_is_https
from .security import UNSAFE_METHODS

ACCESS_BLUEPRINTS = frozenset({"auth", "users", "tokens", "strm", "setup", "activity"})  # activity: devices
MAX_GRANTS = 10_000  # one per player and file; past this the expired ones go, then all


@dataclass(frozen=True)
class Grant:
    path: Path  # the real path Flask checked against the media roots
    content_type: str  # the Content-Type header Flask sent
    expires: float  # time.monotonic()


def grant_key(media_id: str, query: bytes, authorization: bytes, cookie: bytes, https: bool) -> bytes:
    """The hash of everything the stream route's access decision reads (length-prefixed parts)."""
    digest = hashlib.sha256()
    for part in (media_id.encode("utf-8", "surrogateescape"), query, authorization, cookie, b"https" if https else b"http"):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


class StreamGrants:
    """Thread-safe grants with a time to live; readers on the event loop take no lock."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self.seconds, self._clock = seconds, clock
        self._grants: dict[bytes, Grant] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def give(self, key: bytes, path: Path, content_type: str, *, not_after: float | None = None) -> None:
        """Remember a grant; ``not_after`` is a wall-clock time it must not outlive (a link's expiry)."""
        ttl = self.seconds if not_after is None else min(self.seconds, not_after - time.time())
        if ttl <= 0:
            return
        with self._lock:
            if len(self._grants) >= MAX_GRANTS:
                self._drop_expired()
            self._grants[key] = Grant(path, content_type, self._clock() + ttl)

    def find(self, key: bytes) -> Grant | None:
        grant = self._grants.get(key)
        return grant if grant is not None and grant.expires > self._clock() else None

    def forget(self, key: bytes) -> None:
        with self._lock:
            self._grants.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._grants.clear()

    def _drop_expired(self) -> None:
        now = self._clock()
        self._grants = {k: g for k, g in self._grants.items() if g.expires > now}
        if len(self._grants) >= MAX_GRANTS:
            self._grants = {}


def stream_grants(app: Flask) -> StreamGrants:
    return app.extensions["stream_grants"]


def grant_this_request(media_id: str, path: Path, content_type: str) -> None:
    """Called by the stream route once it has decided to serve ``path``: later requests with the
    same credential, item and query are served by the fast path until the grant expires."""
    grants = stream_grants(current_app)
    if not grants.enabled:
        return
    identity = current_identity()
    not_after = float(request.args["exp"]) if identity is not None and identity.kind == "link" else None
    key = grant_key(media_id, request.query_string, _header("Authorization"), _header("Cookie"), request_is_https())
    grants.give(key, path, content_type, not_after=not_after)


def _header(name: str) -> bytes:
    return request.headers.get(name, "").encode("latin-1")


def init_stream_grants(app: Flask, settings: Settings) -> None:
    """The grant store, and the hook that drops every grant when access may have changed."""
    grants = StreamGrants(settings.server.stream_grant_seconds)
    app.extensions["stream_grants"] = grants

    @app.after_request
    def _drop_grants_on_access_change(response: Response) -> Response:
        if request.method in UNSAFE_METHODS and request.blueprint in ACCESS_BLUEPRINTS and response.status_code < 400:
            grants.clear()
        return response
