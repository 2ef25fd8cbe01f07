"""Monitor mode: rip here (the Mac with the drive), let the server (in Docker) decide and publish.

``RemoteAgent`` never opens the server's database. For each inserted disc it:

1. puts an *announce* in the outbox and delivers it (the server identifies the disc and opens the
   confirmation window people see in the app);
2. asks the server for the disc until it is ``confirmed`` (the window ran out or a person chose),
   then rips with the confirmed choice (an encrypted Blu-ray through MakeMKV, when installed) into ``<media>/.incoming/monitor-<key>/`` of the shared
   media folder, reporting progress as it goes (best effort, never queued);
3. puts a *result* (the staged files and their scanned durations) in the outbox; the server checks
   each file and renames it into the library.

When the server is away the agent does not wait for it: after its own window it rips the main
feature under the cleaned label, and the outbox delivers announce + result when the server is
back (the server then names the film from its own identification). While messages wait, the
outbox is retried every ``disc.outbox_retry_seconds`` rather than on every poll; a new message
(an insert, a finished rip) is tried at once.

Must not: import ``state`` or open the database; run a shell.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import MediaLibraryError
from ...tools import handbrake, proc
from . import makemkv_rip, rip
from .labels import clean_label
from .monitor import InsertedDisc
from .outbox import Outbox

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 1.0


@dataclass
class Pending:
    disc: InsertedDisc
    key: str
    deadline: float
    started: bool = False


def remote_key(disc: InsertedDisc, now: float) -> str:
    host = "".join(c for c in socket.gethostname() if c.isalnum())[:20] or "monitor"
    return f"{host}-{int(now)}-{disc.fingerprint[:12]}"


class RemoteAgent:
    def __init__(self, api, outbox: Outbox, settings, *, clock=time.time):
        self.api, self.outbox, self.settings, self.clock = api, outbox, settings, clock
        self.pending: dict[str, Pending] = {}
        self._rip_slot = threading.Semaphore(1)  # one encode at a time on this machine
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.server_up = False
        self._retry_at = 0.0  # when a waiting outbox is tried again (clock time)

    @classmethod
    def from_settings(cls, settings) -> RemoteAgent:
        from ...clients.external import http_session
        from ...clients.server_api import ServerApi

        http = http_session(settings, retries=0)  # the outbox retries
        return cls(ServerApi.from_settings(settings, http), Outbox(settings.data_dir / "monitor" / "outbox.jsonl"), settings)

    # --- the monitor's callbacks -------------------------------------------------------------------
    def on_insert(self, disc: InsertedDisc) -> None:
        key = remote_key(disc, self.clock())
        self.outbox.put({"type": "announce", "key": key, "fingerprint": disc.fingerprint, "label": disc.label, "kind": disc.kind})
        self.pending[key] = Pending(disc, key, self.clock() + self.settings.disc.confirm_window_seconds)
        self.flush()

    def tick(self) -> None:
        if self.server_up or self.clock() >= self._retry_at:
            self.flush()
        for item in list(self.pending.values()):
            if not item.started:
                self._maybe_start(item)

    def flush(self) -> int:
        """Deliver what waits; when something is left the server is away until the next retry."""
        sent = self.outbox.deliver(self._send)
        self.server_up = not self.outbox.pending()
        if not self.server_up:
            self._retry_at = self.clock() + self.settings.disc.outbox_retry_seconds
        return sent

    def _send(self, message: dict[str, Any]) -> None:
        if message["type"] == "announce":
            self.api.announce(message["key"], message["fingerprint"], message["label"], message["kind"])
        elif message["type"] == "result":
            if message.get("error"):
                self.api.failure(message["key"], message["error"])
            else:
                self.api.result(message["key"], message["outputs"], message.get("choice"))

    def _maybe_start(self, item: Pending) -> None:
        if self.server_up:
            try:
                remote = self.api.disc(item.key)
            except MediaLibraryError as exc:
                log.info("Server not reachable for disc %s: %s", item.key, exc.message)
                remote = None
            if remote is not None:
                if remote.get("status") == "confirmed":
                    self._start(item, remote.get("choice") or {}, offline=False)
                elif remote.get("status") in ("unsupported", "failed", "done"):
                    self.pending.pop(item.key, None)
                return
        if self.clock() >= item.deadline and self.settings.disc.auto_rip and item.disc.kind in ("dvd", "bluray"):
            guess = clean_label(item.disc.label) or item.disc.label or "Unknown Disc"
            self._start(item, {"mode": "movie", "title": guess, "year": None}, offline=True)

    def _start(self, item: Pending, choice: dict[str, Any], *, offline: bool) -> None:
        item.started = True
        thread = threading.Thread(target=self._rip, args=(item, choice, offline), name=f"monitor-rip-{item.key}", daemon=True)
        self._threads.append(thread)
        thread.start()

    # --- the rip on this machine ---------------------------------------------------------------------
    def _rip(self, item: Pending, choice: dict[str, Any], offline: bool) -> None:
        with self._rip_slot:
            try:
                outputs = self.rip(item, choice)
                message = {"type": "result", "key": item.key, "outputs": outputs, "choice": choice if offline else None}
            except MediaLibraryError as exc:
                log.warning("Rip of %r failed: %s", item.disc.label, exc.message)
                message = {"type": "result", "key": item.key, "outputs": [], "error": exc.message}
            self.outbox.put(message)
            self.pending.pop(item.key, None)
            self.flush()

    def rip(self, item: Pending, choice: dict[str, Any]) -> list[dict[str, Any]]:
        opts = rip.RipOptions.from_settings(self.settings.disc)
        media_dir = Path(self.settings.media_dir)
        staging = rip.staging_dir(media_dir, f"monitor-{item.key}")
        progress = self._progress_reporter(item.key)
        if makemkv_rip.needed(item.disc.kind, item.disc.source):  # encrypted Blu-ray: MakeMKV first
            work = Path(self.settings.work_dir) / rip.naming.safe_component(f"monitor-{item.key}")
            _, done = makemkv_rip.rip_outputs(item.disc.source, choice, staging, work, opts, run=self._run,
                                              reencode=self.settings.disc.makemkv_reencode, progress=progress,
                                              check_cancelled=self._check)  # fmt: skip
        else:
            scan = handbrake.scan(item.disc.source, cancel=self._stop)
            planned = rip.plan_outputs(scan, choice, opts)
            done = rip.encode_outputs(item.disc.source, planned, staging, opts, run=self._run, progress=progress,
                                      check_cancelled=self._check)  # fmt: skip
        return [{"staged": path.relative_to(media_dir).as_posix(), "title_index": p.title_index,
                 "duration_s": p.duration_s, "role": p.role, "number": p.number} for p, path, _ in done]  # fmt: skip

    def _run(self, argv, **kwargs):
        return proc.run(argv, cancel=self._stop, **kwargs)

    def _check(self) -> None:
        if self._stop.is_set():
            from ...errors import JobCancelled

            raise JobCancelled("monitor stopping")

    def _progress_reporter(self, key: str):
        last = [0.0]

        def report(percent: float, message: str) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S:
                return
            last[0] = now
            try:
                self.api.progress(key, percent, message)
            except MediaLibraryError:
                pass  # progress is best effort; the result goes through the outbox

        return report

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)
