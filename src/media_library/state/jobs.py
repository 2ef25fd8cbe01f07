"""The durable job queue and the schedules that feed it.

Claiming is one ``UPDATE … RETURNING`` that picks the next queued job (highest priority, oldest
first), respects per-kind concurrency limits, counts the attempt and takes a lease; under
SQLite's single writer that statement is atomic, so no job is claimed twice (a database with
concurrent writers locks the chosen row instead: the backend's ``skip_locked``). See
docs/ARCHITECTURE.md ("Durable jobs") for the life of a job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, case, func, literal, select, update
from sqlalchemy.sql import ClauseElement

from ..db.schema import LIVE_JOB_STATUSES, jobs, schedules
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Job, Schedule
from .base import dumps, loads

_JOB_COLUMNS = list(jobs.c)


_JOB_NAMES = tuple(column.name for column in _JOB_COLUMNS)


def _job(row) -> Job:
    return _job_of(row._mapping)


def _job_of_values(values: tuple) -> Job:
    """A job from a plain row (``Database.write_one``), its values in ``_JOB_COLUMNS`` order."""
    return _job_of(dict(zip(_JOB_NAMES, values, strict=True)))


def _job_of(m) -> Job:
    return Job(
        id=m["id"], kind=m["kind"], payload=loads(m["payload"], {}), status=m["status"],
        progress=m["progress"], message=m["message"], result=loads(m["result"]), error=m["error"],
        attempts=m["attempts"], max_attempts=m["max_attempts"], priority=m["priority"],
        run_after=m["run_after"], lease_owner=m["lease_owner"], lease_expires_at=m["lease_expires_at"],
        cancel_requested=bool(m["cancel_requested"]), idempotency_key=m["idempotency_key"],
        parent_id=m["parent_id"], created_by=m["created_by"], created_at=m["created_at"],
        started_at=m["started_at"], finished_at=m["finished_at"], updated_at=m["updated_at"],
    )


def _schedule(row) -> Schedule:
    m = row._mapping
    return Schedule(
        id=m["id"], name=m["name"], kind=m["kind"], payload=loads(m["payload"], {}), expression=m["expression"],
        enabled=bool(m["enabled"]), next_run_at=m["next_run_at"], last_run_at=m["last_run_at"],
        last_job_id=m["last_job_id"],
    )


def _build_claim(backend, kinds: tuple[str, ...], limits: dict[str, int], default_limit: int):
    """One ``UPDATE … RETURNING`` taking the best queued job whose kind is under its running limit;
    ``:owner``, ``:now`` and ``:lease_until`` are bound at each claim."""
    now = bindparam("now")
    candidate, running = jobs.alias("candidate"), jobs.alias("running")
    running_count = (
        select(func.count()).select_from(running)
        .where(running.c.kind == candidate.c.kind, running.c.status == "running")
        .scalar_subquery()
    )
    limit_expr = case(limits, value=candidate.c.kind, else_=default_limit) if limits else literal(default_limit)
    next_id = backend.skip_locked(
        select(candidate.c.id)
        .where(candidate.c.status == "queued", candidate.c.run_after <= now,
               candidate.c.kind.in_([bindparam(f"kind_{n}", kind) for n, kind in enumerate(kinds)]),
               running_count < limit_expr)
        .order_by(candidate.c.priority.desc(), candidate.c.id)
        .limit(1)
    ).scalar_subquery()
    return (
        update(jobs)
        .where(jobs.c.id == next_id, jobs.c.status == "queued")
        .values(status="running", lease_owner=bindparam("owner"), lease_expires_at=bindparam("lease_until"),
                heartbeat_at=now, attempts=jobs.c.attempts + 1, started_at=now, updated_at=now, error=None)
        .returning(*_JOB_COLUMNS)
    )


def _held_update(values: Mapping[str, Any]):
    """``values`` on the job ``:held_id`` while ``:held_owner`` still runs it."""
    return (
        update(jobs)
        .where(jobs.c.id == bindparam("held_id"), jobs.c.lease_owner == bindparam("held_owner"), jobs.c.status == "running")
        .values(**values).returning(*_JOB_COLUMNS)
    )


class JobsRepository:
    # --- adding and reading -------------------------------------------------------------
    def add_job(
        self, kind: str, payload: Mapping[str, Any] | None = None, *, priority: int = 0,
        max_attempts: int = 3, run_after: float | None = None, idempotency_key: str | None = None,
        parent_id: int | None = None, created_by: int | None = None,
    ) -> tuple[Job, bool]:
        """Queue a job; with a key already held by a live job, return that one. ``(job, created)``."""
        with self.db.write() as conn:
            return self._add_job(conn, kind, payload, priority, max_attempts, run_after, idempotency_key, parent_id, created_by)

    def _add_job(self, conn, kind, payload, priority, max_attempts, run_after, idempotency_key, parent_id, created_by):
        if idempotency_key is not None:
            existing = conn.execute(
                select(jobs).where(jobs.c.idempotency_key == idempotency_key, jobs.c.status.in_(LIVE_JOB_STATUSES))
            ).first()
            if existing is not None:
                return _job(existing), False
        now = self.now()
        row = conn.execute(
            jobs.insert().values(
                kind=kind, payload=dumps(dict(payload or {})), status="queued", priority=priority,
                max_attempts=max_attempts, run_after=now if run_after is None else run_after,
                idempotency_key=idempotency_key, parent_id=parent_id, created_by=created_by,
                created_at=now, updated_at=now,
            ).returning(*_JOB_COLUMNS)
        ).one()
        return _job(row), True

    def get_job(self, job_id: int) -> Job:
        with self.db.read() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
        if row is None:
            raise NotFound(f"job {job_id} does not exist")
        return _job(row)

    def list_jobs(self, *, status: str | None = None, kind: str | None = None, before_id: int | None = None, limit: int = 50) -> list[Job]:
        """Newest first, paged by key (``before_id``), never by OFFSET."""
        query = select(jobs).order_by(jobs.c.id.desc()).limit(max(1, min(limit, 500)))
        if status:
            query = query.where(jobs.c.status == status)
        if kind:
            query = query.where(jobs.c.kind == kind)
        if before_id:
            query = query.where(jobs.c.id < before_id)
        with self.db.read() as conn:
            return [_job(r) for r in conn.execute(query)]

    # --- the worker's verbs -----------------------------------------------------------------
    def claim_next_job(
        self, owner: str, lease_seconds: float, *, kinds: Iterable[str],
        limits: Mapping[str, int] | None = None, default_limit: int = 1_000_000,
    ) -> Job | None:
        """Atomically take the next runnable job for ``owner``, or None."""
        kinds = tuple(kinds)
        if not kinds:
            return None
        now = self.now()
        stmt = self._claim_statement(kinds, tuple(sorted((limits or {}).items())), default_limit)
        rows = self.db.write_one(stmt, {"owner": owner, "now": now, "lease_until": now + lease_seconds}, durable=False)
        return _job_of_values(rows[0]) if rows else None

    def _claim_statement(self, kinds: tuple[str, ...], limits: tuple[tuple[str, int], ...], default_limit: int):
        """The claim, built once per worker configuration (building it is most of a claim's cost);
        each call only binds the owner and the clock."""
        cache = self.__dict__.setdefault("_claim_statements", {})
        key = (kinds, limits, default_limit)
        if key not in cache:
            cache[key] = self.db.prepare(_build_claim(self.db.backend, kinds, dict(limits), default_limit))
        return cache[key]

    def heartbeat_jobs(self, owner: str, job_ids: Iterable[int], lease_seconds: float) -> dict[int, bool]:
        """Renew the leases ``owner`` holds; returns ``{job_id: cancel_requested}`` for those still held."""
        ids = list(job_ids)
        if not ids:
            return {}
        now = self.now()
        stmt = (
            update(jobs)
            .where(jobs.c.id.in_(ids), jobs.c.lease_owner == owner, jobs.c.status == "running")
            .values(lease_expires_at=now + lease_seconds, heartbeat_at=now)
            .returning(jobs.c.id, jobs.c.cancel_requested)
        )
        with self.db.write(durable=False) as conn:
            return {job_id: bool(flag) for job_id, flag in conn.execute(stmt)}

    def update_job_progress(self, job_id: int, owner: str, progress: float, message: str | None = None) -> Job | None:
        values: dict[str, Any] = {"progress": max(0.0, min(100.0, float(progress))), "updated_at": self.now()}
        if message is not None:
            values["message"] = message[:500]
        return self._update_held(job_id, owner, values)

    def finish_job(self, job_id: int, owner: str, result: Any = None) -> Job | None:
        now = self.now()
        return self._update_held(job_id, owner, {
            "status": "done", "progress": 100.0, "result": dumps(result), "finished_at": now, "updated_at": now,
            "lease_owner": None, "lease_expires_at": None,
        })

    def fail_job(self, job_id: int, owner: str, error: str, *, retry_at: float | None = None) -> Job | None:
        """Fail the attempt: back to the queue at ``retry_at``, or failed for good."""
        now = self.now()
        values: dict[str, Any] = {"error": error[:2000], "updated_at": now, "lease_owner": None, "lease_expires_at": None}
        if retry_at is not None:
            values.update(status="queued", run_after=retry_at, message=f"retrying: {error[:200]}")
        else:
            values.update(status="failed", finished_at=now)
        return self._update_held(job_id, owner, values)

    def mark_job_cancelled(self, job_id: int, owner: str, message: str = "cancelled") -> Job | None:
        now = self.now()
        return self._update_held(job_id, owner, {
            "status": "cancelled", "message": message, "finished_at": now, "updated_at": now,
            "lease_owner": None, "lease_expires_at": None,
        })

    def release_job(self, job_id: int, owner: str, *, resumable: bool) -> Job | None:
        """Give a running job back on shutdown: queued again (the attempt not counted) or interrupted."""
        now = self.now()
        values: dict[str, Any] = {"lease_owner": None, "lease_expires_at": None, "updated_at": now}
        if resumable:
            values.update(status="queued", attempts=case((jobs.c.attempts > 0, jobs.c.attempts - 1), else_=0),
                          message="waiting to resume")
        else:
            values.update(status="interrupted", message="interrupted by a shutdown; press Retry to run it again")
        return self._update_held(job_id, owner, values)

    def _update_held(self, job_id: int, owner: str, values: dict[str, Any]) -> Job | None:
        """Change a job only while ``owner`` still holds it; plain values go through a statement
        built once per set of columns."""
        held = {"held_id": job_id, "held_owner": owner}
        if any(isinstance(value, ClauseElement) for value in values.values()):
            with self.db.write(durable=False) as conn:
                row = conn.execute(_held_update(values), held).first()
            return _job(row) if row else None
        params = {f"v_{name}": value for name, value in values.items()}
        rows = self.db.write_one(self._held_statement(tuple(values)), {**held, **params}, durable=False)
        return _job_of_values(rows[0]) if rows else None

    def _held_statement(self, names: tuple[str, ...]):
        cache = self.__dict__.setdefault("_held_statements", {})
        if names not in cache:
            cache[names] = self.db.prepare(_held_update({name: bindparam(f"v_{name}", type_=jobs.c[name].type) for name in names}))
        return cache[names]

    def postpone_job(self, job_id: int, run_after: float) -> Job | None:
        """Move a still-queued job's start to ``run_after`` (debouncing); None if it already started."""
        stmt = (update(jobs).where(jobs.c.id == job_id, jobs.c.status == "queued")
                .values(run_after=run_after, updated_at=self.now()).returning(*_JOB_COLUMNS))
        with self.db.write() as conn:
            row = conn.execute(stmt).first()
        return _job(row) if row else None

    # --- what people do to jobs --------------------------------------------------------------
    def cancel_job(self, job_id: int) -> Job:
        """Cancel a waiting job at once; ask a running one to stop (the worker does the rest)."""
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
            if row is None:
                raise NotFound(f"job {job_id} does not exist")
            status = row._mapping["status"]
            if status in ("queued", "interrupted"):
                values = {"status": "cancelled", "finished_at": now, "message": "cancelled"}
            elif status == "running":
                values = {"cancel_requested": True, "message": "cancelling…"}
            else:
                raise Conflict(f"job {job_id} is already {status}; only queued, running or interrupted jobs can be cancelled")
            row = conn.execute(update(jobs).where(jobs.c.id == job_id).values(updated_at=now, **values).returning(*_JOB_COLUMNS)).one()
        return _job(row)

    def retry_job(self, job_id: int) -> Job:
        """Run a failed, cancelled or interrupted job again, with a fresh attempt budget."""
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
            if row is None:
                raise NotFound(f"job {job_id} does not exist")
            m = row._mapping
            if m["status"] not in ("failed", "cancelled", "interrupted"):
                raise Conflict(f"job {job_id} is {m['status']}; only failed, cancelled or interrupted jobs can be retried")
            key = m["idempotency_key"]
            if key and m["status"] != "interrupted" and conn.execute(
                select(jobs.c.id).where(jobs.c.idempotency_key == key, jobs.c.status.in_(LIVE_JOB_STATUSES))
            ).first():
                raise Conflict(f"job {job_id} has a twin that is already queued or running")
            row = conn.execute(
                update(jobs).where(jobs.c.id == job_id).values(
                    status="queued", attempts=0, run_after=now, error=None, message="queued again",
                    cancel_requested=False, progress=0.0, finished_at=None, updated_at=now,
                ).returning(*_JOB_COLUMNS)
            ).one()
        return _job(row)

    def recover_jobs(self, *, owner_alive: Callable[[str], bool], resumable_kinds: Iterable[str], only_expired: bool = True) -> list[Job]:
        """Take back running jobs whose worker is gone: queued if resumable, else interrupted.

        A lease is recovered only when its owner is not alive (so a clock jump cannot make a live
        job run twice); with ``only_expired`` its lease must also have run out.
        """
        now, resumable = self.now(), set(resumable_kinds)
        recovered = []
        with self.db.write() as conn:
            query = select(jobs).where(jobs.c.status == "running")
            if only_expired:
                query = query.where(jobs.c.lease_expires_at < now)
            for row in conn.execute(query).all():
                m = row._mapping
                if m["lease_owner"] and owner_alive(m["lease_owner"]):
                    continue
                values = self._recovery_values(m, resumable, now)
                updated = conn.execute(
                    update(jobs).where(jobs.c.id == m["id"], jobs.c.status == "running").values(**values).returning(*_JOB_COLUMNS)
                ).first()
                if updated:
                    recovered.append(_job(updated))
        return recovered

    @staticmethod
    def _recovery_values(m, resumable: set[str], now: float) -> dict[str, Any]:
        values: dict[str, Any] = {"lease_owner": None, "lease_expires_at": None, "updated_at": now}
        if m["cancel_requested"]:
            values.update(status="cancelled", finished_at=now, message="cancelled")
        elif m["attempts"] >= m["max_attempts"]:
            values.update(status="failed", finished_at=now,
                          error=f"gave up after {m['attempts']} attempts: the worker stopped each time it ran this job")
        elif m["kind"] in resumable:
            values.update(status="queued", run_after=now, message="resuming after a restart")
        else:
            values.update(status="interrupted", message="interrupted: the daemon stopped while it ran; press Retry")
        return values

    # --- schedules --------------------------------------------------------------------------
    def upsert_schedule(self, name: str, kind: str, expression: str, payload: Mapping[str, Any] | None = None,
                        *, next_run_at: float | None, enabled: bool = True) -> Schedule:
        now = self.now()
        with self.db.write() as conn:
            existing = conn.execute(select(schedules).where(schedules.c.name == name)).first()
            values = {"kind": kind, "expression": expression, "payload": dumps(dict(payload or {})), "enabled": enabled}
            if existing is None:
                stmt = schedules.insert().values(name=name, created_at=now, next_run_at=next_run_at, **values)
            else:
                changed = existing._mapping["expression"] != expression
                if changed:
                    values["next_run_at"] = next_run_at
                stmt = update(schedules).where(schedules.c.name == name).values(**values)
            conn.execute(stmt)
            return _schedule(conn.execute(select(schedules).where(schedules.c.name == name)).one())

    def list_schedules(self) -> list[Schedule]:
        with self.db.read() as conn:
            return [_schedule(r) for r in conn.execute(select(schedules).order_by(schedules.c.name))]

    def delete_schedule(self, name: str) -> None:
        with self.db.write() as conn:
            conn.execute(schedules.delete().where(schedules.c.name == name))

    def fire_due_schedules(self, next_after: Callable[[str, float], float]) -> list[tuple[Schedule, Job]]:
        """Queue one job per due schedule and move each to its next slot after *now*.

        Runs in one write transaction, so a crash either fires a schedule and moves it on, or
        does neither: no double fire across a restart, and a long downtime fires once.
        A stored next run further away than the next slot from now (the clock went back) is
        pulled in, so a backward clock jump does not stall the schedule.
        """
        now, fired = self.now(), []
        with self.db.write() as conn:
            for row in conn.execute(select(schedules).where(schedules.c.enabled.is_(True))).all():
                sched = _schedule(row)
                upcoming = next_after(sched.expression, now)
                if sched.next_run_at is None or sched.next_run_at > upcoming:
                    conn.execute(update(schedules).where(schedules.c.id == sched.id).values(next_run_at=upcoming))
                    continue
                if sched.next_run_at > now:
                    continue
                job, _ = self._add_job(conn, sched.kind, sched.payload, 0, 3, None,
                                       f"schedule:{sched.name}", None, None)
                conn.execute(update(schedules).where(schedules.c.id == sched.id).values(
                    next_run_at=upcoming, last_run_at=now, last_job_id=job.id))
                fired.append((sched, job))
        return fired

    def next_schedule_time(self) -> float | None:
        with self.db.read() as conn:
            return conn.execute(select(func.min(schedules.c.next_run_at)).where(schedules.c.enabled.is_(True))).scalar()

    def validate_job_kind(self, kind: str, known: Iterable[str]) -> None:
        if kind not in set(known):
            raise InvalidInput(f"unknown job kind {kind!r}; known kinds: {', '.join(sorted(known))}")

