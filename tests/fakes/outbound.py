"""Stub servers for the outbound guard tests, on any loopback address (127.0.0.2, ::1 …).

``StubServer`` records every request and answers with a function of the request: a redirect, an
image, a 204. ``Canary`` is the inside service an attacker aims at: it listens on 127.0.0.1 and
``[::1]`` on one port and counts every request that reaches it, so a test can prove 0 hits.
``ConnectLog`` records the addresses this process asks ``socket.connect`` for (through the
interpreter's audit hook), so a test can prove a refused address was never even tried.

Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.2 plays the "public"
server without any traffic leaving the machine. Must not: listen outside 127.0.0.0/8 and ::1.
"""

from __future__ import annotations

import socket
import ssl
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.fakes.server import TINY_JPEG


@dataclass(frozen=True)
class Seen:
    """One request a stub received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


Answer = tuple[int, dict[str, str], bytes]


def image(_seen: Seen) -> Answer:
    return 200, {"Content-Type": "image/jpeg"}, TINY_JPEG


def redirect_to(location: str, status: int = 302) -> Callable[[Seen], Answer]:
    return lambda _seen: (status, {"Location": location}, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, port: int, handler):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), handler)


class StubServer:
    """An HTTP/1.1 server on ``host:port`` (port 0: any free one) answering with ``answer``."""

    def __init__(self, host: str, answer: Callable[[Seen], Answer] = image, port: int = 0,
                 tls: ssl.SSLContext | None = None):
        self.host, self.answer, self.seen, self.scheme = host, answer, [], "https" if tls else "http"
        self.server_names: list[str | None] = []  # the TLS SNI each handshake asked for
        self._lock = threading.Lock()
        self._server = _Server(host, port, self._handler_class())
        self.port = self._server.server_address[1]
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _ctx: self.server_names.append(name)
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def hits(self) -> int:
        with self._lock:
            return len(self.seen)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> StubServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _handler_class(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                seen = Seen(self.command, parts.path, parse_qs(parts.query), dict(self.headers.items()),
                            self.rfile.read(length) if length else b"")
                with stub._lock:
                    stub.seen.append(seen)
                status, headers, body = stub.answer(seen)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = do_PUT = _any

        return Handler


class Canary:
    """The inside service: 127.0.0.1 and [::1] on one port, serving an image, counting hits."""

    def __init__(self, port: int = 0):
        self.v4 = StubServer("127.0.0.1", image, port)
        self.port = self.v4.port
        self.v6 = StubServer("::1", image, self.port)

    @property
    def hits(self) -> int:
        return self.v4.hits + self.v6.hits

    def close(self) -> None:
        self.v4.close()
        self.v6.close()

    def __enter__(self) -> Canary:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def on_same_port(first_host: str, second_host: str, answer=image, attempts: int = 20) -> tuple[StubServer, StubServer]:
    """Two stubs on one port number (for DNS rebinding: one name, two addresses)."""
    for _ in range(attempts):
        first = StubServer(first_host, answer)
        try:
            return first, StubServer(second_host, image, first.port)
        except OSError:
            first.close()
    raise RuntimeError("no port free on both addresses")


class ConnectLog:
    """The ``(host, port)`` of every ``socket.connect`` in this process while active (audit hook)."""

    _active: list[ConnectLog] = []
    _installed = False

    def __init__(self) -> None:
        self.addresses: list[tuple] = []

    def __enter__(self) -> ConnectLog:
        if not ConnectLog._installed:
            sys.addaudithook(ConnectLog._hook)  # audit hooks cannot be removed: one, switched by _active
            ConnectLog._installed = True
        ConnectLog._active.append(self)
        return self

    def __exit__(self, *exc_info) -> None:
        ConnectLog._active.remove(self)

    def to_port(self, port: int) -> list[tuple]:
        return [address for address in self.addresses if len(address) >= 2 and address[1] == port]

    def to_host(self, host: str) -> list[tuple]:
        return [address for address in self.addresses if address and address[0] == host]

    @staticmethod
    def _hook(event: str, args: tuple) -> None:
        if event == "socket.connect" and ConnectLog._active:
            address = args[1]
            if isinstance(address, tuple):
                for log in ConnectLog._active:
                    log.addresses.append(address)
