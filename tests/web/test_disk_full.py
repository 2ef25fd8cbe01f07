"""A full data disk, for real: the data folder on a small tmpfs that the test fills to the last byte.

Upload, job enqueue, login and collection creation answer 507 with a message a person can act on
(the JSON error shape), health reports the space (low, then none), and everything works again
once space is freed.
"""

from __future__ import annotations

import io

import pytest

from tests.conftest import SMALL_DISK_MB as DISK_MB
from tests.conftest import fill, make_settings
from tests.web.conftest import ADMIN, login


@pytest.fixture
def settings(tmp_path, small_disk):
    return make_settings(tmp_path, **{"paths.data_dir": str(small_disk / "data"), "paths.low_space_mb": 2 * DISK_MB})


def assert_insufficient_storage(response) -> None:
    assert response.status_code == 507, (response.status_code, response.get_data(as_text=True))
    body = response.json
    assert body["error"] == "InsufficientStorage" and body["status"] == 507
    assert "disk is full" in body["message"] and "free some space" in body["message"]
    assert "/" not in body["message"]  # no server path


def test_a_full_disk_answers_507_and_health_says_so(app, admin_client, small_disk):
    assert admin_client.get("/api/health").json["disk"]["state"] == "low"  # less free than paths.low_space_mb
    filler = fill(small_disk)
    health = admin_client.get("/api/health").json
    assert health["status"] == "degraded" and health["disk"]["state"] == "full"
    assert health["disk"]["free_bytes"] < 1024 * 1024

    assert_insufficient_storage(login(app.test_client(), ADMIN["username"], ADMIN["password"]))
    assert_insufficient_storage(admin_client.post("/api/jobs", json={"kind": "system.check", "payload": {}}))
    assert_insufficient_storage(admin_client.post("/api/collections", json={"name": "Favourites"}))
    upload = {"file": (io.BytesIO(b"\0" * 256 * 1024), "Heat (1995).mkv")}
    assert_insufficient_storage(admin_client.post("/api/upload", data=upload, content_type="multipart/form-data"))

    filler.unlink()
    assert admin_client.get("/api/health").json["disk"]["state"] in ("ok", "low")
    assert login(app.test_client(), ADMIN["username"], ADMIN["password"]).status_code == 200
    assert admin_client.post("/api/collections", json={"name": "Favourites"}).status_code == 201
