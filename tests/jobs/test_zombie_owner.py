"""A worker killed with SIGKILL and not yet reaped by its parent is a zombie: its pid still
answers ``kill(pid, 0)``. The next worker must see that the lease owner is dead and take the job
back at once (it runs again: a second attempt), instead of treating the zombie as a live owner
whose job would stay "running" for as long as the zombie exists."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.jobs.test_process import _cli, _wait_for, _worker

FILE_MB, RATE_MB_S = 64, 1  # about a minute of work: the job is still running when the worker dies


def _is_zombie(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z"


def _long_verify_job(tmp_path: Path) -> int:
    media = tmp_path / "media"
    media.mkdir(parents=True)
    with open(media / "big.bin", "wb") as handle:
        handle.truncate(FILE_MB * 1024 * 1024)
    return _cli(tmp_path, "jobs", "add", "library.verify", "--payload", f'{{"max_mb_per_second": {RATE_MB_S}}}')["id"]


@pytest.mark.slow
def test_a_zombie_worker_s_job_is_taken_back_at_the_next_start(tmp_path):
    job_id = _long_verify_job(tmp_path)
    first = _worker(tmp_path)
    _wait_for(tmp_path, job_id, lambda j: j["status"] == "running" and j["progress"] > 0)
    first.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 10
    while not _is_zombie(first.pid):  # not waited for: it stays a zombie while this test runs
        assert time.monotonic() < deadline, "the killed worker never became a zombie"
        time.sleep(0.05)
    second = _worker(tmp_path)
    try:
        again = _wait_for(tmp_path, job_id, lambda j: j["attempts"] >= 2, limit=60)
        assert _is_zombie(first.pid)  # the owner was a zombie the whole time
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=15)
        first.wait()
    assert again["status"] in ("running", "done")
