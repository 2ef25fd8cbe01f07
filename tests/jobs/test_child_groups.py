"""A job's program and everything it started end together on cancel and on shutdown: the pool
stops the handler, which kills the program's whole process group (a wrapper that starts the real
tool is the case that matters)."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from media_library.jobs.base import JobHandler

# Starts a grandchild, prints "<own pid> <grandchild pid>", then both sleep.
WRAPPER = (
    "import os, subprocess, sys, time\n"
    "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
    "print(os.getpid(), g.pid, flush=True)\n"
    "time.sleep(120)\n"
)


class Wrapped(JobHandler):
    kind = "test.wrapped"
    resumable = False
    pids: list[int] = []
    started = threading.Event()

    def run(self, ctx, payload):
        def on_line(line: str) -> None:
            type(self).pids.extend(int(p) for p in line.split())
            type(self).started.set()

        ctx.run([sys.executable, "-c", WRAPPER], timeout=300, on_line=on_line, line_source="stdout")
        return None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _all_gone(pids: list[int], limit: float = 15) -> bool:
    deadline = time.monotonic() + limit
    while any(_alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def started(runtime):
    runtime.registry.register(Wrapped)
    Wrapped.pids, Wrapped.started = [], threading.Event()
    runtime.start()
    return runtime


def test_cancel_ends_the_program_and_its_children(started):
    job, _ = started.jobs.enqueue("test.wrapped", {})
    assert Wrapped.started.wait(30)
    assert len(Wrapped.pids) == 2 and all(_alive(p) for p in Wrapped.pids)
    started.jobs.cancel(job.id)
    assert _all_gone(Wrapped.pids), "the wrapper or its child outlived the cancel"


def test_shutdown_ends_the_program_and_its_children(started):
    started.jobs.enqueue("test.wrapped", {})
    assert Wrapped.started.wait(30)
    started.pool.stop()
    assert _all_gone(Wrapped.pids), "the wrapper or its child outlived the shutdown"
