"""Kill -9 the worker process again and again during a run of 2,000 short jobs on 8 threads.

Every acknowledged job must end done; no job may run twice at the same moment; no "database is
locked" may reach the process adding jobs; the database stays intact.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

from media_library.db.engine import Database, DatabaseOptions
from media_library.state import AppState

from ..conftest import make_settings

HERE = Path(__file__).parent
JOBS = 2000
KILLS = 5


def _start_worker(data_dir: Path, log_file: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(HERE / "worker_process.py"), str(data_dir), str(log_file), "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read()
    return proc


def _reap(proc: subprocess.Popen) -> None:
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()


def _add_jobs(state: AppState, count: int, acknowledged: list[int], errors: list[BaseException]) -> None:
    try:
        for n in range(count):
            # More attempts than kills: a job caught running by every kill must still finish
            # (with the default 3 it would rightly be given up as a poison job).
            job, created = state.add_job("test.record", {"n": n}, idempotency_key=f"k{n}", max_attempts=KILLS + 2)
            assert created
            acknowledged.append(job.id)
    except BaseException as exc:  # any lock error reaching the "user" fails the test
        errors.append(exc)


@pytest.mark.slow
def test_kill9_loses_nothing_and_never_runs_a_job_twice_at_once(tmp_path):
    settings = make_settings(tmp_path)
    data_dir, log_file = settings.data_dir, tmp_path / "runs.log"
    first = _start_worker(data_dir, log_file)  # migrates the database
    state = AppState(Database(DatabaseOptions(path=settings.db_path)))
    acknowledged, errors = [], []
    adder = threading.Thread(target=_add_jobs, args=(state, JOBS, acknowledged, errors))
    adder.start()
    rng = random.Random(7)
    proc, kills = first, 0
    while kills < KILLS:
        time.sleep(rng.uniform(0.2, 0.8))
        proc.send_signal(signal.SIGKILL)
        _reap(proc)
        kills += 1
        proc = _start_worker(data_dir, log_file)
    adder.join()
    assert not errors, errors
    _wait_until_all_final(state, acknowledged)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    _reap(proc)

    statuses = {job_id: state.get_job(job_id).status for job_id in acknowledged}
    assert len(acknowledged) == JOBS
    assert set(statuses.values()) == {"done"}, {s: sum(1 for v in statuses.values() if v == s) for s in set(statuses.values())}
    _assert_never_concurrent(log_file.read_text().splitlines())
    assert state.db.integrity_ok()
    state.close()
    logs = "".join(p.read_text() for p in settings.logs_dir.glob("*.log*"))
    assert "database is locked" not in logs


def _wait_until_all_final(state: AppState, ids: list[int], limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        pending = state.list_jobs(status="queued", limit=1) + state.list_jobs(status="running", limit=1)
        if not pending:
            return
        time.sleep(0.2)
    raise AssertionError(f"jobs still pending: {pending}")


def _assert_never_concurrent(lines: list[str]) -> None:
    """Within one worker process a job never starts again before it ended; ends >= 1 per job."""
    open_runs: dict[tuple[str, str], int] = defaultdict(int)
    ended: set[str] = set()
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue  # a line torn by the kill
        event, job_id, pid = parts[:3]
        if event == "start":
            assert open_runs[(job_id, pid)] == 0, f"job {job_id} started twice at once in process {pid}"
            open_runs[(job_id, pid)] += 1
        elif event == "end":
            open_runs[(job_id, pid)] -= 1
            ended.add(job_id)
    assert len(ended) == JOBS
