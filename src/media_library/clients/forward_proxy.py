"""The guarded forward proxy: how a program we start (yt-dlp) reaches the network under the outbound guard.

yt-dlp follows redirects, reads HLS/DASH manifests and fetches their fragments itself, so the
guard cannot sit inside our own HTTP client for it. Instead yt-dlp runs with ``--proxy`` pointing
here: a small HTTP/1.1 forward proxy on 127.0.0.1 in our process that understands both forms a
client uses, an absolute-URI request (``GET http://host/path``, plain http) and ``CONNECT
host:port`` (https, tunnelled byte for byte). For each it checks the URL (``OutboundGuard.check_url``),
resolves the host once with the guard's rules (``OutboundGuard.resolve``) and connects to exactly
the checked address (``connect_pinned``), so every hop — the first page, each redirect, each
manifest and fragment — is judged where the socket connects, like ``clients/http.py``'s requests.

Nobody else can use it: each download gets its own credentials (``session()``: a random token,
valid only while that download runs), sent by yt-dlp as ``Proxy-Authorization: Basic``; anything
without a live token gets 407. A refused hop answers 403 and is remembered in the session, so the
job can say *why* yt-dlp's request failed. Plain-http requests are sent upstream with
``Connection: close`` (one request per connection keeps the proxy small and stateless), and the
answer goes back to the client marked ``Connection: close`` too, so the client never reuses a
connection the proxy is about to close (a race that turned a refusal into "remote end closed").

Must not: touch the database, import Flask, or resolve a name other than through the guard.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import secrets
import selectors
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .guard import OutboundGuard, OutboundRefused, connect_pinned

log = logging.getLogger(__name__)
PROXY_USER = "ml"
CONNECT_TIMEOUT_S = 15.0
IDLE_TIMEOUT_S = 120.0  # a tunnel or response with no byte either way for this long is closed
_HOP_HEADERS = {"proxy-authorization", "proxy-connection", "connection", "keep-alive", "te", "trailer",
                "upgrade", "transfer-encoding"}


@dataclass
class ProxySession:
    """One download's right to use the proxy, and the refusals it met."""

    token: str
    refusals: list[str] = field(default_factory=list)

    def refused(self, text: str) -> None:
        self.refusals.append(text)


class GuardedProxy:
    """A forward proxy on 127.0.0.1 (any free port) whose every upstream connection passes ``guard``."""

    def __init__(self, guard: OutboundGuard, host: str = "127.0.0.1"):
        self.guard = guard
        self._sessions: dict[str, ProxySession] = {}
        self._lock = threading.Lock()
        self._server = _Server((host, 0), _handler_for(self))
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="guarded-proxy", daemon=True)
        self._thread.start()

    @contextlib.contextmanager
    def session(self) -> Iterator[tuple[str, ProxySession]]:
        """A proxy URL with fresh credentials for one download; they stop working on exit."""
        active = ProxySession(secrets.token_urlsafe(24))
        with self._lock:
            self._sessions[active.token] = active
        try:
            yield f"http://{PROXY_USER}:{active.token}@{self.host}:{self.port}", active
        finally:
            with self._lock:
                self._sessions.pop(active.token, None)

    def authorize(self, header: str | None) -> ProxySession | None:
        """The live session whose credentials ``header`` (``Basic …``) carries, or None."""
        scheme, _, value = (header or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, token = base64.b64decode(value.strip(), validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        with self._lock:
            found = self._sessions.get(token)
        return found if found and user == PROXY_USER and secrets.compare_digest(found.token, token) else None

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


def _handler_for(proxy: GuardedProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(_ProxyHandler):
        pass

    Handler.proxy = proxy
    return Handler


class _ProxyHandler(BaseHTTPRequestHandler):
    proxy: GuardedProxy
    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("proxy: " + format, *args)

    # --- the two request forms ---------------------------------------------------------------------
    def do_CONNECT(self) -> None:  # noqa: N802 - http.server's naming
        session = self._session()
        if session is None:
            return
        host, _, port = self.path.rpartition(":")
        upstream = self._connect(session, f"https://{self.path}", host, port)
        if upstream is None:
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        _relay(self.connection, upstream)

    def _forward(self) -> None:
        session = self._session()
        if session is None:
            return
        parts = urlsplit(self.path)
        if parts.scheme != "http":
            self._refuse(session, self.path, "only absolute http:// URLs are forwarded; https goes through CONNECT", 400)
            return
        upstream = self._connect(session, self.path, parts.hostname or "", str(parts.port or 80))
        if upstream is None:
            return
        self.close_connection = True
        with upstream:
            upstream.sendall(self._request_head(parts) + self._body())
            _relay_response(upstream, self.connection)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _forward  # noqa: N815

    # --- steps -------------------------------------------------------------------------------------
    def _session(self) -> ProxySession | None:
        session = self.proxy.authorize(self.headers.get("Proxy-Authorization"))
        if session is None:
            self.send_response(407, "Proxy Authentication Required")
            self.send_header("Proxy-Authenticate", 'Basic realm="media-library"')
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
        return session

    def _connect(self, session: ProxySession, url: str, host: str, port: str) -> socket.socket | None:
        try:
            self.proxy.guard.check_url(url)
            if not port.isdigit():
                raise OutboundRefused(url, "the port is not a number")
            addresses = self.proxy.guard.resolve(host, int(port))
        except OutboundRefused as exc:
            self._refuse(session, url, exc.message, 403)
            return None
        except OSError as exc:
            self._refuse(session, url, f"{host} could not be resolved ({exc})", 502, remember=False)
            return None
        try:
            upstream = connect_pinned(addresses, CONNECT_TIMEOUT_S)
        except OSError as exc:
            self._refuse(session, url, f"{host}:{port} did not answer ({exc})", 502, remember=False)
            return None
        upstream.settimeout(IDLE_TIMEOUT_S)
        return upstream

    def _refuse(self, session: ProxySession, url: str, reason: str, status: int, *, remember: bool = True) -> None:
        target = urlsplit(url if "://" in url else f"https://{url}")
        where = f"{target.hostname}:{target.port or ''}".rstrip(":")
        if remember:
            session.refused(f"{where}: {reason}")
            log.warning("outbound guard refused a download's request to %s", where)
        body = reason.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _request_head(self, parts) -> bytes:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        lines = [f"{self.command} {target} HTTP/1.1"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()
                  if name.lower() not in _HOP_HEADERS and name.lower() != "host"]
        lines += [f"Host: {parts.netloc.rpartition('@')[2]}", "Connection: close"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""


MAX_RESPONSE_HEAD = 65536


def _relay_response(upstream: socket.socket, client: socket.socket) -> None:
    """Send the upstream answer to the client with its hop-by-hop headers replaced by
    ``Connection: close``, then the body as it comes."""
    head, rest = _read_head(upstream)
    if head is None:
        client.sendall(rest)
    else:
        lines = head.split(b"\r\n")
        kept = [line for line in lines[1:] if line.split(b":", 1)[0].strip().lower().decode("latin-1")
                not in _HOP_HEADERS]
        client.sendall(b"\r\n".join([lines[0], *kept, b"Connection: close"]) + b"\r\n\r\n" + rest)
    _copy_until_closed(upstream, client)


def _read_head(upstream: socket.socket) -> tuple[bytes | None, bytes]:
    """The response head (without its blank line) and what came after it; ``(None, data)`` when
    the upstream closed or sent an oversized head first (relayed as it is)."""
    data = b""
    with contextlib.suppress(OSError):
        while b"\r\n\r\n" not in data and len(data) < MAX_RESPONSE_HEAD:
            chunk = upstream.recv(65536)
            if not chunk:
                break
            data += chunk
    head, sep, rest = data.partition(b"\r\n\r\n")
    return (head, rest) if sep else (None, data)


def _copy_until_closed(source: socket.socket, target: socket.socket) -> None:
    """Copy ``source`` to ``target`` until ``source`` ends (or either side fails)."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)


def _relay(client: socket.socket, upstream: socket.socket) -> None:
    """Copy bytes both ways until one side closes or nothing moves for ``IDLE_TIMEOUT_S``."""
    peers = {client: upstream, upstream: client}
    with upstream, selectors.DefaultSelector() as selector:
        for sock in peers:
            selector.register(sock, selectors.EVENT_READ)
        while True:
            ready = selector.select(timeout=IDLE_TIMEOUT_S)
            if not ready:
                return
            for key, _ in ready:
                try:
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    peers[key.fileobj].sendall(data)
                except OSError:
                    return
