"""The full path with real tools: a DVD built here (ffmpeg + dvdauthor + genisoimage) dropped in the
watch folder → detected → identified against the fake TMDb → ripped by the real HandBrakeCLI →
a playable file of the main title's duration at the right place, published through the library
(NFO with the TMDb id, poster and fanart; episode NFOs and tvshow.nfo for a TV disc), with
progress events seen on a Socket.IO client of ``create_app(runtime)``."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from media_library import events
from media_library.services.discs.events import DiscUpdated
from media_library.tools import ffprobe
from media_library.web.app import create_app
from tests.conftest import media_by_external_id
from tests.discs.conftest import job_done, wait_for
from tests.media import make_dvd, make_iso
from tests.web.conftest import SocketClient, do_setup, serve_in_thread, session_cookie

pytestmark = [
    pytest.mark.slow,
]


@pytest.fixture
def socket_client():
    """``socket_client(runtime)``: a logged-in Socket.IO client of the production server for the real
    app on ``runtime`` (uvicorn in this process, python-socketio's client over a WebSocket)."""
    opened = []

    def connect(runtime):
        app = create_app(runtime)
        http = app.test_client()
        assert do_setup(http).status_code == 201
        server = serve_in_thread(app)
        client = SocketClient()
        opened.append((app, server, client))
        client.connect(server.url, cookie=session_cookie(http))
        return client

    yield connect
    for app, server, client in opened:
        client.close()
        server.stop()
        app.extensions["media_library_unsubscribe"]()


def test_dvd_iso_in_watch_folder_ends_up_named_in_the_library(tmp_path, tmp_path_factory, rig, fake_tmdb, socket_client):
    # No runtime: HandBrake's own pick decides. Artwork paths: the library caches and places them.
    fake_tmdb.add_movie(4242, "My Movie", year=2021, poster_path="/mymovie.jpg", backdrop_path="/mymovieb.jpg",
                        imdb_id="tt7654321")
    runtime, recorder = rig()
    sio = socket_client(runtime)
    dvd = make_dvd(tmp_path / "build" / "DVD", [20.0, 5.0], cache=tmp_path_factory)
    make_iso(dvd, tmp_path / "build" / "disc.iso", label="MY_MOVIE_DISC_1")
    # "Insert": move the finished image into the watch folder (a rename, like a finished copy).
    (tmp_path / "watch").mkdir(exist_ok=True)
    (tmp_path / "build" / "disc.iso").rename(tmp_path / "watch" / "disc.iso")

    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    assert disc.label == "MY_MOVIE_DISC_1" and disc.title_guess == "My Movie" and disc.kind == "dvd"
    assert disc.candidates and disc.candidates[0]["provider_id"] == "4242"
    done = wait_for(lambda: job_done(runtime, disc.id), 180, what="rip done")

    name = "My Movie (2021) [tmdbid-4242]"
    path = runtime.settings.media_dir / "Movies" / name / f"{name}.mkv"
    assert path.exists(), done.result
    probe = ffprobe.probe(path)
    assert probe.of_type("video") and 19.0 <= probe.duration_s <= 21.5
    assert [o["path"] for o in done.result["outputs"]] == [f"Movies/{name}/{name}.mkv"]
    assert not list(runtime.settings.media_dir.rglob("*.partial.mkv"))

    progress = [p for p in recorder.named(events.JobProgress) if p["kind"] == "disc.rip"]
    assert any(0 < p["progress"] < 100 and "encoding" in (p["message"] or "") for p in progress)
    disc_states = [p["status"] for p in recorder.named(DiscUpdated)]
    assert disc_states[0] == "waiting" and "confirmed" in disc_states and "ripping" in disc_states and disc_states[-1] == "done"

    # The same live progress reached a browser-like Socket.IO client through the real app.
    sio.wait_for(lambda: any(d["status"] == "done" for d in sio.named(DiscUpdated.name)))
    socket_progress = sio.named(events.JobProgress.name)
    assert any(p["kind"] == "disc.rip" and 0 < p["progress"] < 100 and "encoding" in (p["message"] or "")
               for p in socket_progress)
    socket_discs = sio.named(DiscUpdated.name)
    assert {"ripping", "done"} <= {d["status"] for d in socket_discs} and socket_discs[-1]["id"] == disc.id
    assert any(d["status"] == "ripping" and 0 < d["progress"] < 100 for d in socket_discs)
    item = media_by_external_id(runtime.state, "tmdb", "4242")
    assert item is not None and item.title == "My Movie" and item.year == 2021
    assert item.status == "identified" and item.external_ids["imdb"] == "tt7654321"
    (file,) = runtime.state.list_media_files(item.id)
    assert file.path == str(path) and file.duration_s and file.video_codec

    # Through the library: the movie NFO (uniqueid tmdb + Jellyfin's <tmdbid>), sidecar and artwork.
    nfo = ET.parse(path.with_suffix(".nfo")).getroot()
    assert nfo.tag == "movie" and nfo.findtext("title") == "My Movie"
    assert nfo.find("uniqueid[@type='tmdb']").text == "4242" and nfo.findtext("tmdbid") == "4242"
    assert nfo.findtext("imdbid") == "tt7654321"
    assert (path.parent / "poster.jpg").read_bytes().startswith(b"\xff\xd8")
    assert (path.parent / "fanart.jpg").is_file() and path.with_suffix(".json").is_file()


def _insert(tmp_path, tmp_path_factory, titles, label):
    dvd = make_dvd(tmp_path / "build" / label, titles, cache=tmp_path_factory)
    make_iso(dvd, tmp_path / "build" / f"{label}.iso", label=label)
    (tmp_path / "watch").mkdir(exist_ok=True)
    (tmp_path / "build" / f"{label}.iso").rename(tmp_path / "watch" / f"{label}.iso")


def test_tv_disc_rips_episodes_and_skips_play_all(tmp_path, tmp_path_factory, rig, fake_tmdb):
    fake_tmdb.add_tv(7070, "Some Show", year=2020, poster_path="/someshow.jpg", tvdb_id=370707)
    for number in range(1, 9):
        fake_tmdb.add_episode(7070, 2, number, f"Chapter {number}", runtime=1)
    runtime, _ = rig(**{"disc.confirm_window_seconds": 3600, "disc.min_title_seconds": 5})
    _insert(tmp_path, tmp_path_factory, [10.0, 10.0, 10.0, 10.0, 40.0], "SOME_SHOW_S1_D1")
    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    assert disc.status == "waiting"
    runtime.services.discs.confirm(disc.id, {"mode": "tv", "series": "Some Show", "year": 2020, "season": 2,
                                             "first_episode": 5})
    done = wait_for(lambda: job_done(runtime, disc.id), 240, what="TV rip done")
    show = runtime.settings.media_dir / "Shows" / "Some Show (2020) [tmdbid-7070]"
    season = show / "Season 02"
    names = sorted(p.name for p in season.glob("*.mkv"))
    assert names == [f"Some Show (2020) S02E{n:02d}.mkv" for n in (5, 6, 7, 8)]
    assert [o["title_index"] for o in done.result["outputs"]] == [1, 2, 3, 4]  # title 5 (play all) skipped
    for path in season.glob("*.mkv"):
        assert 9.0 <= ffprobe.duration(path) <= 11.0
        episode = ET.parse(path.with_suffix(".nfo")).getroot()
        assert episode.tag == "episodedetails" and episode.findtext("season") == "2"
        assert episode.findtext("title") == f"Chapter {path.stem[-2:].lstrip('0')}"
    tvshow = ET.parse(show / "tvshow.nfo").getroot()
    assert tvshow.find("uniqueid[@type='tmdb']").text == "7070" and tvshow.findtext("tvdbid") == "370707"
    assert (show / "poster.jpg").is_file() and (season / "season.nfo").is_file()
    assert not (runtime.settings.media_dir / "Shows" / "Some Show (2020)").exists()


def test_only_the_ticked_titles_are_ripped_and_numbered_in_disc_order(tmp_path, tmp_path_factory, rig, fake_tmdb):
    """A person unticks the second of four episodes: the real rip makes three files, S01E01-E03 from
    titles 1, 3 and 4; the plan shown before said the same."""
    fake_tmdb.add_tv(7171, "Pick Show", year=2019)
    runtime, _ = rig(**{"disc.confirm_window_seconds": 3600, "disc.min_title_seconds": 5})
    _insert(tmp_path, tmp_path_factory, [10.0, 14.0, 11.0, 12.0, 47.0], "PICK_SHOW_S1")
    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 30, what="disc detected")
    discs = runtime.services.discs
    discs.update_choice(disc.id, {"mode": "tv", "series": "Pick Show", "year": 2019, "season": 1, "first_episode": 1})
    assert [p["title_index"] for p in discs.plan(disc.id)["planned"]] == [1, 2, 3, 4]  # the plan's pick: every episode
    discs.update_choice(disc.id, {"titles": [1, 3, 4]})
    assert [(p["number"], p["title_index"]) for p in discs.plan(disc.id)["planned"]] == [(1, 1), (2, 3), (3, 4)]
    discs.confirm(disc.id)
    done = wait_for(lambda: job_done(runtime, disc.id), 240, what="TV rip done")

    season = runtime.settings.media_dir / "Shows" / "Pick Show (2019) [tmdbid-7171]" / "Season 01"
    assert [o["title_index"] for o in done.result["outputs"]] == [1, 3, 4]
    durations = {p.name: ffprobe.duration(p) for p in season.glob("*.mkv")}
    assert sorted(durations) == [f"Pick Show (2019) S01E0{n}.mkv" for n in (1, 2, 3)]
    for name, expected in (("S01E01", 10.0), ("S01E02", 11.0), ("S01E03", 12.0)):  # title 2 (14 s) is not among them
        assert abs(durations[f"Pick Show (2019) {name}.mkv"] - expected) <= 0.6, durations


def test_disc_with_30_fake_titles_gives_at_most_max_outputs(tmp_path, tmp_path_factory, rig):
    runtime, _ = rig(**{"disc.confirm_window_seconds": 3600, "disc.min_title_seconds": 1, "disc.max_outputs": 3})
    _insert(tmp_path, tmp_path_factory, [2.0] * 30, "FAKE_TITLES")
    disc = wait_for(lambda: (runtime.state.list_discs() or [None])[0], 60, what="disc detected")
    runtime.services.discs.confirm(disc.id, {"title": "Fake Titles", "year": 2001, "include_extras": True})
    done = wait_for(lambda: job_done(runtime, disc.id), 240, what="rip done")
    assert done.result["titles_on_disc"] == 30
    files = list((runtime.settings.media_dir / "Movies").rglob("*.mkv"))
    assert len(files) == len(done.result["outputs"]) == 3
