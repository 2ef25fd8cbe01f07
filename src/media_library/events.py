"""In-process events: named constants with typed payloads, published after the commit they report.

The worker, the scheduler and the services publish; the web layer subscribes and forwards to
Socket.IO. Subscribers must be quick and must not raise (a failing one is logged and skipped).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

JOB_UPDATED = "job_updated"          # payload: models.Job.to_public()
JOB_PROGRESS = "job_progress"        # payload: {"id", "kind", "progress", "message"}
LIBRARY_UPDATED = "library_updated"  # payload: {"media_ids": [...], "reason": str}
SERVICE_STATE = "service_state"      # payload: {"name", "state", "restarts", "error"}
DISC_UPDATED = "disc_updated"        # payload: disc state for the app (the disc source's event)

ALL_EVENTS = (JOB_UPDATED, JOB_PROGRESS, LIBRARY_UPDATED, SERVICE_STATE)  # the core's; sources add theirs

Subscriber = Callable[[str, dict[str, Any]], None]


class EventBus:
    """A tiny synchronous publish/subscribe hub; thread-safe. ``source_events`` are the names the
    registered sources declare (``Source.events``), accepted and forwarded like the core's."""

    def __init__(self, source_events: tuple[str, ...] = ()) -> None:
        self.source_events = tuple(source_events)
        self.names = frozenset((*ALL_EVENTS, *self.source_events))
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, name: str, payload: dict[str, Any]) -> None:
        if name not in self.names:
            raise ValueError(f"unknown event {name!r}")
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(name, payload)
            except Exception:  # a broken subscriber must not break the publisher
                log.exception("event subscriber failed for %s", name)
