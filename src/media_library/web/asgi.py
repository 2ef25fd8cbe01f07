"""The ASGI application the server runs (``build_asgi(app)``): one port, two halves.

- ``/socket.io/`` goes to python-socketio's ``AsyncServer`` on the event loop (``web/socketio.py``):
  an open socket, logged in or not, holds no thread.
- Everything else goes to the Flask app through a2wsgi's ``WSGIMiddleware`` (``web/wsgi_bridge.py``:
  a small answer reaches the loop in one hop) on a pool of
  ``server.threads`` threads, so Flask code, SQLite and blocking libraries stay as they are;
  except the ranged reads of a file Flask has just let the same credential read, which
  ``FastStreams`` (``web/fast_stream.py``) answers on the loop without a Flask request.

Flask responses already carry the security headers (``SecurityHeaders``, a WSGI wrapper);
``AsgiSecurityHeaders`` adds the same ones to Socket.IO's answers. The ASGI lifespan starts and
stops the socket hub on the server's loop.
"""

from __future__ import annotations

import json
import logging
import re
import threading

import socketio
from flask import Flask

from ..config import Settings
from .fast_stream import FastStreams
from .security import environ_view, is_https, missing_headers
from .socketio import MAX_MESSAGE_BYTES, SocketHub
from .stream_grants import stream_grants
from .wsgi_bridge import BufferedWSGIMiddleware

log = logging.getLogger(__name__)
SOCKET_PATH = "/socket.io/"
STREAM_PATH = re.compile(r"/api/media/[^/]+/stream")


class AsgiSecurityHeaders:
    """Adds the security headers to every HTTP response of an ASGI app. A WebSocket's messages pass
    untouched: its handshake answer (101) carries no content, and each event must stay cheap."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = is_https(environ_view(scope), self.settings.server.trusted_proxies)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {bytes(name).decode("latin-1").lower() for name, _ in headers}
                extra = missing_headers(present, https=https, is_api=False)
                message = {**message, "headers": headers + [(k.encode(), v.encode()) for k, v in extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Reads a POST body of an ASGI app first, up to ``limit`` bytes, then hands it over whole; a
    longer one is answered 413 and never reaches the app. engine.io checks Content-Length itself;
    this also stops a chunked long-polling POST, whose length nobody knows in advance."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body") or b""
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await _too_large(send, self.limit)
                return
        whole = [{"type": "http.request", "body": bytes(body), "more_body": False}]

        async def replay():
            return whole.pop() if whole else await receive()

        await self.app(scope, replay, send)


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"error": "PayloadTooLarge", "status": 413,
                       "message": f"a Socket.IO message may be at most {limit // 1024} KiB"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _input_terminated(wsgi_app):
    """a2wsgi's body ends where the request body ends (chunked too); say so, or werkzeug reads
    a body without Content-Length as empty."""

    def app(environ, start_response):
        environ["wsgi.input_terminated"] = True
        return wsgi_app(environ, start_response)

    return app


def _gate_streams(wsgi_app, slots: int):
    """At most ``slots`` stream requests run their handler (authentication, lookups, path checks)
    at once; the others wait without taking the GIL, so API requests are not queued behind fifty
    runnable stream threads. Only the handler is gated: sending the body is not, so a slow or
    long-playing client never holds a slot."""
    gate = threading.BoundedSemaphore(slots)

    def app(environ, start_response):
        if not STREAM_PATH.fullmatch(environ.get("PATH_INFO", "")):
            return wsgi_app(environ, start_response)
        with gate:
            return wsgi_app(environ, start_response)

    return app


class Application:
    """Routes ``/socket.io/`` to the socket server and the rest to Flask; runs the lifespan."""

    def __init__(self, app: Flask, settings: Settings):
        self.hub: SocketHub = app.extensions["socketio"]
        slots = settings.server.stream_handler_slots
        self.flask = BufferedWSGIMiddleware(_gate_streams(_input_terminated(app), slots), workers=settings.server.threads)
        roots = app.extensions["media_library"].services.streaming.roots
        self.http = FastStreams(self.flask, stream_grants(app), roots, settings.server.trusted_proxies, readers=slots)
        sockets = socketio.ASGIApp(self.hub.server, socketio_path=SOCKET_PATH)
        self.sockets = AsgiSecurityHeaders(BodyLimit(sockets, 2 * MAX_MESSAGE_BYTES), settings)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["path"].startswith(SOCKET_PATH):
            await self.sockets(scope, receive, send)
        elif scope["type"] == "http":
            await self.http(scope, receive, send)
        else:  # a WebSocket anywhere but /socket.io/
            await send({"type": "websocket.close", "code": 1008})

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.hub.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.hub.stop()
                self.flask.executor.shutdown()
                self.http.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


def build_asgi(app: Flask) -> Application:
    """The ASGI app for ``create_app(runtime)``'s Flask app."""
    return Application(app, app.extensions["media_library"].services.settings)
