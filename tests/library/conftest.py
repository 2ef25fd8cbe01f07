"""Library fixtures: a runtime whose TMDb is the local fake, and the library services on it.

``lib`` is what the runtime would hold as ``services.library``; ``drain`` runs queued jobs with
the real worker pool (``run_once``) until none is left.
"""

from __future__ import annotations

import pytest

from tests.conftest import build_runtime, make_settings


@pytest.fixture
def lib_settings(tmp_path, fake_tmdb, fake_musicbrainz, fake_acoustid, fake_coverart):
    return make_settings(tmp_path, **{
        "tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key, "http.retries": 0,
        "musicbrainz.base_url": fake_musicbrainz.url, "musicbrainz.requests_per_second": 1000.0,
        "acoustid.base_url": fake_acoustid.url, "acoustid.api_key": fake_acoustid.api_key,
        "coverart.base_url": fake_coverart.url,
    })


@pytest.fixture
def lib_runtime(lib_settings):
    rt = build_runtime(lib_settings)
    yield rt
    rt.stop()


@pytest.fixture
def lib(lib_runtime):
    return lib_runtime.services.library


def drain(runtime, limit: int = 200) -> int:
    """Run queued jobs one by one on the real pool; returns how many ran."""
    ran = 0
    while ran < limit and runtime.pool.run_once():
        ran += 1
    return ran


def jobs_of(runtime, kind: str):
    return [j for j in runtime.state.list_jobs(limit=500) if j.kind == kind]
