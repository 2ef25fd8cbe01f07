"""A finished rip re-identified later: files and library follow.

The test DVD is ripped as "My Movie" (through the watch folder, the fake TMDb and the real
HandBrakeCLI), then a person picks another match with ``POST /api/media/<id>/match``. The file and
its NFO move to the new film's folder through the library's organizer, the old folder is gone,
and the item in the database points at the new path.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from media_library.web.app import create_app
from tests.conftest import media_by_external_id
from tests.discs.conftest import job_done, wait_for
from tests.media import make_dvd, make_iso
from tests.web.conftest import do_setup

pytestmark = [
    pytest.mark.slow,
]


@pytest.fixture
def api(request):
    """``api(runtime)``: a Flask test client of the real app, set up and logged in as the admin."""
    opened = []

    def connect(runtime):
        app = create_app(runtime)
        client = app.test_client()
        client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
        opened.append(app)
        return client

    yield connect
    for app in opened:
        app.extensions["media_library_unsubscribe"]()


def test_ripped_film_picked_as_another_match_moves_with_its_nfo(tmp_path, tmp_path_factory, rig, fake_tmdb, api):
    fake_tmdb.add_movie(4242, "My Movie", year=2021, poster_path="/mymovie.jpg", backdrop_path="/mymovieb.jpg")
    fake_tmdb.add_movie(6161, "My Other Movie", year=2017, poster_path="/other.jpg")
    runtime, _ = rig()
    client = api(runtime)
    dvd = make_dvd(tmp_path / "build" / "DVD", [20.0, 5.0], cache=tmp_path_factory)
    make_iso(dvd, tmp_path / "build" / "disc.iso", label="MY_MOVIE_DISC_1")
    (tmp_path / "watch").mkdir(exist_ok=True)
    (tmp_path / "build" / "disc.iso").rename(tmp_path / "watch" / "disc.iso")
    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    done = wait_for(lambda: job_done(runtime, disc.id), 180, what="rip done")

    movies = runtime.settings.media_dir / "Movies"
    old_name, new_name = "My Movie (2021) [tmdbid-4242]", "My Other Movie (2017) [tmdbid-6161]"
    old = movies / old_name / f"{old_name}.mkv"
    assert old.is_file() and old.with_suffix(".nfo").is_file() and (old.parent / "poster.jpg").is_file()
    media_id = done.result["outputs"][0]["media_id"]
    ripped = old.read_bytes()

    answer = client.post(f"/api/media/{media_id}/match", json={"tmdb_id": 6161})
    assert answer.status_code == 200, answer.json
    new_id = answer.json["id"]
    new = movies / new_name / f"{new_name}.mkv"
    wait_for(lambda: new.is_file() and new.with_suffix(".nfo").is_file() and not old.exists(), 60,
             what="the organizer moved the file")  # fmt: skip

    assert new.read_bytes() == ripped
    nfo = ET.parse(new.with_suffix(".nfo")).getroot()
    assert nfo.findtext("title") == "My Other Movie" and nfo.find("uniqueid[@type='tmdb']").text == "6161"
    assert wait_for(lambda: (new.parent / "poster.jpg").is_file(), 30, what="new poster")
    assert not (movies / old_name).exists(), sorted(p.name for p in (movies / old_name).iterdir())
    (file,) = runtime.state.list_media_files(new_id)
    assert file.path == str(new)
    item = runtime.state.get_media(new_id)
    assert item.title == "My Other Movie" and item.year == 2017 and item.external_ids["tmdb"] == "6161"
    assert item.match_locked
    assert media_by_external_id(runtime.state, "tmdb", "4242") is None  # the old item had no other file
    shown = client.get(f"/api/media/{new_id}").json
    assert [f["path"] for f in shown["files"]] == [str(new)]
