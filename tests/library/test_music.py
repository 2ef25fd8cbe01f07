"""Music through the real pipeline: a file made by ffmpeg, fingerprinted by the real fpcalc, looked
up at the fake AcoustID (which knows that very fingerprint), completed at the fake MusicBrainz,
its cover from the fake Cover Art Archive, tagged with mutagen and placed under
``Music/Artist/Album (Year)/NN - Title.ext``."""

from __future__ import annotations

import mutagen
import pytest

from media_library.tools import fpcalc
from tests.conftest import media_by_external_id
from tests.library.conftest import drain, jobs_of
from tests.media import make_audio

ARTIST = "a74b1b7f-71a5-4011-9441-d0b5e4122711"
RELEASE = "b1f7a9c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
GROUP = "c2a8b0d3-4e5f-4a6b-9c7d-8e9f0a1b2c3d"
RECORDING = "d3b9c1e4-5f6a-4b7c-8d9e-9f0a1b2c3d4e"
OLD_RECORDING = "e4cad2f5-6a7b-4c8d-9e0f-0a1b2c3d4e5f"
EXPECTED = "Music/The Testers/Sine Waves (2011)/03 - Melody Number One.flac"


@pytest.fixture
def catalogue(fake_musicbrainz, fake_coverart):
    other = ("f5dbe3a6-7b8c-4d9e-8f1a-1b2c3d4e5f6a", "Intro", 60000)
    other2 = ("06ecf4b7-8c9d-4e0f-9a2b-2c3d4e5f6a7b", "Second", 61000)
    fake_musicbrainz.add_release(RELEASE, "Sine Waves", artist=(ARTIST, "The Testers"), date="2011-05-01",
                                 country="GB", release_group=(GROUP, "Album"),
                                 tracks=[other, other2, (RECORDING, "Melody Number One", 30000)])
    fake_coverart.add_release(RELEASE)


def _song(lib, cache, name="track01.flac", tags=None):
    return make_audio(lib.roots["music"] / "incoming" / name, 30.0, melody=1, tags=tags, cache=cache)


def test_fingerprint_to_tagged_file_in_place(lib, lib_runtime, catalogue, fake_acoustid, tmp_path_factory):
    path = _song(lib, tmp_path_factory)
    fp = fpcalc.fingerprint(path)
    # AcoustID knows this fingerprint with an id-only recording, and a result without recordings.
    fake_acoustid.add_match(fp.fingerprint, [{"id": "11111111-2222-4333-8444-555555555555", "score": 0.96,
                                              "recordings": [{"id": RECORDING}]},
                                             {"id": "21111111-2222-4333-8444-555555555555", "score": 0.7}])
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    (job,) = jobs_of(lib_runtime, "music.identify")
    assert job.status == "done", job.error
    placed = lib_runtime.settings.media_dir / EXPECTED
    assert placed.is_file() and not path.exists()
    tags = mutagen.File(placed, easy=True)
    assert tags["title"] == ["Melody Number One"] and tags["artist"] == ["The Testers"]
    assert tags["album"] == ["Sine Waves"] and tags["tracknumber"][0].startswith("3")
    assert tags["musicbrainz_trackid"] == [RECORDING]
    track = media_by_external_id(lib.state, "musicbrainz", RECORDING, kind="track")
    assert track.status == "identified" and track.confidence == pytest.approx(0.96)
    assert lib.state.list_artwork(track.id)[0].kind == "poster"
    assert lib.scanner.scan().changed == [], "tagging updated the row: a rescan sees no change"


def test_merged_recording_id_resolves_to_the_canonical_one(lib, catalogue, fake_acoustid, fake_musicbrainz, tmp_path_factory):
    path = _song(lib, tmp_path_factory)
    fake_musicbrainz.merge(OLD_RECORDING, RECORDING)
    fake_acoustid.add_match("any", [{"id": "11111111-2222-4333-8444-555555555555", "score": 0.9,
                                     "recordings": [{"id": OLD_RECORDING}]}])
    match = lib.music.identify_path(str(path))
    assert match.recording.mbid == RECORDING and match.track.position == 3 and match.release.year == 2011


def test_falls_back_to_tags_and_a_name_search(lib, catalogue, tmp_path_factory):
    path = _song(lib, tmp_path_factory, "x.flac", tags={"title": "Melody Number One", "artist": "The Testers"})
    match = lib.music.identify_path(str(path))  # the fake AcoustID knows nothing of this fingerprint
    assert match.decided_by == "search" and match.recording.mbid == RECORDING
    assert 0 < match.confidence <= 0.9


def test_nothing_found_waits_in_review(lib, lib_runtime, tmp_path_factory):
    _song(lib, tmp_path_factory, "mystery.flac")
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    (item,) = lib.state.list_media(status="review")
    assert item.kind == "track"
