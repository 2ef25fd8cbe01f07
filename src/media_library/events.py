"""In-process events: one frozen dataclass per event, published after the commit it reports.

Each event class carries its wire name (``name``, what Socket.IO emits and the browser app listens
for) and whether the web layer forwards it to signed-in browsers (``forwarded``). ``payload()`` is
the JSON-able dict a subscriber or Socket.IO sends. The classes are also the source of the browser
app's event types (``scripts/gen_event_types.py`` writes ``frontend/src/lib/events.gen.ts``).

An ``EventBus`` knows the event types it carries (the core ones by default; a source adds its own
through ``EventBus(types=...)``) and refuses any other. Subscribers are called on the publishing
thread unless they subscribe with ``background=True``: then one dispatcher thread with a bounded
queue delivers to them, so a publisher never waits on a subscriber that touches the database. A
failing subscriber is logged and skipped; a full queue drops the event with a warning.

Must not: know Socket.IO or Flask, or import anything of the project but the standard library.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

log = logging.getLogger(__name__)

WIRE = "wire"  # field metadata key: the payload key when it differs from the field's name


@dataclass(frozen=True)
class Event:
    """The base of every event: ``name`` on the wire, ``forwarded`` to browsers by Socket.IO.

    A subclass declares both in its class line: ``class Imported(Event, name="imported")``
    (not forwarded unless it says ``forwarded=True``).
    """

    name: ClassVar[str]
    forwarded: ClassVar[bool] = False

    def __init_subclass__(cls, *, name: str | None = None, forwarded: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if name is not None:  # an intermediate base (ApiShapeEvent) names no event of its own
            cls.name, cls.forwarded = name, forwarded

    def payload(self) -> dict[str, Any]:
        """The JSON-able dict that subscribers and Socket.IO send."""
        return {wire: getattr(self, f.name) for wire, f in wire_fields(type(self))}


def wire_fields(event_type: type[Event]) -> list[tuple[str, dataclasses.Field]]:
    """Each field of an event with the key it has in the payload."""
    return [(f.metadata.get(WIRE, f.name), f) for f in dataclasses.fields(event_type)]


@dataclass(frozen=True)
class ApiShapeEvent(Event):
    """An event whose payload is one of the API's own shapes: a model's ``to_public()``, exactly as
    the API shows it. ``api_schema`` names that shape's OpenAPI schema, which is also the browser
    app's type for the event (``scripts/gen_event_types.py``)."""

    public: dict[str, Any]
    api_schema: ClassVar[str]

    def payload(self) -> dict[str, Any]:
        return dict(self.public)

    @classmethod
    def of(cls, model: Any) -> Self:
        """The event for ``model`` (anything with ``to_public()``)."""
        return cls(model.to_public())


@dataclass(frozen=True)
class JobUpdated(ApiShapeEvent, name="job_updated", forwarded=True):
    """A job was queued, started, finished, failed, cancelled or retried (the API's ``Job``)."""

    api_schema: ClassVar[str] = "Job"


@dataclass(frozen=True)
class JobProgress(Event, name="job_progress", forwarded=True):
    """A running job reported progress (throttled by the worker)."""

    id: int
    kind: str
    progress: float
    message: str | None


@dataclass(frozen=True)
class LibraryUpdated(Event, name="library_updated", forwarded=True):
    """Library items changed; ``reason`` says why (``identified``, ``review``, ``artwork``, …)."""

    media_ids: list[str]
    reason: str


@dataclass(frozen=True)
class ServiceState(Event, name="service_state", forwarded=True):
    """A background service of the runtime started, stopped, failed or was restarted."""

    service: str = field(metadata={WIRE: "name"})  # ``name`` is the event's wire name
    state: str
    restarts: int
    error: str | None


CORE_EVENTS: tuple[type[Event], ...] = (JobUpdated, JobProgress, LibraryUpdated, ServiceState)  # sources add theirs

Subscriber = Callable[[Event], None]


def _deliver(callback: Subscriber, event: Event) -> None:
    try:
        callback(event)
    except Exception:  # a broken subscriber must not break the publisher or its dispatcher
        log.exception("event subscriber %s failed for %s", getattr(callback, "__qualname__", callback), event.name)


class _Dispatcher:
    """One background subscriber: a bounded queue and the one thread that empties it in order."""

    _STOP = object()

    def __init__(self, callback: Subscriber, queue_size: int):
        self.callback = callback
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._pending = 0
        self._idle = threading.Condition()
        self._closing = threading.Event()
        name = getattr(callback, "__qualname__", type(callback).__name__)
        self._thread = threading.Thread(target=self._run, name=f"events:{name}", daemon=True)
        self._thread.start()

    def offer(self, event: Event) -> None:
        """Queue ``event`` without waiting; a full queue drops it (logged)."""
        if self._closing.is_set():
            return
        with self._idle:
            self._pending += 1
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self._done()
            log.warning("event %s dropped: the queue of %s is full", event.name, self._thread.name)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._STOP:
                return
            _deliver(self.callback, item)
            self._done()
            if self._closing.is_set() and self._queue.empty():
                return

    def _done(self) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, deadline: float) -> bool:
        with self._idle:
            while self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def stop(self, timeout: float) -> None:
        """Deliver what is queued (within ``timeout``), then end the thread."""
        self._closing.set()
        try:
            self._queue.put(self._STOP, timeout=timeout)
        except queue.Full:
            log.warning("%s did not drain in %.1f s", self._thread.name, timeout)
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)


class EventBus:
    """Publish/subscribe for the event types it was built with; thread-safe."""

    def __init__(self, types: Iterable[type[Event]] = CORE_EVENTS, *, queue_size: int = 1000):
        self._types = tuple(types)
        names = [t.name for t in self._types]
        if len(set(names)) != len(names):
            raise ValueError(f"two event types share a name: {sorted(names)}")
        self._queue_size = queue_size
        self._subscriptions: list[tuple[Subscriber, _Dispatcher | None]] = []
        self._lock = threading.Lock()
        self._closed = False

    @property
    def types(self) -> tuple[type[Event], ...]:
        """Every event type this bus carries."""
        return self._types

    def subscribe(self, callback: Subscriber, *, background: bool = False) -> Callable[[], None]:
        """Call ``callback(event)`` for each event; returns the unsubscribe function.

        ``background=True`` delivers on a dispatcher thread of its own (for subscribers that touch
        the database or may be slow), so ``publish`` never waits on them.
        """
        with self._lock:
            if background and self._closed:
                raise RuntimeError("the event bus is closed")
            subscription = (callback, _Dispatcher(callback, self._queue_size) if background else None)
            self._subscriptions.append(subscription)
        return lambda: self._unsubscribe(subscription)

    def _unsubscribe(self, subscription: tuple[Subscriber, _Dispatcher | None]) -> None:
        with self._lock:
            if subscription not in self._subscriptions:
                return
            self._subscriptions.remove(subscription)
        if subscription[1] is not None:
            subscription[1].stop(timeout=5.0)

    def publish(self, event: Event) -> None:
        """Hand ``event`` to every subscriber; an event type this bus does not carry is refused."""
        if type(event) not in self._types:
            raise ValueError(f"unknown event {type(event).__name__}: register its type in EventBus(types=...)")
        with self._lock:
            subscriptions = list(self._subscriptions)
        for callback, dispatcher in subscriptions:
            if dispatcher is not None:
                dispatcher.offer(event)
            else:
                _deliver(callback, event)

    def _dispatchers(self) -> list[_Dispatcher]:
        with self._lock:
            return [d for _, d in self._subscriptions if d is not None]

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every background subscriber has handled what was published so far."""
        deadline = time.monotonic() + timeout
        return all(d.wait_idle(deadline) for d in self._dispatchers())

    def close(self, timeout: float = 5.0) -> None:
        """Stop the background dispatchers (after they deliver what is queued, within ``timeout``)."""
        dispatchers = self._dispatchers()
        with self._lock:
            self._closed = True
            self._subscriptions = [s for s in self._subscriptions if s[1] is None]
        for dispatcher in dispatchers:
            dispatcher.stop(timeout)
