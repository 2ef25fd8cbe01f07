"""A worker killed with SIGKILL and not yet reaped by its parent is a zombie: its pid still
answers ``kill(pid, 0)``. The next worker must see that the lease owner is dead and take the job
back at once, instead of treating the zombie as a live owner (whose job would then never run)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.jobs.test_process import _slow_verify_job, _wait_for, _worker


def _is_zombie(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z"


@pytest.mark.slow
def test_a_zombie_worker_s_job_is_taken_back_at_the_next_start(tmp_path):
    job_id = _slow_verify_job(tmp_path)
    first = _worker(tmp_path)
    _wait_for(tmp_path, job_id, lambda j: j["status"] == "running" and j["progress"] > 0)
    first.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 10
    while not _is_zombie(first.pid):  # not waited for: it stays a zombie while this test runs
        assert time.monotonic() < deadline, "the killed worker never became a zombie"
        time.sleep(0.05)
    second = _worker(tmp_path)
    try:
        final = _wait_for(tmp_path, job_id, lambda j: j["status"] in ("done", "failed", "interrupted"), limit=90)
        assert _is_zombie(first.pid)  # the owner was a zombie the whole time
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=15)
        first.wait()
    assert final["status"] == "done" and final["result"]["files"] == 1
