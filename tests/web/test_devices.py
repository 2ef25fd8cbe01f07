"""Devices: each user's sessions (browser and OS from the user agent, address, last seen) and
tokens; ending any of them; admins see and end everyone's. Against the real server: ending a
session, revoking a token, disabling a user and changing a password drop that user's open
Socket.IO connections at once."""

from __future__ import annotations

import pytest
import socketio

from media_library.db.schema import api_tokens, sessions

from .conftest import ADMIN, login, session_cookie
from .test_fast_stream import get, movie, player  # noqa: F401 - the fast path's fixtures

FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"
SAFARI_ON_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    "Version/17.1 Mobile/15E148 Safari/604.1")


def test_my_sessions_show_browser_os_address_and_last_seen(app, admin_client):
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = SAFARI_ON_IPHONE
    assert login(phone).status_code == 200
    desktop = app.test_client()
    desktop.environ_base["HTTP_USER_AGENT"] = FIREFOX_ON_WINDOWS
    assert login(desktop).status_code == 200
    found = desktop.get("/api/devices").json
    by_browser = {s["browser"]: s for s in found["sessions"]}
    assert by_browser["Mobile Safari 17"]["os"] == "iOS 17" and by_browser["Mobile Safari 17"]["device"] == "iPhone"
    assert by_browser["Firefox 121"]["os"] == "Windows 10" and by_browser["Firefox 121"]["current"] is True
    assert by_browser["Firefox 121"]["address"] == "127.0.0.1" and by_browser["Firefox 121"]["last_seen_at"] > 0
    assert by_browser["Mobile Safari 17"]["current"] is False


def test_ending_a_session_logs_that_browser_out(app, admin_client):
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = SAFARI_ON_IPHONE
    login(phone)
    target = next(s for s in admin_client.get("/api/devices").json["sessions"] if s["browser"] == "Mobile Safari 17")
    assert admin_client.delete(f"/api/devices/sessions/{target['id']}").status_code == 204
    assert phone.get("/api/auth/me").status_code == 401
    assert admin_client.get("/api/auth/me").status_code == 200  # only that one
    again = admin_client.delete(f"/api/devices/sessions/{target['id']}")
    assert again.status_code == 404 and "already ended" in again.json["message"]


def test_ending_my_current_session_clears_the_cookie(admin_client):
    mine = next(s for s in admin_client.get("/api/devices").json["sessions"] if s["current"])
    response = admin_client.delete(f"/api/devices/sessions/{mine['id']}")
    assert response.status_code == 204 and "ml_session=;" in response.headers.get("Set-Cookie", "")
    assert admin_client.get("/api/auth/me").status_code == 401


def test_a_viewer_sees_and_ends_only_their_own(app, admin_client, user_client):
    theirs = user_client.get("/api/devices").json
    assert {s["username"] for s in theirs["sessions"]} == {"alice"}
    forbidden = user_client.get("/api/devices?all=1")
    assert forbidden.status_code == 403 and "admin" in forbidden.json["message"]
    admins = [s for s in admin_client.get("/api/devices").json["sessions"] if s["username"] == "admin"]
    assert user_client.delete(f"/api/devices/sessions/{admins[0]['id']}").status_code == 404
    assert admin_client.get("/api/auth/me").status_code == 200
    token = admin_client.post("/api/tokens", json={"name": "admin's", "scope": "read"}).json["token"]
    assert user_client.delete(f"/api/devices/tokens/{token['id']}").status_code == 404


def test_admins_see_and_end_everyones(app, admin_client, user_client):
    alice_token = user_client.post("/api/tokens", json={"name": "alice's script", "scope": "read"}).json
    everyone = admin_client.get("/api/devices?all=1").json
    assert {s["username"] for s in everyone["sessions"]} == {"admin", "alice"}
    assert [(t["username"], t["name"]) for t in everyone["tokens"]] == [("alice", "alice's script")]
    assert admin_client.get("/api/devices").json["tokens"] == []  # without all=1: only the admin's own
    alice_session = next(s for s in everyone["sessions"] if s["username"] == "alice")
    assert admin_client.delete(f"/api/devices/sessions/{alice_session['id']}").status_code == 204
    assert user_client.get("/api/auth/me").status_code == 401
    assert admin_client.delete(f"/api/devices/tokens/{alice_token['token']['id']}").status_code == 204
    bearer = app.test_client().get("/api/auth/me", headers={"Authorization": f"Bearer {alice_token['secret']}"})
    assert bearer.status_code == 401
    events = {e["event"] for e in admin_client.get("/api/activity").json["items"]}
    assert {"session_ended", "token_revoked"} <= events


def test_session_ids_and_token_secrets_are_stored_only_as_hashes(app, admin_client, runtime):
    raw_session = session_cookie(admin_client)
    secret = admin_client.post("/api/tokens", json={"name": "t", "scope": "all"}).json["secret"]
    with runtime.state.db.read() as conn:
        stored = [tuple(str(v) for v in row) for table in (sessions, api_tokens) for row in conn.execute(table.select())]
    dump = repr(stored)
    assert raw_session and raw_session not in dump and secret not in dump
    from media_library.services.sessions import hash_secret

    assert hash_secret(raw_session) in dump and hash_secret(secret) in dump
    raw_db = runtime.settings.db_path.read_bytes() + (runtime.settings.db_path.with_name("media-library.db-wal").read_bytes()
                                                         if runtime.settings.db_path.with_name("media-library.db-wal").exists() else b"")
    assert raw_session.encode() not in raw_db and secret.encode() not in raw_db


# --- open sockets drop at once, against the real server --------------------------------------------
def _alice_socket(served, app, admin_client, socket_client):
    created = admin_client.post("/api/users", json={"username": "alice", "password": "tulip-meadow-91"}).json
    alice = app.test_client()
    assert login(alice, "alice", "tulip-meadow-91").status_code == 200
    client = socket_client().connect(served.url, cookie=session_cookie(alice))
    assert client.sio.connected
    return created, alice, client


def _end_from_devices(admin_client, user, alice):
    session = next(s for s in admin_client.get("/api/devices?all=1").json["sessions"] if s["username"] == "alice")
    assert admin_client.delete(f"/api/devices/sessions/{session['id']}").status_code == 204


def _disable(admin_client, user, alice):
    assert admin_client.patch(f"/api/users/{user['id']}", json={"disabled": True}).status_code == 200


def _admin_sets_password(admin_client, user, alice):
    assert admin_client.patch(f"/api/users/{user['id']}", json={"password": "harbour-lantern-77"}).status_code == 200


def _own_password_change(admin_client, user, alice):
    alice.environ_base["HTTP_X_CSRF_TOKEN"] = alice.get("/api/auth/me").json["csrf_token"]
    answer = alice.post("/api/auth/password", json={"current_password": "tulip-meadow-91", "new_password": "harbour-lantern-77"})
    assert answer.status_code == 200, answer.json


@pytest.mark.parametrize("action", [_end_from_devices, _disable, _admin_sets_password, _own_password_change],
                         ids=["end session", "disable user", "admin sets password", "own password change"])
def test_open_sockets_drop_at_once(served, app, admin_client, socket_client, action):
    user, alice, client = _alice_socket(served, app, admin_client, socket_client)
    admin_socket = socket_client().connect(served.url, cookie=session_cookie(admin_client))
    action(admin_client, user, alice)
    client.wait_for(lambda: not client.sio.connected, timeout=5)
    assert admin_socket.sio.connected  # someone else's socket stays


def test_revoking_a_token_from_devices_drops_its_sockets(served, app, admin_client, user_client, socket_client):
    created = user_client.post("/api/tokens", json={"name": "monitor", "scope": "monitor"}).json
    client = socket_client().connect(served.url, token=created["secret"])
    assert client.sio.connected
    assert admin_client.delete(f"/api/devices/tokens/{created['token']['id']}").status_code == 204
    client.wait_for(lambda: not client.sio.connected, timeout=5)
    with pytest.raises(socketio.exceptions.ConnectionError):
        socket_client().connect(served.url, token=created["secret"])


def test_the_admin_password_used_here_is_allowed():
    from media_library.services.password_policy import validate_password

    assert validate_password(ADMIN["password"], ADMIN["username"]) == ADMIN["password"]


def test_ending_a_session_from_devices_ends_its_stream_grant_at_once(player, admin_client, app):  # noqa: F811 - a fixture
    """The fast stream path (web/stream_grants.py) forgets what an ended session was granted."""
    phone = app.test_client()
    login(phone)  # the admin ends the player's session from another one (logging in drops grants: first)
    session, url = player
    assert get(session, url, Range="bytes=0-0").status_code == 206
    assert get(session, url, Range="bytes=1-1").status_code == 206  # served from the grant
    target = next(s for s in phone.get("/api/devices").json["sessions"] if not s["current"])
    assert phone.delete(f"/api/devices/sessions/{target['id']}").status_code == 204
    refused = get(session, url, Range="bytes=0-0")
    assert refused.status_code == 401 and refused.json()["error"] == "Unauthorized"
