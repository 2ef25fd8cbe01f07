"""The stream route's fast path: ``GET``/``HEAD /api/media/<id>/stream`` on the event loop, without
a Flask request per range, for a credential Flask has just let read that file (``web/stream_grants.py``).

``FastStreams`` sits in front of the Flask app (a2wsgi) in ``web/asgi.py``. A request it may take
(GET or HEAD, no body, no ``Origin`` header — CORS stays Flask's —, no credential or Range header
given twice, and a live grant for its key) is answered like this:

1. in a reading thread: ``open_verified`` opens the granted real path again (``O_NOFOLLOW``, the
   opened descriptor's ``/proc/self/fd`` path re-checked against the media roots, regular files
   only: the path checks hold for every range), and ``plan_range`` plans the answer exactly as the
   Flask route does (304, 200, 206);
2. on the loop: the headers (the route's own, then the security headers of ``SecurityHeaders``);
3. the body, zero-copy: ``os.sendfile`` from the file to the socket in a sending thread (through
   ``ZeroCopy``, ``web/protocol.py``), the GIL free and no byte in Python, for as long as the socket
   takes them without waiting more than ``SOCKET_WAIT_MS``; the rest (a slow client, or TLS, where
   sendfile is not offered) 1 MiB per ``os.pread`` in a reading thread, sent through uvicorn with its
   flow control; a client that goes away stops the reads.

Anything else goes to Flask, which answers as before: no grant, a file that is gone or now outside
the roots (the grant is dropped), an unsatisfiable range (416 with its JSON error). What the fast
path saves per range: the WSGI adapter, the Flask request, the session/token lookups, the item/file
queries, and the copy of the bytes through Python (measured in docs/ARCHITECTURE.md, "Web server").
"""

from __future__ import annotations

import asyncio
import os
import re
import select
from dataclasses import dataclass
from pathlib import Path

from ..errors import MediaLibraryError
from ..services.streaming import CHUNK, OpenFile, RangeNotSatisfiable, RangePlan, open_verified, plan_range
from .loop_threads import LoopThreads
from .protocol import ZERO_COPY_SCOPE_KEY, ZeroCopy
from .security import environ_view, is_https, missing_headers
from .stream_grants import Grant, StreamGrants, grant_key

STREAM_ROUTE = re.compile(r"/api/media/([^/]+)/stream")
# One each at most: the key must be what Flask would see, and the Range rules what Flask would apply.
_ONCE = (b"authorization", b"cookie", b"range", b"if-range", b"if-none-match")
_REFUSED = (b"origin", b"content-length", b"transfer-encoding")  # CORS and bodies stay Flask's
SOCKET_WAIT_MS = 50
# Threads that run ``os.sendfile``: each waits on its socket with the GIL free, so many cost little;
# sharing the few handler slots made every range queue behind 4 sends (p99 5x nginx's, measured).
SENDERS = 32


@dataclass
class Opened:
    """A granted file opened for one request: its plan, the first chunk of the body, and where the
    rest lies (nothing for HEAD and 304)."""

    file: OpenFile
    plan: RangePlan
    first: bytes
    offset: int
    remaining: int


def request_headers(scope) -> dict[bytes, bytes] | None:
    """The headers the fast path reads, or None when Flask must answer the request."""
    found: dict[bytes, bytes] = {}
    for name, value in scope.get("headers") or ():
        if name in _REFUSED or (name in _ONCE and name in found):
            return None
        found[name] = value
    return found


def _text(headers: dict[bytes, bytes], name: bytes) -> str | None:
    value = headers.get(name)
    return None if value is None else value.decode("latin-1")


class FastStreams:
    """ASGI middleware: granted stream requests here, every other request to ``app``."""

    def __init__(self, app, grants: StreamGrants, roots: list[Path], trusted_proxies: list[str], readers: int):
        self.app, self.grants, self.roots, self.trusted = app, grants, roots, trusted_proxies
        self.readers = LoopThreads(readers, "stream-read")
        self.senders = LoopThreads(SENDERS, "stream-send")

    async def __call__(self, scope, receive, send):
        found = self._grant(scope) if self.grants.enabled else None
        if found is None or not await self._serve(scope, receive, send, *found):
            await self.app(scope, receive, send)

    def shutdown(self) -> None:
        self.readers.shutdown()
        self.senders.shutdown()

    def _grant(self, scope) -> tuple[bytes, Grant, dict, bool] | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        match = STREAM_ROUTE.fullmatch(scope["path"])
        headers = request_headers(scope) if match else None
        if headers is None:
            return None
        https = is_https(environ_view(scope), self.trusted)
        key = grant_key(match[1], scope.get("query_string", b""), headers.get(b"authorization", b""),
                        headers.get(b"cookie", b""), https)
        grant = self.grants.find(key)
        return None if grant is None else (key, grant, headers, https)

    async def _serve(self, scope, receive, send, key: bytes, grant: Grant, headers: dict, https: bool) -> bool:
        """Answer from the grant; False (nothing sent) when Flask must answer instead."""
        body = scope["method"] == "GET"
        read_first = body and ZERO_COPY_SCOPE_KEY not in scope
        try:
            opened = await self.readers.run(self._open, grant, headers, body, read_first)
        except RangeNotSatisfiable:
            return False
        except MediaLibraryError:  # gone, or no longer under a media root
            self.grants.forget(key)
            return False
        try:
            await send(self._start(opened.plan, grant, https))
            await self._send_body(opened, scope, receive, send)
        finally:
            opened.file.close()
        return True

    def _open(self, grant: Grant, headers: dict, body: bool, read_first: bool) -> Opened:
        """In a reading thread: open and check the file, plan the answer, read its first chunk
        (unless it will go out with ``sendfile``)."""
        file = open_verified(grant.path, self.roots)
        try:
            plan = plan_range(file, _text(headers, b"range"), _text(headers, b"if-range"), _text(headers, b"if-none-match"))
            length = plan.length if body and plan.status != 304 else 0
            first = os.pread(file.fd, min(CHUNK, length), plan.start) if length and read_first else b""
            return Opened(file, plan, first, plan.start + len(first), length - len(first))
        except BaseException:
            file.close()
            raise

    def _start(self, plan: RangePlan, grant: Grant, https: bool) -> dict:
        own = dict(plan.headers)
        if plan.status != 304:
            own.update({"Content-Type": grant.content_type, "Content-Length": str(plan.length)})
        extra = missing_headers({name.lower() for name in own}, https=https, is_api=True)
        pairs = [*own.items(), *extra]
        return {"type": "http.response.start", "status": plan.status,
                "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in pairs]}

    async def _send_body(self, opened: Opened, scope, receive, send) -> None:
        """The planned bytes: with ``sendfile`` while the socket takes them, then (a slow client, TLS)
        1 MiB per read through uvicorn; stops reading when the client has gone."""
        offset, remaining = opened.offset, opened.remaining
        zero_copy = scope.get(ZERO_COPY_SCOPE_KEY)
        if remaining and zero_copy is not None:
            sent = await self._send_file(zero_copy, opened.file.fd, offset, remaining)
            offset, remaining = offset + sent, remaining - sent
            if not remaining:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
        await self._send_read(opened, offset, remaining, receive, send)

    async def _send_file(self, zero_copy: ZeroCopy, file_fd: int, offset: int, count: int) -> int:
        """Bytes sent with ``os.sendfile`` in a reading thread (none if uvicorn still has some queued)."""
        socket_fd = zero_copy.socket_descriptor()
        if socket_fd is None:
            return 0
        try:
            sent = await self.senders.run(send_file_part, socket_fd, file_fd, offset, count)
        finally:
            os.close(socket_fd)
        zero_copy.sent(sent)
        return sent

    async def _send_read(self, opened: Opened, offset: int, remaining: int, receive, send) -> None:
        first = opened.first if offset == opened.offset else b""
        await send({"type": "http.response.body", "body": first, "more_body": remaining > 0})
        if remaining <= 0:
            return
        gone = asyncio.ensure_future(_disconnected(receive))
        try:
            while remaining > 0 and not gone.done():
                data = await self.readers.run(os.pread, opened.file.fd, min(CHUNK, remaining), offset)
                if not data:
                    raise OSError(f"{opened.file.path} became shorter while it was sent")
                offset, remaining = offset + len(data), remaining - len(data)
                await send({"type": "http.response.body", "body": data, "more_body": remaining > 0})
        finally:
            gone.cancel()


def send_file_part(socket_fd: int, file_fd: int, offset: int, count: int) -> int:
    """Up to ``count`` bytes of the file from ``offset`` to the (non-blocking) socket with
    ``os.sendfile``; stops when the socket stays full for ``SOCKET_WAIT_MS`` (a slow client: the rest
    goes through uvicorn's buffer and flow control, and the thread is free again), or fails (the
    client went away: uvicorn finds out on its next write). The bytes sent."""
    sent, poller = 0, None
    while sent < count:
        try:
            n = os.sendfile(socket_fd, file_fd, offset + sent, count - sent)
        except BlockingIOError:
            if poller is None:
                poller = select.poll()
                poller.register(socket_fd, select.POLLOUT)
            if not poller.poll(SOCKET_WAIT_MS):
                break
            continue
        except OSError:
            break
        if n == 0:
            break
        sent += n
    return sent


async def _disconnected(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
