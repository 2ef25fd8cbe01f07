"""Lean HTTP load for the web benches: keep-alive HTTP/1.1 clients as coroutines of one asyncio loop.

A threaded ``http.client`` load generator spends more CPU per request than the server it measures
(each 1 MiB body is read and copied in Python, 50 threads contend for one GIL), and on a 2-core
machine that CPU is taken from the server. Here every client is a coroutine on one uvloop loop;
a response body is received into one reused buffer (``asyncio.BufferedProtocol``) and only counted
unless the caller keeps it, so a 1 MiB range costs the client a few system calls and no copy.

Only what the benches need: a request with ``Content-Length`` bodies both ways, keep-alive, a
reconnect when the server closes. ``Loader.run`` drives ``clients`` coroutines for a bounded time and
reports requests/s, MiB/s, p99 and errors, plus this process's own CPU seconds.
"""

from __future__ import annotations

import asyncio
import base64
import os
import time
from dataclasses import dataclass, field

RECEIVE_BUFFER = 1024 * 1024
HEAD_LIMIT = 16 * 1024


class HttpError(Exception):
    """A response the client could not read (connection lost, no Content-Length, malformed head)."""


@dataclass
class Response:
    status: int
    size: int
    body: bytes
    close: bool


class Connection(asyncio.BufferedProtocol):
    """One keep-alive connection; ``request`` sends a request and waits for its whole response."""

    def __init__(self, keep_bodies_up_to: int):
        self.keep_limit = keep_bodies_up_to
        self.buffer = memoryview(bytearray(RECEIVE_BUFFER))
        self.transport: asyncio.Transport | None = None
        self.waiter: asyncio.Future | None = None
        self.lost = False
        self._reset()

    def _reset(self) -> None:
        self.head, self.body = bytearray(), bytearray()
        self.status, self.remaining, self.size, self.close = 0, -1, 0, False

    # --- asyncio.BufferedProtocol ---
    def connection_made(self, transport) -> None:
        self.transport = transport

    def get_buffer(self, sizehint: int):
        return self.buffer

    def buffer_updated(self, nbytes: int) -> None:
        data = self.buffer[:nbytes]
        if self.remaining < 0:  # the head: copy only its first bytes, never the body behind it
            probe = bytes(data[:HEAD_LIMIT])
            before = len(self.head)
            self.head += probe
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                if len(self.head) >= HEAD_LIMIT:
                    self._fail("response head over 16 KiB")
                return
            self._parse_head(bytes(self.head[:end]))
            data = data[end + 4 - before:]
        self._take_body(data)

    def connection_lost(self, exc) -> None:
        self.lost = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HttpError(f"connection lost: {exc or 'closed by the server'}"))

    # --- parsing ---
    def _parse_head(self, head: bytes) -> None:
        lines = head.decode("latin-1").split("\r\n")
        try:
            self.status = int(lines[0].split(" ", 2)[1])
        except (IndexError, ValueError):
            return self._fail(f"malformed status line {lines[0][:80]!r}")
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                self.close = True
        if length is None:
            return self._fail(f"{self.status} answer without Content-Length")
        self.remaining = length
        return None

    def _take_body(self, data: memoryview) -> None:
        if self.remaining < 0:
            return
        take = min(len(data), self.remaining)
        self.remaining -= take
        self.size += take
        if self.size <= self.keep_limit:
            self.body += data[:take]
        if self.remaining == 0 and self.waiter is not None and not self.waiter.done():
            kept = bytes(self.body) if self.size <= self.keep_limit else b""
            self.waiter.set_result(Response(self.status, self.size, kept, self.close))

    def _fail(self, reason: str) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HttpError(reason))
        self.transport.close()

    # --- the client side ---
    async def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                      body: bytes = b"") -> Response:
        if self.lost:
            raise HttpError("connection closed")
        self._reset()
        self.waiter = asyncio.get_running_loop().create_future()
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        if body or method not in ("GET", "HEAD"):  # as browsers do: a GET carries no Content-Length
            lines.append(f"Content-Length: {len(body)}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        return await self.waiter


async def connect(port: int, keep_bodies_up_to: int = 64 * 1024) -> Connection:
    loop = asyncio.get_running_loop()
    _, protocol = await loop.create_connection(lambda: Connection(keep_bodies_up_to), "127.0.0.1", port)
    return protocol


class Client:
    """A connection that reopens itself after the server closed it (``Connection: close``, errors)."""

    def __init__(self, port: int, keep_bodies_up_to: int = 64 * 1024):
        self.port, self.keep = port, keep_bodies_up_to
        self.conn: Connection | None = None

    async def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                      body: bytes = b"") -> Response:
        if self.conn is None or self.conn.lost:
            self.conn = await connect(self.port, self.keep)
        try:
            response = await self.conn.request(method, path, headers, body)
        except BaseException:
            self.close()
            raise
        if response.close:
            self.close()
        return response

    def close(self) -> None:
        if self.conn is not None and self.conn.transport is not None:
            self.conn.transport.close()
        self.conn = None


@dataclass
class Tally:
    """What the clients of one run measured."""
    latencies: list[float] = field(default_factory=list)
    nbytes: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self, elapsed: float) -> dict:
        every = sorted(self.latencies)
        p99 = every[min(len(every) - 1, int(len(every) * 0.99))] * 1000 if every else float("nan")
        return {"rps": round(len(every) / elapsed, 1), "p99_ms": round(p99, 2), "errors": len(self.errors),
                "mib_s": round(self.nbytes / elapsed / (1024 * 1024), 1), "elapsed": elapsed}


async def timed(client: Client, tally: Tally, method: str, path: str, headers: dict | None = None,
                body: bytes = b"") -> Response | None:
    """One request; its latency and size go into ``tally``, an error (or a status ≥ 400) too."""
    started = time.perf_counter()
    try:
        response = await client.request(method, path, headers, body)
    except (OSError, HttpError) as exc:
        tally.errors.append(f"{method} {path}: {type(exc).__name__}: {exc}"[:200])
        return None
    if response.status >= 400:
        tally.errors.append(f"{method} {path} -> {response.status} {response.body[:120]!r}")
        return None
    tally.latencies.append(time.perf_counter() - started)
    tally.nbytes += response.size
    return response


async def closed_loop(port: int, clients: int, seconds: float, request_for) -> tuple[Tally, float]:
    """``clients`` coroutines, each sending ``request_for(n) -> (path, headers)`` GETs back to back
    on its own keep-alive connection for ``seconds``; the tally and the elapsed seconds."""
    tally, stop = Tally(), time.monotonic() + seconds

    async def one(i: int) -> None:
        client, n = Client(port), i
        while time.monotonic() < stop:
            path, headers = request_for(n)
            await timed(client, tally, "GET", path, headers)
            n += clients
        client.close()

    began = time.monotonic()
    await asyncio.gather(*(one(i) for i in range(clients)))
    return tally, time.monotonic() - began


def run(coroutine):
    """Run ``coroutine`` on a fresh uvloop loop (the same loop uvicorn uses)."""
    import uvloop

    return uvloop.run(coroutine)


# --- raw Engine.IO WebSocket clients ------------------------------------------------------------
class EngineSocket(asyncio.Protocol):
    """One Engine.IO v4 WebSocket client as bare frames: the upgrade, then server frames parsed from
    the bytes as they come (several per read: the server batches events) and each text message handed
    to ``on_message(self, text)``. No per-message task, queue or future: an idle socket costs the fleet
    nothing, an event the parse of one frame. ``send_text`` masks with a zero key (RFC 6455 lets the
    key be anything; the server only unmasks)."""

    def __init__(self, path: str, on_message, on_close):
        self.path, self.on_message, self.on_close = path, on_message, on_close
        self.transport: asyncio.Transport | None = None
        self.pending, self.upgraded = bytearray(), False

    def connection_made(self, transport) -> None:
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write((f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())

    def data_received(self, data: bytes) -> None:
        self.pending += data
        if not self.upgraded:
            end = self.pending.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self.pending.startswith(b"HTTP/1.1 101"):
                self.transport.close()
                return
            self.upgraded = True
            del self.pending[:end + 4]
        self._frames()

    def _frames(self) -> None:
        pending, at = self.pending, 0
        while len(pending) - at >= 2:
            opcode, length, head = pending[at] & 0x0F, pending[at + 1] & 0x7F, 2
            if length == 126:
                length, head = int.from_bytes(pending[at + 2:at + 4], "big"), 4
            elif length == 127:
                length, head = int.from_bytes(pending[at + 2:at + 10], "big"), 10
            if len(pending) - at < head + length:
                break
            payload = bytes(pending[at + head:at + head + length])
            at += head + length
            if opcode == 0x1:
                self.on_message(self, payload)
            elif opcode == 0x8:
                self.transport.close()
            elif opcode == 0x9:
                self._send(0xA, payload)
        del pending[:at]

    def send_text(self, text: str) -> None:
        self._send(0x1, text.encode())

    def _send(self, opcode: int, payload: bytes) -> None:
        n = len(payload)
        size = bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big")
        self.transport.write(bytes([0x80 | opcode]) + size + b"\0\0\0\0" + payload)

    def connection_lost(self, exc) -> None:
        self.on_close(self)
