"""External playlists: a Spotify (Exportify) CSV of 20 tracks against a music library holding 15 of
them gives 15 matched and 5 missing (accents, "feat.", case and small duration differences
forgiven); the exported M3U names the library's files, which stream in the app; Spotify's JSON and
M3U files are read too."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from media_library.errors import InvalidInput
from media_library.services.downloads.playlists import fold, parse
from media_library.web.app import create_app
from tests.downloads.conftest import finished
from tests.fakes.media_site import FakeMediaSite
from tests.media import make_audio
from tests.openapi_check import check_responses
from tests.web.conftest import do_setup

LIBRARY = [  # (artist, title, seconds) as the library knows them
    ("Beyoncé", "Halo", 261), ("Daft Punk", "Get Lucky", 369), ("Queen", "Bohemian Rhapsody", 355),
    ("Sigur Rós", "Hoppípolla", 268), ("Björk", "Jóga", 305), ("Mark Ronson", "Uptown Funk", 270),
    ("Adele", "Hello", 295), ("Radiohead", "Karma Police", 264), ("Nirvana", "Come as You Are", 219),
    ("Stromae", "Alors on danse", 206), ("Rosalía", "Malamente", 150), ("The Beatles", "Let It Be", 243),
    ("Shakira", "Hips Don't Lie", 218), ("Eminem", "Lose Yourself", 326), ("Céline Dion", "My Heart Will Go On", 280),
]
PLAYLIST = [  # (title, artists, seconds) as Spotify writes them: 15 of the library, then 5 it lacks
    ("Halo", "Beyonce", 261), ("Get Lucky (feat. Pharrell Williams)", "Daft Punk, Pharrell Williams", 367),
    ("BOHEMIAN RHAPSODY", "Queen", 355), ("Hoppipolla", "Sigur Ros", 268), ("Joga", "Bjork", 306),
    ("Uptown Funk (feat. Bruno Mars)", "Mark Ronson, Bruno Mars", 270), ("Hello", "Adele", 295),
    ("Karma Police", "Radiohead", 262), ("Come As You Are", "Nirvana", 219), ("Alors On Danse", "Stromae", 206),
    ("MALAMENTE - Cap.1: Augurio", "ROSALÍA", 150), ("Let It Be - Remastered 2009", "The Beatles", 243),
    ("Hips Don't Lie (feat. Wyclef Jean)", "Shakira, Wyclef Jean", 218), ("Lose Yourself", "Eminem", 326),
    ("My Heart Will Go On - Love Theme from \"Titanic\"", "Celine Dion", 280),
    ("Halo", "Beyoncé", 420),  # same title, another length: a live version the library lacks
    ("Creep", "Radiohead", 238), ("Yellow", "Coldplay", 266), ("Rolling in the Deep", "Adele", 228),
    ("Smells Like Teen Spirit", "Nirvana", 301),
]


def exportify_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Track URI", "Track Name", "Artist URI(s)", "Artist Name(s)", "Album Name", "Track Duration (ms)"])
    for n, (title, artists, seconds) in enumerate(PLAYLIST):
        writer.writerow([f"spotify:track:{n}", title, "", artists, "Album", seconds * 1000])
    return out.getvalue()


@pytest.fixture
def admin(rig, tmp_path, tmp_path_factory):
    runtime = rig()
    song = make_audio(tmp_path_factory.mktemp("song") / "song.m4a", 3.0, cache=tmp_path_factory)
    for n, (artist, title, seconds) in enumerate(LIBRARY):
        item = runtime.state.add_media("track", title, status="identified", runtime_minutes=seconds / 60,
                                       extra={"artist": artist}, external_ids={"musicbrainz": f"00000000-0000-0000-0000-{n:012d}"})
        path = runtime.settings.media_dir / "Music" / artist / f"{n:02d} {title}.m4a"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(song, path)
        runtime.state.upsert_media_file(str(path), media_id=item.id, size=path.stat().st_size, duration_s=float(seconds))
    app = create_app(runtime)
    app.config["TESTING"] = True
    answers = check_responses(app)
    client = app.test_client()
    response = do_setup(client)
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    yield client
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


def test_spotify_csv_of_20_against_15_gives_15_matched_and_5_missing(admin):
    response = admin.post("/api/downloads/playlists", json={"format": "exportify_csv", "content": exportify_csv(),
                                                             "name": "Road trip"})
    assert response.status_code == 201, response.json
    playlist = response.json
    assert (playlist["matched"], playlist["missing"]) == (15, 5)
    assert [t["media_id"] is not None for t in playlist["tracks"]] == [True] * 15 + [False] * 5
    assert admin.get(f"/api/downloads/playlists/{playlist['id']}").json == playlist

    m3u = admin.get(f"/api/downloads/playlists/{playlist['id']}/m3u")
    assert m3u.status_code == 200 and m3u.mimetype == "audio/x-mpegurl"
    lines = m3u.get_data(as_text=True).splitlines()
    assert lines[:2] == ["#EXTM3U", "#PLAYLIST:Road trip"]
    paths = [line for line in lines if not line.startswith("#")]
    assert len(paths) == 15 and paths[0].endswith("00 Halo.m4a")
    for track in playlist["tracks"][:15]:  # each entry is a library file that plays in the app
        stream = admin.get(f"/api/media/{track['media_id']}/stream", headers={"Range": "bytes=0-1023"})
        assert stream.status_code == 206


def test_spotify_account_json_and_m3u_are_read():
    data = {"playlists": [{"name": "Other", "items": []}, {"name": "Mine", "items": [
        {"track": {"trackName": "Halo", "artistName": "Beyoncé", "albumName": "I Am…"}}, {"episode": {}}]}]}
    name, tracks = parse("spotify_json", json.dumps(data), name="Mine")
    assert name == "Mine" and [(t.title, t.artist) for t in tracks] == [("Halo", "Beyoncé")]
    text = "#EXTM3U\n#EXTINF:261,Beyoncé - Halo\n/music/halo.flac\n\n/music/Queen - Bohemian Rhapsody.mp3\n"
    name, tracks = parse("m3u", text)
    assert [(t.artist, t.title, t.duration_s) for t in tracks] == [("Beyoncé", "Halo", 261.0),
                                                                  ("Queen", "Bohemian Rhapsody", None)]


def test_folding_forgives_accents_featuring_and_brackets():
    assert fold("Beyoncé (feat. JAY-Z)") == "beyonce"
    assert fold("Get Lucky ft. Pharrell") == "get lucky"
    assert fold("Hoppípolla [Live]") == "hoppipolla"


@pytest.mark.parametrize(("fmt", "content"), [("csv", "x"), ("exportify_csv", "a,b\n1,2\n"), ("spotify_json", "{}"),
                                              ("spotify_json", "not json"), ("m3u", "#EXTM3U\n")])
def test_unreadable_files_are_refused_with_a_reason(fmt, content):
    with pytest.raises(InvalidInput):
        parse(fmt, content)


MISSING_M3U = ("#EXTM3U\n#EXTINF:200,Nobody Band - Nowhere Song\nnowhere.mp3\n"
               "#EXTINF:180,Café Tacvba - Eres\neres.mp3\n")


def _client(runtime):
    """An admin's client; every answer is checked against the OpenAPI document."""
    app = create_app(runtime)
    app.config["TESTING"] = True
    answers = check_responses(app)
    client = app.test_client()
    response = do_setup(client)
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return app, client, answers


def _imported_missing(client) -> int:
    response = client.post("/api/downloads/playlists", json={"format": "m3u", "content": MISSING_M3U})
    assert response.status_code == 201, response.json
    assert (response.json["matched"], response.json["missing"]) == (0, 2)
    return response.json["id"]


def test_missing_tracks_are_queued_as_audio_downloads_from_the_allowed_search_url(rig, site):
    runtime = rig(**{"downloads.track_search_url": f"{site.url}/clip.mp4?q={{query}}"})
    app, client, answers = _client(runtime)
    playlist_id = _imported_missing(client)
    response = client.post(f"/api/downloads/playlists/{playlist_id}/fetch-missing", json={})
    assert response.status_code == 202, response.json
    items = response.json["items"]
    assert [(d["url"], d["preset"]) for d in items] == [
        (f"{site.url}/clip.mp4?q=Nobody+Band+Nowhere+Song", "audio_m4a"),
        (f"{site.url}/clip.mp4?q=Caf%C3%A9+Tacvba+Eres", "audio_m4a")]
    for item in items:
        download = finished(runtime, item["id"])
        assert download.status == "done", download.error
    assert site.requested("/clip.mp4?q=Nobody+Band+Nowhere+Song")
    assert site.requested("/clip.mp4?q=Caf%C3%A9+Tacvba+Eres")
    assert client.post(f"/api/downloads/playlists/{playlist_id}/fetch-missing",
                       json={"preset": "best_mp4"}).status_code == 400  # audio presets only
    assert client.post("/api/downloads/playlists/999/fetch-missing", json={}).status_code == 404
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


def test_fetching_missing_tracks_is_off_without_a_search_url(rig):
    runtime = rig()
    app, client, answers = _client(runtime)
    playlist_id = _imported_missing(client)
    response = client.post(f"/api/downloads/playlists/{playlist_id}/fetch-missing", json={})
    assert response.status_code == 400
    assert "downloads.track_search_url" in response.json["message"]
    assert runtime.state.list_downloads(limit=10) == []
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


def test_a_search_url_to_a_host_the_guard_refuses_never_fetches(rig, site_root):
    with FakeMediaSite(site_root, host="127.0.0.2") as inside:  # not on http.allow_hosts
        runtime = rig(**{"downloads.track_search_url": f"{inside.url}/clip.mp4?q={{query}}"})
        app, client, answers = _client(runtime)
        playlist_id = _imported_missing(client)
        items = client.post(f"/api/downloads/playlists/{playlist_id}/fetch-missing", json={}).json["items"]
        assert len(items) == 2
        for item in items:
            download = finished(runtime, item["id"])
            assert download.status == "failed"
            assert "Refused by the outbound guard" in download.error
        assert inside.hits == []
        app.extensions["media_library_unsubscribe"]()
        answers.assert_clean()
