"""The real daemon process in worker mode: SIGTERM exits 0 within 10 s and gives the running job
back; kill -9 leaves it to be recovered at the next start; either way it then finishes.

Jobs are added from a second process with the CLI, as an operator would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "ML_PATHS__DATA_DIR": str(tmp_path / "data"), "ML_PATHS__MEDIA_DIR": str(tmp_path / "media"),
            "ML_JOBS__POLL_SECONDS": "0.2", "ML_JOBS__LEASE_SECONDS": "6", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}


def _cli(tmp_path: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "media_library.cli.main", *args], env=_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def _worker(tmp_path: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--mode", "worker"], env=_env(tmp_path), cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(tmp_path: Path, job_id: int, predicate, limit: float = 60) -> dict:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        jobs = {j["id"]: j for j in (json.loads(line) for line in subprocess.run(
            [sys.executable, "-m", "media_library.cli.main", "jobs", "list"], env=_env(tmp_path), cwd=tmp_path,
            capture_output=True, text=True, timeout=60, check=True).stdout.splitlines())}
        if predicate(jobs[job_id]):
            return jobs[job_id]
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} never reached the expected state: {jobs[job_id]}")


def _slow_verify_job(tmp_path: Path) -> int:
    media = tmp_path / "media"
    media.mkdir(parents=True)
    with open(media / "big.bin", "wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    return _cli(tmp_path, "jobs", "add", "library.verify", "--payload", '{"max_mb_per_second": 4}')["id"]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["sigterm", "sigkill"])
def test_a_stopped_daemon_gives_the_job_back_and_the_next_one_finishes_it(tmp_path, how):
    job_id = _slow_verify_job(tmp_path)
    worker = _worker(tmp_path)
    _wait_for(tmp_path, job_id, lambda j: j["status"] == "running" and j["progress"] > 0)
    started = time.monotonic()
    worker.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
    code = worker.wait(timeout=15)
    if how == "sigterm":
        assert code == 0 and time.monotonic() - started < 10
        assert _wait_for(tmp_path, job_id, lambda j: True)["status"] == "queued"  # resumable: back in the queue
    else:
        assert _wait_for(tmp_path, job_id, lambda j: True)["status"] == "running"  # nobody has noticed yet
    worker = _worker(tmp_path)
    try:
        final = _wait_for(tmp_path, job_id, lambda j: j["status"] in ("done", "failed", "interrupted"), limit=90)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=15)
    assert final["status"] == "done"
    assert final["result"]["files"] == 1
