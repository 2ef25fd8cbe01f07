"""Service keys in Settings: write-only (never answered, only "set" and where from), replaced and
cleared at run time, taken by the process's client at once and kept over a restart, tested for
real against the local fake TMDb and AcoustID, admin only."""

from __future__ import annotations

import pytest

from tests.conftest import build_runtime
from tests.web.conftest import login

NEW_KEY = "replaced-tmdb-token-123"


def _key(client, service):
    (row,) = [r for r in client.get("/api/settings/services").json["items"] if r["service"] == service]
    return row


def test_keys_are_listed_as_set_never_as_their_value(admin_client, fake_tmdb, fake_acoustid):
    answer = admin_client.get("/api/settings/services")
    assert answer.status_code == 200
    assert [(r["service"], r["set"], r["origin"]) for r in answer.json["items"]] == [("tmdb", True, "config"),
                                                                                   ("acoustid", True, "config")]
    assert fake_tmdb.api_key not in answer.get_data(as_text=True)
    assert fake_acoustid.api_key not in answer.get_data(as_text=True)


def test_a_replaced_key_is_used_at_once_tested_for_real_and_cleared(admin_client, lib_runtime, fake_tmdb):
    replaced = admin_client.put("/api/settings/services/tmdb/key", json={"key": NEW_KEY})
    assert replaced.status_code == 200 and NEW_KEY not in replaced.get_data(as_text=True)
    assert (replaced.json["set"], replaced.json["origin"]) == (True, "app")
    assert lib_runtime.services.clients.tmdb.api_key == NEW_KEY
    refused = admin_client.post("/api/settings/services/tmdb/test").json
    assert refused["ok"] is False and "401" in refused["message"]

    fake_tmdb.api_key = NEW_KEY  # the account's key was rotated: the new one now works
    works = admin_client.post("/api/settings/services/tmdb/test").json
    assert works["ok"] is True and "first Fight Club (1999)" in works["message"]
    assert NEW_KEY in lib_runtime.redactor.secrets

    cleared = admin_client.delete("/api/settings/services/tmdb/key").json
    assert cleared["origin"] == "config" and lib_runtime.services.clients.tmdb.api_key != NEW_KEY
    logged = admin_client.get("/api/activity?event=settings_changed").get_data(as_text=True)
    assert "tmdb.api_key" in logged and NEW_KEY not in logged


def test_a_key_set_in_the_app_is_kept_over_a_restart(admin_client, lib_settings):
    admin_client.put("/api/settings/services/acoustid/key", json={"key": "kept-acoustid-key"})
    again = build_runtime(lib_settings)
    try:
        assert again.services.clients.acoustid.api_key == "kept-acoustid-key"
    finally:
        again.stop()


def test_acoustid_test_calls_the_service(admin_client):
    ok = admin_client.post("/api/settings/services/acoustid/test").json
    assert ok == {"service": "acoustid", "ok": True, "message": ok["message"]} and "accepted the key" in ok["message"]
    admin_client.put("/api/settings/services/acoustid/key", json={"key": "wrong-key"})
    refused = admin_client.post("/api/settings/services/acoustid/test").json
    assert refused["ok"] is False and "acoustid.api_key" in refused["message"]


@pytest.mark.parametrize("body", [{"key": ""}, {"key": "two words"}, {"key": 5}, {"other": "x"}])
def test_bad_keys_are_refused(admin_client, body):
    answer = admin_client.put("/api/settings/services/tmdb/key", json=body)
    assert answer.status_code == 400 and answer.json["message"]


def test_unknown_service_and_non_admins(app, admin_client):
    assert admin_client.put("/api/settings/services/netflix/key", json={"key": "abc"}).status_code == 404
    created = admin_client.post("/api/users", json={"username": "mona", "password": "tulip-meadow-91", "role": "manager"})
    assert created.status_code == 201, created.json
    manager = app.test_client()
    assert login(manager, "mona", "tulip-meadow-91").status_code == 200
    assert manager.get("/api/settings/services").status_code == 403
    assert manager.put("/api/settings/services/tmdb/key", json={"key": "abc"}).status_code == 403
