"""Manual music matching through the API: the review queue holds an untagged folder as one album,
its files' own tags, a MusicBrainz search by artist and album, and a match by release id that
files the whole album; uploads are never grouped as an album, and one is matched by recording id;
a body that names nothing to match is a 400 a person can act on."""

from __future__ import annotations

from tests.conftest import media_by_external_id
from tests.library.conftest import drain
from tests.library.test_music_album import INTRO, THREE, _untagged_folder, sine_waves, three_songs  # noqa: F401 - fixtures
from tests.library.test_web import _upload, admin  # noqa: F401 - a fixture
from tests.media import make_audio


def test_a_release_id_from_the_review_queue_files_the_whole_album(admin, lib, lib_runtime, three_songs,  # noqa: F811
                                                                   tmp_path_factory):
    _untagged_folder(lib, tmp_path_factory)
    assert admin.post("/api/library/scan").status_code == 202
    drain(lib_runtime)
    (held,) = admin.get("/api/review").json["items"]
    assert held["kind"] == "album" and len(held["files"]) == 3

    tags = admin.get(f"/api/media/{held['id']}/tags").json
    assert [f["name"] for f in tags["files"]] == ["01.flac", "02.flac", "03.flac"] and tags["files"][0]["tags"] == {}
    found = admin.get("/api/music/search", query_string={"artist": "The Testers", "album": "Three Tones"}).json
    (release,) = [r for r in found["releases"] if r["musicbrainz_release"] == THREE]
    assert release["track_count"] == 3 and release["label"] == "Test Label"

    wrong = admin.post(f"/api/media/{held['id']}/match", json={})
    assert wrong.status_code == 400 and "musicbrainz_release_id" in wrong.json["message"]
    answer = admin.post(f"/api/media/{held['id']}/match", json={"musicbrainz_release_id": THREE, "scope": "album"})
    assert answer.status_code == 200, answer.json
    assert answer.json["kind"] == "track" and answer.json["match_locked"]
    drain(lib_runtime)
    folder = lib.roots["music"] / "The Testers" / "Three Tones (2015)"
    assert sorted(p.name for p in folder.iterdir()) == ["01 - Part 1.flac", "02 - Part 2.flac", "03 - Part 3.flac", "cover.jpg"]
    assert admin.get("/api/review").json["items"] == []
    assert lib.scanner.scan().changed == [], "tagging and the cover left the rows current: a rescan sees no change"


def test_uploads_are_separate_tracks_and_one_is_matched_by_recording_id(admin, lib, lib_runtime, sine_waves,  # noqa: F811
                                                                        tmp_path_factory):
    source = tmp_path_factory.mktemp("songs")
    songs = [make_audio(source / name, seconds, melody=n, cache=tmp_path_factory)
             for n, (name, seconds) in enumerate((("first take.mp3", 6.0), ("second take.mp3", 8.0)))]
    assert _upload(admin, *[(p.name, p.read_bytes()) for p in songs]).status_code == 201
    drain(lib_runtime)
    waiting = admin.get("/api/review").json["items"]
    assert sorted((i["kind"], len(i["files"])) for i in waiting) == [("track", 1), ("track", 1)]

    second = next(i for i in waiting if i["files"][0]["original_name"] == "second take.mp3")
    answer = admin.post(f"/api/media/{second['id']}/match", json={"musicbrainz_recording_id": INTRO})
    assert answer.status_code == 200, answer.json
    drain(lib_runtime)
    track = media_by_external_id(lib.state, "musicbrainz", INTRO, kind="track")
    assert answer.json["id"] == track.id and track.match_locked
    assert (lib.roots["music"] / "The Testers" / "Sine Waves (2011)" / "01 - Intro.mp3").is_file()


def test_search_needs_something_to_search_for(admin):  # noqa: F811
    answer = admin.get("/api/music/search")
    assert answer.status_code == 400 and answer.json["error"] and "artist" in answer.json["message"]
