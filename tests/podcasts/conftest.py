"""Fixtures of the podcast tests: the fake podcast host, real MP3s, a started runtime and a way
to wait for a job to end."""

from __future__ import annotations

import base64
import time

import pytest

from tests.conftest import build_runtime, make_settings
from tests.fakes.podcasts import FakePodcastHost, make_mp3
from tests.web.conftest import admin_client, app, client  # noqa: F401 - the web fixtures, for the API tests

TERMINAL = ("done", "failed", "cancelled", "interrupted")


@pytest.fixture(scope="session")
def mp3_bytes(tmp_path_factory) -> bytes:
    return make_mp3(tmp_path_factory.mktemp("audio") / "tone.mp3").read_bytes()


@pytest.fixture
def host():
    with FakePodcastHost() as fake:
        yield fake


@pytest.fixture
def podcast_runtime(tmp_path, host):
    settings = make_settings(tmp_path, **{"podcasts.directory_url": host.url})
    rt = build_runtime(settings)
    rt.start()
    yield rt
    rt.stop()


def wait_for(predicate, timeout: float = 60.0, what: str = "condition"):
    """Poll ``predicate`` until truthy (an upper bound for a loaded machine, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def finished(runtime, job_id: int, timeout: float = 60.0):
    """The job once it has ended (done, failed, cancelled or interrupted)."""
    return wait_for(lambda: (job := runtime.state.get_job(job_id)).status in TERMINAL and job, timeout,
                    f"job {job_id} to end")


def downloads_settled(runtime, timeout: float = 60.0) -> None:
    """Every podcast.download job has ended."""
    wait_for(lambda: all(j.status in TERMINAL for j in runtime.state.list_jobs(kind="podcast.download")), timeout,
             "downloads to end")



@pytest.fixture
def settings(tmp_path, host):
    return make_settings(tmp_path, **{"podcasts.directory_url": host.url})


def basic(admin, scope: str, username: str = "admin") -> dict:
    """HTTP Basic with the user name and a new API token of ``scope`` as password, as phone apps send it."""
    created = admin.post("/api/tokens", json={"name": f"{scope} phone", "scope": scope})
    assert created.status_code == 201, created.json
    encoded = base64.b64encode(f"{username}:{created.json['secret']}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}
