"""Monitor mode's outbox: messages for the server kept in a small JSON-lines file until delivered.

``put`` appends one line and fsyncs, so an announcement or a result survives a crash of the
monitor; ``deliver`` sends them oldest first and stops at the first failure (the server is away:
try again later), rewriting the file atomically without the delivered ones. Delivery is
at-least-once; the server's routes are idempotent on the disc key, so a repeat is harmless.

Must not: hold anything but small JSON messages, or drop a message that was not delivered.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...errors import MediaLibraryError
from ..files import write_atomic

log = logging.getLogger(__name__)


class Outbox:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def put(self, message: dict[str, Any]) -> None:
        line = json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return self._read()

    def _read(self) -> list[dict[str, Any]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        messages = []
        for line in lines:
            try:
                messages.append(json.loads(line))
            except ValueError:  # a torn last line from a crash mid-append: skip it
                log.warning("Skipping an unreadable outbox line")
        return messages

    def deliver(self, send: Callable[[dict[str, Any]], None]) -> int:
        """Send what is pending, in order; returns how many left the outbox (delivered, or refused for good)."""
        with self._lock:
            messages = self._read()
            sent = 0
            for message in messages:
                try:
                    send(message)
                except MediaLibraryError as exc:
                    if not _refused_for_good(exc):
                        log.info("Server not reachable (%s); %d message(s) wait in the outbox", exc.message, len(messages) - sent)
                        break
                    log.error("The server refused a %s message for good (%s); dropping it", message.get("type", "monitor"), exc.message)
                sent += 1
            if sent:
                rest = "".join(json.dumps(m, ensure_ascii=False, separators=(",", ":")) + "\n" for m in messages[sent:])
                write_atomic(self.path, rest.encode("utf-8"))
            return sent


def _refused_for_good(exc: MediaLibraryError) -> bool:
    """A 4xx answer other than auth or rate limits: sending it again would be refused again."""
    status = getattr(exc, "upstream_status", None)
    return status is not None and 400 <= status < 500 and status not in (401, 403, 408, 429)
