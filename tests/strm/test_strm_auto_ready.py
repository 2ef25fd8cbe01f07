"""A fresh install queues no automatic STRM export: auto-export waits until an
output folder and a base URL a media server can reach are set, and says why on the settings API."""

from __future__ import annotations

import pytest

from media_library.services.strm.service import update_settings
from tests.conftest import build_runtime, make_settings
from tests.media import make_video
from tests.web.conftest import do_setup, login


def fresh_settings(tmp_path, fake_tmdb, **overrides):
    """A fresh install's settings (no strm.* nor server.public_base_url), with TMDb to identify against."""
    return make_settings(tmp_path, **{"tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key, **overrides})


@pytest.fixture
def fresh(tmp_path, fake_tmdb):
    runtime = build_runtime(fresh_settings(tmp_path, fake_tmdb), "worker")
    yield runtime
    runtime.stop()


@pytest.fixture
def library_changes(tmp_path_factory):
    """Real library changes: a film file lands in the media folder and is identified (which publishes
    the change); returns the STRM export jobs queued afterwards."""

    def change(runtime) -> list:
        video = make_video(runtime.settings.media_dir / "The.Matrix.1999.mkv", 1.0, size="160x120", fps=2,
                           cache=tmp_path_factory)
        file = runtime.state.upsert_media_file(str(video), size=video.stat().st_size)
        assert runtime.services.library.identification.identify_file(file.id)["media_id"]
        assert runtime.bus.wait_idle(10)  # the export is queued by a background subscriber
        return runtime.state.list_jobs(kind="strm.export")

    return change


def test_a_fresh_install_queues_no_strm_export(fresh, library_changes):
    assert library_changes(fresh) == []


@pytest.mark.parametrize("changes", [
    {"output_dir": "EXPORT"},                                          # no base URL
    {"public_base_url": "https://media.example.test"},                 # no output folder
    {"output_dir": "EXPORT", "public_base_url": "http://0.0.0.0:8080"},  # a bind address, not one to connect to
    {"output_dir": "EXPORT", "public_base_url": "http://[::]:8080"},
])
def test_half_a_setup_queues_no_strm_export(fresh, library_changes, tmp_path, changes):
    changes = {k: v.replace("EXPORT", str(tmp_path / "export")) for k, v in changes.items()}
    update_settings(fresh.settings, fresh.state, changes)
    assert library_changes(fresh) == []


@pytest.mark.parametrize("base_url", ["https://media.example.test", "http://nas.home.arpa:8080", "http://127.0.0.1:8080"])
def test_with_an_output_folder_and_a_base_url_changes_queue_one_export(fresh, library_changes, tmp_path, base_url):
    update_settings(fresh.settings, fresh.state, {"output_dir": str(tmp_path / "export"), "public_base_url": base_url})
    queued = library_changes(fresh)
    assert len(queued) == 1 and queued[0].payload["auto"] is True


def test_the_server_base_url_counts_too(tmp_path, fake_tmdb, library_changes):
    runtime = build_runtime(fresh_settings(tmp_path, fake_tmdb, **{"server.public_base_url": "https://media.example.test",
                                                                   "strm.output_dir": str(tmp_path / "export")}), "worker")
    try:
        assert len(library_changes(runtime)) == 1
    finally:
        runtime.stop()


def test_the_settings_api_says_why_auto_export_is_off(fresh, tmp_path):
    from media_library.web.app import create_app

    app = create_app(fresh)
    app.config["TESTING"] = True
    try:
        admin = app.test_client()
        assert do_setup(admin).status_code == 201 and login(admin).status_code == 200
        status = admin.get("/api/strm/settings").json["auto_export"]
        assert status["active"] is False
        assert any("output folder" in r for r in status["reasons"]) and any("base URL" in r for r in status["reasons"])
        saved = admin.put("/api/strm/settings", json={"output_dir": str(tmp_path / "export"),
                                                      "public_base_url": "http://0.0.0.0:8080"})
        assert saved.status_code == 200
        assert saved.json["auto_export"]["active"] is False and "0.0.0.0" in saved.json["auto_export"]["reasons"][0]
        saved = admin.put("/api/strm/settings", json={"public_base_url": "https://media.example.test"})
        assert saved.json["auto_export"] == {"active": True, "reasons": []}
        off = admin.put("/api/strm/settings", json={"auto_run": False}).json["auto_export"]
        assert off["active"] is False and "strm.auto_run" in off["reasons"][0]
        assert admin.put("/api/strm/settings", json={"auto_export": {"active": True}}).status_code == 400  # read-only
    finally:
        app.extensions["media_library_unsubscribe"]()
