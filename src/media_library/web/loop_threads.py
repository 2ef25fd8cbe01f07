"""Threads the event loop hands blocking work to: Flask requests, opening a streamed file, ``sendfile``.

``LoopThreads.run(fn, *args)`` queues the call on a ``queue.SimpleQueue`` and returns a future of
the calling loop; the thread that runs it settles the future with ``loop.call_soon_threadsafe``.
Neither side takes a lock written in Python. ``loop.run_in_executor`` with a ``ThreadPoolExecutor``
takes three on every call (the executor's shutdown locks and its idle-thread semaphore, which the
workers also take after every item) plus the ``concurrent.futures.Future``'s condition: when a
worker holding one of them was switched out for the GIL, the loop thread waited for it, and every
connection with it. py-spy (GIL samples, bench/load.py) put the loop thread in that semaphore 10 %
of the time. The threads start with the pool and stay, as many as asked for.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any


class LoopThreads:
    """A fixed set of daemon threads running what an event loop hands them, in order of arrival."""

    def __init__(self, count: int, name: str):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}_{n}", daemon=True) for n in range(count)]
        for thread in self._threads:
            thread.start()

    def run(self, fn: Callable[..., Any], *args: Any) -> asyncio.Future:
        """``fn(*args)`` in one of the threads: a future of the running loop with its result."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((loop, future, fn, args))
        return future

    def shutdown(self) -> None:
        """Cancel what has not started and let the threads end once their current call returns."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                _settle_soon(item[0], item[1].cancel)
        for _ in self._threads:
            self._queue.put(None)

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            loop, future, fn, args = item
            if future.cancelled():  # its caller has gone (a client that left while it waited)
                continue
            try:
                result = fn(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                _settle_soon(loop, _fail, future, exc)
            else:
                _settle_soon(loop, _succeed, future, result)


def _settle_soon(loop: asyncio.AbstractEventLoop, callback, *args) -> None:
    try:
        loop.call_soon_threadsafe(callback, *args)
    except RuntimeError:  # the loop closed meanwhile (shutdown): nobody waits for it any more
        pass


def _succeed(future: asyncio.Future, result: Any) -> None:
    if not future.done():
        future.set_result(result)


def _fail(future: asyncio.Future, exc: BaseException) -> None:
    if not future.done():
        future.set_exception(exc)
