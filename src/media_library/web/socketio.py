"""Socket.IO: who may connect, and forwarding the event bus to connected, logged-in clients.

A connection needs a live session cookie or an API token (``auth={"token": ...}``) whose scope
is ``all``, ``read``, ``jobs`` or ``monitor``; an Origin that is neither ours nor allow-listed
is refused by engine.io with 400 (never ``*``). Accepted clients join the room ``authenticated``,
the only place events go. Ending a session, a user or a token disconnects its sockets at once.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, request
from flask_socketio import SocketIO, disconnect, join_room

from .. import events
from ..config import Settings
from ..errors import MediaLibraryError
from .auth import cookie_name, identity_from_bearer, identity_from_cookie, needs_setup
from .security import origin_allowed

log = logging.getLogger(__name__)
ROOM = "authenticated"
SOCKET_SCOPES = ("all", "read", "jobs", "monitor")
FORWARDED = (events.JOB_UPDATED, events.JOB_PROGRESS, events.LIBRARY_UPDATED, events.SERVICE_STATE)  # + the sources'



class Connections:
    """Which socket belongs to which session, user and token, to cut them off when those end."""

    def __init__(self, socketio: SocketIO):
        self.socketio = socketio
        self._by_sid: dict[str, tuple[str | None, int, int | None]] = {}
        self._lock = threading.Lock()

    def add(self, sid: str, session_hash: str | None, user_id: int, token_id: int | None) -> None:
        with self._lock:
            self._by_sid[sid] = (session_hash, user_id, token_id)

    def remove(self, sid: str) -> None:
        with self._lock:
            self._by_sid.pop(sid, None)

    def end(self, *, session_hash: str | None = None, user_id: int | None = None, token_id: int | None = None) -> int:
        with self._lock:
            doomed = [sid for sid, (s, u, t) in self._by_sid.items()
                      if (session_hash and s == session_hash) or (user_id is not None and u == user_id)
                      or (token_id is not None and t == token_id)]
        for sid in doomed:
            self.remove(sid)
            try:
                self.socketio.server.disconnect(sid, namespace="/")
            except Exception:  # the client may already be gone
                log.debug("disconnecting %s failed", sid, exc_info=True)
        return len(doomed)


def _identity_for_socket(auth):
    token = auth.get("token") if isinstance(auth, dict) else None
    if token:
        identity = identity_from_bearer(f"Bearer {token}")
        if identity.scope not in SOCKET_SCOPES:
            return None
        return identity
    return identity_from_cookie(request.cookies.get(cookie_name()))


def init_socketio(app: Flask, settings: Settings, bus: events.EventBus) -> tuple[SocketIO, Connections]:
    def allowed(origin, environ=None):
        return origin_allowed(origin, environ or {}, settings)

    socketio = SocketIO(app, async_mode="threading", cors_allowed_origins=allowed, cors_credentials=True,
                        logger=False, engineio_logger=False, max_http_buffer_size=64 * 1024)
    connections = Connections(socketio)

    @socketio.on("connect")
    def _connect(auth=None):
        try:
            identity = None if needs_setup() else _identity_for_socket(auth)
        except MediaLibraryError:
            identity = None
        if identity is None:
            return False  # refused: the client sees connect_error
        session_hash = identity.session.id_hash if identity.session else None
        connections.add(request.sid, session_hash, identity.user.id, identity.token.id if identity.token else None)
        join_room(ROOM)

    @socketio.on("disconnect")
    def _disconnect(*_args):
        connections.remove(request.sid)

    @socketio.on_error_default
    def _error(exc):
        log.warning("Socket.IO handler failed: %s", exc)
        disconnect()

    def forward(name, payload):
        if name in FORWARDED or name in bus.source_events:
            socketio.emit(name, payload, to=ROOM)

    app.extensions["media_library_unsubscribe"] = bus.subscribe(forward)
    return socketio, connections
