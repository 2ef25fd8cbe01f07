"""Fixtures of the IPTV tests: the fake Xtream provider (real media made by ffmpeg), a runtime
with an account on it, and a job context that runs a use case in the test's thread."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from tests.conftest import build_runtime, make_settings
from tests.fakes.xtream import FakeXtream, make_ts
from tests.media import make_video
from tests.web.conftest import admin_client, app, client  # noqa: F401 - the web fixtures, for the API tests


@pytest.fixture(scope="session")
def movie_bytes(tmp_path_factory) -> bytes:
    return make_video(tmp_path_factory.mktemp("xtream") / "movie.mp4", 4.0).read_bytes()


@pytest.fixture(scope="session")
def live_bytes(tmp_path_factory) -> bytes:
    return make_ts(tmp_path_factory.mktemp("xtream") / "live.ts").read_bytes()


@pytest.fixture
def provider(movie_bytes, live_bytes):
    with FakeXtream(movie=movie_bytes, live=live_bytes) as fake:
        yield fake


@pytest.fixture
def settings(tmp_path, provider):
    return make_settings(tmp_path)


@pytest.fixture
def iptv_runtime(settings):
    rt = build_runtime(settings)
    yield rt
    rt.stop()


@pytest.fixture
def account(iptv_runtime, provider):
    return iptv_runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)


@dataclass
class Ctx:
    """A ``JobControl`` for calling a use case directly: records progress, never cancelled."""

    progress_calls: list = field(default_factory=list)
    cancel_event: threading.Event = field(default_factory=threading.Event)
    cancel_reason: str = "cancelled"

    def progress(self, percent, message=None, **_):
        self.progress_calls.append((percent, message))

    def check_cancelled(self):
        pass


@pytest.fixture
def ctx():
    return Ctx()
