"""User administration (no unknown or privileged fields) and API tokens with scopes."""

from __future__ import annotations

import pytest


def test_admin_manages_users(admin_client, app):
    created = admin_client.post("/api/users", json={"username": "bob", "password": "copper-kettle-37", "role": "viewer"})
    assert created.status_code == 201
    bob = created.json
    assert "password" not in str(bob) and "hash" not in str(bob)
    assert [u["username"] for u in admin_client.get("/api/users").json["items"]] == ["admin", "bob"]
    assert admin_client.patch(f"/api/users/{bob['id']}", json={"role": "admin"}).json["role"] == "admin"
    assert admin_client.post("/api/users", json={"username": "bob", "password": "copper-kettle-37"}).status_code == 409
    assert admin_client.delete(f"/api/users/{bob['id']}").status_code == 204
    assert admin_client.delete(f"/api/users/{bob['id']}").status_code == 404


@pytest.mark.parametrize("body", [{"role": "admin", "password_hash": "x"}, {"username": "root"}, {"id": 1},
                                  {"role": "superuser"}, {"disabled": "yes"}])
def test_unknown_or_privileged_fields_are_rejected(admin_client, user_client, state, body):
    alice = next(u for u in state.list_users() if u.username == "alice")
    response = admin_client.patch(f"/api/users/{alice.id}", json=body)
    assert response.status_code == 400
    after = state.get_user(alice.id)
    assert after.role == "viewer" and after.username == "alice" and not after.disabled


def test_the_last_admin_cannot_be_removed(admin_client, state):
    admin = state.list_users()[0]
    assert admin_client.patch(f"/api/users/{admin.id}", json={"role": "manager"}).status_code == 409
    assert admin_client.delete(f"/api/users/{admin.id}").status_code == 409


def test_the_last_admin_cannot_be_disabled(admin_client, state):
    admin = state.list_users()[0]
    refused = admin_client.patch(f"/api/users/{admin.id}", json={"disabled": True})
    assert refused.status_code == 409 and "no active admin" in refused.json["message"]
    assert not state.get_user(admin.id).disabled
    assert admin_client.get("/api/users").status_code == 200  # the session survived


def test_an_admin_can_be_disabled_while_another_stays(admin_client, state):
    bob = admin_client.post("/api/users", json={"username": "bob", "password": "copper-kettle-37", "role": "admin"}).json
    assert admin_client.patch(f"/api/users/{bob['id']}", json={"disabled": True}).json["disabled"] is True
    admin = state.list_users()[0]  # now the only active admin: the same rule as demote and delete
    for change in ({"disabled": True}, {"role": "viewer"}):
        assert admin_client.patch(f"/api/users/{admin.id}", json=change).status_code == 409
    assert admin_client.delete(f"/api/users/{admin.id}").status_code == 409


def test_users_api_is_admin_only(user_client):
    assert user_client.get("/api/users").status_code == 403
    assert user_client.post("/api/users", json={"username": "eve", "password": "maple-lantern-55"}).status_code == 403


def _token(client, scope="all", name="script"):
    response = client.post("/api/tokens", json={"name": name, "scope": scope})
    assert response.status_code == 201, response.json
    return response.json


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_token_is_shown_once_and_stored_hashed(admin_client, state):
    created = _token(admin_client)
    secret = created["secret"]
    assert secret.startswith("mlt_")
    listing = admin_client.get("/api/tokens")
    assert secret not in listing.get_data(as_text=True)
    assert listing.json["items"][0]["name"] == "script"
    assert {"all", "read", "jobs", "stream"} <= set(listing.json["scopes"])
    assert secret not in str(state.list_api_tokens())


def test_bearer_token_works_without_csrf_and_stops_when_revoked(app, admin_client):
    created = _token(admin_client)
    anonymous = app.test_client()
    headers = bearer(created["secret"])
    assert anonymous.get("/api/auth/me", headers=headers).json["auth"] == "token"
    assert anonymous.post("/api/jobs", json={"kind": "system.check"}, headers=headers).status_code == 201
    assert admin_client.delete(f"/api/tokens/{created['token']['id']}").status_code == 204
    assert anonymous.get("/api/jobs", headers=headers).status_code == 401


def test_read_scope_allows_only_reads(app, admin_client):
    headers = bearer(_token(admin_client, "read")["secret"])
    anonymous = app.test_client()
    assert anonymous.get("/api/jobs", headers=headers).status_code == 200
    assert anonymous.post("/api/jobs", json={"kind": "system.check"}, headers=headers).status_code == 403


def test_area_scope_allows_only_its_area(app, admin_client):
    headers = bearer(_token(admin_client, "jobs")["secret"])
    anonymous = app.test_client()
    assert anonymous.post("/api/jobs", json={"kind": "system.check"}, headers=headers).status_code == 201
    assert anonymous.get("/api/media/abc/stream", headers=headers).status_code == 403


def test_tokens_cannot_manage_users_tokens_or_passwords(app, admin_client):
    headers = bearer(_token(admin_client)["secret"])
    anonymous = app.test_client()
    assert anonymous.get("/api/users", headers=headers).status_code == 403
    assert anonymous.post("/api/tokens", json={"name": "more"}, headers=headers).status_code == 403
    assert anonymous.post("/api/auth/password", json={"current_password": "x", "new_password": "y" * 9},
                          headers=headers).status_code == 403


def test_bad_or_unknown_token_is_401(app, admin_client):
    anonymous = app.test_client()
    assert anonymous.get("/api/jobs", headers=bearer("mlt_nope")).status_code == 401
    assert anonymous.get("/api/jobs", headers={"Authorization": "Basic YWRtaW46cGFzcw=="}).status_code == 401


def test_unknown_scope_is_400(admin_client):
    assert admin_client.post("/api/tokens", json={"name": "x", "scope": "root"}).status_code == 400


def test_tokens_are_per_user(admin_client, user_client):
    created = _token(admin_client)
    assert user_client.get("/api/tokens").json["items"] == []
    assert user_client.delete(f"/api/tokens/{created['token']['id']}").status_code == 404


def test_disabled_users_tokens_stop_working(app, admin_client, user_client, state):
    secret = _token(user_client)["secret"]
    alice = next(u for u in state.list_users() if u.username == "alice")
    admin_client.patch(f"/api/users/{alice.id}", json={"disabled": True})
    assert app.test_client().get("/api/jobs", headers=bearer(secret)).status_code == 401
