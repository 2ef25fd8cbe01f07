"""Streaming: single ranges, 416s, types, files only under the
media roots, signed links and stream-only tokens."""

from __future__ import annotations

import os
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from media_library.services.streaming import RangeNotSatisfiable, parse_range

CANARY = b"CANARY-OUTSIDE-THE-ROOT-" * 10
SIZE = 300_000


@pytest.fixture
def movie(settings, state):
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    path = settings.media_dir / "Movies" / "Film (2020)" / "Film (2020).mkv"
    path.parent.mkdir(parents=True)
    path.write_bytes(bytes(range(256)) * (SIZE // 256) + b"\x00" * (SIZE % 256))
    item = state.add_media("movie", "Film", year=2020)
    media_file = state.upsert_media_file(str(path), media_id=item.id, size=SIZE, mtime=path.stat().st_mtime)
    return item, media_file, path


@pytest.fixture
def canary(tmp_path):
    path = tmp_path / "outside" / "secret.mkv"
    path.parent.mkdir()
    path.write_bytes(CANARY)
    return path


def url(item):
    return f"/api/media/{item.id}/stream"


def test_whole_file(admin_client, movie):
    item, _, path = movie
    response = admin_client.get(url(item))
    assert response.status_code == 200
    assert response.data == path.read_bytes()
    assert response.headers["Content-Type"] == "video/x-matroska"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert int(response.headers["Content-Length"]) == SIZE


def test_single_range_is_206(admin_client, movie):
    item, _, path = movie
    response = admin_client.get(url(item), headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.headers["Content-Range"] == f"bytes 100-199/{SIZE}"
    assert response.data == path.read_bytes()[100:200]
    assert response.headers["Content-Length"] == "100"
    assert response.headers["Content-Security-Policy"] and response.headers["X-Content-Type-Options"] == "nosniff"


def test_suffix_and_open_ranges(admin_client, movie):
    item, _, path = movie
    data = path.read_bytes()
    assert admin_client.get(url(item), headers={"Range": "bytes=-10"}).data == data[-10:]
    assert admin_client.get(url(item), headers={"Range": f"bytes={SIZE - 5}-"}).data == data[-5:]
    clipped = admin_client.get(url(item), headers={"Range": f"bytes=10-{SIZE * 5}"})
    assert clipped.status_code == 206 and clipped.headers["Content-Range"] == f"bytes 10-{SIZE - 1}/{SIZE}"


@pytest.mark.parametrize("header", ["bytes=0-0,5-9", ",".join(["bytes=0-0"] * 2000), "bytes=-0", "bytes=5-1",
                                    f"bytes={SIZE}-", "items=0-5", "bytes=abc", "bytes=" + "9" * 40 + "-"])
def test_bad_ranges_are_416(admin_client, movie, header):
    item, _, _ = movie
    response = admin_client.get(url(item), headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{SIZE}"
    assert response.json["error"] == "RangeNotSatisfiable"


def test_huge_suffix_gives_the_whole_file(admin_client, movie):
    item, _, _ = movie
    response = admin_client.get(url(item), headers={"Range": "bytes=-99999999"})
    assert response.status_code == 206 and len(response.data) == SIZE


def test_head_has_headers_and_no_body(admin_client, movie):
    item, _, _ = movie
    response = admin_client.head(url(item), headers={"Range": "bytes=0-9"})
    assert response.status_code == 206 and response.data == b""
    assert response.headers["Content-Length"] == "10"


def test_if_range_mismatch_sends_the_whole_file(admin_client, movie):
    item, _, _ = movie
    response = admin_client.get(url(item), headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert response.status_code == 200 and len(response.data) == SIZE


def test_parse_range_pure():
    assert parse_range(None, 10) is None
    assert parse_range("bytes=0-", 10) == (0, 9)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=0-1,2-3", 10)


def test_stream_needs_a_login(client, admin_client, app, movie):
    item, _, _ = movie
    assert app.test_client().get(url(item)).status_code == 401


def test_other_users_may_view_for_now(user_client, movie):
    item, _, _ = movie
    assert user_client.get(url(item), headers={"Range": "bytes=0-0"}).status_code == 206


# --- paths ---------------------------------------------------------------------------------
@pytest.mark.parametrize("media_id", ["..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cwin.ini",
                                      "%252e%252e%252f", "%2fetc%2fpasswd", "abc%00def", "../../../etc/passwd"])
def test_traversal_in_the_url(admin_client, movie, media_id):
    response = admin_client.get(f"/api/media/{media_id}/stream")
    assert response.status_code in (400, 404)
    assert b"root:" not in response.data


@pytest.mark.parametrize("spa_path", ["/..%2f..%2f..%2fetc%2fpasswd", "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
                                      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/%00x"])
def test_traversal_in_app_paths(client, spa_path):
    response = client.get(spa_path)
    assert b"root:x:" not in response.data
    assert response.status_code in (200, 400, 404, 503)


def _file_at(state, item, path):
    return state.upsert_media_file(str(path), media_id=item.id, size=1, mtime=0.0)


def test_a_stored_path_outside_the_roots_is_refused(admin_client, state, movie, canary):
    item = state.add_media("movie", "Evil")
    _file_at(state, item, canary)
    response = admin_client.get(url(item))
    assert response.status_code in (403, 404) and CANARY not in response.data


def test_a_relative_escaping_path_is_refused(admin_client, state, settings, canary):
    item = state.add_media("movie", "Evil")
    relative = os.path.relpath(canary, settings.media_dir)
    _file_at(state, item, relative)
    response = admin_client.get(url(item))
    assert response.status_code in (403, 404) and CANARY not in response.data


def test_a_symlink_out_of_the_root_is_refused(admin_client, state, settings, canary):
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    link = settings.media_dir / "passwd.mkv"
    link.symlink_to(canary)
    item = state.add_media("movie", "Link")
    _file_at(state, item, link)
    response = admin_client.get(url(item))
    assert response.status_code in (403, 404) and CANARY not in response.data
    dir_link = settings.media_dir / "lib"
    dir_link.symlink_to(canary.parent)
    item2 = state.add_media("movie", "DirLink")
    _file_at(state, item2, dir_link / "secret.mkv")
    response = admin_client.get(url(item2))
    assert response.status_code in (403, 404) and CANARY not in response.data


def test_a_symlink_inside_the_root_still_works(admin_client, state, movie, settings):
    _, _, path = movie
    link = settings.media_dir / "alias.mkv"
    link.symlink_to(path)
    item = state.add_media("movie", "Alias")
    _file_at(state, item, link)
    assert admin_client.get(url(item), headers={"Range": "bytes=0-3"}).status_code == 206


def test_missing_file_and_foreign_file_id_are_404(admin_client, state, movie):
    item, media_file, path = movie
    other = state.add_media("movie", "Other")
    assert admin_client.get(f"{url(other)}?file={media_file.id}").status_code == 404
    path.unlink()
    assert admin_client.get(url(item)).status_code == 404


# --- links and stream tokens -------------------------------------------------------------------
def test_signed_link_works_without_a_cookie_until_it_expires(app, admin_client, movie, monkeypatch):
    item, _, path = movie
    response = admin_client.post(f"{url(item)}-link")
    assert response.status_code == 201
    link = response.json["url"]
    anonymous = app.test_client()
    got = anonymous.get(link, headers={"Range": "bytes=0-9"})
    assert got.status_code == 206 and got.data == path.read_bytes()[:10]
    parts = parse_qs(urlsplit(link).query)
    tampered = link.replace(f"exp={parts['exp'][0]}", f"exp={int(parts['exp'][0]) + 1000}")
    assert anonymous.get(tampered).status_code == 401
    other = app.test_client().get(link.replace(item.id, "0" * 16))
    assert other.status_code == 401
    future = time.time() + 10 * 24 * 3600
    monkeypatch.setattr("media_library.web.auth.time.time", lambda: future)
    assert anonymous.get(link).status_code == 401


def test_stream_token_in_the_query_only_on_the_stream_route(app, admin_client, movie):
    item, _, _ = movie
    created = admin_client.post("/api/tokens", json={"name": "strm", "scope": "stream"})
    secret = created.json["secret"]
    anonymous = app.test_client()
    assert anonymous.get(f"{url(item)}?token={secret}", headers={"Range": "bytes=0-0"}).status_code == 206
    assert anonymous.get(f"/api/jobs?token={secret}").status_code == 400
    admin_client.delete(f"/api/tokens/{created.json['token']['id']}")
    assert anonymous.get(f"{url(item)}?token={secret}").status_code == 401


def test_a_general_token_is_refused_in_the_query(app, admin_client, movie):
    item, _, _ = movie
    secret = admin_client.post("/api/tokens", json={"name": "all", "scope": "all"}).json["secret"]
    assert app.test_client().get(f"{url(item)}?token={secret}").status_code == 401
    assert app.test_client().get(url(item), headers={"Authorization": f"Bearer {secret}",
                                                     "Range": "bytes=0-0"}).status_code == 206
