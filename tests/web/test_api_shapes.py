"""The answers no other web test asks for, checked against their schemas by the ``app`` fixture
(``tests/openapi_check.py``): the disc and monitor routes, and re-identifying. TMDb is the local fake."""

from __future__ import annotations

import pytest

from tests.library.conftest import lib_settings  # noqa: F401 - fixture: settings on the local fakes


@pytest.fixture
def settings(lib_settings):  # noqa: F811 - the web fixtures build their runtime on the fakes
    return lib_settings


def test_disc_and_monitor_answers_match_their_schemas(admin_client, monitor, fake_tmdb):
    fake_tmdb.add_movie(4242, "My Movie", year=2021, poster_path="/mymovie.jpg")
    announced = monitor.post("/api/monitor/discs", json={"key": "mac-1", "fingerprint": "f" * 16,
                                                               "label": "MY_MOVIE_2021", "kind": "dvd"})
    assert announced.status_code == 201, announced.json
    disc_id = announced.json["id"]
    assert [d["id"] for d in admin_client.get("/api/discs").json["items"]] == [disc_id]
    assert admin_client.get(f"/api/discs/{disc_id}").json["label"] == "MY_MOVIE_2021"
    searched = admin_client.post(f"/api/discs/{disc_id}/search", json={"title": "My Movie"})
    assert searched.status_code == 200 and searched.json["candidates"], searched.json
    chosen = admin_client.post(f"/api/discs/{disc_id}/choice", json={"choice": {"title": "My Movie", "year": 2021}})
    assert chosen.json["choice"]["year"] == 2021
    assert admin_client.post(f"/api/discs/{disc_id}/confirm", json={}).json["status"] == "confirmed"
    assert monitor.get("/api/monitor/discs/mac-1").json["status"] == "confirmed"
    progress = monitor.post("/api/monitor/discs/mac-1/progress", json={"percent": 40.0, "message": "ripping"})
    assert progress.json["progress"] == 40.0
    failed = monitor.post("/api/monitor/discs/mac-1/result", json={"outputs": [], "error": "drive gave up"})
    assert failed.json["status"] == "failed" and failed.json["error"] == "drive gave up"


def test_reidentify_answers_match_their_schemas(admin_client, state, settings):
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    path = settings.media_dir / "My.Movie.2021.mkv"
    path.write_bytes(b"x" * 100)
    item = state.add_media("movie", "My Movie")
    state.upsert_media_file(str(path), media_id=item.id, size=100, mtime=0.0)
    one = admin_client.post(f"/api/media/{item.id}/identify")
    assert one.status_code == 202 and [j["kind"] for j in one.json["jobs"]] == ["library.identify"]
    every = admin_client.post("/api/library/reidentify")
    assert every.status_code == 202 and every.json["kind"] == "library.reidentify"
