"""uvicorn's HTTP and WebSocket protocols, guarded: connection ceilings and read timeouts.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but has no limit on how long
a client may take to send its headers or its body, no header-size cap with httptools, and no
per-address connection limit. ``GuardedHttpProtocol`` subclasses its httptools protocol and adds,
through parser callbacks uvicorn already has:

- a header deadline from the connection's (or the request's) first byte: a slowloris client is
  closed after ``server.header_timeout_seconds`` however slowly it drips; headers larger than
  ``MAX_HEADER_BYTES`` get 431;
- a body idle limit: ``server.body_timeout_seconds`` without a body byte while the app waits for
  one closes the connection (not while the app itself is slow to read: flow control has paused us);
- the ceilings of ``ConnectionLimits``: ``server.max_connections`` in all, and
  ``server.max_connections_per_address`` per TCP peer; a connection over them is closed at once;
- a lingering close when the answer went out before the request body was read (413, 401): the
  write side is shut, the rest of the body is discarded for a moment, then the socket closes, so
  the client reads the answer instead of a reset;
- ``ZeroCopy`` in each plain-HTTP request's scope, so the stream fast path (``web/fast_stream.py``)
  can send file bytes with ``os.sendfile``, which uvicorn lacks.

A WebSocket upgrade hands the connection's slot to ``GuardedWebSocketProtocol``, which frees it
when the socket closes, waits at most ``CLOSE_HANDSHAKE_SECONDS`` for a client's close frame, and
lets the event fan-out write one prebuilt frame to many sockets. Timeouts only run while the server
waits for the client.
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.protocol import State

from ..config import ServerSettings
from .security import peer_is_trusted

log = logging.getLogger(__name__)
MAX_HEADER_BYTES = 64 * 1024
LINGER_SECONDS = 2.0
LINGER_BYTES = 8 * 1024 * 1024
CLOSE_HANDSHAKE_SECONDS = 2.0
MAX_UNSENT_BYTES = 1024 * 1024
WEBSOCKET_SCOPE_KEY = "media_library.websocket"
ZERO_COPY_SCOPE_KEY = "media_library.zero_copy"
HEADERS_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
                     b"content-length: 33\r\nconnection: close\r\n\r\nthe request headers are too large")


@dataclass
class ConnectionLimits:
    """Open connections, in all and per TCP peer, on the server's loop (one thread: no lock)."""

    total: int
    per_address: int
    trusted_proxies: tuple[str, ...]
    header_timeout: float
    body_timeout: float
    open: int = 0
    by_address: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def from_settings(cls, server: ServerSettings) -> ConnectionLimits:
        return cls(server.max_connections, server.max_connections_per_address, tuple(server.trusted_proxies),
                   server.header_timeout_seconds, server.body_timeout_seconds)

    def admit(self, address: str) -> bool:
        if self.open >= self.total:
            return False
        if self.by_address[address] >= self.per_address and not peer_is_trusted(address, self.trusted_proxies):
            return False
        self.open += 1
        self.by_address[address] += 1
        return True

    def release(self, address: str) -> None:
        self.open -= 1
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]


class GuardedConfig(uvicorn.Config):
    """uvicorn's Config carrying the ``ConnectionLimits`` the guarded protocols share."""

    def __init__(self, app, *, limits: ConnectionLimits, **kwargs):
        super().__init__(app, http=GuardedHttpProtocol, ws=GuardedWebSocketProtocol, **kwargs)
        self.limits = limits


class GuardedHttpProtocol(HttpToolsProtocol):
    def __init__(self, config: GuardedConfig, server_state, app_state, _loop=None):
        super().__init__(config, server_state, app_state, _loop)
        self.limits: ConnectionLimits = config.limits
        self.address = ""
        self.admitted = self.reading_headers = self.lingering = False
        self.header_bytes = self.discarded = 0
        self.timer: asyncio.TimerHandle | None = None

    # --- connection ------------------------------------------------------------------------
    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self.address = self.client[0] if self.client else ""
        if not self.limits.admit(self.address):
            log.debug("refused a connection from %s: over the connection limits", self.address)
            transport.abort()
            return
        self.admitted = True
        self._start_headers()

    def connection_lost(self, exc) -> None:
        self._cancel_timer()
        if self.admitted:
            self.admitted = False
            self.limits.release(self.address)
        super().connection_lost(exc)

    def handle_websocket_upgrade(self) -> None:
        self._cancel_timer()
        super().handle_websocket_upgrade()
        websocket = self.transport.get_protocol()
        if self.admitted and isinstance(websocket, GuardedWebSocketProtocol):
            self.admitted = False  # the WebSocket frees the slot when it closes
            websocket.hand_over(self.limits, self.address)

    def data_received(self, data: bytes) -> None:
        if self.lingering:
            self.discarded += len(data)
            if self.discarded > LINGER_BYTES:
                self.transport.close()
            return
        super().data_received(data)
        if self.reading_headers and not self.transport.is_closing():
            self.header_bytes += len(data)
            if self.header_bytes > MAX_HEADER_BYTES:
                self.transport.write(HEADERS_TOO_LARGE)
                self.transport.close()

    # --- parser callbacks --------------------------------------------------------------------
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self.reading_headers:
            self._start_headers()

    def on_headers_complete(self) -> None:
        self.reading_headers = False
        self._cancel_timer()
        super().on_headers_complete()
        if not (self.parser.should_upgrade() and self._should_upgrade()):
            self.cycle.transport = _LingeringClose(self)
            self._set_timer(self.limits.body_timeout, self._body_timed_out)
            if self.cycle.scope.get("scheme") == "http":  # never around TLS: sendfile would bypass it
                self.cycle.scope[ZERO_COPY_SCOPE_KEY] = ZeroCopy(self, self.cycle)

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._set_timer(self.limits.body_timeout, self._body_timed_out)

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._cancel_timer()

    def on_response_complete(self) -> None:
        if self.lingering:
            return
        if self._body_unread():
            self._linger()  # answered before the body was read: never read the rest as a request
            return
        super().on_response_complete()

    def close_after_response(self) -> None:
        """Close; while the request body still arrives, linger first so the client reads the answer."""
        if self._body_unread():
            self._linger()
        elif not self.lingering:
            self.transport.close()

    def _body_unread(self) -> bool:
        cycle = self.cycle
        return cycle is not None and cycle.more_body and not self.pipeline and not self.transport.is_closing()

    # --- timers ------------------------------------------------------------------------------
    def _start_headers(self) -> None:
        self.reading_headers, self.header_bytes = True, 0
        self._set_timer(self.limits.header_timeout, self._headers_timed_out)

    def _answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _headers_timed_out(self) -> None:
        self.timer = None
        if self._answering():  # a pipelined request waits for ours: not the client's fault
            self._set_timer(self.limits.header_timeout, self._headers_timed_out)
            return
        log.debug("closed a connection from %s: no complete headers in time", self.address)
        self.transport.close()

    def _body_timed_out(self) -> None:
        self.timer = None
        cycle = self.cycle
        if cycle is None or not cycle.more_body:
            return
        if self.flow.read_paused or cycle.waiting_for_100_continue:  # we are the slow side
            self._set_timer(self.limits.body_timeout, self._body_timed_out)
            return
        log.debug("closed a connection from %s: the request body stalled", self.address)
        self.transport.close()

    def _linger(self) -> None:
        if self.lingering:
            return
        self.lingering = True
        self.flow.resume_reading()
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._set_timer(LINGER_SECONDS, self.transport.close)

    def _set_timer(self, delay: float, callback) -> None:
        self._cancel_timer()
        self.timer = self.loop.call_later(delay, callback)

    def _cancel_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


class ZeroCopy:
    """Lets the app write a response's body bytes to the socket itself (``os.sendfile`` from a thread:
    no copy through Python, the GIL free), found in the ASGI scope under ``ZERO_COPY_SCOPE_KEY`` on
    plain-HTTP responses. uvicorn has no ``sendfile``; this is the part of it that needs the protocol:
    a private descriptor of the socket, given only while uvicorn has nothing left to write there, and
    the count of bytes written that way towards the response's ``Content-Length``.

    It lives in the cycle's scope, so it holds the cycle weakly: a strong reference would make every
    request's cycle, scope and headers a reference cycle, left for the cycle collector (measured:
    ~16 objects per request, most of the collector's work under load)."""

    def __init__(self, protocol: GuardedHttpProtocol, cycle):
        self.protocol, self._cycle = protocol, weakref.ref(cycle)

    def socket_descriptor(self) -> int | None:
        """A duplicate of the socket's descriptor (the caller closes it), or None: the connection is
        closing, or uvicorn still has bytes buffered for it (ours must come after them). A duplicate,
        so a connection closed meanwhile cannot hand its number to another client's socket."""
        transport, cycle = self.protocol.transport, self._cycle()
        if cycle is None or cycle.disconnected or transport.is_closing() or transport.get_write_buffer_size():
            return None
        sock = transport.get_extra_info("socket")
        return None if sock is None else os.dup(sock.fileno())

    def sent(self, count: int) -> None:
        """``count`` body bytes went out through ``socket_descriptor()``."""
        cycle = self._cycle()
        if cycle is not None:
            cycle.expected_content_length -= count


class _LingeringClose:
    """The transport as a request cycle sees it: its ``close`` lingers while the body still arrives."""

    def __init__(self, protocol: GuardedHttpProtocol):
        self._protocol = protocol

    def close(self) -> None:
        self._protocol.close_after_response()

    def __getattr__(self, name):
        return getattr(self._protocol.transport, name)


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol that frees its connection slot when the socket closes, and can
    write a frame built once for many sockets (``write_frame``, the event fan-out's fast path).
    The ASGI scope carries the protocol under ``WEBSOCKET_SCOPE_KEY`` so the app can find it."""

    limits: ConnectionLimits | None = None
    address = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.close_timeout = CLOSE_HANDSHAKE_SECONDS  # uvicorn waits 10 s for the client's close frame

    def handle_connect(self, event) -> None:
        super().handle_connect(event)
        if self.scope is not None:
            self.scope[WEBSOCKET_SCOPE_KEY] = self

    def write_frame(self, frame: bytes) -> bool:
        """Write a complete server frame (unmasked); False when the socket is not open. A client
        that leaves more than ``MAX_UNSENT_BYTES`` unread is cut off: it would only fall behind."""
        if self.disconnected or self.close_sent or not self.handshake_complete or self.conn.state is not State.OPEN:
            return False
        if self.transport.get_write_buffer_size() > MAX_UNSENT_BYTES:
            log.info("closed a WebSocket from %s: it does not read its events", self.address)
            self.transport.abort()
            return False
        self.transport.write(frame)
        return True

    def hand_over(self, limits: ConnectionLimits, address: str) -> None:
        self.limits, self.address = limits, address

    def connection_lost(self, exc) -> None:
        super().connection_lost(exc)
        if self.limits is not None:
            self.limits.release(self.address)
            self.limits = None
