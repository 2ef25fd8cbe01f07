"""The activity log: what is recorded, with whom and from which real address; grouped failed
logins; names of settings, never values; job ends; filters; admins only; retention; log lines."""

from __future__ import annotations

import json
import logging
import time

import pytest

from media_library import events
from media_library.db.activity import activity as activity_table
from media_library.jobs.handlers.system import ActivityPrune
from media_library.services.activity import ActivityLog

from .conftest import ADMIN, SETUP_CODE, do_setup, login

PROXY = "127.0.0.1"  # the test client's peer, listed as the trusted proxy
CLIENT = "203.0.113.7"


def entries(client, **query) -> list[dict]:
    response = client.get("/api/activity", query_string=query)
    assert response.status_code == 200, response.json
    return response.json["items"]


@pytest.fixture
def proxied(app_factory):
    """An app behind a trusted proxy at 127.0.0.1, set up, with a logged-in admin client."""
    app = app_factory(**{"server.trusted_proxies": [PROXY]})
    admin = app.test_client()
    admin.environ_base["HTTP_X_FORWARDED_FOR"] = CLIENT
    assert do_setup(admin).status_code == 201
    assert login(admin).status_code == 200
    return app, admin


def test_logins_record_the_real_client_address_through_the_trusted_proxy(proxied):
    app, admin = proxied
    stranger = app.test_client()
    stranger.post("/api/auth/login", json={"username": "admin", "password": "wrong horse battery"},
                  headers={"X-Forwarded-For": "198.51.100.4"})
    failed = entries(admin, event="login_failed")
    assert [(e["username"], e["address"], e["count"]) for e in failed] == [("admin", "198.51.100.4", 1)]
    assert failed[0]["what"] == "wrong username or password"
    ok = entries(admin, event="login")
    assert ok[0]["address"] == CLIENT and ok[0]["username"] == "admin" and ok[0]["user_id"] is not None
    setup = entries(admin, event="setup")
    assert setup[0]["address"] == CLIENT


def test_an_untrusted_peer_cannot_choose_its_address(app_factory):
    app = app_factory()  # no trusted proxies: X-Forwarded-For is not believed
    client = app.test_client()
    assert do_setup(client).status_code == 201
    client.post("/api/auth/login", json={"username": "admin", "password": "nope nope nope"},
                headers={"X-Forwarded-For": "198.51.100.4"})
    login(client)
    assert entries(client, event="login_failed")[0]["address"] == "127.0.0.1"


def test_a_burst_of_failed_logins_is_one_entry(proxied):
    app, admin = proxied
    stranger = app.test_client()
    for _ in range(4):
        stranger.post("/api/auth/login", json={"username": "Admin", "password": "guess guess"},
                      headers={"X-Forwarded-For": "198.51.100.4"})
    stranger.post("/api/auth/login", json={"username": "admin", "password": "guess guess"},
                  headers={"X-Forwarded-For": "198.51.100.5"})  # another address: its own entry
    failed = entries(admin, event="login_failed")
    assert sorted((e["address"], e["count"]) for e in failed) == [("198.51.100.4", 4), ("198.51.100.5", 1)]
    burst = next(e for e in failed if e["count"] == 4)
    assert burst["last_at"] >= burst["at"]


def test_throttled_logins_are_recorded_as_failed(app_factory):
    app = app_factory(**{"auth.login_attempts_per_account": 2})
    admin = app.test_client()
    assert do_setup(admin).status_code == 201
    stranger = app.test_client()
    statuses = [stranger.post("/api/auth/login", json={"username": "admin", "password": "guess guess"}).status_code
                for _ in range(3)]
    assert statuses == [401, 401, 429]
    [entry] = entries(admin, event="login_failed")
    assert entry["count"] == 3 and entry["what"] == "throttled"


def test_account_and_token_changes_are_recorded(admin_client, app):
    alice = admin_client.post("/api/users", json={"username": "alice", "password": "tulip-meadow-91"}).json
    admin_client.patch(f"/api/users/{alice['id']}", json={"role": "manager"})
    admin_client.patch(f"/api/users/{alice['id']}", json={"disabled": True, "password": "harbour-lantern-77"})
    token = admin_client.post("/api/tokens", json={"name": "script", "scope": "read"}).json
    admin_client.delete(f"/api/tokens/{token['token']['id']}")
    renewed = admin_client.post("/api/auth/password", json={"current_password": ADMIN["password"], "new_password": "another fine phrase"})
    admin_client.environ_base["HTTP_X_CSRF_TOKEN"] = renewed.json["csrf_token"]
    admin_client.delete(f"/api/users/{alice['id']}")
    got = {(e["event"], e["what"]) for e in entries(admin_client)}
    assert {("user_created", "user alice (viewer)"), ("role_changed", "user alice: viewer -> manager"),
            ("user_changed", "user alice disabled"),
            ("password_changed", "user alice was given a new password by an admin"),
            ("token_created", "token 'script' (scope read)"), ("token_revoked", "token 'script' (scope read)"),
            ("password_changed", "own password; every other session ended"),
            ("user_deleted", "user alice (manager)")} <= got
    text = json.dumps(entries(admin_client))
    assert "harbour-lantern-77" not in text and token["secret"] not in text and "another fine phrase" not in text


def test_logout_and_deletions_are_recorded(admin_client):
    collection = admin_client.post("/api/collections", json={"name": "Gone soon"}).json
    assert admin_client.delete(f"/api/collections/{collection['id']}").status_code == 204
    assert admin_client.post("/api/auth/logout").status_code == 204
    login(admin_client)
    got = [(e["event"], e["what"]) for e in entries(admin_client)]
    assert ("deleted", f"collection {collection['id']}") in got and ("logout", "") in got


def test_settings_changes_name_the_settings_not_their_values(admin_client):
    secret = "jf-api-key-7f3a9c"
    answer = admin_client.put("/api/strm/settings", json={"refresh_jellyfin_api_key": secret, "write_nfo": False})
    assert answer.status_code == 200, answer.json
    [entry] = entries(admin_client, event="settings_changed")
    assert entry["what"] == "changed strm.refresh_jellyfin_api_key, strm.write_nfo"
    assert secret not in json.dumps(entries(admin_client))


def test_cookies_are_recorded_without_their_content(admin_client):
    cookies = "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t0\tSID\tsecret-cookie-value\n"
    assert admin_client.put("/api/downloads/cookies", json={"cookies": cookies}).status_code == 204
    [entry] = entries(admin_client, event="settings_changed")
    assert "secret-cookie-value" not in json.dumps(entry) and "cookies.txt" in entry["what"]


@pytest.mark.parametrize(("kind", "status", "event"), [
    ("disc.rip", "done", "rip_done"), ("disc.audio_cd", "failed", "rip_failed"),
    ("download.url", "done", "download_done"), ("podcast.download", "failed", "download_failed"),
    ("library.organize", "done", "organize_done"),
])
def test_rips_downloads_and_organize_runs_are_recorded_when_they_end(admin_client, runtime, kind, status, event):
    public = {"id": 41, "kind": kind, "status": status, "message": "moved 3 files", "error": "drive went away"}
    runtime.bus.publish(events.JobUpdated(public))
    runtime.bus.publish(events.JobUpdated({**public, "id": 42, "status": "running"}))  # not an end: nothing
    deadline = time.monotonic() + 10
    while not entries(admin_client, event=event):  # recorded off the publishing thread
        assert time.monotonic() < deadline, "the job's end was not recorded"
        time.sleep(0.05)
    [entry] = entries(admin_client, event=event)
    assert entry["what"].startswith(f"job 41 ({kind}): ")
    assert entry["what"].endswith("drive went away" if status == "failed" else "moved 3 files")


def test_filters(proxied):
    app, admin = proxied
    other = app.test_client()
    other.post("/api/auth/login", json={"username": "bob", "password": "whatever-it-is"}, headers={"X-Forwarded-For": "198.51.100.9"})
    assert [e["username"] for e in entries(admin, user="bob")] == ["bob"]
    assert [e["event"] for e in entries(admin, address="198.51.100.9")] == ["login_failed"]
    assert entries(admin, since=time.time() + 60) == []
    first_page = entries(admin, limit=1)
    assert len(first_page) == 1
    older = entries(admin, before_id=first_page[0]["id"])
    assert older and all(e["id"] < first_page[0]["id"] for e in older)
    assert admin.get("/api/activity", query_string={"event": "nonsense"}).status_code == 400
    assert "login_failed" in admin.get("/api/activity/events").json["events"]


def test_only_admins_read_the_log(user_client):
    response = user_client.get("/api/activity")
    assert response.status_code == 403 and response.json["error"] == "Forbidden"


def test_each_entry_is_also_a_structured_log_line(admin_client, caplog):
    with caplog.at_level(logging.INFO, logger="media_library.activity"):
        admin_client.post("/api/auth/login", json={"username": "admin", "password": "wrong wrong wrong"})
    lines = [r.getMessage() for r in caplog.records if r.name == "media_library.activity"]
    assert len(lines) == 1 and lines[0].startswith("activity ")
    assert json.loads(lines[0].removeprefix("activity ")) == {
        "event": "login_failed", "user": "admin", "address": "127.0.0.1", "what": "wrong username or password", "count": 1}


def test_retention_prunes_old_entries_on_a_schedule(runtime):
    assert {s.name: s.expression for s in runtime.state.list_schedules()}["activity.prune"] == "daily 03:45"
    log = runtime.services.activity
    assert log.retention_days == 90
    log.record("login", "old", "192.0.2.1", "")
    with runtime.state.db.write() as conn:  # as if written 91 days ago
        conn.execute(activity_table.update().values(at=time.time() - 91 * 86400, last_at=time.time() - 91 * 86400))
    log.record("login", "new", "192.0.2.1", "")
    assert ActivityPrune(runtime.services).run(None, None) == {"deleted": 1, "retention_days": 90}
    assert [e.username for e in log.list(log_filter())] == ["new"]


def test_retention_follows_its_setting(runtime):
    runtime.services.activity.record("login", "someone", "192.0.2.1", "")
    later = ActivityLog(runtime.state, retention_days=1, failed_login_group_seconds=600, clock=lambda: time.time() + 2 * 86400)
    assert later.prune() == 1


def log_filter():
    from media_library.models.activity import ActivityFilter

    return ActivityFilter()


def test_setup_is_recorded_once(client):
    assert client.post("/api/setup", json={**ADMIN, "setup_code": SETUP_CODE}).status_code == 201
    client.environ_base["HTTP_X_CSRF_TOKEN"] = client.get("/api/auth/me").json["csrf_token"]
    assert [e["what"] for e in entries(client, event="setup")] == ["first admin created"]
