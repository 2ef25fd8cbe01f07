"""``/api/downloads``: option-like and non-http "URLs" never reach yt-dlp; a URL is queued, runs
and shows its entries; cancel; the engine's version; cookies kept owner-only. Every answer is
checked against its OpenAPI schema (``tests/openapi_check.py``)."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from media_library.tools import ytdlp
from media_library.web.app import create_app
from tests.downloads.conftest import finished
from tests.openapi_check import check_responses
from tests.web.conftest import do_setup

HOSTILE = ["--exec rm -rf /", "-o /etc/x", "--exec=touch /tmp/x", "file:///etc/passwd", "ftp://example.com/v.mp4",
           "javascript:alert(1)", "http://user:pw@example.com/v", "http:///nohost", " -f best http://x.test/ ",
           "http://x.test/a b", "", 42]


@pytest.fixture
def admin(rig):
    runtime = rig()
    app = create_app(runtime)
    app.config["TESTING"] = True
    answers = check_responses(app)
    client = app.test_client()
    response = do_setup(client)
    assert response.status_code == 201, response.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    client.runtime = runtime
    yield client
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


@pytest.mark.parametrize("url", HOSTILE)
def test_option_like_or_non_http_urls_are_refused_before_anything_runs(admin, url):
    response = admin.post("/api/downloads", json={"url": url})
    assert response.status_code == 400, response.json
    assert response.json["error"] and response.json["message"]
    assert admin.runtime.state.list_downloads() == []
    assert admin.runtime.state.list_jobs(limit=10) == []


def test_argv_puts_the_url_after_a_double_dash_and_never_unsafe_options():
    for argv in (ytdlp.download_argv("http://x.test/--exec", Path("/w"), proxy="http://p",
                                     preset="best_mp4", options=ytdlp.Options()),
                 ytdlp.probe_argv("http://x.test/--exec", proxy="http://p")):
        assert argv[-2:] == ["--", "http://x.test/--exec"]
        assert argv[:3] == [sys.executable, "-m", "yt_dlp"]
        assert "--ignore-config" in argv and "--proxy" in argv
        assert not {"--allow-unsafe-ext", "--enable-file-urls", "--exec", "--compat-options"} & set(argv)


def test_unknown_preset_is_refused(admin, site):
    response = admin.post("/api/downloads", json={"url": f"{site.url}/clip.mp4", "preset": "8k"})
    assert response.status_code == 400
    assert "best_mp4" in response.json["message"]


def test_a_url_is_queued_runs_and_is_listed(admin, site):
    response = admin.post("/api/downloads", json={"url": f"{site.url}/clip.mp4", "preset": "mp4_720"})
    assert response.status_code == 202, response.json
    download_id = response.json["id"]
    assert response.json["job_id"]
    assert finished(admin.runtime, download_id).status == "done"
    detail = admin.get(f"/api/downloads/{download_id}")
    assert detail.json["status"] == "done" and detail.json["media_id"] and detail.json["entries"] == []
    assert [d["id"] for d in admin.get("/api/downloads").json["items"]] == [download_id]


def test_audio_preset_keeps_only_the_sound(admin, site):
    response = admin.post("/api/downloads", json={"url": f"{site.url}/clip.mp4", "preset": "audio_m4a"})
    download = finished(admin.runtime, response.json["id"])
    assert download.status == "done", download.error
    path = admin.runtime.state.get_archived(download.archive_key).path
    assert path.endswith(".m4a")


def test_engine_shows_the_ytdlp_version(admin):
    response = admin.get("/api/downloads/engine")
    assert response.status_code == 200
    assert response.json["name"] == "yt-dlp"
    assert response.json["version"][:4].isdigit()
    assert "audio_mp3" in response.json["presets"] and response.json["cookies"] is False


def test_cookies_are_stored_owner_only_and_never_shown(admin):
    text = "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t0\tSID\tsecret-value\n"
    assert admin.put("/api/downloads/cookies", json={"cookies": text}).status_code == 204
    path = admin.runtime.services.downloads.cookies_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    engine = admin.get("/api/downloads/engine").json
    assert engine["cookies"] is True and "secret-value" not in str(engine)
    assert admin.put("/api/downloads/cookies", json={"cookies": "not cookies"}).status_code == 400
    assert admin.delete("/api/downloads/cookies").status_code == 204
    assert not path.exists()
