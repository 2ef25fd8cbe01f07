"""Tags as Picard writes them, read back with mutagen under Picard's own field names, with the cover
embedded; file names read as track number and title; the path template; the album scorer."""

from __future__ import annotations

import mutagen
import pytest
from mutagen.id3 import ID3
from mutagen.mp4 import MP4

from media_library.errors import ConfigError
from media_library.models.metadata import ArtistCredit, Recording, Release, Track
from media_library.services.library.music_album import FileFacts, ReleasePreference, preferred, score_release
from media_library.services.library.music_names import MusicPaths, parse_track_name
from media_library.services.library.music_tags import picard_tags, write_tags
from tests.fakes.server import TINY_JPEG
from tests.media import make_audio

ARTIST = ArtistCredit("The Testers", "a74b1b7f-71a5-4011-9441-d0b5e4122711", sort_name="Testers, The")
TRACK = Track(1, "Intro", "1", "d3b9c1e4-5f6a-4b7c-8d9e-9f0a1b2c3d4e", "0f1e2d3c-4b5a-4697-8877-665544332211", 30000, 2,
              isrcs=("GBAAA1100001",))
RELEASE = Release("b1f7a9c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c", "Sine Waves", "2011-05-01", 2011, "The Testers", (ARTIST,), "GB",
                  "Official", 4, 2, (TRACK,), "c2a8b0d3-4e5f-4a6b-9c7d-8e9f0a1b2c3d", "Album", "2010-03-02", "Test Label",
                  "TL-001", "5012345678900", ("CD", "CD"), (3, 1))
RECORDING = Recording(TRACK.recording_id, "Intro", 30000, (ARTIST,))


@pytest.fixture
def tags():
    return picard_tags(RECORDING, RELEASE, TRACK, "11111111-2222-4333-8444-555555555555")


def test_vorbis_tags_use_picards_names(tmp_path, tmp_path_factory, tags):
    path = make_audio(tmp_path / "a.flac", 2.0, cache=tmp_path_factory)
    write_tags(str(path), tags, (TINY_JPEG, "image/jpeg"))
    audio = mutagen.File(path)
    expected = {"MUSICBRAINZ_ALBUMID": RELEASE.mbid, "MUSICBRAINZ_TRACKID": RECORDING.mbid,
                "MUSICBRAINZ_RELEASETRACKID": TRACK.track_id, "MUSICBRAINZ_RELEASEGROUPID": RELEASE.release_group_id,
                "MUSICBRAINZ_ARTISTID": ARTIST.mbid, "MUSICBRAINZ_ALBUMARTISTID": ARTIST.mbid,
                "TRACKNUMBER": "1", "TRACKTOTAL": "1", "TOTALTRACKS": "1", "DISCNUMBER": "2", "DISCTOTAL": "2",
                "TOTALDISCS": "2", "ALBUMARTISTSORT": "Testers, The", "ARTISTSORT": "Testers, The",
                "RELEASETYPE": "album", "ORIGINALDATE": "2010-03-02", "LABEL": "Test Label", "CATALOGNUMBER": "TL-001",
                "ISRC": "GBAAA1100001", "BARCODE": "5012345678900", "MEDIA": "CD", "RELEASECOUNTRY": "GB",
                "ACOUSTID_ID": "11111111-2222-4333-8444-555555555555", "DATE": "2011-05-01"}
    assert {key: audio.get(key, [None])[0] for key in expected} == expected
    assert "COMPILATION" not in audio
    (picture,) = audio.pictures
    assert picture.type == 3 and picture.data == TINY_JPEG


def test_id3_tags_use_picards_frames(tmp_path, tmp_path_factory, tags):
    path = make_audio(tmp_path / "a.mp3", 2.0, cache=tmp_path_factory)
    write_tags(str(path), tags, (TINY_JPEG, "image/jpeg"))
    frames = ID3(path)
    assert frames["TXXX:MusicBrainz Album Id"].text == [RELEASE.mbid]
    assert frames["TXXX:MusicBrainz Release Track Id"].text == [TRACK.track_id]
    assert frames["TXXX:MusicBrainz Release Group Id"].text == [RELEASE.release_group_id]
    assert frames["TXXX:MusicBrainz Album Type"].text == ["album"]
    assert frames["UFID:http://musicbrainz.org"].data == RECORDING.mbid.encode()
    assert frames["TSRC"].text == ["GBAAA1100001"] and frames["TSO2"].text == ["Testers, The"]
    assert frames["TPUB"].text == ["Test Label"] and frames["TXXX:CATALOGNUMBER"].text == ["TL-001"]
    assert str(frames["TDOR"].text[0]) == "2010-03-02"
    assert frames["TRCK"].text == ["1/1"] and frames["TPOS"].text == ["2/2"]
    assert frames.getall("APIC")[0].data == TINY_JPEG


def test_mp4_tags_use_picards_atoms(tmp_path, tmp_path_factory, tags):
    path = make_audio(tmp_path / "a.m4a", 2.0, cache=tmp_path_factory)
    write_tags(str(path), tags, (TINY_JPEG, "image/jpeg"))
    atoms = MP4(path).tags
    assert bytes(atoms["----:com.apple.iTunes:MusicBrainz Album Id"][0]) == RELEASE.mbid.encode()
    assert bytes(atoms["----:com.apple.iTunes:MusicBrainz Track Id"][0]) == RECORDING.mbid.encode()
    assert bytes(atoms["----:com.apple.iTunes:ISRC"][0]) == b"GBAAA1100001"
    assert atoms["trkn"] == [(1, 1)] and atoms["disk"] == [(2, 2)] and atoms["soaa"] == ["Testers, The"]
    assert bytes(atoms["covr"][0]) == TINY_JPEG


def test_a_various_artists_release_is_a_compilation():
    various = ArtistCredit("Various Artists", "89ad4ac3-39f7-470e-963a-56509c546377")
    tags = picard_tags(RECORDING, Release(RELEASE.mbid, "Hits", artist="Various Artists", artists=(various,)), None)
    assert tags["compilation"] == "1" and tags["albumartist"] == "Various Artists"


@pytest.mark.parametrize(("name", "track", "disc", "artist", "title"), [
    ("01 - Intro.flac", 1, None, None, "Intro"),
    ("01. Intro.mp3", 1, None, None, "Intro"),
    ("2-03 Outro.flac", 3, 2, None, "Outro"),
    ("The Testers - Intro.flac", None, None, "The Testers", "Intro"),
    ("07 - The Testers - Intro.flac", 7, None, "The Testers", "Intro"),
    ("05.flac", 5, None, None, None),
])
def test_file_names_are_track_numbers_and_titles(name, track, disc, artist, title):
    hints = parse_track_name(name)
    assert (hints.track, hints.disc, hints.artist, hints.title) == (track, disc, artist, title)


def test_path_template_default_and_disc_subfolders(tmp_path):
    fields = {"albumartist": "AC/DC", "album": "Live", "year": 1992, "title": "Thunderstruck", "track": 1, "disc": 2, "discs": 2}
    assert MusicPaths(tmp_path, "{albumartist}/{album_folder}/{disc_track} - {title}").target(fields, ".flac") == \
        tmp_path / "AC-DC" / "Live (1992)" / "2-01 - Thunderstruck.flac"
    assert MusicPaths(tmp_path, "{albumartist}/{album_folder}/{disc_track} - {title}", True).target(fields, ".flac") == \
        tmp_path / "AC-DC" / "Live (1992)" / "Disc 2" / "01 - Thunderstruck.flac"
    assert MusicPaths(tmp_path, "{albumartist} - {album}/{track} {title}").target(fields, ".mp3") == \
        tmp_path / "AC-DC - Live" / "01 Thunderstruck.mp3"
    with pytest.raises(ConfigError):
        MusicPaths(tmp_path, "{genre}/{title}")


def _release(mbid: str, lengths: list[int], *, country: str = "", date: str = "2000") -> Release:
    tracks = tuple(Track(n, f"Song {n}", str(n), f"{n:08d}-0000-4000-8000-{mbid[-12:]}", None, ms, 1)
                   for n, ms in enumerate(lengths, 1))
    return Release(mbid, "Album", date, 2000, "Band", tracks=tracks, country=country, formats=("CD",))


def test_scorer_pairs_by_duration_and_number_and_reports_missing_and_extra():
    release = _release("00000000-0000-4000-8000-000000000001", [20000, 30000, 40000])
    files = [FileFacts(1, "/m/01.flac", 20.2, track=1), FileFacts(2, "/m/03.flac", 40.1, track=3),
             FileFacts(3, "/m/noise.flac", 95.0, title="Noise")]
    scored = score_release(files, release, 7.0)
    assert [(f.file_id, t.position) for f, t, _ in scored.pairs] == [(1, 1), (2, 3)]
    assert [t.position for t in scored.missing] == [2] and [f.file_id for f in scored.extra] == [3]


def test_a_name_match_with_the_wrong_duration_never_pairs():
    release = _release("00000000-0000-4000-8000-000000000002", [30000])
    release = Release(release.mbid, tracks=(Track(1, "Intro", "1", "r", None, 30000, 1),))
    scored = score_release([FileFacts(1, "/m/x.flac", 20.0, title="Intro")], release, 7.0)
    assert scored.pairs == [] and scored.score == 0


def test_preference_breaks_ties_by_country_then_date():
    lengths = [20000, 30000]
    files = [FileFacts(1, "/m/1.flac", 20.0, track=1), FileFacts(2, "/m/2.flac", 30.0, track=2)]
    us, gb_old, gb_new = (_release(f"00000000-0000-4000-8000-00000000000{n}", lengths, country=c, date=d)
                          for n, c, d in ((3, "US", "1999"), (4, "GB", "1990"), (5, "GB", "2005")))
    matches = [score_release(files, r, 7.0) for r in (us, gb_old, gb_new)]
    assert preferred(matches, ReleasePreference(("GB", "US"))).release is gb_old
    assert preferred(matches, ReleasePreference(("GB",), prefer_original=False)).release is gb_new
    assert preferred(matches, ReleasePreference(("US",))).release is us


@pytest.mark.parametrize(("key", "value"), [("music.cover_size", 300), ("music.album_threshold", 1.5)])
def test_music_settings_are_checked_at_start(tmp_path, key, value):
    from media_library.config import load_settings

    with pytest.raises(ConfigError, match=key):
        load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path), key: value}, load_dotenv_file=False,
                      check_folders=False)


def test_a_recorded_release_search_answer_parses_with_label_and_track_counts():
    from musicbrainzngs import mbxml

    from media_library.clients.musicbrainz import parse_release
    from tests.fakes.server import fixture_path

    raw = fixture_path("musicbrainz", "ws2-xml", "musicbrainzngs_search-release.xml").read_bytes()
    first = parse_release(mbxml.parse_message(raw)["release-list"][0])
    assert (first.title, first.label, first.catalog_number, first.barcode) == ("Affordable Pop Music", "Waysafe", "WS06", "9421021463277")
    assert first.track_count == 4 and first.disc_track_counts == (4,) and first.formats == ("CD",) and first.score == 100
