"""The STRM API: admin only, settings round trip with secrets hidden, run and preview as jobs,
last run and its CSV report."""

from __future__ import annotations

import pytest

from media_library.web.app import create_app
from media_library.web.routes import strm as strm_routes
from tests.openapi_check import check_responses
from tests.web.conftest import do_setup, login


@pytest.fixture
def admin(strm_runtime):
    app = create_app(strm_runtime, extra_blueprints=[strm_routes.bp])
    app.config["TESTING"] = True
    answers = check_responses(app)
    client = app.test_client()
    assert do_setup(client).status_code in (200, 201)
    assert login(client).status_code == 200
    yield client
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


def test_requires_a_login(strm_runtime):
    app = create_app(strm_runtime, extra_blueprints=[strm_routes.bp])
    try:
        assert do_setup(app.test_client()).status_code in (200, 201)
        anonymous = app.test_client()
        assert anonymous.get("/api/strm/settings").status_code == 401
        assert anonymous.post("/api/strm/run", json={}).status_code in (401, 403)
    finally:
        app.extensions["media_library_unsubscribe"]()


def test_settings_round_trip_hides_secrets(admin):
    got = admin.get("/api/strm/settings").json
    assert got["style"] == "jellyfin" and got["refresh_plex_token"] is False
    put = admin.put("/api/strm/settings", json={"style": "plex", "refresh_plex_token": "secret-token", "schedule": "daily 03:30"})
    assert put.status_code == 200 and put.json["style"] == "plex" and put.json["refresh_plex_token"] is True
    assert "secret-token" not in put.get_data(as_text=True)
    assert admin.put("/api/strm/settings", json={"style": "vlc"}).status_code == 400
    assert admin.put("/api/strm/settings", json={"nope": 1}).status_code == 400


def test_run_preview_last_run_and_report(admin, strm_runtime, tmp_path):
    from tests.strm.library import build_library

    build_library(strm_runtime.state)
    admin.put("/api/strm/settings", json={"output_dir": str(tmp_path / "web-export")})
    preview = admin.post("/api/strm/preview", json={})
    assert preview.status_code == 201 and preview.json["payload"]["dry_run"] is True
    assert strm_runtime.pool.run_once()
    run = admin.post("/api/strm/run", json={"cleanup": "preview"})
    assert run.status_code == 201
    assert strm_runtime.pool.run_once()
    last = admin.get("/api/strm/last-run").json
    assert last["counts"]["created"] == 15 and not last["dry_run"]
    csv = admin.get("/api/strm/report.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).startswith("path,action,item,reason\n")
    assert admin.post("/api/strm/token/rotate", json={}).json == {"rotated": True}
