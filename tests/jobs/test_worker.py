"""The worker pool with real threads: outcomes, retries with backoff, cancel, shutdown, events."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from media_library import events
from media_library.errors import ExternalServiceError, InvalidInput, RateLimited
from media_library.jobs.base import JobHandler


def _wait_final(runtime, job_id, timeout=20):
    done = threading.Event()

    def on_event(event):
        if isinstance(event, events.JobUpdated) and event.public["id"] == job_id and event.public["status"] in ("done", "failed", "cancelled", "interrupted"):
            done.set()

    unsubscribe = runtime.bus.subscribe(on_event)
    try:
        if not runtime.state.get_job(job_id).is_final:
            assert done.wait(timeout), runtime.state.get_job(job_id)
    finally:
        unsubscribe()
    return runtime.state.get_job(job_id)


class Flaky(JobHandler):
    kind = "test.flaky"
    calls = 0

    def run(self, ctx, payload):
        type(self).calls += 1
        if type(self).calls < 3:
            raise ExternalServiceError("tmdb", "answered 503")
        return {"calls": type(self).calls}


class Broken(JobHandler):
    kind = "test.broken"

    def run(self, ctx, payload):
        raise InvalidInput("that file is not a video")


class Buggy(JobHandler):
    kind = "test.buggy"

    def run(self, ctx, payload):
        raise ZeroDivisionError("oops")


class Slow(JobHandler):
    kind = "test.slow"
    resumable = False
    started = threading.Event()

    def run(self, ctx, payload):
        type(self).started.set()
        proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
        ctx.track(proc)
        for n in range(600):
            ctx.progress(n / 6, f"step {n}")
            if ctx.cancel_event.wait(0.05):
                break
        ctx.check_cancelled()
        return None


@pytest.fixture
def started(runtime):
    for handler in (Flaky, Broken, Buggy, Slow):
        runtime.registry.register(handler)
    Flaky.calls = 0
    Slow.started = threading.Event()
    runtime.start()
    return runtime


def test_transient_errors_retry_with_backoff_then_succeed(started):
    job, _ = started.jobs.enqueue("test.flaky", {})
    final = _wait_final(started, job.id)
    assert final.status == "done" and final.attempts == 3 and final.result == {"calls": 3}


def test_expected_error_fails_at_once_with_its_message(started):
    job, _ = started.jobs.enqueue("test.broken", {})
    final = _wait_final(started, job.id)
    assert final.status == "failed" and final.attempts == 1 and final.error == "that file is not a video"


def test_a_bug_fails_the_job_and_the_worker_lives_on(started):
    job, _ = started.jobs.enqueue("test.buggy", {})
    assert "ZeroDivisionError" in _wait_final(started, job.id).error
    job, _ = started.jobs.enqueue("test.broken", {})
    assert _wait_final(started, job.id).status == "failed"


def test_cancel_stops_the_handler_and_its_child_process(started):
    job, _ = started.jobs.enqueue("test.slow", {})
    assert Slow.started.wait(10)
    started.jobs.cancel(job.id)
    assert _wait_final(started, job.id).status == "cancelled"


def test_progress_events_follow_the_commit(started):
    seen = []
    started.bus.subscribe(lambda event: seen.append(event.progress) if isinstance(event, events.JobProgress) else None)
    job, _ = started.jobs.enqueue("test.slow", {})
    assert Slow.started.wait(10)
    while len(seen) < 3:
        threading.Event().wait(0.05)
    assert started.state.get_job(job.id).progress >= seen[0]
    started.jobs.cancel(job.id)
    _wait_final(started, job.id)


def test_shutdown_leaves_a_non_resumable_job_interrupted(started):
    job, _ = started.jobs.enqueue("test.slow", {})
    assert Slow.started.wait(10)
    started.pool.stop()
    after = started.state.get_job(job.id)
    assert after.status == "interrupted" and after.lease_owner is None


def test_retry_delay_honours_retry_after_and_caps(runtime):
    pool = runtime.pool
    assert pool.retry_delay(1, 7) == 7
    assert pool.retry_delay(1, 10 ** 9) == runtime.settings.jobs.backoff_cap_seconds
    delays = [pool.retry_delay(n, None) for n in range(1, 6)]
    assert all(d > 0 for d in delays)
    assert isinstance(RateLimited("x", 3).retry_after, float | int)


def test_unknown_kind_is_refused(runtime):
    from media_library.errors import InvalidInput as Invalid

    with pytest.raises(Invalid):
        runtime.jobs.enqueue("no.such.kind", {})
