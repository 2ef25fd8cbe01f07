"""Socket.IO against the production server (uvicorn, in this process) with python-socketio's
client: refused without a session or token, foreign Origins refused, events forwarded to
logged-in clients only, cut off when the session ends; security headers on its answers;
unauthenticated Engine.IO sessions closed after ``server.socket_auth_timeout_seconds`` and capped
per address."""

from __future__ import annotations

import time

import pytest
import requests
import socketio

from media_library import events

from .conftest import do_setup, serve_in_thread, session_cookie
from .test_security_table import assert_headers


def test_refused_without_a_session(served, admin_client, socket_client):
    with pytest.raises(socketio.exceptions.ConnectionError):
        socket_client().connect(served.url)


def test_connected_with_a_session_gets_events(served, admin_client, runtime, socket_client):
    client = socket_client().connect(served.url, cookie=session_cookie(admin_client))
    assert client.sio.connected
    job, _ = runtime.jobs.enqueue("system.check", {})
    client.wait_for(lambda: any(p["id"] == job.id for p in client.named(events.JobUpdated.name)))
    before = len(client.received)
    runtime.bus.publish(events.JobProgress(job.id, "system.check", 50.0, "half"))
    runtime.bus.publish(events.ServiceState("jobs", "running", 0, None))
    client.wait_for(lambda: len(client.received) >= before + 2)
    assert [name for name, _ in client.received[before:]] == ["job_progress", "service_state"]  # the wire names
    assert client.received[before][1]["message"] == "half"
    assert client.received[before + 1][1] == {"name": "jobs", "state": "running", "restarts": 0, "error": None}


def test_strangers_get_no_events(served, admin_client, runtime, socket_client):
    stranger = socket_client()
    with pytest.raises(socketio.exceptions.ConnectionError):
        stranger.connect(served.url, cookie="not-a-session")
    runtime.jobs.enqueue("system.check", {})
    assert not stranger.sio.connected and stranger.received == []


def test_token_auth(served, admin_client, socket_client):
    secret = admin_client.post("/api/tokens", json={"name": "jobs", "scope": "jobs"}).json["secret"]
    client = socket_client().connect(served.url, token=secret)
    assert client.sio.connected
    client.close()
    stream_only = admin_client.post("/api/tokens", json={"name": "s", "scope": "stream"}).json["secret"]
    for token in (stream_only, "mlt_wrong"):
        with pytest.raises(socketio.exceptions.ConnectionError):
            socket_client().connect(served.url, token=token)


def test_revoking_a_token_disconnects_its_sockets(served, admin_client, socket_client):
    created = admin_client.post("/api/tokens", json={"name": "monitor", "scope": "monitor"}).json
    client = socket_client().connect(served.url, token=created["secret"])
    assert admin_client.delete(f"/api/tokens/{created['token']['id']}").status_code == 204
    client.wait_for(lambda: not client.sio.connected)


def test_logout_disconnects(served, admin_client, socket_client):
    cookie = session_cookie(admin_client)
    client = socket_client().connect(served.url, cookie=cookie)
    assert client.sio.connected
    assert admin_client.post("/api/auth/logout").status_code == 204
    client.wait_for(lambda: not client.sio.connected)
    with pytest.raises(socketio.exceptions.ConnectionError):
        socket_client().connect(served.url, cookie=cookie)


def test_refused_until_setup_is_done(served, socket_client):
    with pytest.raises(socketio.exceptions.ConnectionError):
        socket_client().connect(served.url, token="mlt_anything")


def test_foreign_origin_is_refused(served, admin_client):
    polling = served.url + "/socket.io/?EIO=4&transport=polling"
    assert requests.get(polling, headers={"Origin": "https://evil.example"}, timeout=10).status_code == 400
    assert requests.get(polling, headers={"Origin": served.url}, timeout=10).status_code == 200


def test_socket_io_answers_carry_the_security_headers(served, admin_client):
    polling = served.url + "/socket.io/?EIO=4&transport=polling"
    assert_headers(requests.get(polling, timeout=10))
    assert_headers(requests.get(polling, headers={"Origin": "https://evil.example"}, timeout=10))
    assert_headers(requests.get(served.url + "/socket.io/nothing-here", timeout=10))


def _open_polling_session(url: str) -> str:
    """An Engine.IO session that never sends the Socket.IO CONNECT: its sid."""
    answer = requests.get(url + "/socket.io/?EIO=4&transport=polling", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.text.split('"sid":"')[1].split('"')[0]


def test_unauthenticated_sessions_are_closed_and_capped(app_factory):
    app = app_factory(**{"server.socket_auth_timeout_seconds": 1.0, "server.unauthenticated_sockets_per_address": 3})
    server = serve_in_thread(app)
    try:
        sids = [_open_polling_session(server.url) for _ in range(3)]
        refused = requests.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=10)
        assert refused.status_code == 401  # the fourth unauthenticated session from this address
        for sid in sids:  # a long-poll on a closed session ends at once with an error
            poll = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", timeout=10)
            while poll.status_code == 200 and poll.text.startswith("2"):  # a ping may come first
                poll = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", timeout=10)
            assert poll.status_code == 400 or poll.text.startswith("1"), poll.text  # 1: Engine.IO close
        assert requests.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=10).status_code == 200
    finally:
        server.stop()


def test_authenticated_sockets_outlive_the_auth_timeout(app_factory, socket_client):
    app = app_factory(**{"server.socket_auth_timeout_seconds": 0.2})
    http = app.test_client()
    assert do_setup(http).status_code == 201
    server = serve_in_thread(app)
    try:
        client = socket_client().connect(server.url, cookie=session_cookie(http))
        time.sleep(1.0)  # well past the timeout
        assert client.sio.connected
        app.extensions["media_library"].runtime.bus.publish(events.LibraryUpdated(["x"], "test"))
        client.wait_for(lambda: client.named(events.LibraryUpdated.name))
        client.close()
    finally:
        server.stop()


def test_events_arrive_whole_and_in_order(served, admin_client, runtime, socket_client):
    """Events mostly skip python-socketio's per-socket queue (one frame written to every WebSocket
    whose engine.io writer is idle): the client still decodes every one, in order, beside
    engine.io's own packets, right after connecting as later."""
    client = socket_client().connect(served.url, cookie=session_cookie(admin_client))
    for n in range(50):
        runtime.bus.publish(events.JobProgress(n, "k", float(n), "é" * n))
    client.wait_for(lambda: len(client.named(events.JobProgress.name)) >= 50)
    assert [p["id"] for p in client.named(events.JobProgress.name)] == list(range(50))
    assert client.named(events.JobProgress.name)[49]["message"] == "é" * 49
    assert client.sio.connected


def test_a_chunked_long_polling_body_is_cut_off(served, admin_client):
    sid = _open_polling_session(served.url)
    huge = (b"x" * 65536 for _ in range(64))  # 4 MiB, chunked: no Content-Length to refuse up front
    answer = requests.post(f"{served.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=huge, timeout=30)
    assert answer.status_code == 413 and answer.json()["error"] == "PayloadTooLarge"
    assert_headers(answer)
    assert requests.get(served.url + "/api/health", timeout=5).status_code == 200
