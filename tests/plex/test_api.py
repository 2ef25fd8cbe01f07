"""The /api/plex routes: admins only, the token never returned, mappings with their check, a
sync job run by the worker with its progress events, discovery and the unmapped list; files at
mapped paths streamed, relinked when a mapping or the disk changes."""

from __future__ import annotations

import time

import pytest

from media_library.errors import InvalidInput
from media_library.events import JobUpdated
from media_library.models.plex import PlexSyncPayload
from media_library.services.plex.events import PlexSyncProgress
from tests.conftest import media_by_external_id
from tests.plex.conftest import RecordingControl, touch

TERMINAL = ("done", "failed", "cancelled", "interrupted")


def _wait_job(runtime, job_id: int, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = runtime.state.get_job(job_id)
        if job.status in TERMINAL:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end")


def test_server_mapping_sync_and_discovery_through_the_api(runtime, plex, admin_client, tmp_path):
    runtime.start()
    events = []
    runtime.bus.subscribe(lambda e: events.append(e) if isinstance(e, PlexSyncProgress | JobUpdated) else None)
    added = admin_client.post("/api/plex/servers", json={"name": "Den", "url": plex.url, "token": plex.token})
    assert added.status_code == 201 and added.json["token_set"] is True and "token" not in added.json
    server_id = added.json["id"]
    assert plex.token not in admin_client.get("/api/plex/servers").get_data(as_text=True)
    libraries = admin_client.get(f"/api/plex/servers/{server_id}/libraries").json["items"]
    assert {lib["title"] for lib in libraries} == {"Movies", "TV Series", "Anime"}

    (tmp_path / "movies").mkdir()
    mapping = admin_client.post(f"/api/plex/servers/{server_id}/mappings",
                                json={"plex_prefix": "/Movies", "local_prefix": str(tmp_path / "movies")})
    assert mapping.status_code == 201
    checked = admin_client.get(f"/api/plex/servers/{server_id}/mappings/check").json
    assert checked["mappings"][0]["exists"] is True
    assert admin_client.post(f"/api/plex/servers/{server_id}/mappings",
                             json={"plex_prefix": "/Movies", "local_prefix": "relative"}).status_code == 400

    anime = next(lib for lib in libraries if lib["title"] == "Anime")
    assert admin_client.patch(f"/api/plex/libraries/{anime['id']}", json={"enabled": False}).json["enabled"] is False
    queued = admin_client.post(f"/api/plex/servers/{server_id}/sync", json={})
    assert queued.status_code == 201 and queued.json["kind"] == "plex.sync"
    job = _wait_job(runtime, queued.json["id"])
    assert job.status == "done", job.error
    assert [lib["title"] for lib in job.result["libraries"]] == ["Movies", "TV Series"]
    progress = [e for e in events if isinstance(e, PlexSyncProgress)]
    assert progress and progress[-1].done and progress[-1].job_id == job.id and progress[-1].libraries_total == 2

    counts = {lib["title"]: lib["items"] for lib in admin_client.get(f"/api/plex/servers/{server_id}/libraries").json["items"]}
    assert counts["Movies"] == len(plex.items("1")) and counts["Anime"] == 0
    unmapped = admin_client.get(f"/api/plex/servers/{server_id}/unmapped").json["items"]
    assert any(u["plex_path"].startswith("/TV Shows/") for u in unmapped)
    found = admin_client.get(f"/api/plex/servers/{server_id}/discover?title=borderland").json["items"]
    assert found[0]["title"] == "Alice in Borderland" and found[0]["media_id"]
    assert admin_client.post(f"/api/plex/servers/{server_id}/test").json["machine_id"] == "fake-machine"
    assert admin_client.delete(f"/api/plex/servers/{server_id}").status_code == 204


def test_plex_routes_are_for_admins(runtime, app, admin_client):
    admin_client.post("/api/users", json={"username": "mia", "password": "correct horse battery", "role": "manager"})
    manager = app.test_client()
    login = manager.post("/api/auth/login", json={"username": "mia", "password": "correct horse battery"})
    assert login.status_code == 200
    answer = manager.get("/api/plex/servers")
    assert answer.status_code == 403 and answer.json["status"] == 403


def test_posters_come_from_plex_and_are_served_from_our_origin(runtime, plex, admin_client, tmp_path):
    from media_library.models.plex import PlexSyncPayload
    from tests.plex.conftest import RecordingControl

    server = runtime.services.plex.add_server("Den", plex.url, plex.token)
    runtime.services.plex_sync.run(PlexSyncPayload(server_id=server.id), RecordingControl(tmp_path))
    wicked = next(m for m in runtime.state.list_media(kind="movie", limit=1000) if m.title == "Wicked")
    answer = admin_client.get(f"/api/media/{wicked.id}/artwork/poster")
    body = answer.get_data()
    answer.close()
    assert answer.status_code == 200 and answer.mimetype == "image/jpeg" and body[:2] == b"\xff\xd8"
    thumbs = plex.requests_to("/library/metadata/134703/thumb/")
    assert thumbs and thumbs[0].headers["X-Plex-Token"] == plex.token and plex.token not in thumbs[0].query_string


def test_a_file_at_a_mapped_path_streams_once_it_is_there_and_a_mapping_added_later_relinks(runtime, plex, admin_client, tmp_path):
    server = runtime.services.plex.add_server("Den", plex.url, plex.token)
    runtime.services.plex.add_mapping(server.id, "/mnt/Movies_1", str(tmp_path / "nas" / "m1"))
    sync = runtime.services.plex_sync
    first = sync.run(PlexSyncPayload(server_id=server.id), RecordingControl(tmp_path))
    wicked = media_by_external_id(runtime.state, "imdb", "tt1262426", "movie")
    assert admin_client.get(f"/api/media/{wicked.id}/stream").status_code == 404  # the NAS is not mounted yet

    touch(tmp_path / "nas" / "m1" / "W" / "Wicked (2024).mkv", size=64)  # now it is
    runtime.services.plex.add_mapping(server.id, "/TV Shows", str(tmp_path / "nas" / "tv"))
    again = sync.run(PlexSyncPayload(server_id=server.id), RecordingControl(tmp_path))
    played = admin_client.get(f"/api/media/{wicked.id}/stream", headers={"Range": "bytes=0-9"})
    assert played.status_code == 206 and played.data == b"\0" * 10  # outside the media folder, inside a mapping
    relinked = {lib["title"]: lib["relinked"] for lib in again["libraries"]}
    assert relinked["Movies"] == 1 and relinked["TV Series"] > 0 and relinked["Anime"] == 0
    assert not any(p["plex_path"].startswith("/TV Shows/") for p in runtime.state.list_unmapped_plex_parts(server.id))
    assert all(lib["relinked"] == 0 for lib in first["libraries"])

    with pytest.raises(InvalidInput):
        runtime.services.plex.add_mapping(server.id, "/", "/")
    outside = runtime.state.add_media("movie", "Elsewhere", year=2001)
    runtime.state.upsert_media_file(str(touch(tmp_path / "elsewhere" / "x.mkv")), media_id=outside.id, size=10)
    assert admin_client.get(f"/api/media/{outside.id}/stream").status_code == 403  # no mapping covers it
