"""Benchmark: the durable job queue.

Measures, in one run on this machine:
- enqueue-to-start latency (median, p99) of the real WorkerPool with 4 worker threads, where an
  enqueue wakes a worker through an Event;
- throughput of claiming and finishing jobs with 4 threads: our claim (one UPDATE … RETURNING
  inside BEGIN IMMEDIATE) beside the naive claim (deferred BEGIN, SELECT, then UPDATE) on an
  identical database, with the naive claim's "database is locked" errors and double claims
  counted (each error is a retry the naive worker had to make).

Usage: .venv/bin/python bench/jobs.py [--jobs 2000]
Last line: {"bench": "jobs", "figures": {...}, "ratios": {"claim_vs_naive": ...}} (higher is better).
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
    """Milliseconds from add_job returning to the handler starting, one job at a time."""
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


def claim_ours(folder: Path, count: int) -> dict:
    state = fresh_state(folder, "ours")
    with state.db.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO jobs (kind, payload, status, created_at, updated_at) "
            "SELECT 'bench', '{}', 'queued', 0, 0 FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x < ?) SELECT x FROM n)",
            (count,),
        )
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

    elapsed = run_threads(worker)
    state.close()
    return {"per_s": len(claimed) / elapsed, "errors": errors[0], "double": len(claimed) - len(set(claimed))}


def claim_naive(folder: Path, count: int) -> dict:
    """Deferred BEGIN, SELECT the next id, then UPDATE: what a first attempt usually looks like."""
    path = folder / "naive.db"
    fresh_state(folder, "naive").close()
    setup = sqlite3.connect(path)
    setup.execute(
        "INSERT INTO jobs (kind, payload, status, created_at, updated_at) "
        "SELECT 'bench', '{}', 'queued', 0, 0 FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x < ?) SELECT x FROM n)",
        (count,),
    )
    setup.commit()
    setup.close()
    claimed: list[int] = []
    errors = [0]

    def worker(n: int) -> None:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        while True:
            try:
                conn.execute("BEGIN")
                row = conn.execute("SELECT id FROM jobs WHERE status = 'queued' ORDER BY priority DESC, id LIMIT 1").fetchone()
                if row is None:
                    conn.execute("COMMIT")
                    break
                conn.execute("UPDATE jobs SET status = 'running', lease_owner = ?, attempts = attempts + 1 WHERE id = ?", (f"w{n}", row[0]))
                conn.execute("COMMIT")
                claimed.append(row[0])
                conn.execute("UPDATE jobs SET status = 'done', lease_owner = NULL WHERE id = ?", (row[0],))
            except sqlite3.OperationalError:
                errors[0] += 1
                conn.execute("ROLLBACK") if conn.in_transaction else None
        conn.close()

    elapsed = run_threads(worker)
    return {"per_s": len(claimed) / elapsed, "errors": errors[0], "double": len(claimed) - len(set(claimed))}


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
        ours = claim_ours(folder, args.jobs)
        naive = claim_naive(folder, args.jobs)
    figures = {
        "enqueue_to_start_p50_ms": round(statistics.median(latencies), 3),
        "enqueue_to_start_p99_ms": round(percentile(latencies, 0.99), 3),
        "claims_per_s": round(ours["per_s"], 1),
        "claim_errors": ours["errors"],
        "claim_double": ours["double"],
        "naive_claims_per_s": round(naive["per_s"], 1),
        "naive_lock_errors": naive["errors"],
        "naive_double_claims": naive["double"],
        "threads": THREADS,
    }
    ratios = {"claim_vs_naive": round(ours["per_s"] / naive["per_s"], 3) if naive["per_s"] else None}
    print(json.dumps({"bench": "jobs", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
