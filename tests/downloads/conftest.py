"""Download fixtures: the fake video site's media (built once per session with ffmpeg), the site on
127.0.0.1, and a started runtime whose workers run ``download.url`` jobs with the real yt-dlp."""

from __future__ import annotations

import pytest

from tests.conftest import build_runtime, make_settings
from tests.discs.conftest import wait_for
from tests.fakes.media_site import FakeMediaSite, build_media

FINISHED = ("done", "failed", "skipped", "cancelled")


@pytest.fixture(scope="session")
def site_root(tmp_path_factory):
    return build_media(tmp_path_factory.mktemp("site"), tmp_path_factory)


@pytest.fixture
def site(site_root):
    with FakeMediaSite(site_root) as fake:
        yield fake


@pytest.fixture
def rig(tmp_path):
    """``build(**settings)`` → a started runtime; stopped at the end."""
    built = []

    def build(**overrides):
        runtime = build_runtime(make_settings(tmp_path, **overrides))
        runtime.start()
        built.append(runtime)
        return runtime

    yield build
    for runtime in built:
        runtime.stop()


def finished(runtime, download_id, timeout=120.0):
    """The download once it has finished (done, failed, skipped or cancelled)."""
    def check():
        d = runtime.state.get_download(download_id)
        return d if d.status in FINISHED else None
    return wait_for(check, timeout, what=f"download {download_id} to finish")
