"""The monitor side door (``/api/monitor``): only a token of scope ``monitor`` may use it, and a
result naming a staged file that is not there is the monitor's mistake (4xx), told without paths."""

from __future__ import annotations

import pytest

from tests.web.conftest import bearer

DISC = {"key": "mac-mini-1", "fingerprint": "f" * 16, "label": "THE_MATRIX", "kind": "dvd"}


def test_a_monitor_token_announces_and_reads_a_disc(monitor):
    assert monitor.post("/api/monitor/discs", json=DISC).status_code == 201
    assert monitor.get(f"/api/monitor/discs/{DISC['key']}").json["label"] == "THE_MATRIX"


@pytest.mark.parametrize("scope", ["all", "read", "jobs", "discs"])
def test_tokens_of_other_scopes_are_refused(app, admin_client, scope):
    headers = bearer(admin_client, scope)
    anonymous = app.test_client()
    for method, path, body in (("POST", "/api/monitor/discs", DISC), ("GET", "/api/monitor/discs/k1", None),
                               ("POST", "/api/monitor/discs/k1/progress", {"percent": 5})):
        response = anonymous.open(path, method=method, json=body, headers=headers)
        assert response.status_code == 403, (scope, method, path, response.json)
        assert "monitor" in response.json["message"]


def test_a_browser_session_is_refused_even_for_an_admin(admin_client, user_client):
    for client in (admin_client, user_client):
        response = client.post("/api/monitor/discs", json=DISC)
        assert response.status_code == 403 and "monitor" in response.json["message"]
        assert client.get("/api/monitor/discs/k1").status_code == 403


def test_a_missing_staged_file_is_a_4xx_without_paths(monitor, settings):
    assert monitor.post("/api/monitor/discs", json=DISC).status_code == 201
    outputs = [{"staged": ".incoming/monitor-1/title-01.mkv", "title_index": 1, "duration_s": 5400.0}]
    response = monitor.post(f"/api/monitor/discs/{DISC['key']}/result", json={"outputs": outputs})
    assert response.status_code == 404, response.json
    body = response.get_data(as_text=True)
    assert ".incoming/monitor-1/title-01.mkv" in response.json["message"]  # what the monitor sent
    assert str(settings.media_dir) not in body and str(settings.data_dir) not in body and "/tmp" not in body


def test_a_staged_file_that_is_not_a_video_is_a_4xx_without_paths(monitor, settings):
    assert monitor.post("/api/monitor/discs", json=DISC).status_code == 201
    staged = settings.media_dir / ".incoming" / "monitor-1" / "title-01.mkv"
    staged.parent.mkdir(parents=True)
    staged.write_bytes(b"not a video at all")
    outputs = [{"staged": ".incoming/monitor-1/title-01.mkv", "title_index": 1, "duration_s": 5400.0}]
    response = monitor.post(f"/api/monitor/discs/{DISC['key']}/result", json={"outputs": outputs})
    assert 400 <= response.status_code < 500, response.json
    assert str(settings.media_dir) not in response.get_data(as_text=True)
    assert staged.exists()  # nothing published, nothing lost


def test_a_truncated_staged_video_is_a_4xx_without_paths(monitor, settings, tmp_path_factory):
    from tests.media import make_video

    assert monitor.post("/api/monitor/discs", json=DISC).status_code == 201
    staged = settings.media_dir / ".incoming" / "monitor-1" / "title-01.mkv"
    staged.parent.mkdir(parents=True)
    make_video(staged, 2.0, size="160x120", fps=2, cache=tmp_path_factory)
    outputs = [{"staged": ".incoming/monitor-1/title-01.mkv", "title_index": 1, "duration_s": 5400.0}]
    response = monitor.post(f"/api/monitor/discs/{DISC['key']}/result", json={"outputs": outputs})
    assert response.status_code == 400 and "truncated" in response.json["message"], response.json
    assert str(settings.media_dir) not in response.get_data(as_text=True)
