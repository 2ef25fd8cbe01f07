"""Credentials stay on the origin they were configured for, whatever a redirect says.

Fake Jellyfin, Plex and TMDb servers on 127.0.0.1 redirect to a second server on 127.0.0.2
(allow-listed, so the hop itself is allowed): the second server must never see X-Emby-Token,
X-Plex-Token, Authorization or a key in the query. requests alone strips only Authorization,
and only on a host change; HttpClient follows redirects itself and drops them all.
"""

from __future__ import annotations

import pytest

from media_library.clients.http import HttpClient, HttpOptions, without_credentials
from media_library.clients.mediaserver import JellyfinClient, PlexClient
from media_library.clients.tmdb import TmdbClient
from media_library.errors import ExternalServiceError
from tests.fakes.outbound import Seen, StubServer, redirect_to

SECRET = "s3cret-key-0123456789"


@pytest.fixture
def http():
    client = HttpClient(HttpOptions(timeout=3.0, retries=0, allow_hosts=("127.0.0.2",)))
    yield client
    client.close()


@pytest.fixture
def elsewhere():
    """The host a redirect points at: records what arrives, answers 204 to POST and JSON to GET."""
    with StubServer("127.0.0.2", lambda seen: (204, {}, b"") if seen.method == "POST"
                    else (200, {"Content-Type": "application/json"}, b"{}")) as server:
        yield server


def _leaks(seen: Seen) -> list[str]:
    headers = [f"{k}: {v}" for k, v in seen.headers.items() if SECRET in v or k.lower() in
               ("x-emby-token", "x-plex-token", "authorization")]
    query = [f"{k}={v}" for k, v in seen.query.items() if SECRET in "".join(v) or k.lower() in ("x-plex-token", "api_key")]
    return headers + query


def test_jellyfin_refresh_does_not_send_its_token_where_a_307_points(http, elsewhere):
    with StubServer("127.0.0.1", redirect_to(f"{elsewhere.url}/Library/Refresh", 307)) as jellyfin:
        assert JellyfinClient(http, jellyfin.url, SECRET).refresh_library() == 204
    assert jellyfin.seen[0].header("X-Emby-Token") == SECRET  # configured origin: sent
    (arrived,) = elsewhere.seen
    assert arrived.method == "POST" and arrived.path == "/Library/Refresh"  # 307 keeps the method
    assert _leaks(arrived) == []


def test_plex_refresh_does_not_send_its_token_after_a_302(http, elsewhere):
    target = f"{elsewhere.url}/library/sections/3/refresh?X-Plex-Token={SECRET}&keep=1"
    with StubServer("127.0.0.1", redirect_to(target, 302)) as plex:
        assert PlexClient(http, plex.url, SECRET).refresh_section("3") == 200
    assert plex.seen[0].header("X-Plex-Token") == SECRET
    (arrived,) = elsewhere.seen
    assert _leaks(arrived) == [] and arrived.query == {"keep": ["1"]}


def test_tmdb_bearer_token_is_not_sent_off_origin(http, elsewhere):
    with StubServer("127.0.0.1", redirect_to(f"{elsewhere.url}/3/search/movie?api_key={SECRET}", 301)) as tmdb:
        TmdbClient(http, tmdb.url, SECRET).search_movie("Heat")
    assert tmdb.seen[0].header("Authorization") == f"Bearer {SECRET}"
    (arrived,) = elsewhere.seen
    assert _leaks(arrived) == []


def test_a_redirect_within_the_configured_origin_keeps_the_credentials(http):
    with StubServer("127.0.0.1", lambda seen: (307, {"Location": "/jellyfin/Library/Refresh"}, b"")
                    if seen.path == "/Library/Refresh" else (204, {}, b"")) as jellyfin:
        assert JellyfinClient(http, jellyfin.url, SECRET).refresh_library() == 204
    assert [seen.header("X-Emby-Token") for seen in jellyfin.seen] == [SECRET, SECRET]


def test_a_body_is_not_resent_to_another_origin(http, elsewhere):
    with StubServer("127.0.0.1", redirect_to(f"{elsewhere.url}/v2/lookup", 307)) as acoustid:
        with pytest.raises(ExternalServiceError, match="not resending"):
            http.request("AcoustID", "POST", f"{acoustid.url}/v2/lookup", data={"client": SECRET})
    assert elsewhere.seen == []


def test_303_after_post_becomes_a_get_without_body(http, elsewhere):
    with StubServer("127.0.0.1", redirect_to(f"{elsewhere.url}/done", 303)) as service:
        http.request("svc", "POST", f"{service.url}/go", json_body={"client": SECRET})
    (arrived,) = elsewhere.seen
    assert arrived.method == "GET" and arrived.body == b"" and _leaks(arrived) == []


def test_without_credentials_keeps_other_parameters_as_they_were():
    assert without_credentials("https://cdn.example/a.jpg?X-Plex-Token=t&w=1") == "https://cdn.example/a.jpg?w=1"
    assert without_credentials("https://cdn.example/a.jpg?sig=a%2Fb&w=1") == "https://cdn.example/a.jpg?sig=a%2Fb&w=1"
