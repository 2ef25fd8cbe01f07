"""The app shell: index.html for client routes, hashed assets cached long, a plain page when the
app is not built; never a file outside the build folder."""

from __future__ import annotations

import pytest

from media_library.web.routes import shell


@pytest.fixture
def built(tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="/assets/app-1.js"></script>')
    (tmp_path / "assets" / "app-1.js").write_text("console.log(1)")
    monkeypatch.setattr(shell, "APP_DIR", tmp_path)
    return tmp_path


def test_client_routes_get_index(client, built):
    for path in ("/", "/jobs", "/settings/tokens"):
        response = client.get(path)
        assert response.status_code == 200 and b"<!doctype html>" in response.data
        assert response.headers["Cache-Control"] == "no-cache"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_assets_are_cached_long(client, built):
    response = client.get("/assets/app-1.js")
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
    response.close()
    assert client.get("/assets/missing.js").status_code == 404


def test_not_built_page(client, tmp_path, monkeypatch):
    monkeypatch.setattr(shell, "APP_DIR", tmp_path / "nothing")
    response = client.get("/")
    assert response.status_code == 503 and b"not built" in response.data
    assert response.mimetype == "text/plain"


def test_api_paths_never_fall_back_to_the_shell(admin_client, built):
    response = admin_client.get("/api/nope")
    assert response.status_code == 404 and response.is_json
