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
