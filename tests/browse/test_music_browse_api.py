"""Browsing music over the API: audio durations probed by the scan (and backfilled for rows made
before), an album's tracks in disc and track order with their numbers and durations, an artist's
albums by year, ``?kind=album``/``track``/``artist`` across parents, the unidentified shelf
(``?parent=none``), album and artist artwork (``cover.jpg`` beside the tracks, else a track's
cached cover), and the next track for playing an album in order."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from media_library.services.browse import next_track
from tests.browse.test_library_api import walk
from tests.fakes.server import TINY_JPEG
from tests.media import make_audio

TRACKS = [  # (title, disc, track), stored out of order and not alphabetical
    ("Zebra Crossing", 1, 2), ("Encore", 2, 1), ("Another Start", 1, 1), ("Middle", 1, 3), ("Final Bow", 2, 2)]


def _png() -> bytes:
    """A 1×1 PNG, written out by hand (signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))


def make_image(path: Path, kind: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(TINY_JPEG if kind == "JPEG" else _png())
    return path


def _music_root(runtime):
    return runtime.services.library.roots["music"]


def _scan(runtime):
    return runtime.services.library.scanner.scan()


@pytest.fixture
def album(runtime, state, add, tmp_path_factory):
    """An artist with two albums; the 2011 one has five tracks over two discs, each with a real
    audio file in the album's folder (lengths 3-7 s), scanned so their durations are probed."""
    artist = add("artist", "The Testers", status="identified")
    later = add("album", "Another Album", parent_id=artist.id, year=2015, status="identified")
    first = add("album", "Sine Waves", parent_id=artist.id, year=2011, status="identified")
    folder = _music_root(runtime) / "The Testers" / "Sine Waves (2011)"
    tracks = {}
    for n, (title, disc, number) in enumerate(TRACKS):
        path = make_audio(folder / f"{disc}-{number:02d} - {title}.flac", 3.0 + n, melody=n % 4, cache=tmp_path_factory)
        tracks[title] = add("track", title, parent_id=first.id, status="identified",
                            extra={"disc_number": disc, "track_number": number, "artist": "The Testers"})
        (row,) = state.apply_scan(new=[{"path": str(path), "size": path.stat().st_size, "mtime": 1.0}])
        state.update_media_file(row.id, media_id=tracks[title].id)
    _scan(runtime)  # mtime 1.0 differs from the file's: changed, so probed
    return {"artist": artist, "album": first, "later": later, "tracks": tracks, "folder": folder}


def test_the_scan_probes_new_audio_files_for_their_duration(runtime, state, tmp_path_factory):
    path = make_audio(_music_root(runtime) / "incoming" / "song.flac", 8.0, melody=1, cache=tmp_path_factory)
    report = _scan(runtime)
    (row,) = [state.get_media_file(i) for i in report.new]
    assert row.path == str(path)
    assert row.duration_s == pytest.approx(8.0, abs=0.1)
    assert row.container == "FLAC" and row.audio_codecs == ["FLAC"]


def test_the_next_scan_backfills_audio_rows_without_a_duration(runtime, state, tmp_path_factory):
    make_audio(_music_root(runtime) / "old.flac", 5.0, melody=2, cache=tmp_path_factory)
    (row,) = [state.get_media_file(i) for i in _scan(runtime).new]
    state.update_media_file(row.id, duration_s=None)  # as a library scanned before audio was probed
    report = _scan(runtime)
    assert report.unchanged == 1 and report.changed == []
    assert state.get_media_file(row.id).duration_s == pytest.approx(5.0, abs=0.1)


def test_an_unreadable_audio_file_is_indexed_without_a_duration(runtime, state):
    path = _music_root(runtime) / "broken.mp3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0\1\2not audio at all" * 100)
    (row,) = [state.get_media_file(i) for i in _scan(runtime).new]
    assert row.duration_s is None
    assert _scan(runtime).unchanged == 1


def test_album_tracks_come_in_disc_and_track_order_with_numbers_and_durations(admin_client, album):
    answer = admin_client.get(f"/api/library?parent={album['album'].id}")
    assert answer.status_code == 200, answer.json
    items = answer.json["items"]
    assert [(i["disc_number"], i["track_number"], i["title"]) for i in items] == [
        (1, 1, "Another Start"), (1, 2, "Zebra Crossing"), (1, 3, "Middle"), (2, 1, "Encore"), (2, 2, "Final Bow")]
    durations = {i["title"]: i["duration_s"] for i in items}
    assert durations["Zebra Crossing"] == pytest.approx(3.0, abs=0.1)
    assert durations["Final Bow"] == pytest.approx(7.0, abs=0.1)
    assert all(i["playback"]["duration_s"] == i["duration_s"] for i in items)


def test_album_order_holds_across_pages(admin_client, album):
    seen = walk(admin_client, f"/api/library?parent={album['album'].id}", 2)
    assert seen == ["Another Start", "Zebra Crossing", "Middle", "Encore", "Final Bow"]


def test_a_track_item_carries_its_numbers_and_file_duration(admin_client, album):
    detail = admin_client.get(f"/api/media/{album['tracks']['Encore'].id}").json
    assert (detail["disc_number"], detail["track_number"]) == (2, 1)
    assert detail["files"][0]["duration_s"] == pytest.approx(4.0, abs=0.1)
    film = admin_client.get(f"/api/media/{album['album'].id}").json
    assert film["track_number"] is None and film["disc_number"] is None


def test_an_artist_lists_its_albums_by_year(admin_client, album):
    page = admin_client.get(f"/api/library?parent={album['artist'].id}").json
    assert [(i["title"], i["year"]) for i in page["items"]] == [("Sine Waves", 2011), ("Another Album", 2015)]


def test_kind_lists_albums_tracks_and_artists_wherever_they_hang(admin_client, album, add):
    loose = add("track", "mystery", status="review")
    add("movie", "Heat", year=1995)
    albums = admin_client.get("/api/library?kind=album").json["items"]
    assert [i["title"] for i in albums] == ["Another Album", "Sine Waves"]
    assert len(admin_client.get("/api/library?kind=track").json["items"]) == 6
    assert [i["title"] for i in admin_client.get("/api/library?kind=artist").json["items"]] == ["The Testers"]
    shelf = admin_client.get("/api/library?kind=track&parent=none").json["items"]
    assert [i["id"] for i in shelf] == [loose.id], "only tracks no album claimed are on the unidentified shelf"


def test_album_artwork_comes_from_cover_jpg_beside_its_tracks(admin_client, album, tmp_path):
    cover = make_image(album["folder"] / "cover.jpg", "JPEG")
    for url in (f"/api/media/{album['album'].id}/artwork", f"/api/media/{album['album'].id}/artwork/poster",
                f"/api/media/{album['artist'].id}/artwork/poster"):
        with admin_client.get(url) as answer:
            assert answer.status_code == 200, url
            assert answer.mimetype == "image/jpeg" and answer.data == cover.read_bytes()
    assert admin_client.get(f"/api/media/{album['album'].id}/about").json["has_poster"] is True


def test_album_artwork_falls_back_to_a_tracks_cached_cover(admin_client, runtime, state, album):
    cache = runtime.settings.cache_dir / "artwork" / album["tracks"]["Middle"].id
    cover = make_image(cache / "poster.png", "PNG")
    state.set_artwork(album["tracks"]["Middle"].id, "poster", str(cover), "coverartarchive:release/x/front-500")
    card = next(i for i in admin_client.get("/api/library?kind=album").json["items"] if i["title"] == "Sine Waves")
    assert card["poster"] == f"/api/media/{album['album'].id}/artwork/poster"
    with admin_client.get(card["poster"]) as answer:
        assert answer.status_code == 200 and answer.mimetype == "image/png"
    artist = admin_client.get("/api/library?kind=artist").json["items"][0]
    with admin_client.get(artist["poster"]) as answer:
        assert answer.status_code == 200 and answer.data == cover.read_bytes()


def test_a_cover_outside_the_library_roots_is_not_served(admin_client, album, tmp_path):
    outside = make_image(tmp_path / "elsewhere.jpg", "JPEG")
    os.symlink(outside, album["folder"] / "cover.jpg")
    answer = admin_client.get(f"/api/media/{album['album'].id}/artwork")
    assert answer.status_code == 404 and answer.json["error"]
    assert admin_client.get(f"/api/media/{album['album'].id}/about").json["has_poster"] is False


def test_an_album_without_any_art_answers_404_and_its_card_has_no_poster(admin_client, album):
    shutil.rmtree(album["folder"])
    card = next(i for i in admin_client.get("/api/library?kind=album").json["items"] if i["title"] == "Sine Waves")
    assert card["poster"] is None
    assert admin_client.get(f"/api/media/{album['album'].id}/artwork").status_code == 404


def test_the_next_track_follows_album_order(state, album):
    tracks = album["tracks"]
    assert next_track(state, state.get_media(tracks["Middle"].id))["id"] == tracks["Encore"].id
    assert next_track(state, state.get_media(tracks["Another Start"].id))["title"] == "Zebra Crossing"
    assert next_track(state, state.get_media(tracks["Final Bow"].id)) is None


def test_an_uploaded_audio_file_is_recorded_with_its_duration(admin_client, state, tmp_path_factory, tmp_path):
    song = make_audio(tmp_path / "upload.flac", 6.0, melody=3, cache=tmp_path_factory)
    answer = admin_client.post("/api/upload", data={"file": [(io.BytesIO(song.read_bytes()), "Some Band - A Song.flac")]},
                               content_type="multipart/form-data")
    assert answer.status_code == 201, answer.json
    (uploaded,) = answer.json["items"]
    assert state.get_media_file(uploaded["file_id"]).duration_s == pytest.approx(6.0, abs=0.1)
