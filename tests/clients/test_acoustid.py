"""AcoustID: the client against the fake, the fake against the recorded answers, and the parser on
the recorded and hostile payloads."""

from __future__ import annotations

import gzip
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from media_library.clients.acoustid import (
    MAX_RESULTS,
    AcoustIdClient,
    acoustid_error,
    parse_recording,
    parse_result,
)
from media_library.clients.http import RateLimiter
from media_library.errors import ExternalServiceError, InvalidInput, NotConfigured
from tests.fakes.acoustid import META2_FINGERPRINT, fpcalc_test_1a
from tests.fakes.server import load_fixture

DURATION, FINGERPRINT = fpcalc_test_1a()
PICARD_META = "recordings releasegroups releases tracks compress sources"


def fixture(name: str):
    return load_fixture("acoustid", name)


@pytest.fixture
def acoustid(http, fake_acoustid):
    return AcoustIdClient(http, fake_acoustid.url, fake_acoustid.api_key, limiter=RateLimiter(0))


def post(fake, **form):
    values = {"client": fake.api_key, "format": "json", "duration": str(DURATION), "fingerprint": FINGERPRINT} | form
    return requests.post(f"{fake.url}/v2/lookup", data={k: v for k, v in values.items() if v is not None}, timeout=5)


# --- the fake speaks what was recorded ----------------------------------------------------------


def test_fake_answers_picards_request_with_picards_recording(fake_acoustid):
    assert post(fake_acoustid, meta=PICARD_META).json() == fixture("picard_acoustid_no_metadata.json")


def test_fake_trims_to_the_meta_asked_for(fake_acoustid):
    no_meta = post(fake_acoustid, fingerprint=META2_FINGERPRINT).json()
    assert no_meta == fixture("acoustid-server-test_lookup_match_no_meta.json")
    ids_only = post(fake_acoustid, fingerprint=META2_FINGERPRINT, meta="recordingids").json()
    recorded_ids_only = fixture("acoustid-server-test_lookup_meta1_recordingids.json")
    assert ids_only["results"][0].keys() == recorded_ids_only["results"][0].keys()
    assert all(r.keys() == {"id"} for r in ids_only["results"][0]["recordings"])
    tracks = post(fake_acoustid, fingerprint=META2_FINGERPRINT, meta="recordings tracks").json()
    assert tracks == fixture("acoustid-server-test_lookup_meta2_recordings_tracks.json")


def test_fake_unknown_fingerprint_is_no_results(fake_acoustid):
    answer = post(fake_acoustid, fingerprint="AQABunknown")
    assert answer.json() == fixture("acoustid-server-test_lookup_no_results.json")


def test_fake_errors_are_the_recorded_errors(fake_acoustid):
    wrong_key = post(fake_acoustid, client="nope")
    assert (wrong_key.status_code, wrong_key.json()) == (400, fixture("acoustid-server-test_error_400_invalid_api_key.json"))
    for form, code in [({"fingerprint": None}, 2), ({"duration": "long"}, 8), ({"fingerprint": "not a fp!"}, 3),
                       ({"format": "xml"}, 1)]:
        answer = post(fake_acoustid, **form)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == code


def test_fake_accepts_gzipped_forms_like_pyacoustid_sends(fake_acoustid):
    body = gzip.compress(urlencode({"client": fake_acoustid.api_key, "format": "json", "duration": DURATION,
                                    "fingerprint": FINGERPRINT, "meta": "recordingids"}).encode())
    answer = requests.post(f"{fake_acoustid.url}/v2/lookup", data=body, timeout=5, headers={
        "Content-Encoding": "gzip", "Content-Type": "application/x-www-form-urlencoded"})
    assert [r["id"] for r in answer.json()["results"][0]["recordings"]][1] == "8855169b-b148-4896-9ed3-a1065dc60cf4"


# --- the parser on the recorded answers ---------------------------------------------------------


def test_parse_picards_full_lookup():
    [match] = [parse_result(r) for r in fixture("picard_acoustid_no_metadata.json")["results"]]
    assert match.acoustid_id and match.score == pytest.approx(0.946796)
    focus, id_only, _third = match.recordings
    assert (focus.title, focus.artist, focus.length_ms) == ("Hocus Pocus", "Focus", 200000)
    assert id_only.mbid == "8855169b-b148-4896-9ed3-a1065dc60cf4" and id_only.title == "" and id_only.releases == ()
    release = focus.releases[0]
    assert (release.mbid, release.year, release.country, release.release_group_type) == (
        "f0b647ce-8db2-4682-ac34-50d0cfd390fd", 2008, "NL", "Album")
    assert release.title == "Testament van de Seventies" and release.artist == "Various Artists"
    assert (release.tracks[0].position, release.tracks[0].disc, release.tracks[0].recording_id) == (11, 2, focus.mbid)


def test_parse_one_recording_and_its_all_null_twin():
    nina = parse_recording(fixture("picard_acoustid.json"))
    assert (nina.title, nina.artist, nina.length_ms) == ("Nina", "Ed Sheeran", 225000)
    assert [r.date for r in nina.releases] == ["2014-06-23", "2015-11-13"]
    assert nina.releases[0].title == "x" and nina.releases[0].track_count == 12
    assert parse_recording(fixture("picard_acoustid_null.json")) is None  # no id: nothing to look up


def test_parse_old_tracks_shape():
    [match] = [parse_result(r) for r in fixture("acoustid-server-test_lookup_meta2_recordings_tracks.json")["results"]]
    moon, bare = match.recordings
    assert (moon.title, moon.artist, moon.length_ms) == ("Moon", "Alva Noto & Ryuichi Sakamoto", 367000)
    assert (moon.releases[0].title, moon.releases[0].tracks[0].position, moon.releases[0].track_count) == (
        "XVI Reflections on Classical Music", 5, 16)
    assert bare.title == "" and bare.releases == ()


def test_parse_results_without_recordings():
    [match] = [parse_result(r) for r in fixture("acoustid-server-test_lookup_match_no_meta.json")["results"]]
    assert (match.score, match.recordings) == (1.0, ())


def test_error_codes():
    invalid_key = acoustid_error(fixture("acoustid-server-test_error_400_invalid_api_key.json"))
    assert invalid_key.transient is False and "acoustid.api_key" in invalid_key.message
    internal = acoustid_error(fixture("acoustid-server-test_error_500_internal.json"))
    assert internal.transient is True
    assert acoustid_error({"status": "error", "error": None}).transient is False


# --- hostile payloads (wrong types, huge or missing values) ---------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=12)
RECORDING_KEYS = ["id", "title", "duration", "artists", "releasegroups", "tracks", "sources", "releases",
                  "mediums", "date", "medium", "release", "position"]


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({}, optional={key: JSON for key in ["id", "score", "recordings"]}),
       st.fixed_dictionaries({}, optional={key: JSON for key in RECORDING_KEYS}))
def test_parser_never_raises_on_arbitrary_json(result, recording):
    parse_result(result)
    parse_result({"id": "x", "score": 1, "recordings": [recording]})
    parse_recording(recording)


@pytest.mark.parametrize("bad", [None, [], {}, "", "x", 1.5, True, [None], {"id": None}], ids=repr)
def test_each_field_of_the_recorded_recording_may_be_bad(bad):
    recording = fixture("picard_acoustid.json")
    for key in recording:
        parsed = parse_recording(recording | {key: bad})
        if key == "id" and bad != "x":
            assert parsed is None  # only the id is fatal
        else:
            assert parsed.title in ("Nina", "x", "") and parsed.mbid


@pytest.mark.parametrize("body", [
    {"status": "ok", "results": None},
    {"status": "ok", "results": "none"},
    {"status": "ok", "results": [None, 3, {"id": None, "score": 1}, {"score": 0.5}]},
    {"status": "ok"},
])
def test_garbage_results_are_no_match(acoustid, fake_acoustid, body):
    fake_acoustid.script(200, body)
    assert acoustid.lookup(FINGERPRINT, DURATION) == []


def test_ten_thousand_results_are_capped_and_sorted(acoustid, fake_acoustid):
    fake_acoustid.add_match("any", [{"id": f"a{i}", "score": (i % 100) / 100} for i in range(10_000)])
    matches = acoustid.lookup("AQABsomething", 100)
    assert len(matches) == MAX_RESULTS and matches[0].score >= matches[-1].score


# --- the client against the fake ----------------------------------------------------------------


def test_lookup_through_the_fake(acoustid, fake_acoustid):
    [match] = acoustid.lookup(FINGERPRINT, DURATION)
    assert len(match.recordings) == 3 and match.recordings[1].title == ""
    sent = fake_acoustid.requests[0]
    assert sent.method == "POST" and sent.path == "/v2/lookup"
    assert (sent.arg("format"), sent.arg("duration"), sent.arg("fingerprint")) == ("json", str(DURATION), FINGERPRINT)
    assert sent.arg("meta") == "recordings releasegroups releases tracks compress"
    assert fake_acoustid.api_key not in sent.full_url_part  # the key travels in the form body


def test_prefix_and_any_matches(acoustid, fake_acoustid):
    fake_acoustid.add_match("AQABzz*", [{"id": "prefix-hit", "score": 0.8, "recordings": [{"id": "rec-1"}]}])
    fake_acoustid.add_match("any", [{"id": "fallback", "score": 0.1}])
    assert [m.acoustid_id for m in acoustid.lookup("AQABzz123", 30)] == ["prefix-hit"]
    assert acoustid.lookup("AQABzz123", 30)[0].recordings[0].mbid == "rec-1"
    assert [m.acoustid_id for m in acoustid.lookup("AQABother", 30)] == ["fallback"]


def test_no_match_is_an_empty_list(acoustid):
    assert acoustid.lookup("AQABnothing", 30) == []


def test_invalid_key_is_permanent_and_names_the_setting(http, fake_acoustid):
    client = AcoustIdClient(http, fake_acoustid.url, "wrong-key", limiter=RateLimiter(0))
    with pytest.raises(ExternalServiceError, match="acoustid.api_key") as caught:
        client.lookup(FINGERPRINT, DURATION)
    assert caught.value.transient is False and len(fake_acoustid.requests) == 1


def test_missing_key_is_not_configured(http, fake_acoustid):
    with pytest.raises(NotConfigured, match="acoustid.api_key"):
        AcoustIdClient(http, fake_acoustid.url, "").lookup(FINGERPRINT, DURATION)
    assert fake_acoustid.requests == []


@pytest.mark.parametrize(("fingerprint", "duration"), [("", 10), (None, 10), (FINGERPRINT, 0), (FINGERPRINT, "x"),
                                                       (FINGERPRINT, float("nan")), (FINGERPRINT, 10**9)])
def test_bad_arguments_send_nothing(acoustid, fake_acoustid, fingerprint, duration):
    with pytest.raises(InvalidInput):
        acoustid.lookup(fingerprint, duration)
    assert fake_acoustid.requests == []


def test_500_with_error_body_is_retried_then_succeeds(acoustid, fake_acoustid):
    fake_acoustid.script(500, fixture("acoustid-server-test_error_500_internal.json"))
    assert acoustid.lookup(FINGERPRINT, DURATION)[0].recordings
    assert len(fake_acoustid.requests) == 2


def test_500_forever_is_transient(acoustid, fake_acoustid):
    fake_acoustid.script(500, fixture("acoustid-server-test_error_500_internal.json"), times=10)
    with pytest.raises(ExternalServiceError, match="internal error") as caught:
        acoustid.lookup(FINGERPRINT, DURATION)
    assert caught.value.transient is True


def test_429_retry_after_is_honoured(acoustid, fake_acoustid, sleeps):
    fake_acoustid.script(429, "slow down", headers={"Retry-After": "2"})
    assert acoustid.lookup(FINGERPRINT, DURATION)
    assert sleeps == [2.0]


@pytest.mark.parametrize("body", [b"<html>Service Unavailable</html>", b"", b"[1, 2]"])
def test_non_json_or_non_object_is_an_error(acoustid, fake_acoustid, body):
    fake_acoustid.script(200, body, times=5)
    with pytest.raises(ExternalServiceError):
        acoustid.lookup(FINGERPRINT, DURATION)


def test_error_status_with_200_is_an_error(acoustid, fake_acoustid):
    fake_acoustid.script(200, fixture("acoustid-server-test_error_400_invalid_api_key.json"))
    with pytest.raises(ExternalServiceError, match="acoustid.api_key"):
        acoustid.lookup(FINGERPRINT, DURATION)


def test_lookups_are_paced_at_three_per_second(http, fake_acoustid):
    waits: list[float] = []
    client = AcoustIdClient(http, fake_acoustid.url, fake_acoustid.api_key,
                            limiter=RateLimiter(3, clock=lambda: 50.0, sleep=waits.append))
    for _ in range(3):
        client.lookup("AQABx", 10)
    assert waits == pytest.approx([1 / 3, 2 / 3])
    assert AcoustIdClient(http, fake_acoustid.url, "k").limiter.interval == pytest.approx(1 / 3)
