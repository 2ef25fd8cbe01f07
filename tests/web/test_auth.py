"""Sessions, cookies, CSRF and login throttling."""

from __future__ import annotations

import time

from .conftest import ADMIN, do_setup, login, session_cookie


def cookie_header(response):
    [header] = [h for h in response.headers.getlist("Set-Cookie") if "ml_session" in h]
    return header


def test_cookie_attributes_over_http(client):
    header = cookie_header(do_setup(client))
    assert header.startswith("ml_session=")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Secure" not in header


def test_cookie_is_secure_host_prefixed_behind_a_trusted_https_proxy(app_factory):
    app = app_factory(**{"server.trusted_proxies": ["127.8.0.0/16"]})
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "127.8.2.3"
    response = client.post(
        "/api/setup", json={**ADMIN, "setup_code": "test-setup-code"}, headers={"X-Forwarded-Proto": "https"})
    header = cookie_header(response)
    assert header.startswith("__Host-ml_session=") and "Secure" in header and "HttpOnly" in header
    assert "Domain" not in header
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_forwarded_proto_from_an_untrusted_peer_is_ignored(client):
    response = client.post("/api/setup", json={**ADMIN, "setup_code": "test-setup-code"},
                           headers={"X-Forwarded-Proto": "https"})
    assert cookie_header(response).startswith("ml_session=")
    assert "Strict-Transport-Security" not in response.headers


def test_login_me_logout(app, admin_client):
    client = app.test_client()
    assert client.get("/api/auth/me").status_code == 401
    response = login(client)
    assert response.status_code == 200 and response.json["csrf_token"]
    assert client.get("/api/auth/me").json["user"]["username"] == "admin"
    old = session_cookie(client)
    assert client.post("/api/auth/logout").status_code == 204
    client.set_cookie("ml_session", old)
    assert client.get("/api/auth/me").status_code == 401


def test_wrong_password_and_unknown_user_look_the_same(app, admin_client):
    client = app.test_client()
    a = client.post("/api/auth/login", json={"username": "admin", "password": "wrong-password"})
    b = client.post("/api/auth/login", json={"username": "nobody", "password": "wrong-password"})
    assert a.status_code == b.status_code == 401
    assert a.json == b.json


def test_session_fixation_planted_cookie_is_replaced(app, admin_client):
    client = app.test_client()
    client.set_cookie("ml_session", "planted-by-attacker")
    login(client)
    assert session_cookie(client) != "planted-by-attacker"
    first = session_cookie(client)
    login(client)  # logging in again gives a new id and ends the old one
    second = session_cookie(client)
    assert second != first
    client.set_cookie("ml_session", first)
    assert client.get("/api/auth/me").status_code == 401


def test_password_change_ends_other_sessions_and_renews_this_one(app, admin_client):
    other = app.test_client()
    login(other)
    response = admin_client.post("/api/auth/password", json={"current_password": ADMIN["password"],
                                                             "new_password": "a brand new password"})
    assert response.status_code == 200
    admin_client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    assert other.get("/api/auth/me").status_code == 401
    assert admin_client.get("/api/auth/me").status_code == 200
    assert login(app.test_client(), password="a brand new password").status_code == 200


def test_password_change_needs_the_current_password(admin_client):
    response = admin_client.post("/api/auth/password", json={"current_password": "nope-nope",
                                                             "new_password": "a brand new password"})
    assert response.status_code == 400


def test_disabling_a_user_ends_their_sessions(app, admin_client, user_client, state):
    alice = next(u for u in state.list_users() if u.username == "alice")
    assert user_client.get("/api/auth/me").status_code == 200
    assert admin_client.patch(f"/api/users/{alice.id}", json={"disabled": True}).status_code == 200
    assert user_client.get("/api/auth/me").status_code == 401
    assert login(app.test_client(), "alice", "tulip-meadow-91").status_code == 401


def test_idle_and_absolute_timeouts(app, admin_client, settings):
    sessions = app.extensions["media_library"].services.sessions
    real = sessions.clock
    try:
        sessions.clock = lambda: real() + settings.auth.session_idle_minutes * 60 + 5
        assert admin_client.get("/api/auth/me").status_code == 401
    finally:
        sessions.clock = real
    client = app.test_client()
    login(client)
    try:
        sessions.clock = lambda: real() + settings.auth.session_absolute_hours * 3600 + 5
        assert client.get("/api/auth/me").status_code == 401
    finally:
        sessions.clock = real


# --- CSRF ------------------------------------------------------------------------------------
def test_unsafe_request_without_csrf_header_is_refused(admin_client):
    del admin_client.environ_base["HTTP_X_CSRF_TOKEN"]
    assert admin_client.post("/api/jobs", json={"kind": "system.check"}).status_code == 403
    assert admin_client.post("/api/auth/logout").status_code == 403
    assert admin_client.get("/api/auth/me").status_code == 200


def test_cross_site_post_with_the_cookie_is_refused(admin_client, state):
    before = len(state.list_jobs())
    evil = {"Origin": "http://127.0.0.2:9999"}
    assert admin_client.post("/api/jobs", json={"kind": "system.check"}, headers=evil).status_code == 403
    form = admin_client.post("/api/jobs", data='{"kind": "system.check"}', content_type="text/plain", headers=evil)
    assert form.status_code in (403, 415)
    fetch = admin_client.post("/api/jobs", json={"kind": "system.check"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch.status_code == 403
    assert admin_client.post("/api/users", json={"username": "x", "password": "password-x"},
                             headers={"Referer": "https://evil.example/page"}).status_code == 403
    assert len(state.list_jobs()) == before


def test_same_origin_post_is_accepted(admin_client):
    response = admin_client.post("/api/jobs", json={"kind": "system.check"}, headers={"Origin": "http://localhost"})
    assert response.status_code == 201


def test_login_from_a_foreign_origin_is_refused(app, admin_client):
    response = app.test_client().post("/api/auth/login", json={"username": "admin", "password": ADMIN["password"]},
                                      headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


# --- throttling --------------------------------------------------------------------------------
def _count_verifies(app):
    passwords = app.extensions["media_library"].services.passwords
    calls, original = [], passwords.verify

    def counting(*args):
        calls.append(1)
        return original(*args)

    passwords.verify = counting
    return calls


def test_login_flood_on_one_account_is_throttled_before_hashing(app, admin_client, settings):
    calls = _count_verifies(app)
    client = app.test_client()
    statuses = [client.post("/api/auth/login", json={"username": "admin", "password": f"wrong-{i}"}).status_code
                for i in range(settings.auth.login_attempts_per_account + 10)]
    assert statuses[:settings.auth.login_attempts_per_account] == [401] * settings.auth.login_attempts_per_account
    assert set(statuses[settings.auth.login_attempts_per_account:]) == {429}
    assert len(calls) == settings.auth.login_attempts_per_account
    throttled = client.post("/api/auth/login", json={"username": "admin", "password": "x"})
    assert int(throttled.headers["Retry-After"]) >= 1 and throttled.json["error"] == "TooManyRequests"


def test_spraying_with_forged_forwarding_headers_is_throttled_per_real_address(app, admin_client, settings):
    client = app.test_client()
    limit = settings.auth.login_attempts_per_address
    statuses = []
    for i in range(limit + 5):
        headers = {"X-Forwarded-For": f"192.0.2.{i}", "CF-Connecting-IP": f"198.51.100.{i}", "X-Real-IP": f"203.0.113.{i}"}
        statuses.append(client.post("/api/auth/login", json={"username": f"user{i}", "password": "wrong-password"},
                                    headers=headers).status_code)
    assert statuses[:limit] == [401] * limit
    assert set(statuses[limit:]) == {429}


def test_trusted_proxy_header_names_the_client(app_factory):
    app = app_factory(**{"server.trusted_proxies": ["127.0.0.1"], "auth.login_attempts_per_address": 3})
    client = app.test_client()
    do_setup(client)
    for i in range(3):  # three different real clients behind the tunnel: none is throttled
        for _ in range(3):
            response = client.post("/api/auth/login", json={"username": f"u{i}x", "password": "wrong-password"},
                                   headers={"CF-Connecting-IP": f"198.51.100.{i}"})
            assert response.status_code == 401
    response = client.post("/api/auth/login", json={"username": "u9", "password": "wrong-password"},
                           headers={"CF-Connecting-IP": "198.51.100.0"})
    assert response.status_code == 429


def test_unauthenticated_loopback_is_not_trusted(app, admin_client):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    for headers in ({}, {"X-Forwarded-For": "127.0.0.1"}, {"X-Forwarded-For": "203.0.113.9"}):
        assert client.get("/api/jobs", headers=headers).status_code == 401


def test_session_touch_is_rate_limited(app, admin_client, state):
    # many requests, one session: the session stays valid and answers (no write per request)
    started = time.time()
    for _ in range(20):
        assert admin_client.get("/api/auth/me").status_code == 200
    assert time.time() >= started
