"""Against the REAL production server (``python main.py --mode server``, uvicorn):
413 before the body is read, real WebSocket transport, Origin checks, traversal with raw
paths, a login flood throttled while a ranged stream keeps working, SIGTERM exits 0."""

from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from media_library.db.engine import Database, DatabaseOptions
from media_library.state import AppState

from .conftest import ADMIN, SETUP_CODE, start_server

FILE_SIZE = 8 * 1024 * 1024


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def admin(live):
    """A requests session logged in as the admin, with the CSRF header set."""
    session = requests.Session()
    response = session.post(live.url + "/api/setup", json={**ADMIN, "setup_code": SETUP_CODE}, timeout=30)
    assert response.status_code == 201, response.text
    session.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return session


@pytest.fixture(scope="module")
def media(live, admin):
    """A file in the server's library, registered in its database."""
    path = live.media_dir / "Movies" / "Big.mkv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(range(256)) * (FILE_SIZE // 256))
    state = AppState(Database(DatabaseOptions(path=live.data_dir / "media-library.db")))
    try:
        item = state.add_media("movie", "Big")
        state.upsert_media_file(str(path), media_id=item.id, size=FILE_SIZE, mtime=path.stat().st_mtime)
    finally:
        state.close()
    return item, path


def raw_request(live, text: bytes, read_limit: int = 65536) -> bytes:
    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
        sock.sendall(text)
        chunks = []
        while sum(map(len, chunks)) < read_limit:
            try:
                data = sock.recv(65536)
            except TimeoutError:
                break
            if not data:
                break
            chunks.append(data)
            head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
            if _ and b"content-length: " in head.lower():  # header names are case-insensitive
                length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                if len(body) >= length:
                    break
        return b"".join(chunks)


def test_ten_gigabyte_content_length_is_refused_before_the_body(live):
    answer = raw_request(live, b"POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               b"Content-Length: 10737418240\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413")
    assert b'"error":"PayloadTooLarge"' in answer
    assert b"content-security-policy" in answer.lower()
    assert requests.get(live.url + "/api/health", timeout=5).status_code == 200


@pytest.mark.parametrize("path", ["/api/media/..%2f..%2f..%2fetc%2fpasswd/stream", "/../../../../etc/passwd",
                                  "/api/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd/stream", "/assets/..%2f..%2f..%2fetc/passwd",
                                  "/api/media/..%5c..%5cetc%5cpasswd/stream", "/static/../../../../etc/passwd"])
def test_raw_traversal_paths(live, admin, path):
    answer = raw_request(live, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    assert b"root:x:0" not in answer
    assert answer.split(b" ")[1] in (b"200", b"400", b"401", b"404", b"503")


def test_websocket_transport_really_upgrades(live, admin):
    secret = admin.post(live.url + "/api/tokens", json={"name": "ws", "scope": "read"}, timeout=10).json()["secret"]
    got = threading.Event()
    client = socketio.Client(reconnection=False)
    client.on("job_updated", lambda payload: got.set())
    client.connect(live.url, transports=["websocket"], auth={"token": secret}, wait_timeout=10)
    try:
        assert client.transport() == "websocket"
        assert admin.post(live.url + "/api/jobs", json={"kind": "system.check"}, timeout=10).status_code == 201
        assert got.wait(15)
    finally:
        client.disconnect()


def test_websocket_with_the_session_cookie(live, admin):
    cookie = "; ".join(f"{c.name}={c.value}" for c in admin.cookies)
    client = socketio.Client(reconnection=False)
    client.connect(live.url, transports=["websocket"], headers={"Cookie": cookie}, wait_timeout=10)
    assert client.transport() == "websocket"
    client.disconnect()


@pytest.mark.parametrize("kwargs", [{}, {"headers": {"Origin": "https://evil.example"}}])
def test_websocket_refused_without_credentials_or_from_a_foreign_origin(live, admin, kwargs):
    client = socketio.Client(reconnection=False)
    if kwargs:
        secret = admin.post(live.url + "/api/tokens", json={"name": "evil"}, timeout=10).json()["secret"]
        kwargs = {**kwargs, "auth": {"token": secret}}
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(live.url, transports=["websocket"], wait_timeout=5, **kwargs)
    assert not client.connected


def test_login_flood_is_throttled_while_a_ranged_stream_keeps_working(live, admin, media):
    item, path = media
    expected = path.read_bytes()
    stream_url = f"{live.url}/api/media/{item.id}/stream"
    floods_done = threading.Event()

    def flood():
        with requests.Session() as s:
            return [s.post(live.url + "/api/auth/login", json={"username": "admin", "password": "nope-nope"},
                           timeout=60).status_code for _ in range(15)]

    def stream_reads():
        results = []
        with requests.Session() as s:
            s.cookies.update(admin.cookies)
            while len(results) < 24 or not floods_done.is_set():  # reads run for the whole flood
                start = (len(results) * 1_000_003) % (FILE_SIZE - 1_048_576)
                r = s.get(stream_url, headers={"Range": f"bytes={start}-{start + 1_048_575}"}, timeout=30)
                results.append(r.status_code == 206 and r.content == expected[start:start + 1_048_576])
        return results

    with ThreadPoolExecutor(4) as pool:
        reads = pool.submit(stream_reads)
        floods = [pool.submit(flood) for _ in range(2)]
        statuses = [s for f in floods for s in f.result()]
        floods_done.set()
        results = reads.result()
    assert all(results) and len(results) >= 24
    assert statuses.count(429) > 0
    assert statuses.count(401) <= 5  # auth.login_attempts_per_account: later ones never reach the hasher
    assert set(statuses) <= {401, 429}


def test_sigterm_exits_zero(tmp_path):
    server = start_server(tmp_path)
    assert server.stop(timeout=12) == 0
