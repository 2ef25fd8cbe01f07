"""Benchmark: the durable job queue.

Measures, in one run on this machine:
- enqueue-to-start latency (median, p99) of the real WorkerPool with 4 worker threads, where an
  enqueue wakes a worker through an Event;
- throughput of claiming and finishing jobs with 4 threads: ours (``AppState.claim_next_job`` and
  ``finish_job``) beside a bare ``sqlite3`` loop doing the same two ``UPDATE … RETURNING``
  statements, each in ``BEGIN IMMEDIATE``, on the same database file (seeded again), with lock
  errors and double claims counted for both.

Usage: .venv/bin/python bench/jobs.py [--jobs 2000]
Last line: {"bench": "jobs", "figures": {...}, "ratios": {"claim_vs_raw_sqlite": ...}} (higher is better).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from media_library import events  # noqa: E402
from media_library.db import migrate  # noqa: E402
from media_library.db.engine import Database, DatabaseOptions  # noqa: E402
from media_library.jobs.base import JobHandler  # noqa: E402
from media_library.jobs.registry import JobRegistry  # noqa: E402
from media_library.jobs.worker import WorkerOptions, WorkerPool  # noqa: E402
from media_library.state import AppState  # noqa: E402

THREADS = 4


def fresh_state(folder: Path, name: str) -> AppState:
    db = Database(DatabaseOptions(path=folder / f"{name}.db"))
    migrate.upgrade(db)
    return AppState(db)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def enqueue_to_start(folder: Path, count: int) -> list[float]:
    """Milliseconds from calling add_job (its durable commit included) and waking the pool to the
    handler starting, one job at a time."""
    state = fresh_state(folder, "latency")
    started: dict[int, float] = {}
    ready = threading.Event()

    class Mark(JobHandler):
        kind = "bench.mark"

        def run(self, ctx, payload):
            started[ctx.job.id] = time.perf_counter()
            ready.set()

    registry = JobRegistry()
    registry.register(Mark)
    pool = WorkerPool(state, registry, None, events.EventBus(), work_root=folder / "work",
                      options=WorkerOptions(workers=THREADS, poll_seconds=5.0, progress_interval=0.5))
    pool.start()
    latencies = []
    for _ in range(count):
        ready.clear()
        t0 = time.perf_counter()
        job, _ = state.add_job("bench.mark", {})
        pool.wake()
        ready.wait(10)
        latencies.append((started[job.id] - t0) * 1000)
    pool.stop()
    state.close()
    return latencies


SEED = (
    "INSERT INTO jobs (kind, payload, status, created_at, updated_at) "
    "SELECT 'bench', '{}', 'queued', 0, 0 FROM (WITH RECURSIVE n(x) AS "
    "(SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x < ?) SELECT x FROM n)"
)
RAW_CLAIM = (
    "UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?, "
    "attempts = attempts + 1, started_at = ?, updated_at = ? "
    "WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ? AND kind = 'bench' "
    "ORDER BY priority DESC, id LIMIT 1) AND status = 'queued' RETURNING *"
)
RAW_FINISH = (
    "UPDATE jobs SET status = 'done', progress = 100, finished_at = ?, updated_at = ?, lease_owner = NULL, "
    "lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND status = 'running' RETURNING *"
)


def seed(path: Path, count: int) -> None:
    """``count`` queued jobs of kind ``bench`` (added to whatever the file holds already)."""
    conn = sqlite3.connect(path)
    conn.execute(SEED, (count,))
    conn.commit()
    conn.close()


def tally(claimed: list[int], errors: int, elapsed: float) -> dict:
    return {"per_s": len(claimed) / elapsed, "errors": errors, "double": len(claimed) - len(set(claimed))}


def claim_ours(state: AppState, count: int) -> dict:
    """Our claim and finish (``AppState``: SQLAlchemy, the writer turn, NORMAL sync), 4 threads."""
    seed(state.db.options.path, count)
    claimed: list[int] = []
    errors = [0]

    def worker(n: int) -> None:
        while True:
            try:
                job = state.claim_next_job(f"w{n}", 60, kinds=["bench"])
            except Exception:
                errors[0] += 1
                continue
            if job is None:
                return
            claimed.append(job.id)
            state.finish_job(job.id, f"w{n}")

    return tally(claimed, errors[0], run_threads(worker))


def claim_raw_sqlite(path: Path, count: int) -> dict:
    """The floor: bare ``sqlite3``, one connection per thread, each claim one ``UPDATE … RETURNING``
    in ``BEGIN IMMEDIATE`` and each finish another, same file, same WAL and ``synchronous=NORMAL``."""
    seed(path, count)
    claimed: list[int] = []
    errors = [0]

    def worker(n: int) -> None:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA synchronous = NORMAL")
        owner = f"raw{n}"
        while True:
            try:
                now = time.time()
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute(RAW_CLAIM, (owner, now + 60, now, now, now, now)).fetchone()
                conn.execute("COMMIT")
                if row is None:
                    break
                claimed.append(row[0])
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(RAW_FINISH, (now, now, row[0], owner)).fetchone()
                conn.execute("COMMIT")
            except sqlite3.OperationalError:
                errors[0] += 1
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        conn.close()

    return tally(claimed, errors[0], run_threads(worker))


def run_threads(target) -> float:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(THREADS)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--latency-jobs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        folder = Path(tmp)
        latencies = enqueue_to_start(folder, args.latency_jobs)
        state = fresh_state(folder, "claims")
        ours = claim_ours(state, args.jobs)
        raw = claim_raw_sqlite(state.db.options.path, args.jobs)
        state.close()
    figures = {
        "enqueue_to_start_p50_ms": round(statistics.median(latencies), 3),
        "enqueue_to_start_p99_ms": round(percentile(latencies, 0.99), 3),
        "claims_per_s": round(ours["per_s"], 1),
        "claim_errors": ours["errors"],
        "claim_double": ours["double"],
        "raw_sqlite_claims_per_s": round(raw["per_s"], 1),
        "raw_sqlite_lock_errors": raw["errors"],
        "raw_sqlite_double_claims": raw["double"],
        "threads": THREADS,
    }
    ratios = {"claim_vs_raw_sqlite": round(ours["per_s"] / raw["per_s"], 3) if raw["per_s"] else None}
    print(json.dumps({"bench": "jobs", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
