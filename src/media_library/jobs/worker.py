"""The worker pool: threads that claim jobs, run their handlers and record the outcome.

- A job added in this process wakes one idle worker at once through ``wake()`` (a condition with
  a count of wake-ups, so one enqueue wakes one worker, not all of them racing for one claim);
  jobs added by another process are found within ``jobs.poll_seconds``.
- One heartbeat thread renews the leases of every job running here and notices cancel requests.
- Leases whose owner is gone are recovered at start-up and periodically (``recover``); a lease is
  never taken from an owner that is still alive, so a clock jump cannot run a job twice.
- ``stop()`` stops claiming, asks running handlers to stop, ends their child processes after the
  grace period and gives unfinished jobs back (queued when resumable, else interrupted).
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import events
from ..errors import (
    ExternalServiceError,
    InsufficientStorage,
    JobCancelled,
    MediaLibraryError,
    RateLimited,
    RetryJob,
    is_storage_full,
)
from ..models import Job
from ..tools import proc
from .context import JobContext
from .registry import JobRegistry

if TYPE_CHECKING:  # pragma: no cover
    from ..services.container import Services

log = logging.getLogger(__name__)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    except OSError:
        return "noboot"


HOST = socket.gethostname()
BOOT = _boot_id()


def make_owner_id() -> str:
    """``host/boot/pid/start/token``: enough to tell whether the owner of a lease is still alive.

    ``start`` is the process start time (``/proc/<pid>/stat``; ``0`` where it cannot be read), so
    that a pid reused by another program after the daemon died does not pass for the daemon.
    """
    pid = os.getpid()
    return f"{HOST}/{BOOT}/{pid}/{proc.process_start_time(pid) or 0}/{uuid.uuid4().hex[:8]}"


def owner_alive(owner: str, *, my_owner: str) -> bool:
    """Whether the process holding a lease still runs (False for our own dead incarnations).

    A zombie (exited, not yet reaped) and a pid now held by another process count as dead. Owners
    written before the start time was recorded (``host/boot/pid/token``) are checked by pid only.
    """
    if owner == my_owner:
        return True
    parts = owner.split("/")
    if len(parts) not in (4, 5) or not all(p.isdigit() for p in parts[2:-1]):
        return False
    host, boot, pid = parts[0], parts[1], int(parts[2])
    if host != HOST:
        return True  # another machine: trust its lease expiry, we cannot see its processes
    if boot != BOOT or pid == os.getpid():
        return False  # an earlier boot, or an earlier life of this very process id
    return _process_is(pid, int(parts[3]) if len(parts) == 5 else None)


def _process_is(pid: int, start: int | None) -> bool:
    """``pid`` runs, is no zombie, and (when ``start`` is known) is the process started then."""
    running_since = proc.process_start_time(pid)
    if running_since is not None:
        return not start or running_since == start
    if Path("/proc/self/stat").exists():
        return False  # /proc answers for every process: gone or a zombie
    try:
        os.kill(pid, 0)  # no /proc (not Linux): the pid is all we can check
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _WakeUps:
    """Wake-ups waiting to be taken: ``notify_one`` lets one idle worker go and look for a job
    (or the next worker that looks, if none is idle); the count is capped at the number of
    workers, since more would only make idle workers look again for nothing."""

    def __init__(self, cap: int):
        self._cond = threading.Condition(threading.Lock())
        self._pending, self._cap = 0, max(1, cap)

    def notify_one(self) -> None:
        with self._cond:
            self._pending = min(self._cap, self._pending + 1)
            self._cond.notify()

    def notify_all(self) -> None:
        with self._cond:
            self._pending = self._cap
            self._cond.notify_all()

    def wait(self, timeout: float) -> None:
        """Take a pending wake-up, waiting at most ``timeout`` seconds for one."""
        with self._cond:
            if not self._pending:
                self._cond.wait(timeout)
            if self._pending:
                self._pending -= 1


@dataclass(frozen=True)
class WorkerOptions:
    workers: int = 4
    lease_seconds: float = 60.0
    poll_seconds: float = 2.0
    max_attempts: int = 3
    backoff_base: float = 5.0
    backoff_cap: float = 3600.0
    default_concurrency: int = 4
    concurrency: dict | None = None
    progress_interval: float = 0.5
    shutdown_grace: float = 8.0


class WorkerPool:
    def __init__(self, state, registry: JobRegistry, services: Services | None, bus: events.EventBus, *,
                 options: WorkerOptions, work_root: Path):
        self.state, self.registry, self.services, self.bus = state, registry, services, bus
        self.options = options
        registry.check_limits("jobs.concurrency", (options.concurrency or {}).keys())
        self.work_root = work_root
        self.owner = make_owner_id()
        self._wake = _WakeUps(options.workers)
        self._stopping = threading.Event()
        self._running: dict[int, JobContext] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    # --- life cycle ------------------------------------------------------------------------------
    def start(self) -> None:
        self.recover(at_startup=True)
        for n in range(self.options.workers):
            self._spawn(self._work_loop, f"job-worker-{n}")
        self._spawn(self._heartbeat_loop, "job-heartbeat")

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def wake(self) -> None:
        self._wake.notify_one()

    def stop(self, timeout: float | None = None) -> None:
        """Stop within the grace period; see the module docstring."""
        grace = self.options.shutdown_grace if timeout is None else timeout
        self._stopping.set()
        self._wake.notify_all()
        for job_id in self.running_job_ids:
            self.stop_job(job_id, "shutdown")
        deadline = time.monotonic() + grace
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._release_unfinished()

    def _release_unfinished(self) -> None:
        with self._lock:
            leftovers = list(self._running.items())
        for job_id, ctx in leftovers:
            handler = self.registry.get(ctx.job.kind)
            job = self.state.release_job(job_id, self.owner, resumable=bool(handler and handler.resumable))
            self._publish(job)

    def stop_job(self, job_id: int, reason: str = "cancelled") -> bool:
        """Stop a handler running in this process (its child processes too); False if none runs.

        The one path by which a running job is stopped: ``JobService.cancel`` calls it at once, the
        heartbeat when another process asked (``cancel_requested``), ``stop()`` at shutdown.
        """
        with self._lock:
            ctx = self._running.get(job_id)
        if ctx is None or ctx.cancelled():
            return False
        ctx.cancel(reason)
        return True

    @property
    def running_job_ids(self) -> list[int]:
        with self._lock:
            return list(self._running)

    @property
    def alive(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # --- loops -----------------------------------------------------------------------------------
    def _work_loop(self) -> None:
        backoff = self.options.poll_seconds
        while not self._stopping.is_set():
            try:
                if self.run_once():
                    backoff = self.options.poll_seconds
                    continue
            except Exception:  # the database went away, a disk filled up…: log, wait, go on
                log.exception("Job worker could not claim a job; trying again in %.0f s", backoff)
                self._stopping.wait(backoff)
                backoff = min(60.0, backoff * 2)
                continue
            self._wake.wait(self.options.poll_seconds)

    def run_once(self) -> bool:
        """Claim and run one job; False when there was nothing to do (used by tests too)."""
        if self._stopping.is_set():
            return False
        job = self.state.claim_next_job(
            self.owner, self.options.lease_seconds, kinds=self.registry.kinds,
            limits=self.options.concurrency or {}, default_limit=self.options.default_concurrency,
        )
        if job is None:
            return False
        self._publish(job)
        self._execute(job)
        return True

    def _heartbeat_loop(self) -> None:
        interval = max(0.5, self.options.lease_seconds / 3)
        last_recover = time.monotonic()
        while not self._stopping.wait(interval):
            try:
                self.heartbeat()
                if time.monotonic() - last_recover > self.options.lease_seconds:
                    self.recover()
                    last_recover = time.monotonic()
            except Exception:  # a missed heartbeat is retried next interval, well within the lease
                log.exception("Job heartbeat failed")

    def heartbeat(self) -> None:
        """Renew our leases; start cancelling jobs someone asked to cancel."""
        held = self.state.heartbeat_jobs(self.owner, self.running_job_ids, self.options.lease_seconds)
        for job_id, cancel_requested in held.items():
            if cancel_requested:
                self.stop_job(job_id)

    def recover(self, at_startup: bool = False) -> list[Job]:
        recovered = self.state.recover_jobs(
            owner_alive=lambda owner: owner_alive(owner, my_owner=self.owner),
            resumable_kinds=self.registry.resumable_kinds, only_expired=not at_startup,
        )
        for job in recovered:
            log.warning("Recovered job %s (%s) from a worker that stopped: now %s", job.id, job.kind, job.status)
            self._publish(job)
        if any(j.status == "queued" for j in recovered):
            self.wake()
        return recovered

    # --- running one job -------------------------------------------------------------------------
    def _execute(self, job: Job) -> None:
        handler_cls = self.registry.get(job.kind)
        ctx = JobContext(job, work_dir=self.work_root / str(job.id), report=lambda p, m: self._report(job, p, m),
                         min_interval=self.options.progress_interval)
        with self._lock:
            self._running[job.id] = ctx
        try:
            if job.cancel_requested:  # asked while its previous worker died: stop before starting
                self.stop_job(job.id)
            ctx.check_cancelled()
            payload = self.registry.parse_payload(job.kind, job.payload)
            ctx.work_dir.mkdir(parents=True, exist_ok=True)
            result = handler_cls(self.services).run(ctx, payload)
            self._publish(self.state.finish_job(job.id, self.owner, result))
        except JobCancelled:
            self._on_cancelled(job, ctx)
        except Exception as exc:  # every failure is recorded on the job; the worker lives on
            self._on_error(job, handler_cls, exc)
        finally:
            with self._lock:
                self._running.pop(job.id, None)

    def _on_cancelled(self, job: Job, ctx: JobContext) -> None:
        if ctx.cancel_reason == "shutdown":
            handler = self.registry.get(job.kind)
            self._publish(self.state.release_job(job.id, self.owner, resumable=bool(handler and handler.resumable)))
            return
        self._publish(self.state.mark_job_cancelled(job.id, self.owner))

    def _on_error(self, job: Job, handler_cls, exc: Exception) -> None:
        max_attempts = (handler_cls.max_attempts if handler_cls and handler_cls.max_attempts else job.max_attempts)
        message = _failure_message(exc)
        retry_at = None
        if _is_transient(exc) and job.attempts < max_attempts:
            retry_at = time.time() + self.retry_delay(job.attempts, getattr(exc, "retry_after", None) or getattr(exc, "delay", None))
        if isinstance(exc, MediaLibraryError) and exc.expected:
            log.warning("Job %s (%s) attempt %s failed: %s", job.id, job.kind, job.attempts, message)
        else:
            log.exception("Job %s (%s) crashed", job.id, job.kind)
        self._publish(self.state.fail_job(job.id, self.owner, message, retry_at=retry_at))
        if retry_at is not None:
            self.wake()

    def retry_delay(self, attempts: int, hint: float | None) -> float:
        """Exponential backoff with jitter; an upstream's Retry-After wins, clamped to the cap."""
        if hint is not None:
            return max(0.0, min(float(hint), self.options.backoff_cap))
        base = min(self.options.backoff_cap, self.options.backoff_base * 2 ** max(0, attempts - 1))
        return random.uniform(0.5, 1.0) * base

    def _report(self, job: Job, percent: float, message: str | None) -> None:
        updated = self.state.update_job_progress(job.id, self.owner, percent, message)
        if updated is not None:
            self.bus.publish(events.JobProgress(updated.id, updated.kind, updated.progress, updated.message))

    def _publish(self, job: Job | None) -> None:
        if job is not None:
            self.bus.publish(events.JobUpdated.of(job))


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, MediaLibraryError):
        return exc.message
    if is_storage_full(exc):
        return InsufficientStorage.MESSAGE
    return f"internal error: {type(exc).__name__}: {exc}"


def _is_transient(exc: Exception) -> bool:
    if isinstance(exc, (RetryJob, RateLimited)):
        return True
    return isinstance(exc, ExternalServiceError) and exc.transient
