"""The composition root: builds everything a mode needs from the settings, starts it, stops it.

``Runtime.build(settings, mode)`` opens and migrates the database, composes ``AppState``, the
event bus, the job registry and one frozen ``Services`` (``services/container.py``: the use
cases and the external clients), taking what the registered sources (``media_library/sources``)
declare; nothing writes into them afterwards. ``start()`` runs each background service in its own
supervised thread (restarted with backoff when it dies, visible in ``health()``); ``stop()``
stops them all within the shutdown grace. Modes:

- ``full``: web server + job workers + scheduler + disc monitor
- ``server``: web server + job workers + scheduler (Docker)
- ``worker``: job workers + scheduler, no web server
- ``monitor``: disc monitor only; never opens the database (it talks to a server over HTTP)
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import __version__, events
from .clients.external import ExternalClients
from .config import Settings
from .db import migrate
from .db.engine import Database, DatabaseOptions
from .db.sentinel import DatabaseLock, DataSentinel
from .jobs.handlers import register_all
from .jobs.registry import JobRegistry
from .jobs.scheduler import Scheduler
from .jobs.worker import WorkerOptions, WorkerPool
from .logs import Redactor
from .services.activity import ActivityLog, install_prune_schedule
from .services.api_tokens import TokenService
from .services.auth import AccountService, Passwords
from .services.backups import backup_dir, backups_for
from .services.backups import install_schedule as install_backup_schedule
from .services.browse import BrowseService
from .services.collections import CollectionsService
from .services.container import MonitorServices, Services
from .services.disk_space import disk_space
from .services.jobs import JobService
from .services.library import LibraryServices
from .services.login_throttle import LoginThrottle
from .services.playback import PlaybackService
from .services.service_keys import ServiceKeys
from .services.sessions import SessionService
from .services.streaming import StreamService
from .services.strm.auto import install_strm_auto
from .services.subtitles import SubtitleService
from .services.transcode import PlayerService
from .sources import SOURCES, Source, background, event_types, handlers, source_services, state_mixins
from .sources import blueprints as source_routes
from .sources import served_folders as source_folders
from .state import AppState, compose_state

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


def connection_pool_size(settings: Settings) -> int:
    """Database connections kept open: one per thread that may hold one at once (request threads,
    job workers, and a few for the scheduler, heartbeat and maintenance). Fewer would make every
    extra reader open a connection and set its pragmas, then close it again, on each request."""
    return settings.server.threads + settings.jobs.workers + 4


class Runtime:
    """Everything one process of the daemon holds. Tests build their own.

    ``services`` (``services/container.py``) is built here once and never written to afterwards:
    ``Services`` in modes with a database, ``MonitorServices`` in monitor mode. ``passwords``
    lets a caller (tests) hand in a cheaper hasher; otherwise argon2id with production costs.
    """

    def __init__(self, settings: Settings, mode: str, *, redactor: Redactor | None = None,
                 passwords: Passwords | None = None, sources: tuple[Source, ...] = SOURCES):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.settings, self.mode, self.sources = settings, mode, sources
        self.redactor = redactor or Redactor(settings.secret_values())
        self.bus = events.EventBus((*events.CORE_EVENTS, *event_types(sources)))
        self.supervisor = Supervisor(self.bus)
        self.registry = JobRegistry()
        self.started_at = time.time()
        self.db: Database | None = None
        self.db_lock: DatabaseLock | None = None
        self.state: AppState | None = None
        self.pool: WorkerPool | None = None
        self.scheduler: Scheduler | None = None
        self.jobs: JobService | None = None
        self._stopped = False
        if mode == "monitor":
            self.services: Services | MonitorServices = self._compose_monitor()
        else:
            self.services = self._compose(passwords)

    @classmethod
    def build(cls, settings: Settings, mode: str = "server", **kwargs) -> Runtime:
        return cls(settings, mode, **kwargs)

    def _open_state(self) -> AppState:
        """Open, check and migrate the database, holding its use lock (``db/sentinel.py``) until ``stop``."""
        s = self.settings
        self.db_lock = DatabaseLock(s.db_path).hold_shared()
        self.db = Database(DatabaseOptions(
            path=s.db_path, synchronous=s.database.synchronous, busy_timeout_ms=s.database.busy_timeout_ms,
            journal_size_limit_mb=s.database.journal_size_limit_mb, pool_size=connection_pool_size(s),
        ))
        try:
            return self._checked_state(DataSentinel(s.db_path))
        except BaseException:
            self.db.close()
            self.db_lock.release()
            raise

    def _checked_state(self, sentinel: DataSentinel) -> AppState:
        """Refuse a database emptied behind our back (its sentinel says it held accounts)."""
        s = self.settings
        if sentinel.recorded() and migrate.current_revision(self.db) is None:
            raise sentinel.refuse("empty", backups_for(s, self.db).list())
        migrate.upgrade(self.db, backup_dir=backup_dir(s) if s.database.backup_before_migrate else None)
        state = compose_state(state_mixins(self.sources))(self.db)
        if state.count_users():
            sentinel.record()  # installs from before the sentinel existed get theirs now
        elif sentinel.recorded():
            raise sentinel.refuse("without any account", backups_for(s, self.db).list())
        return state

    def _compose_monitor(self) -> MonitorServices:
        core = MonitorServices(settings=self.settings, bus=self.bus)
        return dataclasses.replace(core, sources=source_services(core, remote=True, sources=self.sources))

    def _compose(self, passwords: Passwords | None) -> Services:
        """Open the database, then build every service once, in dependency order."""
        s = self.settings
        self.state = state = self._open_state()
        register_all(self.registry, handlers(self.sources))
        self.jobs = JobService(state, self.bus, known_kinds=lambda: self.registry.kinds, max_attempts=s.jobs.max_attempts,
                               parse_payload=self.registry.parse_payload, wake=self._wake_pool,
                               stop_running=self._stop_running)
        self.scheduler = Scheduler(state, self.bus, wake=self._wake_pool, tick_seconds=s.scheduler.tick_seconds)
        install_backup_schedule(s, self.scheduler)
        install_prune_schedule(s, self.scheduler)
        clients = ExternalClients.from_settings(s)
        core = Services(settings=s, bus=self.bus, clients=clients, state=state, jobs=self.jobs, scheduler=self.scheduler,
                        **self._use_cases(state, clients, passwords))
        core = dataclasses.replace(core, sources=source_services(core, remote=False, sources=self.sources))
        self.pool = WorkerPool(state, self.registry, core, self.bus, work_root=s.work_dir, options=self._worker_options())
        return core

    def _use_cases(self, state: AppState, clients: ExternalClients, passwords: Passwords | None) -> dict[str, Any]:
        s, bus = self.settings, self.bus
        passwords = passwords or Passwords(s.auth.hash_workers)
        streaming = StreamService(state, [s.media_dir, s.uploads_dir], more_roots=lambda: source_folders(state, self.sources))
        collections = CollectionsService(state)
        collections.follow(bus)  # automatic collections follow identification
        activity = ActivityLog.from_settings(state, s)
        activity.follow(bus)  # rips, downloads and organize runs are recorded as they end
        return {
            "library": LibraryServices(s, state, bus, self.jobs, clients=clients, scheduler=self.scheduler),
            "browse": BrowseService(state), "playback": PlaybackService(state), "collections": collections,
            "subtitles": SubtitleService(state, list(streaming.roots)),
            "player": PlayerService(streaming, s.transcode, s.transcode_dir),
            "strm_auto": install_strm_auto(s, state, bus, self.jobs, self.scheduler),
            "passwords": passwords, "accounts": AccountService(state, passwords),
            "sessions": SessionService(state, idle_seconds=s.auth.session_idle_minutes * 60,
                                       absolute_seconds=s.auth.session_absolute_hours * 3600),
            "streaming": streaming, "tokens": TokenService(state, areas=self._token_areas),
            "login_throttle": LoginThrottle(s.auth.login_attempts_per_account, s.auth.login_attempts_per_address,
                                            s.auth.login_window_seconds),
            "activity": activity,
            "service_keys": ServiceKeys(s, state, clients, learn_secret=self.redactor.add),
        }

    def _worker_options(self) -> WorkerOptions:
        j = self.settings.jobs
        return WorkerOptions(
            workers=j.workers, lease_seconds=j.lease_seconds, poll_seconds=j.poll_seconds, max_attempts=j.max_attempts,
            backoff_base=j.backoff_base_seconds, backoff_cap=j.backoff_cap_seconds, default_concurrency=j.default_concurrency,
            concurrency=dict(j.concurrency), progress_interval=j.progress_interval_seconds,
            shutdown_grace=self.settings.server.shutdown_grace_seconds,
        )

    # The pool is built last (its handlers get the finished Services); a job queued while composing
    # simply waits for the pool's first claim.
    def _wake_pool(self) -> None:
        if self.pool is not None:
            self.pool.wake()

    def _stop_running(self, job_id: int) -> bool:
        return self.pool is not None and self.pool.stop_job(job_id, "cancelled")

    def source_blueprints(self) -> tuple[Any, ...]:
        """The registered sources' web blueprints (``Source.routes``), for ``create_app``."""
        return source_routes(self.sources)

    def _token_areas(self) -> list[str]:
        """Token scopes besides all/read: the web blueprints marked ``token_area`` (read when asked,
        so a worker process never imports Flask)."""
        from .web.app import token_area_names

        return token_area_names(self)

    # --- life cycle -----------------------------------------------------------------------------
    def start(self) -> None:
        if self.pool is not None:
            self.pool.recover(at_startup=True)  # before the sources' start-up sweeps look at running jobs
            stop_jobs = threading.Event()
            self.supervisor.add("jobs", lambda: self._run_pool(stop_jobs), lambda: stop_jobs.set())
        if self.scheduler is not None and self.settings.scheduler.enabled:
            self.supervisor.add("scheduler", self.scheduler.run, self.scheduler.stop)
        for part in background(self.mode, self.sources):  # the sources' monitors (discs: full and monitor)
            built = part.build(self)
            self.supervisor.add(part.name, built.run, built.stop)
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
        if isinstance(self.services, Services):
            self.services.player.close()  # ffmpeg of the player's sessions, and their segments
            self.services.clients.close()
        self.bus.close()  # background subscribers finish what is queued before the database closes
        if self.state is not None:
            self.state.close()
        if self.db_lock is not None:
            self.db_lock.release()
        log.info("Media Library stopped")

    def health(self) -> dict[str, Any]:
        disk = disk_space((self.settings.data_dir, self.settings.media_dir), low_space_mb=self.settings.paths.low_space_mb)
        services = self.supervisor.health()
        services_ok = all(s["state"] == "running" for s in services.values())
        return {
            "status": "ok" if services_ok and disk.state != "full" else "degraded",
            "version": __version__,
            "mode": self.mode,
            "uptime_s": round(time.time() - self.started_at, 1),
            "services": services,
            "disk": disk.to_public(),
        }
