"""The stream fast path (web/fast_stream.py, web/stream_grants.py) against the production server in
this process: after Flask has served a credential one range, the next ranges skip Flask, with the
same bytes, headers and Range semantics; logout, revoked tokens, other credentials and a file
swapped for a symlink still get Flask's answer."""

from __future__ import annotations

import os
import socket
import time

import pytest
import requests

from media_library.web import fast_stream
from media_library.web.fast_stream import request_headers, send_file_part
from media_library.web.stream_grants import StreamGrants, grant_key

from .conftest import session_cookie

MIB = 1024 * 1024
SIZE = 3 * MIB + 12_345  # several 1 MiB reads for a whole-file answer


@pytest.fixture
def movie(settings, state):
    path = settings.media_dir / "Movies" / "Long (2021)" / "Long (2021).mkv"
    path.parent.mkdir(parents=True)
    path.write_bytes(os.urandom(SIZE))
    item = state.add_media("movie", "Long", year=2021)
    state.upsert_media_file(str(path), media_id=item.id, size=SIZE, mtime=path.stat().st_mtime)
    return item, path


@pytest.fixture
def flask_calls(runtime, monkeypatch):
    """How many stream requests reached the Flask route (it chooses the file on every one)."""
    calls = []
    choose = runtime.services.streaming.choose_file
    monkeypatch.setattr(runtime.services.streaming, "choose_file", lambda *a: calls.append(a) or choose(*a))
    return calls


@pytest.fixture
def player(served, admin_client, movie):
    """A requests session carrying the admin's cookie, and the movie's stream URL."""
    session = requests.Session()
    session.cookies.set("ml_session", session_cookie(admin_client))
    return session, f"{served.url}/api/media/{movie[0].id}/stream"


def get(session, url, **headers):
    return session.get(url, headers=headers, timeout=10)


def test_later_ranges_skip_flask_with_the_same_answer(player, movie, flask_calls):
    session, url = player
    data = movie[1].read_bytes()
    first = get(session, url, Range="bytes=0-99")
    assert first.status_code == 206 and first.content == data[:100] and len(flask_calls) == 1
    for start in (MIB, 5, 2 * MIB + 7):
        answer = get(session, url, Range=f"bytes={start}-{start + MIB - 1}")
        assert answer.status_code == 206 and answer.content == data[start:start + MIB]
        assert answer.headers["Content-Range"] == f"bytes {start}-{start + MIB - 1}/{SIZE}"
    assert len(flask_calls) == 1
    for name in ("Content-Type", "Accept-Ranges", "ETag", "Last-Modified", "Content-Security-Policy",
                 "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control"):
        assert answer.headers[name] == first.headers[name], name
    assert answer.headers["Content-Length"] == str(MIB)


def test_range_edge_cases_on_the_fast_path(player, movie, flask_calls):
    session, url = player
    data = movie[1].read_bytes()
    etag = get(session, url, Range="bytes=0-0").headers["ETag"]
    suffix = get(session, url, Range="bytes=-100")
    assert suffix.status_code == 206 and suffix.content == data[-100:]
    tail = get(session, url, Range=f"bytes={SIZE - 10}-")
    assert tail.status_code == 206 and tail.content == data[-10:]
    whole = get(session, url)
    assert whole.status_code == 200 and whole.content == data and whole.headers["Content-Length"] == str(SIZE)
    changed = get(session, url, Range="bytes=0-9", **{"If-Range": '"another-version"'})
    assert changed.status_code == 200 and changed.content == data
    assert get(session, url, Range="bytes=0-9", **{"If-Range": etag}).status_code == 206
    assert get(session, url, **{"If-None-Match": etag}).status_code == 304
    head = session.head(url, timeout=10)
    assert head.status_code == 200 and head.content == b"" and head.headers["Content-Length"] == str(SIZE)
    assert len(flask_calls) == 1
    for bad in (f"bytes={SIZE}-", "bytes=0-1,5-9", "bytes=x-y"):
        refused = get(session, url, Range=bad)
        assert refused.status_code == 416 and refused.json()["status"] == 416
        assert refused.headers["Content-Range"] == f"bytes */{SIZE}"


def test_a_client_leaving_mid_file_does_not_disturb_others(player, movie):
    session, url = player
    get(session, url, Range="bytes=0-0")
    with session.get(url, stream=True, timeout=10) as leaving:
        assert len(leaving.raw.read(1000)) == 1000
    assert get(session, url, Range="bytes=0-9").content == movie[1].read_bytes()[:10]


def test_a_slow_reader_gets_every_byte_after_sendfile_gives_up(player, served, movie, admin_client, monkeypatch):
    """The socket stays full past the sendfile wait: the rest goes through uvicorn's buffer."""
    sent = []
    monkeypatch.setattr(fast_stream, "send_file_part", lambda *a: sent.append(send_file_part(*a)) or sent[-1])
    session, url = player
    get(session, url, Range="bytes=0-0")
    path = url.removeprefix(served.url)
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", served.port))
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nCookie: ml_session={session_cookie(admin_client)}\r\n"
                     "Connection: close\r\n\r\n".encode())
        time.sleep(0.5)  # longer than SOCKET_WAIT_MS: sendfile stops with the socket full
        raw = b"".join(iter(lambda: sock.recv(65536), b""))
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and body == movie[1].read_bytes()
    assert 0 < sent[-1] < SIZE


def test_another_credential_gets_no_grant(player):
    session, url = player
    assert get(session, url, Range="bytes=0-0").status_code == 206
    stranger = requests.get(url, headers={"Range": "bytes=0-0"}, cookies={"ml_session": "x" * 43}, timeout=10)
    assert stranger.status_code == 401
    assert requests.get(url, headers={"Range": "bytes=0-0"}, timeout=10).status_code == 401


def test_logout_ends_the_grant_at_once(player, admin_client):
    session, url = player
    assert get(session, url, Range="bytes=0-0").status_code == 206
    assert admin_client.post("/api/auth/logout").status_code in (200, 204)
    refused = get(session, url, Range="bytes=0-0")
    assert refused.status_code == 401 and refused.json()["error"]


def test_a_revoked_stream_token_ends_the_grant_at_once(served, admin_client, movie):
    created = admin_client.post("/api/tokens", json={"name": "strm", "scope": "stream"}).json
    url = f"{served.url}/api/media/{movie[0].id}/stream?token={created['secret']}"
    assert requests.get(url, headers={"Range": "bytes=0-0"}, timeout=10).status_code == 206
    assert requests.get(url, headers={"Range": "bytes=1-1"}, timeout=10).status_code == 206
    assert admin_client.delete(f"/api/tokens/{created['token']['id']}").status_code in (200, 204)
    assert requests.get(url, headers={"Range": "bytes=0-0"}, timeout=10).status_code == 401


def test_a_file_swapped_for_a_symlink_out_of_the_root_is_refused(player, movie, tmp_path):
    session, url = player
    assert get(session, url, Range="bytes=0-0").status_code == 206
    canary = tmp_path / "outside.mkv"
    canary.write_bytes(b"CANARY" * 100)
    movie[1].unlink()
    movie[1].symlink_to(canary)
    refused = get(session, url, Range="bytes=0-5")
    assert refused.status_code == 403 and b"CANARY" not in refused.content


def test_a_cross_origin_request_goes_through_flask(player, flask_calls):
    session, url = player
    get(session, url, Range="bytes=0-0")
    get(session, url, Range="bytes=0-0", Origin="https://elsewhere.example")
    assert len(flask_calls) == 2


def test_flask_sends_a_large_answer_through_the_bridge_in_pieces(player, movie, flask_calls):
    """Past 256 KiB the bridge (web/wsgi_bridge.py) streams Flask's body as a2wsgi does."""
    session, url = player
    whole = get(session, url, Origin="https://elsewhere.example")
    assert whole.status_code == 200 and whole.content == movie[1].read_bytes() and len(flask_calls) == 1


def test_requests_the_fast_path_leaves_to_flask():
    scope = {"headers": [(b"range", b"bytes=0-1"), (b"cookie", b"ml_session=a")]}
    assert request_headers(scope) == {b"range": b"bytes=0-1", b"cookie": b"ml_session=a"}
    for twice in (b"range", b"cookie", b"authorization", b"if-range"):
        assert request_headers({"headers": [(twice, b"1"), (twice, b"2")]}) is None
    for refused in (b"origin", b"content-length", b"transfer-encoding"):
        assert request_headers({"headers": [(refused, b"x")]}) is None


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_grants_expire_and_clear(tmp_path):
    clock = Clock()
    grants = StreamGrants(5.0, clock=clock)
    key = grant_key("m1", b"", b"Bearer x", b"", False)
    grants.give(key, tmp_path, "video/mp4")
    assert grants.find(key).content_type == "video/mp4"
    assert grants.find(grant_key("m1", b"", b"Bearer y", b"", False)) is None
    assert grants.find(grant_key("m1", b"", b"Bearer x", b"", True)) is None
    clock.now += 5.0
    assert grants.find(key) is None
    grants.give(key, tmp_path, "video/mp4")
    grants.clear()
    assert grants.find(key) is None
    assert not StreamGrants(0).enabled


def test_a_grant_never_outlives_a_signed_link(tmp_path):
    import time

    clock = Clock()
    grants = StreamGrants(5.0, clock=clock)
    grants.give(b"expired", tmp_path, "video/mp4", not_after=time.time() - 1)
    assert grants.find(b"expired") is None
    grants.give(b"soon", tmp_path, "video/mp4", not_after=time.time() + 1)
    clock.now += 1.5
    assert grants.find(b"soon") is None
