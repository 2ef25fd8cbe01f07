"""Secrets never leave: canary values planted in every secret setting are looked for in every log
file, every API response body, every event a Socket.IO client would receive and every exported
file, after a run of real flows (setup, a failing TMDb identification, a STRM export, errors).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from media_library.config import iter_settings
from media_library.logs import setup_logging
from media_library.web.app import create_app
from tests.conftest import build_runtime, make_settings
from tests.fakes.tmdb import FakeTmdb
from tests.media import make_video

from .conftest import ADMIN

CANARY_PREFIX = "canary-"


def canary_overrides(tmp_path: Path, fake_url: str) -> dict:
    overrides = {
        "tmdb.base_url": fake_url,
        "strm.output_dir": str(tmp_path / "strm"),
        "strm.public_base_url": "https://media.example.test",
        "jobs.workers": 2,
    }
    for key, _, meta in iter_settings(make_settings(tmp_path)):
        if meta.get("secret"):
            overrides[key] = f"{CANARY_PREFIX}{key.replace('.', '-')}-7f3a9c"
    return overrides


@pytest.fixture
def planted(tmp_path, isolated_logging):
    with FakeTmdb() as fake:  # expects its own key: ours (a canary) is refused with 401
        settings = make_settings(tmp_path, **canary_overrides(tmp_path, fake.url))
        setup_logging(settings.logs_dir, secrets=settings.secret_values(), console=False)
        runtime = build_runtime(settings)
        events_seen: list = []
        runtime.bus.subscribe(lambda event: events_seen.append((event.name, event.payload())))
        app = create_app(runtime)
        runtime.start()
        try:
            yield settings, runtime, app, events_seen
        finally:
            runtime.stop()
            app.extensions["media_library_unsubscribe"]()
            for handler in logging.getLogger().handlers:
                handler.flush()


def _wait_for_jobs(runtime, timeout=60) -> None:
    done = threading.Event()

    def check(*_):
        if not runtime.state.list_jobs(status="queued", limit=1) and not runtime.state.list_jobs(status="running", limit=1):
            done.set()

    unsubscribe = runtime.bus.subscribe(check)
    check()
    assert done.wait(timeout), [(j.id, j.kind, j.status) for j in runtime.state.list_jobs()]
    unsubscribe()


@pytest.mark.slow
def test_no_secret_reaches_a_log_a_response_an_event_or_an_export(planted, tmp_path):
    settings, runtime, app, events_seen = planted
    secrets = settings.secret_values()
    assert len(secrets) >= 5
    bodies: list[bytes] = []
    client = app.test_client()

    def call(method, url, **kwargs):
        response = client.open(url, method=method, **kwargs)
        bodies.append(response.get_data())
        bodies.append(str(dict(response.headers)).encode())
        return response

    setup = call("POST", "/api/setup", json={**ADMIN, "setup_code": settings.auth.setup_code})
    assert setup.status_code == 201
    client.environ_base["HTTP_X_CSRF_TOKEN"] = setup.json["csrf_token"]
    make_video(settings.media_dir / "Movies" / "Heat (1995).mkv", 2.0)
    assert call("POST", "/api/jobs", json={"kind": "library.scan", "payload": {}}).status_code == 201
    _wait_for_jobs(runtime)
    failed = [j for j in runtime.state.list_jobs() if j.status == "failed"]
    assert failed or runtime.state.list_media(), "the identification never reached TMDb"
    assert call("POST", "/api/strm/run", json={}).status_code in (201, 202)
    _wait_for_jobs(runtime)
    for method, url in [("GET", "/api/health"), ("GET", "/api/strm/settings"), ("GET", "/api/jobs"),
                        ("GET", "/api/strm/last-run"), ("GET", "/api/no/such/route"), ("GET", "/api/auth/me"),
                        ("GET", "/api/openapi.json"), ("POST", "/api/auth/login")]:
        call(method, url, json={} if method == "POST" else None)
    for handler in logging.getLogger().handlers:
        handler.flush()

    places = {
        "logs": b"".join(p.read_bytes() for p in settings.logs_dir.rglob("*") if p.is_file()),
        "responses": b"\n".join(bodies),
        "events": repr(events_seen).encode(),
        "exports": b"".join(p.read_bytes() for p in (tmp_path / "strm").rglob("*") if p.is_file()),
        "jobs": repr([j.to_public() for j in runtime.state.list_jobs(limit=500)]).encode(),
    }
    assert places["logs"] and places["responses"] and places["events"]
    for place, blob in places.items():
        leaked = [s for s in secrets if s.encode() in blob]
        assert not leaked, f"{place} contains {leaked}"
