"""First run: only health, setup and the app shell answer until the first admin
exists; the setup code is needed; two racing setups make one admin; the code reaches the log."""

from __future__ import annotations

import logging
import threading

from media_library.logs import Redactor, SafeFormatter
from media_library.web.app import create_app

from .conftest import ADMIN, SETUP_CODE, do_setup


def test_before_setup_only_health_and_setup_answer(client):
    assert client.get("/api/health").json["needs_setup"] is True
    assert client.get("/api/setup").json == {"needs_setup": True}
    for path in ("/api/jobs", "/api/auth/me", "/api/users", "/api/tokens"):
        response = client.get(path)
        assert response.status_code == 503
        assert "finish setup first" in response.json["message"]
    login = client.post("/api/auth/login", json={"username": "a", "password": "b"})
    assert login.status_code == 503


def test_health_has_no_secrets(client, settings):
    body = client.get("/api/health").get_data(as_text=True)
    assert SETUP_CODE not in body
    assert set(client.get("/api/health").json) >= {"status", "version", "mode", "services", "needs_setup"}


def test_setup_needs_the_code(client):
    response = do_setup(client, setup_code="wrong")
    assert response.status_code == 403
    assert client.get("/api/setup").json == {"needs_setup": True}


def test_setup_creates_the_admin_once_and_logs_in(client, state):
    response = do_setup(client)
    assert response.status_code == 201
    assert response.json["user"]["role"] == "admin"
    assert client.get("/api/auth/me").json["user"]["username"] == ADMIN["username"]
    again = do_setup(client, username="other")
    assert again.status_code == 409
    assert [u.username for u in state.list_users()] == ["admin"]
    assert client.get("/api/setup").json == {"needs_setup": False}


def test_setup_rejects_unknown_fields_and_short_passwords(client):
    assert do_setup(client, role="user").status_code == 400
    assert do_setup(client, password="short").status_code == 400


def test_racing_setups_make_exactly_one_admin(app, state):
    barrier, results = threading.Barrier(8), []

    def attempt(i):
        client = app.test_client()
        barrier.wait()
        results.append(do_setup(client, username=f"admin{i}").status_code)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count(201) == 1
    assert set(results) <= {201, 409, 429}  # 429: more racers than the throttle lets through
    assert len(state.list_users()) == 1


def test_generated_setup_code_is_logged_unredacted(tmp_path, caplog):
    from tests.conftest import build_runtime, make_settings

    runtime = build_runtime(make_settings(tmp_path, **{"auth.setup_code": ""}))
    try:
        with caplog.at_level(logging.WARNING, logger="media_library.web.app"):
            app = create_app(runtime)
        code = app.extensions["media_library"].setup_code
        records = [r for r in caplog.records if "Setup code" in r.getMessage()]
        assert len(records) == 1
        line = SafeFormatter(Redactor(runtime.settings.secret_values()), "%(message)s").format(records[0])
        assert code in line
        response = app.test_client().post("/api/setup", json={**ADMIN, "setup_code": code})
        assert response.status_code == 201
        app.extensions["media_library_unsubscribe"]()
    finally:
        runtime.stop()
