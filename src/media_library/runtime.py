"""The composition root: builds everything a mode needs from the settings, starts it, stops it.

``Runtime.build(settings, mode)`` opens and migrates the database, composes ``AppState``, the
event bus, the job registry and services; ``start()`` runs each background service in its own
supervised thread (restarted with backoff when it dies, visible in ``health()``); ``stop()``
stops them all within the shutdown grace. Modes:

- ``full``: web server + job workers + scheduler + disc monitor
- ``server``: web server + job workers + scheduler (Docker)
- ``worker``: job workers + scheduler, no web server
- ``monitor``: disc monitor only; never opens the database (it talks to a server over HTTP)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from . import __version__, events
from .config import Settings
from .db import migrate
from .db.engine import Database, DatabaseOptions
from .jobs.handlers import register_all
from .jobs.registry import JobRegistry
from .jobs.scheduler import Scheduler
from .jobs.worker import WorkerOptions, WorkerPool
from .logs import Redactor
from .services.browse import BrowseService
from .services.collections import CollectionsService
from .services.discs.service import DiscService
from .services.jobs import JobService
from .services.library import build_library_services
from .services.playback import PlaybackService
from .services.strm.auto import install_strm_auto
from .state import AppState

log = logging.getLogger(__name__)
MODES = ("full", "server", "worker", "monitor")
WEB_MODES = ("full", "server")


@dataclass
class ServiceStatus:
    name: str
    state: str = "starting"
    restarts: int = 0
    error: str | None = None
    since: float = field(default_factory=time.time)


class Supervisor:
    """Runs each service's blocking ``run()`` in a thread; restarts it with backoff if it dies."""

    def __init__(self, bus: events.EventBus | None = None, *, max_backoff: float = 60.0):
        self.bus = bus
        self.max_backoff = max_backoff
        self.status: dict[str, ServiceStatus] = {}
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._stoppers: list[Callable[[], None]] = []

    def add(self, name: str, run: Callable[[], None], stop: Callable[[], None]) -> None:
        self.status[name] = ServiceStatus(name)
        self._stoppers.append(stop)
        thread = threading.Thread(target=self._keep_running, args=(name, run), name=f"svc-{name}", daemon=True)
        self._threads.append(thread)
        thread.start()

    def _keep_running(self, name: str, run: Callable[[], None]) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            self._set(name, "running")
            try:
                run()
            except Exception as exc:  # a dying service is logged, shown in health and restarted
                log.exception("Service %s died; restarting in %.0f s", name, backoff)
                self._set(name, "restarting", error=f"{type(exc).__name__}: {exc}", restarted=True)
                if self._stop.wait(backoff):
                    break
                backoff = min(self.max_backoff, backoff * 2)
                continue
            if not self._stop.is_set():  # returned on its own: treat like a crash, without the trace
                self._set(name, "restarting", error="stopped unexpectedly", restarted=True)
                if self._stop.wait(backoff):
                    break
                backoff = min(self.max_backoff, backoff * 2)
        self._set(name, "stopped")

    def _set(self, name: str, state: str, *, error: str | None = None, restarted: bool = False) -> None:
        status = self.status[name]
        status.state, status.since = state, time.time()
        if error is not None:
            status.error = error
        if restarted:
            status.restarts += 1
        if self.bus:
            self.bus.publish(events.ServiceState(name, state, status.restarts, status.error))

    def stop(self, timeout: float) -> None:
        self._stop.set()
        for stop in self._stoppers:
            try:
                stop()
            except Exception:
                log.exception("A service failed to stop cleanly")
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def health(self) -> dict[str, Any]:
        return {name: {"state": s.state, "restarts": s.restarts, "error": s.error} for name, s in self.status.items()}


class Runtime:
    """Everything one process of the daemon holds. Tests build their own."""

    def __init__(self, settings: Settings, mode: str, *, redactor: Redactor | None = None):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.settings, self.mode = settings, mode
        self.redactor = redactor or Redactor(settings.secret_values())
        self.bus = events.EventBus()
        self.supervisor = Supervisor(self.bus)
        self.registry = JobRegistry()
        self.started_at = time.time()
        self.db: Database | None = None
        self.state: AppState | None = None
        self.pool: WorkerPool | None = None
        self.scheduler: Scheduler | None = None
        self.services = SimpleNamespace(settings=settings, bus=self.bus)
        self._stopped = False
        if mode != "monitor":
            self._build_state()

    @classmethod
    def build(cls, settings: Settings, mode: str = "server", **kwargs) -> Runtime:
        return cls(settings, mode, **kwargs)

    def _build_state(self) -> None:
        s = self.settings
        self.db = Database(DatabaseOptions(
            path=s.db_path, synchronous=s.database.synchronous, busy_timeout_ms=s.database.busy_timeout_ms,
            journal_size_limit_mb=s.database.journal_size_limit_mb,
        ))
        backup_dir = s.data_dir / "backups" if s.database.backup_before_migrate else None
        migrate.upgrade(self.db, backup_dir=backup_dir)
        self.state = AppState(self.db)
        register_all(self.registry)
        j = s.jobs
        self.pool = WorkerPool(self.state, self.registry, self.services, self.bus, work_root=s.work_dir, options=WorkerOptions(
            workers=j.workers, lease_seconds=j.lease_seconds, poll_seconds=j.poll_seconds, max_attempts=j.max_attempts,
            backoff_base=j.backoff_base_seconds, backoff_cap=j.backoff_cap_seconds, default_concurrency=j.default_concurrency,
            concurrency=dict(j.concurrency), progress_interval=j.progress_interval_seconds,
            shutdown_grace=s.server.shutdown_grace_seconds,
        ))
        self.jobs = JobService(self.state, self.bus, known_kinds=lambda: self.registry.kinds, max_attempts=j.max_attempts,
                               parse_payload=self.registry.parse_payload, wake=self.pool.wake, stop_running=self.pool.stop_job)
        self.scheduler = Scheduler(self.state, self.bus, wake=self.pool.wake, tick_seconds=s.scheduler.tick_seconds)
        self.services.state = self.state
        self.services.jobs = self.jobs
        self.services.scheduler = self.scheduler
        self.services.library = build_library_services(s, self.state, self.bus, self.jobs, scheduler=self.scheduler)
        self.services.discs = DiscService(self.state, self.bus, s, enqueue=self.jobs.enqueue, library=self.services.library)
        self.strm_auto = install_strm_auto(s, self.state, self.bus, self.jobs, self.scheduler)
        self.services.browse = BrowseService(self.state)
        self.services.playback = PlaybackService(self.state)
        self.services.collections = CollectionsService(self.state)
        self.services.collections.follow(self.bus)  # automatic collections follow identification

    # --- life cycle -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.pool is not None:
            stop_jobs = threading.Event()
            self.supervisor.add("jobs", lambda: self._run_pool(stop_jobs), lambda: stop_jobs.set())
        if self.scheduler is not None and self.settings.scheduler.enabled:
            self.supervisor.add("scheduler", self.scheduler.run, self.scheduler.stop)
        if self.mode in ("full", "monitor"):
            from .services.discs.runner import build_disc_monitor

            disc_monitor = build_disc_monitor(self)
            self.supervisor.add("discs", disc_monitor.run, disc_monitor.stop)
        if self.state is not None:
            stop_maint = threading.Event()
            self.supervisor.add("maintenance", lambda: self._maintenance(stop_maint), stop_maint.set)
        log.info("Media Library %s started in %s mode", __version__, self.mode)

    def _run_pool(self, stop: threading.Event) -> None:
        self.pool.start()
        stop.wait()
        self.pool.stop()

    def _maintenance(self, stop: threading.Event) -> None:
        """Keep the WAL bounded and old sessions gone."""
        idle = self.settings.auth.session_idle_minutes * 60
        while not stop.wait(300):
            self.db.checkpoint()
            self.state.delete_expired_sessions(idle)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.supervisor.stop(self.settings.server.shutdown_grace_seconds + 1.0)
        self.bus.close()  # background subscribers finish what is queued before the database closes
        if self.state is not None:
            self.state.close()
        log.info("Media Library stopped")

    def health(self) -> dict[str, Any]:
        return {
            "status": "ok" if all(s["state"] == "running" for s in self.supervisor.health().values()) else "degraded",
            "version": __version__,
            "mode": self.mode,
            "uptime_s": round(time.time() - self.started_at, 1),
            "services": self.supervisor.health(),
        }
