"""The Xtream client against the fake provider and the recorded answers: account expiry on the
server's clock, error answers, episodes in both shapes, base URL normalisation, no credential in
an error message."""

from __future__ import annotations

import logging

import pytest

from media_library.clients.http import HttpClient, HttpOptions
from media_library.clients.xtream import (
    XtreamAccount,
    XtreamClient,
    decode,
    normalize_base_url,
    parse_account,
    parse_episodes,
    split_name,
)
from media_library.errors import ExternalServiceError, InvalidInput
from media_library.logs import Redactor
from tests.fakes.server import load_fixture


def _client(provider, password=None):
    http = HttpClient(HttpOptions(allow_hosts=("127.0.0.1",), retries=0))
    return XtreamClient(http, XtreamAccount(provider.url, provider.username, password or provider.password))


def test_expired_account_that_still_says_active_is_expired_on_the_servers_clock():
    quirk = load_fixture("xtream", "quirk_variants.json")["auth"]
    expired = parse_account(quirk["expired_but_status_active"]["body"])
    assert expired.status == "Active" and expired.expired and expired.effective_status == "Expired"
    # expires 2025-01-01, after the server's own "now" (2024-01-15): not expired, whatever our clock says
    classic = parse_account(quirk["ok_classic_string_numbers"]["body"])
    assert not classic.expired and classic.effective_status == "Active"
    assert (classic.max_connections, classic.active_connections) == (2, 1)
    xcvm = parse_account(load_fixture("xtream", "xcvm_docs", "authenticate_no_action.json"))
    assert xcvm.expires_at is None and not xcvm.expired and xcvm.max_connections == 1


def test_account_info_from_the_fake(provider):
    provider.expired = True
    info = _client(provider).account_info()
    assert info.status == "Active" and info.expired and info.max_connections == provider.max_connections


@pytest.mark.parametrize("body, says", [
    (b"<html><body><center><h1>404 Not Found</h1></center></body></html>", "HTML page"),
    (b"blocked", "refused"), (b"Access Denied", "refused"),
    (b'{"user_info": {"auth": 0, "message": "Invalid username or password"}}', "Invalid username"),
    (b'{"error": "Unauthorized"}', "Unauthorized"),
])
def test_error_answers_with_status_200_are_errors(body, says):
    with pytest.raises(ExternalServiceError) as caught:
        decode(body, "http://provider")
    assert says in caught.value.message


@pytest.mark.parametrize("body", [b"", b"[]", b"{}", b"null"])
def test_empty_list_bodies_are_empty(provider, body):
    provider.script(200, body, path="/player_api.php")
    assert _client(provider).streams("vod").items == []


def test_wrong_password_is_refused_and_never_appears_in_the_message_or_log(provider, caplog, monkeypatch):
    wire = logging.getLogger("urllib3.connectionpool")  # logs every request line, query string included
    monkeypatch.setattr(wire, "disabled", False)  # whatever an earlier test's logging set-up did
    monkeypatch.setattr(wire, "propagate", True)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="urllib3.connectionpool")
    with pytest.raises(ExternalServiceError) as caught:
        _client(provider, password="Wr0ng-S3cret").streams("vod")
    assert "Invalid username" in caught.value.message
    assert "Wr0ng-S3cret" not in caught.value.message
    written = "\n".join(Redactor()(record.getMessage()) for record in caplog.records)  # what the log file gets
    assert "urllib3" in caplog.text and "Wr0ng-S3cret" not in written


def test_the_log_redactor_hides_the_password_segment_of_stream_paths():
    line = 'GET /movie/demo/Wr0ng-S3cret/456.mp4 HTTP/1.1" 206'
    assert Redactor()(line) == 'GET /movie/demo/[REDACTED]/456.mp4 HTTP/1.1" 206'


def test_episodes_as_an_object_or_a_list_with_null_slots_and_empty_info():
    listed = parse_episodes([None, [{"id": 5, "episode_num": "1", "title": "S1E1", "info": []}],
                             [{"id": "6", "episode_num": 2, "season": "2", "info": {"tmdb": "0"}}, None]])
    assert [(e.episode_id, e.season, e.episode_num, e.tmdb_id) for e in listed.items] == [("5", 1, 1, None), ("6", 2, 2, None)]
    keyed = parse_episodes(load_fixture("xtream", "xcvm_docs", "get_series_info.json")["episodes"])
    assert [(e.episode_id, e.season, e.tmdb_id, e.duration_s) for e in keyed.items] == [("2", 1, "105800", 649)]
    broken = parse_episodes({"1": [{"title": "no id"}, {"id": 9}]})
    assert len(broken.items) == 1 and len(broken.skipped) == 1


def test_series_info_in_every_shape_from_the_fake(provider):
    provider.quirks = {"episodes_list", "info_empty", "string_ids"}
    details = _client(provider).series_info("77")
    assert [(e.episode_id, e.season) for e in details.episodes] == [("1001", 1), ("1002", 1)]


@pytest.mark.parametrize("typed, base", [
    ("http://host:8080/", "http://host:8080"), ("host:8080", "http://host:8080"),
    ("https://host/prefix/player_api.php?username=a&password=b", "https://host/prefix"),
    ("http://host:25461/get.php", "http://host:25461"),
])
def test_base_url_is_normalised(typed, base):
    assert normalize_base_url(typed) == base


def test_base_url_with_credentials_or_another_scheme_is_refused():
    for bad in ("ftp://host", "http://user:pw@host"):
        with pytest.raises(InvalidInput):
            normalize_base_url(bad)


@pytest.mark.parametrize("name, expected", [
    ("|EN| The Matrix (1999)", ("The Matrix", "EN", 1999)), ("EN - Inception", ("Inception", "EN", None)),
    ("|FR| Amélie - 2001", ("Amélie", "FR", 2001)), ("1917", ("1917", None, None)),
])
def test_names_lose_prefixes_and_years(name, expected):
    assert split_name(name) == expected
