"""Socket.IO on the event loop: who may connect, and forwarding the event bus to logged-in clients.

python-socketio's ``AsyncServer`` runs on the ASGI server's event loop (``web/asgi.py``), so an
open socket is a few objects on the loop and holds no thread. A connection needs a live session
cookie or an API token (``auth={"token": ...}``) whose scope is ``all``, ``read``, ``jobs`` or
``monitor``; an Origin that is neither ours nor allow-listed is refused by engine.io with 400
(never ``*``). The identity lookup reads SQLite, so it runs in a thread, inside a Flask request
context built from the handshake. An Engine.IO session that has not completed that CONNECT within
``server.socket_auth_timeout_seconds`` is closed, and one address may hold at most
``server.unauthenticated_sockets_per_address`` such sessions. Accepted clients join the room
``authenticated``, the only place events go, and one of ``admins`` or ``others``: admins get each
event as it is, the others with server paths rewritten (``web/paths.py``). Ending a session, a user or a token disconnects its
sockets at once (``Connections``, called from request threads).

Events fan out off the request and job threads: the bus subscriber ``forward`` only hands the
event to the loop (``call_soon_threadsafe``); one task on the loop sends them in order. python-
socketio's own emit costs a task, a queue hop and a writer wake-up per socket; for 1,000 sockets
that is most of a CPU at a few events per second. So ``broadcast`` builds the WebSocket frame once
and writes it to each WebSocket directly (``GuardedWebSocketProtocol.write_frame``) when engine.io
has nothing of its own still to write there (so order holds); sockets on long-polling, or busy,
go through python-socketio as usual, all in one ``emit``. Events published within 20 ms of each
other go out as one batch: one write per socket for the whole batch (one system call, which under
uvloop runs holding the GIL: measured with py-spy under bench/load.py, the per-event writes to
1,000 sockets were the largest share of the server's GIL).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import threading
from collections import defaultdict
from concurrent.futures import TimeoutError as FutureTimeout

import socketio
from flask import Flask, request
from websockets.frames import Frame, Opcode

from .. import events
from ..config import Settings
from ..errors import MediaLibraryError
from .auth import Identity, cookie_name, identity_from_bearer, identity_from_cookie, needs_setup
from .paths import ServerPaths
from .protocol import WEBSOCKET_SCOPE_KEY
from .security import client_address, origin_allowed

log = logging.getLogger(__name__)
ROOM = "authenticated"
ADMINS, OTHERS = "admins", "others"  # every member of ROOM is in exactly one: admins see server paths
SOCKET_SCOPES = ("all", "read", "jobs", "monitor")
MAX_MESSAGE_BYTES = 64 * 1024
DISCONNECT_WAIT_SECONDS = 5.0
BATCH_SECONDS = 0.02  # events published this close together reach a socket in one write
BATCH_EVENTS = 64


class LoopLink:
    """The event loop the socket server runs on, once the ASGI server has started it."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None

    def call_soon(self, callback, *args) -> bool:
        loop = self.loop
        if loop is None or loop.is_closed():
            return False
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # the loop closed in between
            return False
        return True

    def run(self, coroutine, timeout: float) -> None:
        """Run ``coroutine`` on the loop; from another thread, wait for it at most ``timeout``."""
        loop = self.loop
        if loop is None or loop.is_closed():
            coroutine.close()
            return
        future = asyncio.run_coroutine_threadsafe(coroutine, loop)
        if _on_loop_thread(loop):
            return  # never block the loop on itself
        try:
            future.result(timeout)
        except FutureTimeout:
            log.warning("disconnecting sockets took longer than %.0f s; they close in the background", timeout)


def _on_loop_thread(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


class Connections:
    """Which socket belongs to which session, user and token, to cut them off when those end.

    ``end`` is called from request threads; it returns once the sockets are disconnected."""

    def __init__(self, server: socketio.AsyncServer, link: LoopLink):
        self.server, self.link = server, link
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
                self._by_sid.pop(sid, None)
        if doomed:
            self.link.run(self._disconnect(doomed), DISCONNECT_WAIT_SECONDS)
        return len(doomed)

    def regroup(self, user_id: int, *, is_admin: bool) -> None:
        """A user's role changed: their open sockets move to the room of the new role at once."""
        with self._lock:
            sids = [sid for sid, (_, user, _) in self._by_sid.items() if user == user_id]
        if sids:
            self.link.run(self._regroup(sids, is_admin), DISCONNECT_WAIT_SECONDS)

    async def _regroup(self, sids: list[str], is_admin: bool) -> None:
        for sid in sids:
            await self.server.leave_room(sid, OTHERS if is_admin else ADMINS)
            await self.server.enter_room(sid, ADMINS if is_admin else OTHERS)

    async def _disconnect(self, sids: list[str]) -> None:
        for sid in sids:
            try:
                await self.server.end_socket(sid)
            except Exception:  # the client may already be gone
                log.debug("disconnecting %s failed", sid, exc_info=True)


class PendingSockets:
    """Engine.IO sessions that have not completed the authenticated CONNECT, by client address."""

    def __init__(self, per_address: int):
        self.per_address = per_address
        self._address_of: dict[str, str] = {}
        self._count: dict[str, int] = defaultdict(int)

    def admit(self, eio_sid: str, address: str) -> bool:
        if self._count[address] >= self.per_address:
            return False
        self._address_of[eio_sid] = address
        self._count[address] += 1
        return True

    def settle(self, eio_sid: str) -> bool:
        """Forget ``eio_sid``; True when it was still pending."""
        address = self._address_of.pop(eio_sid, None)
        if address is None:
            return False
        self._count[address] -= 1
        if not self._count[address]:
            del self._count[address]
        return True


class SocketServer(socketio.AsyncServer):
    """``AsyncServer`` that caps unauthenticated sessions per address and closes those that do not
    complete the authenticated CONNECT in time. Both hooks are python-socketio's Engine.IO
    connect/disconnect handlers; everything else is the library's."""

    def __init__(self, settings: Settings, **kwargs):
        super().__init__(**kwargs)
        self.settings = settings
        self.pending = PendingSockets(settings.server.unauthenticated_sockets_per_address)
        self._websockets: dict[str, object] = {}  # eio_sid -> its WebSocket protocol (web/protocol.py)

    async def _handle_eio_connect(self, eio_sid, environ):
        complete_environ(environ)
        if not self.pending.admit(eio_sid, client_address(environ, self.settings.server.trusted_proxies)):
            log.info("refused a Socket.IO session: too many unauthenticated ones from %s", environ["REMOTE_ADDR"])
            return False
        await super()._handle_eio_connect(eio_sid, environ)
        websocket = (environ.get("asgi.scope") or {}).get(WEBSOCKET_SCOPE_KEY)
        if websocket is not None:
            self._websockets[eio_sid] = websocket
        asyncio.get_running_loop().call_later(self.settings.server.socket_auth_timeout_seconds,
                                              self._close_if_pending, eio_sid)

    async def _handle_eio_disconnect(self, eio_sid, reason):
        self.pending.settle(eio_sid)
        self._websockets.pop(eio_sid, None)
        await super()._handle_eio_disconnect(eio_sid, reason)

    async def broadcast(self, events: list[tuple[str, dict]], room: str) -> None:
        """``emit(name, payload, to=room)`` for each event in order, with the frames built once and
        written straight to each WebSocket whose engine.io writer is idle, all of them in one write;
        the other sockets get them through python-socketio."""
        frames = b"".join(_frame(name, payload) for name, payload in events)
        queued = [sid for sid, eio_sid in list(self.manager.get_participants("/", room))
                  if not self._write_frame(eio_sid, frames)]
        for name, payload in events if queued else ():
            await self.emit(name, payload, to=queued)

    def _write_frame(self, eio_sid: str, frame: bytes) -> bool:
        websocket, socket = self._websockets.get(eio_sid), self.eio.sockets.get(eio_sid)
        return websocket is not None and socket is not None and _writer_idle(socket) and websocket.write_frame(frame)


    def _close_if_pending(self, eio_sid: str) -> None:
        if self.pending.settle(eio_sid):
            self.start_background_task(self.close_engineio, eio_sid)

    async def end_socket(self, sid: str) -> None:
        """Disconnect a Socket.IO client and close its Engine.IO session with it."""
        eio_sid = self.manager.eio_sid_from_sid(sid, "/")
        await self.disconnect(sid, namespace="/")
        if eio_sid is not None:
            await self.close_engineio(eio_sid)

    async def close_engineio(self, eio_sid: str) -> None:
        """Send the Engine.IO close and end the transport now: a ``None`` in the session's queue
        stops engine.io's writer, which closes the WebSocket (otherwise it would wait for the
        client to close, up to a ping timeout)."""
        socket = self.eio.sockets.get(eio_sid)
        await self.eio.disconnect(eio_sid)
        if socket is not None:
            socket.queue.put_nowait(None)


def _frame(name: str, payload: dict) -> bytes:
    """The WebSocket frame of one Socket.IO event (Engine.IO MESSAGE + Socket.IO EVENT), unmasked."""
    text = "42" + json.dumps([name, payload], separators=(",", ":"))
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[])


def _writer_idle(socket) -> bool:
    """engine.io has written all it queued for this socket and its writer waits for more: a frame
    written now comes after everything sent before (the CONNECT answer, earlier events)."""
    queue = socket.queue
    return queue.empty() and any(not getter.done() for getter in queue._getters)


def complete_environ(environ: dict) -> None:
    """engine.io's ASGI environ lacks the peer address and scheme; take them from the ASGI scope."""
    scope = environ.get("asgi.scope") or {}
    client = scope.get("client") or ("", 0)
    environ["REMOTE_ADDR"] = client[0] or ""
    environ["wsgi.url_scheme"] = "https" if scope.get("scheme") in ("https", "wss") else "http"


def _request_environ(environ: dict) -> dict:
    """A plain WSGI environ for a Flask request context: the handshake's headers, peer and scheme."""
    base = {key: value for key, value in environ.items() if key.startswith("HTTP_")}
    base.update({"REQUEST_METHOD": "GET", "PATH_INFO": "/socket.io/", "QUERY_STRING": "", "SCRIPT_NAME": "",
                 "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
                 "REMOTE_ADDR": environ.get("REMOTE_ADDR", ""), "wsgi.url_scheme": environ.get("wsgi.url_scheme", "http"),
                 "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO()})
    return base


def identify(app: Flask, environ: dict, auth) -> Identity | None:
    """Who opens this socket (a token in ``auth`` or the session cookie); None when nobody may."""
    with app.request_context(_request_environ(environ)):
        try:
            if needs_setup():
                return None
            token = auth.get("token") if isinstance(auth, dict) else None
            if token:
                identity = identity_from_bearer(f"Bearer {token}")
                return identity if identity.scope in SOCKET_SCOPES else None
            return identity_from_cookie(request.cookies.get(cookie_name()))
        except MediaLibraryError:
            return None


class SocketHub:
    """The socket server, its connections and the forwarding of bus events to them."""

    def __init__(self, app: Flask, settings: Settings):
        def allowed(origin, environ=None):
            return origin_allowed(origin, environ or {}, settings)

        self.app, self.link = app, LoopLink()
        self.server = SocketServer(settings, async_mode="asgi", cors_allowed_origins=allowed, cors_credentials=True,
                                   logger=False, engineio_logger=False, max_http_buffer_size=MAX_MESSAGE_BYTES)
        self.connections = Connections(self.server, self.link)
        self.paths = ServerPaths.from_settings(settings)
        self._queue: asyncio.Queue | None = None
        self._emitter: asyncio.Task | None = None
        self.server.on("connect", self._connect)
        self.server.on("disconnect", self._disconnect)

    async def _connect(self, sid, environ, auth=None):
        identity = await asyncio.to_thread(identify, self.app, environ, auth)
        eio_sid = self.server.manager.eio_sid_from_sid(sid, "/")
        if identity is None or not self.server.pending.settle(eio_sid):
            return False  # refused (or timed out meanwhile): the client sees connect_error
        session_hash = identity.session.id_hash if identity.session else None
        self.connections.add(sid, session_hash, identity.user.id, identity.token.id if identity.token else None)
        await self.server.enter_room(sid, ROOM)
        await self.server.enter_room(sid, ADMINS if identity.user.is_admin else OTHERS)
        return True

    async def _disconnect(self, sid, *_args):
        self.connections.remove(sid)

    def forward(self, event: events.Event) -> None:
        """The bus subscriber: hands a forwarded event to the loop and returns; never waits on a socket."""
        if event.forwarded and self._queue is not None:
            self.link.call_soon(self._queue.put_nowait, (event.name, event.payload()))

    async def start(self) -> None:
        """On the ASGI server's loop, at startup: begin emitting forwarded events."""
        self.link.loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        self._emitter = asyncio.create_task(self._emit_forever(self._queue))

    async def stop(self) -> None:
        self._queue = None
        if self._emitter is not None:
            self._emitter.cancel()
        self.link.loop = None

    async def _emit_forever(self, queue: asyncio.Queue) -> None:
        """Send events in order, in batches: the events published within ``BATCH_SECONDS`` of the
        first (a job's queued, running and done; progress of several jobs) go to each socket in one
        write, so a burst costs one system call per socket instead of one per event and socket."""
        while True:
            batch = [await queue.get()]
            await asyncio.sleep(BATCH_SECONDS)
            while not queue.empty() and len(batch) < BATCH_EVENTS:
                batch.append(queue.get_nowait())
            try:
                await self.server.broadcast(batch, ADMINS)
                await self.server.broadcast([(name, self.paths.hide(payload)) for name, payload in batch], OTHERS)
            except Exception:
                log.exception("sending the %s events to sockets failed", ", ".join(name for name, _ in batch))


def init_socketio(app: Flask, settings: Settings, bus: events.EventBus) -> tuple[SocketHub, Connections]:
    hub = SocketHub(app, settings)
    app.extensions["media_library_unsubscribe"] = bus.subscribe(hub.forward)
    return hub, hub.connections
