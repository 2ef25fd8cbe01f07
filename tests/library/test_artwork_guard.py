"""End to end: TMDb's image host redirects inward, and nothing from inside is cached or served.

The fake TMDb (the configured API, on 127.0.0.1) hands over an image base URL on a "public"
stub at 127.0.0.2 (allow-listed, as a LAN host would be); every image there redirects to a canary
on 127.0.0.1 / [::1] serving a real JPEG. The identified film gets no poster or backdrop, the
API answers 404 for them and an error for a review candidate's poster, and the canary counts 0.
"""

from __future__ import annotations

import logging

import pytest

from tests.conftest import make_settings
from tests.fakes.outbound import Canary, StubServer
from tests.fakes.server import TINY_JPEG, load_fixture
from tests.library import data, test_web
from tests.library.conftest import drain
from tests.media import make_video


@pytest.fixture
def canary():
    with Canary() as inside:
        yield inside


@pytest.fixture
def image_host(canary):
    """The "public" image host: every image redirects to the canary."""
    def inward(seen):
        return 302, {"Location": f"http://127.1:{canary.port}{seen.path}"}, b""

    with StubServer("127.0.0.2", inward) as host:
        yield host


@pytest.fixture
def lib_settings(tmp_path, fake_tmdb, image_host):
    """The library fixtures' settings with only 127.0.0.2 allow-listed (overrides conftest's)."""
    config = load_fixture("tmdb", "configuration.json")
    config["images"]["base_url"] = config["images"]["secure_base_url"] = f"{image_host.url}/t/p/"
    fake_tmdb.script(200, config, path="/3/configuration", times=1000)
    return make_settings(tmp_path, **{"tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key,
                                      "http.retries": 0, "http.allow_hosts": ["127.0.0.2"]})


admin = test_web.admin  # the signed-in admin on the library app, as the library API tests use it


def _scan_one(admin, lib, lib_runtime, fake_tmdb, file_name: str, cache) -> None:
    """The catalogue in the fake TMDb, one film file in the movies root, a scan, its jobs run."""
    data.load(fake_tmdb)
    fake_tmdb.movies[700002]["poster_path"] = "/twin.jpg"
    make_video(lib.roots["movies"] / file_name, 2, size="32x32", fps=1, audio=False, cache=cache)
    assert admin.post("/api/library/scan").status_code == 202
    drain(lib_runtime)


def test_poster_redirecting_inward_is_not_cached_or_served(admin, lib, lib_runtime, fake_tmdb, image_host, canary,
                                                           tmp_path_factory, caplog):
    caplog.set_level(logging.WARNING)
    _scan_one(admin, lib, lib_runtime, fake_tmdb, "Blade Runner 2049 (2017).mkv", tmp_path_factory)

    (film,) = [item for item in admin.get("/api/media?kind=movie").json["items"] if item["title"] == "Blade Runner 2049"]
    detail = admin.get(f"/api/media/{film['id']}").json
    assert detail["external_ids"]["tmdb"] == "335984"  # identified: the API side worked
    assert {seen.path for seen in image_host.seen} >= {"/t/p/w500/br2049.jpg", "/t/p/w1280/br2049b.jpg"}
    assert not detail["artwork"]
    for kind in ("poster", "backdrop"):
        with admin.get(f"/api/media/{film['id']}/artwork/{kind}") as answer:
            assert answer.status_code == 404 and TINY_JPEG not in answer.data
    assert not list((lib_runtime.settings.cache_dir / "artwork").rglob("*.*"))
    assert canary.hits == 0
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert refusals and all(r.exc_info is None and "/t/p/" not in r.getMessage() for r in refusals)  # no trace, no path


def test_review_candidate_poster_redirecting_inward_is_refused(admin, lib, lib_runtime, fake_tmdb, image_host, canary,
                                                               tmp_path_factory):
    _scan_one(admin, lib, lib_runtime, fake_tmdb, "Twin Film.mkv", tmp_path_factory)
    (waiting,) = admin.get("/api/review").json["items"]
    poster_url = next(c["poster_url"] for c in waiting["candidates"] if c["provider_id"] == "700002")
    with admin.get(poster_url) as answer:
        assert answer.status_code == 502 and TINY_JPEG not in answer.data
        assert answer.json["error"] and "refused" in answer.json["message"] and "Traceback" not in answer.json["message"]
    assert any(seen.path.endswith("/twin.jpg") for seen in image_host.seen)
    assert canary.hits == 0
