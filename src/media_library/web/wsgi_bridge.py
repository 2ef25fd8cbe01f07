"""The Flask app on uvicorn's loop: a2wsgi's ``WSGIMiddleware`` with one change, whole answers in one hop.

a2wsgi hands every ASGI message of a response to the loop separately and waits for each
(``run_coroutine_threadsafe(...).result()``): the start, each body chunk, and the empty last chunk,
so an API answer costs its request thread three round trips to the loop — a wake-up of the loop,
a task, a ``concurrent.futures`` future and a condition variable each. Measured with py-spy (GIL
samples) under bench/web.py's 50 health clients, that machinery took more of the GIL than Flask
itself. ``BufferedResponder`` keeps the start and the body in the thread while the body stays
under ``BUFFER_BYTES``; a finished answer that fits goes back as the thread's result, which the loop
awaits anyway, and is sent from there. A larger or slower body (a Flask-served stream range, a
download) switches to a2wsgi's own path at the first byte past the buffer, with its back-pressure;
only then is a2wsgi's sending task started (it was one more task per request). The request runs
on ``LoopThreads`` (``web/loop_threads.py``) instead of a2wsgi's ``ThreadPoolExecutor``. Everything
else (the environ, the request body, errors) is a2wsgi's.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools

from a2wsgi import WSGIMiddleware
from a2wsgi.wsgi import Body, WSGIResponder, build_environ

from .loop_threads import LoopThreads

BUFFER_BYTES = 256 * 1024


class BufferedResponder(WSGIResponder):
    """a2wsgi's responder that returns a small finished answer to the loop with the thread's result."""

    def __init__(self, *args):
        super().__init__(*args)
        self.held: list[dict] | None = []  # None once the answer streams through a2wsgi's queue
        self.held_bytes = 0
        self.asgi_send = None
        self.sending: asyncio.Task | None = None  # a2wsgi's sender, once the answer streams

    async def __call__(self, scope, receive, send) -> None:
        environ = build_environ(scope, Body(self.loop, receive))
        self.asgi_send = send
        try:
            await self.executor.run(functools.partial(contextvars.copy_context().run, self.wsgi), environ,
                                    self.start_response)
            if self.sending is not None:
                await self.send_queue.put(None)
                await self.sending
            for message in self.held or ():
                await send(message)
            if self.exc_info is not None:
                raise self.exc_info[0].with_traceback(self.exc_info[1], self.exc_info[2])
        finally:
            if self.sending is not None and not self.sending.done():
                self.sending.cancel()

    def send(self, message) -> None:
        """Keep ``message`` while the answer fits; else send what is kept, then this, a2wsgi's way."""
        if self.held is not None:
            self.held_bytes += len(message.get("body") or b"")
            if self.held_bytes <= BUFFER_BYTES:
                self.held.append(message)
                return
            held, self.held = self.held, None
            asyncio.run_coroutine_threadsafe(self._start_sending(), self.loop).result()
            for kept in held:
                super().send(kept)
        super().send(message)

    async def _start_sending(self) -> None:
        self.sending = self.loop.create_task(self.sender(self.asgi_send))

    def wsgi(self, environ, start_response) -> None:
        super().wsgi(environ, start_response)
        if self.held:
            self.held = _joined(self.held)


def _joined(messages: list[dict]) -> list[dict]:
    """The start message and one body message (with every kept chunk) instead of many."""
    start = [m for m in messages if m["type"] == "http.response.start"]
    body = b"".join(m.get("body") or b"" for m in messages if m["type"] == "http.response.body")
    return [*start, {"type": "http.response.body", "body": body, "more_body": False}]


class BufferedWSGIMiddleware(WSGIMiddleware):
    """``WSGIMiddleware`` answering through ``BufferedResponder``, its requests run by ``workers``
    threads of ``LoopThreads``."""

    def __init__(self, app, workers: int):
        super().__init__(app, workers)  # its ThreadPoolExecutor starts no thread before its first call
        self.executor = LoopThreads(workers, "WSGI")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await super().__call__(scope, receive, send)
        return await BufferedResponder(self.app, self.executor, self.send_queue_size)(scope, receive, send)
