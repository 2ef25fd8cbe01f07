"""Issue #21's must-shows through the real pipeline (ffmpeg-made audio, the real fpcalc, the fake
AcoustID, MusicBrainz and Cover Art Archive, jobs on the real worker pool):

- a tone named like a track never takes the real recording's place;
- a 10-track album folder with one track missing and one extra file is one release, the missing
  track reported, the extra file in review;
- an untagged 3-track folder is one review item, and choosing a release files all three, with
  ``cover.jpg`` beside them and the cover embedded;
- a second copy of a filed track waits in review as a duplicate (keep both, replace, discard).
"""

from __future__ import annotations

import shutil

import mutagen
import pytest

from media_library.tools import fpcalc
from tests.conftest import media_by_external_id
from tests.fakes.server import TINY_JPEG
from tests.library.conftest import drain, jobs_of
from tests.media import make_audio

TESTERS = ("a74b1b7f-71a5-4011-9441-d0b5e4122711", "The Testers", "Testers, The")
SINE = "b1f7a9c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
INTRO = "d3b9c1e4-5f6a-4b7c-8d9e-9f0a1b2c3d4e"
TEN = "c0000000-0000-4000-8000-00000000000a"
THREE = "c0000000-0000-4000-8000-000000000003"


def _rec(n: int, release: str) -> str:
    return f"{n:08d}-1111-4000-8000-{release[-12:]}"


@pytest.fixture
def sine_waves(fake_musicbrainz, fake_coverart):
    fake_musicbrainz.add_release(SINE, "Sine Waves", artist=TESTERS, date="2011-05-01", country="GB",
                                 release_group=("c2a8b0d3-4e5f-4a6b-9c7d-8e9f0a1b2c3d", "Album"),
                                 tracks=[(INTRO, "Intro", 30000, "GBAAA1100001"), (_rec(2, SINE), "Second", 61000),
                                         (_rec(3, SINE), "Third", 62000)])
    fake_coverart.add_release(SINE)


def _fingerprinted(fake_acoustid, path, recording: str, score: float = 0.95) -> None:
    fake_acoustid.add_match(fpcalc.fingerprint(path).fingerprint, [{"id": "11111111-2222-4333-8444-555555555555",
                                                                    "score": score, "recordings": [{"id": recording}]}])


def _scan(lib_runtime) -> None:
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)


def _music(lib):
    return lib.roots["music"]


def _recording_and_namesake(lib, lib_runtime, fake_acoustid, cache, seconds: float):
    """The real 30 s Intro (known by its fingerprint) and a tone of ``seconds`` named like it, scanned."""
    incoming = _music(lib) / "incoming"
    real = make_audio(incoming / "track01.flac", 30.0, melody=1, cache=cache)
    namesake = make_audio(incoming / "The Testers - Intro.flac", seconds, tone_hz=440, cache=cache)
    _fingerprinted(fake_acoustid, real, INTRO)
    _scan(lib_runtime)
    return real, namesake


def test_a_tone_named_like_a_track_goes_to_review_and_the_recording_is_filed(
        lib, lib_runtime, sine_waves, fake_acoustid, tmp_path_factory):
    real, tone = _recording_and_namesake(lib, lib_runtime, fake_acoustid, tmp_path_factory, 20.0)
    placed = _music(lib) / "The Testers" / "Sine Waves (2011)" / "01 - Intro.flac"
    assert placed.is_file() and not real.exists()
    assert tone.exists(), "the tone stays where it was"
    held = lib.state.get_media(lib.state.find_media_file(str(tone)).media_id)
    assert held.status == "review" and held.extra["problem"] == "duration"
    assert held.extra["suggested"]["musicbrainz_recording"] == INTRO
    assert all(j.status == "done" for j in jobs_of(lib_runtime, "library.organize")), "no silent collision"
    assert mutagen.File(placed)["MUSICBRAINZ_TRACKID"] == [INTRO]


def test_a_fingerprint_beats_a_name_match_for_the_same_recording(
        lib, lib_runtime, sine_waves, fake_acoustid, tmp_path_factory):
    real, named = _recording_and_namesake(lib, lib_runtime, fake_acoustid, tmp_path_factory, 30.0)
    assert (_music(lib) / "The Testers" / "Sine Waves (2011)" / "01 - Intro.flac").is_file() and not real.exists()
    held = lib.state.get_media(lib.state.find_media_file(str(named)).media_id)
    assert held.status == "review" and held.extra["problem"] == "another file is this recording"


@pytest.fixture
def ten_songs(fake_musicbrainz, fake_coverart):
    fake_musicbrainz.add_release(TEN, "Ten Songs", artist=("e0000000-0000-4000-8000-00000000000e", "Tenners"),
                                 date="2019-02-01", country="XW", release_group=("f0000000-0000-4000-8000-00000000000f", "Album"),
                                 tracks=[(_rec(n, TEN), f"Song Number {n}", (5 + n) * 1000) for n in range(1, 11)])
    fake_coverart.add_release(TEN)


def test_a_ten_track_folder_missing_one_with_an_extra_file_is_one_release(
        lib, lib_runtime, ten_songs, tmp_path_factory):
    folder = _music(lib) / "incoming" / "Tenners - Ten Songs"
    for n in [*range(1, 7), *range(8, 11)]:  # track 7 is missing
        make_audio(folder / f"{n:02d} - Song Number {n}.flac", 5.0 + n, melody=n % 4,
                   tags={"title": f"Song Number {n}", "artist": "Tenners", "album": "Ten Songs", "track": str(n)},
                   cache=tmp_path_factory)
    extra = make_audio(folder / "bonus noise.flac", 25.0, tone_hz=523,
                       tags={"title": "Bonus Noise", "artist": "Tenners", "album": "Ten Songs"}, cache=tmp_path_factory)
    _scan(lib_runtime)

    album_dir = _music(lib) / "Tenners" / "Ten Songs (2019)"
    assert sorted(p.name for p in album_dir.glob("*.flac")) == [f"{n:02d} - Song Number {n}.flac" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10)]
    album = media_by_external_id(lib.state, "musicbrainz", TEN, kind="album")
    assert [m["position"] for m in album.extra["missing"]] == [7]
    held = lib.state.get_media(lib.state.find_media_file(str(extra)).media_id)
    assert held.status == "review" and held.extra["problem"] == "extra" and extra.exists()
    assert mutagen.File(album_dir / "08 - Song Number 8.flac")["TRACKTOTAL"] == ["10"]
    assert (album_dir / "cover.jpg").read_bytes() == TINY_JPEG


@pytest.fixture
def three_songs(fake_musicbrainz, fake_coverart):
    fake_musicbrainz.add_release(THREE, "Three Tones", artist=TESTERS, date="2015-01-01", country="GB",
                                 release_group=("f0000000-0000-4000-8000-000000000333", "EP"), label=("Test Label", "TL-3"),
                                 tracks=[(_rec(n, THREE), f"Part {n}", ms) for n, ms in ((1, 10000), (2, 14000), (3, 18000))])
    fake_coverart.add_release(THREE)


def _untagged_folder(lib, cache):
    folder = _music(lib) / "incoming" / "unsorted"
    return [make_audio(folder / f"{n:02d}.flac", seconds, melody=n, cache=cache)
            for n, seconds in ((1, 10.0), (2, 14.0), (3, 18.0))]


def test_an_untagged_folder_is_one_review_item_and_a_release_files_all_three(
        lib, lib_runtime, three_songs, tmp_path_factory):
    files = _untagged_folder(lib, tmp_path_factory)
    _scan(lib_runtime)

    (held,) = lib.state.list_media(status="review")
    assert held.kind == "album" and lib.state.count_media_files(held.id) == 3

    lib.music_match.apply(held.id, {"musicbrainz_release_id": THREE, "scope": "album"})
    drain(lib_runtime)
    album_dir = _music(lib) / "The Testers" / "Three Tones (2015)"
    assert sorted(p.name for p in album_dir.glob("*.flac")) == ["01 - Part 1.flac", "02 - Part 2.flac", "03 - Part 3.flac"]
    assert not any(f.exists() for f in files) and lib.state.list_media(status="review") == []
    assert (album_dir / "cover.jpg").read_bytes() == TINY_JPEG
    audio = mutagen.File(album_dir / "02 - Part 2.flac")
    assert audio.pictures[0].data == TINY_JPEG and audio["LABEL"] == ["Test Label"] and audio["MUSICBRAINZ_ALBUMID"] == [THREE]
    track = media_by_external_id(lib.state, "musicbrainz", _rec(2, THREE), kind="track")
    assert track.match_locked and track.status == "identified"


def test_a_second_copy_of_a_track_waits_as_a_duplicate(lib, lib_runtime, sine_waves, fake_acoustid, tmp_path_factory):
    first = make_audio(_music(lib) / "incoming" / "a" / "intro.flac", 30.0, melody=1, cache=tmp_path_factory)
    _fingerprinted(fake_acoustid, first, INTRO)
    _scan(lib_runtime)
    placed = _music(lib) / "The Testers" / "Sine Waves (2011)" / "01 - Intro.flac"
    assert placed.is_file()

    copy = _music(lib) / "incoming" / "b" / "intro again.flac"
    copy.parent.mkdir(parents=True)
    shutil.copyfile(make_audio(copy.parent / "src.flac", 30.0, melody=1, cache=tmp_path_factory), copy)
    (copy.parent / "src.flac").unlink()
    _scan(lib_runtime)
    held = lib.state.get_media(lib.state.find_media_file(str(copy)).media_id)
    track = media_by_external_id(lib.state, "musicbrainz", INTRO, kind="track")
    assert held.status == "review" and held.extra["duplicate_of"]["media_id"] == track.id

    lib.duplicates.resolve(held.id, "keep_both")
    drain(lib_runtime)
    assert sorted(p.name for p in placed.parent.glob("*.flac")) == sorted(
        f"01 - Intro - v{f.id}.flac" for f in lib.state.list_media_files(track.id))


def test_a_second_copy_of_an_album_is_answered_once_for_all_its_tracks(lib, lib_runtime, three_songs, tmp_path_factory):
    _untagged_folder(lib, tmp_path_factory)
    _scan(lib_runtime)
    (held,) = lib.state.list_media(status="review")
    lib.music_match.apply(held.id, {"musicbrainz_release_id": THREE, "scope": "album"})
    drain(lib_runtime)
    album_dir = _music(lib) / "The Testers" / "Three Tones (2015)"
    again = _music(lib) / "incoming" / "again"
    again.mkdir(parents=True)
    for path in album_dir.glob("*.flac"):  # tagged now: the copy is found as that album by its tags
        shutil.copy2(path, again / path.name)
    _scan(lib_runtime)

    copies = lib.state.list_media(status="review")
    assert len(copies) == 3 and all(c.extra["duplicate_of"]["same_content"] for c in copies)
    lib.duplicates.resolve_album(copies[0].id, "discard")
    assert lib.state.list_media(status="review") == [] and not list(again.glob("*.flac"))
    assert sorted(p.name for p in (lib_runtime.settings.data_dir / "trash").iterdir()) == [
        "01 - Part 1.flac", "02 - Part 2.flac", "03 - Part 3.flac"]
    assert len(list(album_dir.glob("*.flac"))) == 3
