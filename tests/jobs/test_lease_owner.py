"""The lease owner check: a zombie, a reused pid and a live process told apart by start time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from media_library.jobs.worker import BOOT, HOST, make_owner_id, owner_alive
from media_library.tools import proc

ME = make_owner_id()


def _owner(pid: int, start: int | None) -> str:
    return f"{HOST}/{BOOT}/{pid}/{start}/feedbeef" if start is not None else f"{HOST}/{BOOT}/{pid}/feedbeef"


def _sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def _zombie() -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 20
    while proc.process_start_time(child.pid) is not None:  # exited but not reaped: a zombie
        assert time.monotonic() < deadline, "the child never exited"
        time.sleep(0.02)
    return child


def test_a_live_process_with_its_start_time_owns_its_lease():
    child = _sleeper()
    try:
        assert owner_alive(_owner(child.pid, proc.process_start_time(child.pid)), my_owner=ME)
    finally:
        child.kill()
        child.wait()


def test_a_zombie_counts_as_dead():
    child = _zombie()
    try:
        assert Path(f"/proc/{child.pid}/stat").read_text().split(") ")[1][0] == "Z"
        assert not owner_alive(_owner(child.pid, 12345), my_owner=ME)
        assert not owner_alive(_owner(child.pid, None), my_owner=ME)  # an owner id of the old format too
    finally:
        child.wait()


def test_a_pid_reused_by_another_process_counts_as_dead():
    child = _sleeper()
    try:
        started = proc.process_start_time(child.pid)
        assert started is not None
        assert not owner_alive(_owner(child.pid, started - 1), my_owner=ME)
    finally:
        child.kill()
        child.wait()


def test_a_gone_process_counts_as_dead_and_a_garbled_owner_too():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not owner_alive(_owner(child.pid, 1), my_owner=ME)
    assert not owner_alive("garbage", my_owner=ME)
    assert not owner_alive(f"{HOST}/{BOOT}/x/1/token", my_owner=ME)


def test_the_owner_id_records_this_process_start_time():
    host, boot, pid, start, _token = ME.split("/")
    assert int(start) == proc.process_start_time(int(pid)) > 0
