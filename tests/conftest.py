"""Shared fixtures, each building on the one before:
settings -> runtime (a real SQLite file in tmp_path, migrated by the production code) -> state;
and the local fake servers of the metadata services (tests/fakes), each on its own port.
The web fixtures (app, client, socket client) live in tests/web/conftest.py.
"""

from __future__ import annotations

import pytest

from media_library.config import load_settings
from media_library.runtime import Runtime
from tests.fakes.acoustid import FakeAcoustId
from tests.fakes.coverart import FakeCoverArt
from tests.fakes.musicbrainz import FakeMusicBrainz
from tests.fakes.tmdb import FakeTmdb


def make_settings(tmp_path, **overrides):
    """Settings for a test: everything under tmp_path, no environment, no .env."""
    values = {
        "paths.data_dir": str(tmp_path / "data"),
        "paths.media_dir": str(tmp_path / "media"),
        "jobs.workers": 2,
        "jobs.poll_seconds": 0.2,
        "jobs.backoff_base_seconds": 0.01,
        "jobs.progress_interval_seconds": 0.0,
        "scheduler.enabled": False,
        "auth.setup_code": "test-setup-code",
        "server.shutdown_grace_seconds": 3.0,
        "database.backup_before_migrate": False,
    }
    values.update(overrides)
    return load_settings(None, environ={}, overrides=values)


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


@pytest.fixture
def runtime(settings):
    """A built but not started runtime (call ``runtime.start()`` to run workers)."""
    rt = Runtime.build(settings, "server")
    yield rt
    rt.stop()


@pytest.fixture
def state(runtime):
    return runtime.state


@pytest.fixture
def fake_tmdb():
    with FakeTmdb() as fake:
        yield fake


@pytest.fixture
def fake_musicbrainz():
    with FakeMusicBrainz() as fake:
        yield fake


@pytest.fixture
def fake_acoustid():
    with FakeAcoustId() as fake:
        yield fake


@pytest.fixture
def fake_coverart():
    with FakeCoverArt() as fake:
        yield fake
