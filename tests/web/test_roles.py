"""Roles: a viewer plays and keeps their own state, a manager changes the library, an admin runs
the server. Every route of the OpenAPI document is walked with each role; server paths reach
admins only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from media_library import events
from media_library.db import migrate
from media_library.db.engine import Database, DatabaseOptions
from media_library.db.schema import users
from media_library.web.paths import ServerPaths
from tests.web.conftest import login, session_cookie

# The only routes that change something a viewer may call: their own session, password, tokens,
# playback state, stream links and the collections they made (checked per collection).
VIEWER_MAY_CHANGE = {
    ("POST", "/api/auth/logout"), ("POST", "/api/auth/password"), ("POST", "/api/tokens"),
    ("DELETE", "/api/tokens/{token_id}"), ("PUT", "/api/media/{media_id}/playback"),
    ("POST", "/api/media/{media_id}/watched"), ("POST", "/api/media/{media_id}/stream-link"),
    ("POST", "/api/collections"), ("DELETE", "/api/collections/{collection_id}"),
    ("POST", "/api/collections/{collection_id}/items"), ("DELETE", "/api/collections/{collection_id}/items/{media_id}"),
    ("PUT", "/api/collections/{collection_id}/order"), ("PUT", "/api/podcasts/episodes/{episode_id}/position"),
    ("PUT", "/api/articles/{article_id}/reading"), ("PUT", "/api/books/{media_id}/reading"),
    ("POST", "/api/media/{media_id}/play"), ("DELETE", "/api/transcode/{session_id}"),
    ("DELETE", "/api/devices/sessions/{session_id}"), ("DELETE", "/api/devices/tokens/{token_id}"),
    ("POST", "/api/articles/highlights"), ("PATCH", "/api/articles/highlights/{highlight_id}"),
    ("DELETE", "/api/articles/highlights/{highlight_id}"),
    ("PUT", "/api/iptv/accounts/{account_id}/catalog/{section}/{stream_id}/favorite"),
}
# Changes that belong to the library: at least a manager (the rest of the unsafe routes are admin's).
MANAGER_CHANGES = {
    ("POST", "/api/upload"), ("POST", "/api/media/{media_id}/match"), ("POST", "/api/media/{media_id}/identify"),
    ("PATCH", "/api/media/{media_id}"), ("POST", "/api/library/scan"), ("POST", "/api/library/reidentify"),
    ("POST", "/api/library/organize"), ("POST", "/api/library/organize/undo"),
    ("POST", "/api/jobs/{job_id}/cancel"), ("POST", "/api/jobs/{job_id}/retry"),
}
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
RANK = {"user": 0, "viewer": 0, "manager": 1, "admin": 2}


def operations(client):
    document = client.get("/api/openapi.json").get_json()
    for path, ops in document["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, re.sub(r"\{[^}]+\}", "1", path), op


def make_client(app, admin_client, username, role):
    created = admin_client.post("/api/users", json={"username": username, "password": f"lantern-{len(username)}-harbour", "role": role})
    assert created.status_code == 201, created.json
    client = app.test_client()
    assert login(client, username, f"lantern-{len(username)}-harbour").status_code == 200
    return client


@pytest.fixture
def viewer(app, admin_client):
    return make_client(app, admin_client, "vera", "viewer")


@pytest.fixture
def manager(app, admin_client):
    return make_client(app, admin_client, "max", "manager")


def test_every_change_needs_a_manager_unless_it_is_the_callers_own(admin_client):
    wrong = []
    for method, path, _, op in operations(admin_client):
        if op["x-auth"] == "public" or method not in UNSAFE:
            continue
        if (method, path) in VIEWER_MAY_CHANGE:
            expected_ok = op["x-auth"] == "user"
        else:
            expected_ok = RANK[op["x-auth"]] >= RANK["manager"]
        if (method, path) in MANAGER_CHANGES:
            expected_ok = op["x-auth"] == "manager"
        if not expected_ok:
            wrong.append(f"{method} {path}: {op['x-auth']}")
    assert wrong == []


def _walk(client, levels):
    """Call every documented operation whose ``x-auth`` is in ``levels``; the answers by operation."""
    answers = {}
    for method, path, concrete, op in operations(client):
        if op["x-auth"] in levels and op.get("security") != [{"token": []}]:  # token-only routes refuse any session
            answers[f"{method} {path}"] = client.open(concrete, method=method, **({"json": {}} if method in UNSAFE else {}))
    return answers


def test_a_viewer_is_refused_every_manager_and_admin_route(viewer):
    answers = _walk(viewer, ("manager", "admin"))
    assert len(answers) >= 20
    wrong = {op: r.status_code for op, r in answers.items() if r.status_code != 403}
    assert wrong == {}
    assert "library manager" in answers["POST /api/upload"].json["message"]
    assert "admin" in answers["GET /api/users"].json["message"]


def test_a_manager_passes_the_manager_routes_and_is_refused_the_admin_ones(manager):
    refused = {op for op, r in _walk(manager, ("manager",)).items() if r.status_code == 403}
    assert refused == set()
    admin_only = _walk(manager, ("admin",))
    assert {op: r.status_code for op, r in admin_only.items() if r.status_code != 403} == {}
    assert "POST /api/strm/run" in admin_only and "PATCH /api/users/{user_id}" in admin_only


def test_a_viewer_cannot_upload_match_or_edit(viewer, state):
    item = state.add_media("movie", "Heat", year=1995)
    assert viewer.patch(f"/api/media/{item.id}", json={"title": "Cold"}).status_code == 403
    assert viewer.post(f"/api/media/{item.id}/match", json={"tmdb_id": 949}).status_code == 403
    assert viewer.post(f"/api/media/{item.id}/identify").status_code == 403
    assert viewer.post("/api/upload", data={"file": (b"x", "a.mkv")}, content_type="multipart/form-data").status_code == 403
    assert state.get_media(item.id).title == "Heat"


def test_a_viewer_keeps_their_own_state(viewer, state):
    item = state.add_media("movie", "Heat", year=1995)
    assert viewer.put(f"/api/media/{item.id}/playback", json={"position_s": 60, "duration_s": 6000}).status_code == 200
    assert viewer.post(f"/api/media/{item.id}/watched", json={"watched": True}).json["watched"] is True
    assert viewer.post("/api/tokens", json={"name": "tv", "scope": "stream"}).status_code == 201


def test_collections_are_shared_and_only_their_maker_or_a_manager_changes_them(app, admin_client, viewer, manager, state):
    item = state.add_media("movie", "Heat", year=1995)
    mine = viewer.post("/api/collections", json={"name": "Vera's"}).json["id"]
    assert viewer.post(f"/api/collections/{mine}/items", json={"media_id": item.id}).status_code == 204
    other = make_client(app, admin_client, "otto", "viewer")
    assert [c["name"] for c in other.get("/api/collections").json["items"]] == ["Vera's"]  # shared
    assert other.get(f"/api/collections/{mine}").json["can_edit"] is False
    assert viewer.get(f"/api/collections/{mine}").json["can_edit"] is True
    assert manager.get(f"/api/collections/{mine}").json["can_edit"] is True
    refused = other.delete(f"/api/collections/{mine}")
    assert refused.status_code == 403 and "made this collection" in refused.json["message"]
    assert other.delete(f"/api/collections/{mine}/items/{item.id}").status_code == 403
    assert manager.delete(f"/api/collections/{mine}/items/{item.id}").status_code == 204
    assert viewer.delete(f"/api/collections/{mine}").status_code == 204


def test_new_users_are_viewers_and_roles_can_be_changed(admin_client):
    created = admin_client.post("/api/users", json={"username": "bob", "password": "copper-kettle-37"}).json
    assert created["role"] == "viewer"
    assert admin_client.patch(f"/api/users/{created['id']}", json={"role": "manager"}).json["role"] == "manager"
    refused = admin_client.patch(f"/api/users/{created['id']}", json={"role": "user"})
    assert refused.status_code == 400 and "viewer" in refused.json["message"]


def test_a_promoted_viewer_may_change_the_library_at_once(viewer, admin_client, state):
    item = state.add_media("movie", "Heat", year=1995)
    vera = next(u for u in state.list_users() if u.username == "vera")
    assert viewer.patch(f"/api/media/{item.id}", json={"title": "Heat!"}).status_code == 403
    admin_client.patch(f"/api/users/{vera.id}", json={"role": "manager"})
    assert viewer.patch(f"/api/media/{item.id}", json={"title": "Heat!"}).status_code == 200


# --- server paths ------------------------------------------------------------------------------
def _item_with_file(state, settings):
    folder = settings.media_dir / "Movies" / "Heat (1995)"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Heat (1995).mkv"
    path.write_bytes(b"x" * 100)
    item = state.add_media("movie", "Heat", year=1995)
    state.upsert_media_file(str(path), media_id=item.id, size=100, mtime=0.0)
    return item, path


def test_non_admins_never_see_server_paths(admin_client, viewer, manager, state, settings):
    item, path = _item_with_file(state, settings)
    assert admin_client.get(f"/api/media/{item.id}").json["files"][0]["path"] == str(path)
    for client in (viewer, manager):
        answer = client.get(f"/api/media/{item.id}")
        assert answer.json["files"][0]["path"] == "Movies/Heat (1995)/Heat (1995).mkv"
        assert str(settings.media_dir) not in answer.get_data(as_text=True)
        assert str(settings.data_dir) not in answer.get_data(as_text=True)


def test_job_errors_hide_paths_from_non_admins(admin_client, manager, state, settings):
    from media_library.db.schema import jobs

    upload = settings.uploads_dir / "ab12.mkv"
    job_id = admin_client.post("/api/library/scan").json["id"]
    with state.db.write() as conn:
        conn.execute(jobs.update().where(jobs.c.id == job_id).values(error=f"could not read {upload}: gone"))
    seen = manager.get(f"/api/jobs/{job_id}").json
    assert seen["error"] == f"could not read {settings.data_dir.name}/uploads/ab12.mkv: gone"
    assert admin_client.get(f"/api/jobs/{job_id}").json["error"] == f"could not read {upload}: gone"


def test_server_paths_match_whole_folder_names_only(tmp_path):
    media, data = tmp_path / "media", tmp_path / "data"
    paths = ServerPaths([str(data), str(media), "/srv/watch"], str(media))
    assert paths.hide(f"{media}/Movies/A.mkv") == "Movies/A.mkv"
    assert paths.hide(f"{media}2/A.mkv") == f"{media}2/A.mkv"  # another folder that starts alike
    assert paths.hide({"error": f"no space under {data}/work (job 3)", "n": 1}) == {"error": "no space under data/work (job 3)", "n": 1}
    assert paths.hide([f"{media}", "/srv/watch/disc.iso", "/api/media/1/stream"]) == ["media", "watch/disc.iso", "/api/media/1/stream"]


def test_socket_events_hide_paths_from_non_admins(app, admin_client, viewer, served, socket_client, settings):
    admin_socket = socket_client().connect(served.url, cookie=session_cookie(admin_client))
    viewer_socket = socket_client().connect(served.url, cookie=session_cookie(viewer))
    path = settings.media_dir / "Movies" / "A.mkv"
    bus = app.extensions["media_library"].services.bus
    bus.publish(events.LibraryUpdated(media_ids=["m1"], reason=f"moved from {path}"))
    admin_socket.wait_for(lambda: admin_socket.named("library_updated"))
    viewer_socket.wait_for(lambda: viewer_socket.named("library_updated"))
    assert admin_socket.named("library_updated") == [{"media_ids": ["m1"], "reason": f"moved from {path}"}]
    assert viewer_socket.named("library_updated") == [{"media_ids": ["m1"], "reason": "moved from Movies/A.mkv"}]
    vera = next(u for u in app.extensions["media_library"].services.state.list_users() if u.username == "vera")
    assert admin_client.patch(f"/api/users/{vera.id}", json={"role": "admin"}).status_code == 200
    bus.publish(events.LibraryUpdated(media_ids=["m2"], reason=f"moved from {path}"))
    viewer_socket.wait_for(lambda: len(viewer_socket.named("library_updated")) == 2)
    assert viewer_socket.named("library_updated")[1]["reason"] == f"moved from {path}"  # promoted: the room changed


# --- migration ---------------------------------------------------------------------------------
def test_existing_plain_users_become_managers(tmp_path):
    db = Database(DatabaseOptions(path=tmp_path / "old.db"))
    migrate.upgrade(db, target="0004")
    with db.write() as conn:
        for name, role in (("root", "admin"), ("kid", "user")):
            conn.execute(users.insert().values(username=name, password_hash="x", role=role, created_at=0.0,
                                               password_changed_at=0.0))
    migrate.upgrade(db)
    with db.read() as conn:
        roles = dict(conn.execute(select(users.c.username, users.c.role)).all())
    assert roles == {"root": "admin", "kid": "manager"}
    db.close()
