"""MusicBrainz: the client (through musicbrainzngs) against the fake, the fake against the recorded
XML, and the parsers on the recorded XML and on hostile variations of it."""

from __future__ import annotations

import socket
import threading

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from musicbrainzngs import mbxml
from musicbrainzngs import musicbrainz as mb_module

from media_library.clients.http import RateLimiter
from media_library.clients.musicbrainz import (
    _LIBRARY_SAFE_READ,
    MusicBrainzClient,
    parse_artist_credit,
    parse_recording,
    parse_release,
)
from media_library.errors import ConfigError, ExternalServiceError, InvalidInput, NotFound, RateLimited
from tests.fakes.musicbrainz import (
    DISCID_FIXTURES,
    RECORDING_FIXTURE,
    RELEASE_FIXTURES,
    SEARCH_FIXTURE,
    XML_DIR,
)
from tests.fakes.server import fixture_path

SUZUKI = "fbe4490e-e366-4da2-a37a-82162d2f41a9"
TECHPARA = "212895ca-ee36-439a-a824-d2620cd10461"
ECOSSAISE = "c66bda20-4efe-4589-b643-f247c17de337"
ALBUM, SONG_A, SONG_B, GROUP = (f"{n}{n}{n}{n}{n}{n}{n}{n}-{n}{n}{n}{n}-{n}{n}{n}{n}-{n}{n}{n}{n}-{n * 12}" for n in "1234")
UA = {"User-Agent": "MediaLibrary/test python-musicbrainzngs/0.7.1 ( test@example.org )"}


def recorded(name: str) -> dict:
    return mbxml.parse_message(fixture_path(*XML_DIR, name).read_bytes())


def served(fake, path: str, **params) -> requests.Response:
    return requests.get(fake.url + path, params=params, headers=UA, timeout=5)


@pytest.fixture
def mb(fake_musicbrainz):
    return MusicBrainzClient(fake_musicbrainz.url, "test@example.org", requests_per_second=1000, retry_delay=0)


@pytest.fixture
def album(fake_musicbrainz):
    return fake_musicbrainz.add_release(ALBUM, "My Album", artist="Me", date="2020-02-02", country="GB",
                                        release_group=(GROUP, "Album"),
                                        tracks=[(SONG_A, "Song A", 181000), (SONG_B, "Song B")])


# --- the fake speaks what was recorded ----------------------------------------------------------


@pytest.mark.parametrize(("path", "inc", "fixture"), [
    (f"/ws/2/release/{SUZUKI}", "recordings artist-credits", RELEASE_FIXTURES[0]),
    (f"/ws/2/release/{TECHPARA}", "recordings", RELEASE_FIXTURES[1]),
    ("/ws/2/discid/xp5tz6rE4OHrBafj0bLfDRMGK48-", "", DISCID_FIXTURES[0]),
    ("/ws/2/discid/f7agNZK1HMQ2WUWq9bwDymw9aHA-", "", DISCID_FIXTURES[1]),
    ("/ws/2/recording/f606f733-c1eb-43f3-93c1-71994ea611e3", "artist-rels", RECORDING_FIXTURE),
])
def test_fake_answers_the_recorded_requests_with_the_recorded_content(fake_musicbrainz, path, inc, fixture):
    answer = served(fake_musicbrainz, path, inc=inc)
    assert answer.status_code == 200
    assert mbxml.parse_message(answer.content) == recorded(fixture)


def test_fake_search_hit_is_the_recorded_hit(fake_musicbrainz):
    answer = served(fake_musicbrainz, "/ws/2/recording/", query="recording:(thief of hearts) artist:(dynamo go)")
    parsed = mbxml.parse_message(answer.content)
    assert parsed.keys() == recorded(SEARCH_FIXTURE).keys()
    assert parsed["recording-list"][0] == recorded(SEARCH_FIXTURE)["recording-list"][0]


def test_fake_added_entities_have_the_recorded_shape(fake_musicbrainz, album):
    release = mbxml.parse_message(served(fake_musicbrainz, f"/ws/2/release/{ALBUM}",
                                         inc="recordings artist-credits").content)["release"]
    real = recorded(RELEASE_FIXTURES[0])["release"]
    assert {"id", "title", "status", "artist-credit", "country", "medium-list"} <= release.keys() <= real.keys() | {
        "date", "release-group"}
    assert release["medium-list"][0]["track-list"][0].keys() >= {"position", "number", "recording"}
    search = mbxml.parse_message(served(fake_musicbrainz, "/ws/2/recording/", query="recording:(song a)").content)
    real_hit = recorded(SEARCH_FIXTURE)["recording-list"][0]
    assert search["recording-list"][0].keys() == real_hit.keys()


def test_fake_honours_inc_like_musicbrainz(fake_musicbrainz, album):
    bare = mbxml.parse_message(served(fake_musicbrainz, f"/ws/2/release/{ALBUM}").content)["release"]
    assert "medium-list" not in bare and "artist-credit" not in bare and "release-group" not in bare
    bare_recording = mbxml.parse_message(served(fake_musicbrainz, f"/ws/2/recording/{SONG_A}").content)
    assert "release-list" not in bare_recording["recording"]


def test_fake_errors_look_like_musicbrainz(fake_musicbrainz):
    assert served(fake_musicbrainz, "/ws/2/release/not-an-mbid").status_code == 400
    missing = served(fake_musicbrainz, f"/ws/2/release/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert missing.status_code == 404 and b"<error><text>Not Found</text>" in missing.content
    assert served(fake_musicbrainz, f"/ws/2/release/{SUZUKI}", inc="everything").status_code == 400
    anonymous = requests.get(f"{fake_musicbrainz.url}/ws/2/release/{SUZUKI}", headers={"User-Agent": ""}, timeout=5)
    assert anonymous.status_code == 403


# --- the parsers on the recorded XML ------------------------------------------------------------


def test_parse_recorded_release_with_track_and_recording_credits():
    release = parse_release(recorded(RELEASE_FIXTURES[0])["release"])
    assert (release.mbid, release.artist, release.country, release.track_count) == (
        SUZUKI, "Suzuki Method International", "US", 14)
    first = release.tracks[0]
    assert (first.position, first.number, first.title, first.recording_id, first.length_ms, first.disc) == (
        1, "1", "Ecossaise", ECOSSAISE, 195040, 1)


def test_parse_recorded_release_with_empty_numbers_and_track_ids():
    release = parse_release(recorded(RELEASE_FIXTURES[1])["release"])
    assert release.year == 2006 and release.date == "2006" and release.artist == ""
    assert release.tracks[0].number == "1" and release.tracks[0].track_id == "78a74c1f-d5e4-3d4c-beeb-4d279b49b212"
    assert release.tracks[1].title == 'WILD BOY <MISSION"B"RE-EDIT>' and release.tracks[1].length_ms == 188000


def test_parse_recorded_search_hits():
    hits = [parse_recording(item) for item in recorded(SEARCH_FIXTURE)["recording-list"]]
    assert hits[0].title == "Thief of Hearts" and hits[0].score == 100 and hits[0].artist == "Dynamo Go"
    assert hits[0].releases[0].release_group_type == "EP" and hits[0].length_ms == 198586


def test_parse_recorded_discid_releases():
    releases = [parse_release(item) for item in recorded(DISCID_FIXTURES[0])["disc"]["release-list"]]
    assert {r.title for r in releases} == {"Tales of Ephidrina"} and releases[0].track_count == 8


def test_artist_credit_join_phrases():
    credits = parse_artist_credit([{"artist": {"id": "x", "name": "A"}}, " feat. ",
                                   {"name": "B credited", "artist": {"name": "B"}}, None, 3])
    assert [(c.name, c.joinphrase) for c in credits] == [("A", " feat. "), ("B credited", "")]


# --- hostile payloads (wrong types, huge or missing values) ---------------------------------------

BAD = [None, [], {}, "", "x", 1.5, True, ["x", None], {"id": None}]


@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_parsers_survive_any_bad_field(bad):
    release = recorded(RELEASE_FIXTURES[0])["release"]
    for key in release:
        parsed = parse_release(release | {key: bad})
        assert parsed is None if key == "id" else parsed.mbid == SUZUKI
    track = release["medium-list"][0]["track-list"][0]
    for key in track:
        medium = {"position": "1", "track-list": [track | {key: bad}]}
        assert parse_release(release | {"medium-list": [medium]}).mbid == SUZUKI
    hit = recorded(SEARCH_FIXTURE)["recording-list"][0]
    for key in hit:
        parse_recording(hit | {key: bad})
    assert parse_recording(bad) is None and parse_release(bad) is None


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=12)
KEYS = ["id", "title", "length", "artist-credit", "release-list", "ext:score", "medium-list", "release-group",
        "date", "track-list", "recording", "position", "artist-credit-phrase"]


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={key: JSON for key in KEYS}))
def test_parsers_never_raise_on_arbitrary_dicts(raw):
    parse_recording(raw)
    parse_release(raw)


@pytest.mark.parametrize("body", [
    b"<html><body>Bad gateway</body></html>",
    b"<?xml version='1.0'?><metadata xmlns='http://musicbrainz.org/ns/mmd-2.0#'><recording-list count='many'/></metadata>",
    b"not xml at all",
    b"",
])
def test_unreadable_answers_are_typed_errors(mb, fake_musicbrainz, body):
    fake_musicbrainz.script(200, body, headers={"Content-Type": "application/xml"}, times=5)
    with pytest.raises(ExternalServiceError):
        mb.search_recordings("anything")


def test_lookup_without_the_entity_is_an_error(mb, fake_musicbrainz):
    fake_musicbrainz.script(200, b"<?xml version='1.0'?><metadata xmlns='http://musicbrainz.org/ns/mmd-2.0#'/>")
    with pytest.raises(ExternalServiceError):
        mb.recording(ECOSSAISE)


# --- the client against the fake ----------------------------------------------------------------


def test_recording_release_and_search_through_the_fake(mb, album):
    song = mb.recording(SONG_A)
    assert (song.title, song.length_ms, song.artist, [r.mbid for r in song.releases]) == ("Song A", 181000, "Me", [ALBUM])
    release = mb.release(ALBUM)
    assert (release.title, release.year, release.release_group_id, release.release_group_type) == (
        "My Album", 2020, GROUP, "Album")
    assert [(t.position, t.title, t.recording_id) for t in release.tracks] == [(1, "Song A", SONG_A), (2, "Song B", SONG_B)]
    [hit] = mb.search_recordings("song a", artist="me", release="my album")
    assert (hit.mbid, hit.score) == (SONG_A, 100)
    assert mb.search_recordings("Song", artist="Somebody Else") == []


def test_fixture_recording_is_reachable_by_lookup(mb):
    recording = mb.recording(ECOSSAISE)
    assert recording.title == "Ecossaise" and recording.releases[0].mbid == SUZUKI


def test_requests_carry_the_includes_and_a_proper_user_agent(mb, fake_musicbrainz, album):
    mb.recording(SONG_A)
    mb.release(ALBUM)
    recording_request, release_request = fake_musicbrainz.requests
    assert recording_request.arg("inc").split() == ["artists", "releases"]
    assert set(release_request.arg("inc").split()) == {"recordings", "artist-credits", "release-groups", "media", "labels", "isrcs"}
    assert recording_request.headers["User-Agent"].startswith("MediaLibrary/")
    assert "( test@example.org )" in recording_request.headers["User-Agent"]


def test_merged_id_resolves_to_the_canonical_recording(mb, fake_musicbrainz, album):
    old = "99999999-9999-9999-9999-999999999999"
    fake_musicbrainz.merge(old, SONG_A)
    assert mb.recording(old).mbid == SONG_A


def test_disc_lookup(mb, fake_musicbrainz, album):
    assert [r.title for r in mb.releases_by_discid("xp5tz6rE4OHrBafj0bLfDRMGK48-")] == ["Tales of Ephidrina"] * 3
    fake_musicbrainz.add_disc("abcdefghijklmnopqrstuvwxyz0-", [ALBUM])
    [release] = mb.releases_by_discid("abcdefghijklmnopqrstuvwxyz0-")
    assert release.mbid == ALBUM and len(release.tracks) == 2
    assert mb.releases_by_discid("unknownunknownunknownunknow-") == []
    assert mb.releases_by_discid("unknownunknownunknownunknow-", toc="1 2 150000 150 75000") == []
    assert fake_musicbrainz.requests[-1].arg("cdstubs") == "no"


def test_unknown_ids_raise_not_found(mb):
    with pytest.raises(NotFound):
        mb.recording("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound):
        mb.release("00000000-0000-0000-0000-000000000000")


def test_bad_arguments_send_nothing(mb, fake_musicbrainz):
    for call in (lambda: mb.recording("nope"), lambda: mb.release(None), lambda: mb.search_recordings(" "),
                 lambda: mb.releases_by_discid("../etc")):
        with pytest.raises(InvalidInput):
            call()
    assert fake_musicbrainz.requests == []


def test_503_is_rate_limited_after_bounded_retries(mb, fake_musicbrainz):
    fake_musicbrainz.script(503, "slow down", headers={"Retry-After": "4"}, times=10)
    with pytest.raises(RateLimited) as caught:
        mb.recording(ECOSSAISE)
    assert caught.value.retry_after == 4.0
    assert len(fake_musicbrainz.requests) == mb.attempts == 3


def test_5xx_is_retried_then_succeeds(mb, fake_musicbrainz):
    fake_musicbrainz.script(500, "oops", times=2)
    assert mb.recording(ECOSSAISE).title == "Ecossaise"
    assert len(fake_musicbrainz.requests) == 3


def test_unreachable_server_is_a_transient_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = MusicBrainzClient(f"http://127.0.0.1:{port}", "test@example.org", 1000, retry_delay=0)
    with pytest.raises(ExternalServiceError, match="could not reach") as caught:
        client.recording(ECOSSAISE)
    assert caught.value.transient is True


def test_library_globals_follow_each_client_even_across_threads(fake_musicbrainz):
    from tests.fakes.musicbrainz import FakeMusicBrainz

    with FakeMusicBrainz() as other:
        clients = [MusicBrainzClient(fake.url, "t@example.org", 1000, retry_delay=0) for fake in (fake_musicbrainz, other)]
        errors = []

        def work(client):
            try:
                for _ in range(5):
                    client.recording(ECOSSAISE)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert len(fake_musicbrainz.requests) == len(other.requests) == 5
    assert mb_module._safe_read is _LIBRARY_SAFE_READ  # the swap is undone after every call


def test_every_attempt_is_paced_by_the_rate_limiter(fake_musicbrainz):
    waits: list[float] = []
    limiter = RateLimiter(4, clock=lambda: 100.0, sleep=waits.append)
    client = MusicBrainzClient(fake_musicbrainz.url, "t@example.org", retry_delay=0, limiter=limiter)
    fake_musicbrainz.script(500, "oops")
    client.recording(ECOSSAISE)
    client.recording(ECOSSAISE)
    assert waits == [0.25, 0.5]  # three attempts at a frozen clock: 0, +1/4 s, +2/4 s
    assert mb_module.do_rate_limit is False  # the library's own limiter is off (it oversleeps)
    assert mb_module.hostname == fake_musicbrainz.host and mb_module.https is False


def test_rate_limit_comes_from_the_setting():
    assert MusicBrainzClient("http://127.0.0.1:9", "t@example.org", requests_per_second=4).limiter.interval == 0.25


def test_base_url_must_be_a_bare_origin():
    with pytest.raises(ConfigError, match="musicbrainz.base_url"):
        MusicBrainzClient("http://127.0.0.1:5000/ws/2", "t@example.org")
    with pytest.raises(ConfigError):
        MusicBrainzClient("musicbrainz.org", "t@example.org")


def test_settings_build_the_client():
    from media_library.config import HttpSettings, MusicBrainzSettings, Settings

    settings = Settings(musicbrainz=MusicBrainzSettings(base_url="https://mb.example.org", contact="me@example.org",
                                                        requests_per_second=0.5),
                        http=HttpSettings(timeout_seconds=7.0, retries=1))
    client = MusicBrainzClient.from_settings(settings)
    assert (client.host, client.https, client.contact, client.timeout, client.attempts) == (
        "mb.example.org", True, "me@example.org", 7.0, 2)
