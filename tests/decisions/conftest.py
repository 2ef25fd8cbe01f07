"""Fixtures of the decisions tests: the fake Radarr (from its openapi.json), settings pointing at
it, webhook deliveries in both of the plugin's modes, and helpers to post them and wait for the
decision job."""

from __future__ import annotations

import copy
import json
import time

import pytest

from tests.conftest import make_settings
from tests.fakes.radarr import FakeRadarr
from tests.fakes.server import load_fixture
from tests.podcasts.conftest import wait_for
from tests.web.conftest import admin_client, app, client  # noqa: F401 - the web fixtures

SECRET = "webhook-test-secret"
MATRIX_ITEM = "f27caa37e5142225cceded48f6553502"
ADMIN_USER = "4e2d1a0b9c8f4e7d8a6b5c4d3e2f1a0b"
GUEST_USER = "9a9a9a9a9a9a4a9a9a9a9a9a9a9a9a9a"
TERMINAL = ("done", "failed", "cancelled", "interrupted")


@pytest.fixture
def radarr():
    with FakeRadarr() as fake:
        fake.film(603, "The Matrix", 1999, imdb=8.7, votes=2_000_000, genres=("Action", "Science Fiction"))
        fake.film(550, "Fight Club", 1999, imdb=8.1, votes=2_500_000, genres=("Drama",))
        fake.film(680, "Pulp Fiction", 1994, imdb=8.4, votes=2_200_000, genres=("Crime",))
        yield fake


def decision_settings(tmp_path, radarr, **overrides):
    values = {
        "decisions.webhook_secret": SECRET, "decisions.dry_run": False, "decisions.tracked_users": ["admin"],
        "decisions.guest_users": ["guest"], "decisions.radarr_url": radarr.url, "decisions.radarr_api_key": radarr.api_key,
        "decisions.command_poll_seconds": 0.05,
    }
    values.update(overrides)
    return make_settings(tmp_path, **values)


@pytest.fixture
def settings(tmp_path, radarr):
    return decision_settings(tmp_path, radarr)


def send_all(**changes) -> dict:
    """A PlaybackStop as 'Send All Properties' posts it (native types, 32-hex ids)."""
    body = copy.deepcopy(load_fixture("jellyfin-webhook", "playbackstop_sendallproperties_movie.json")["body"])
    body.update(changes)
    return body


def template(**changes) -> dict:
    """A PlaybackStop as the recommended template renders it (strings, dashed ids, culture date)."""
    body = load_fixture("jellyfin-webhook", "playbackstop_template_rendered_recommended.json")
    body.update(changes)
    return body


def post(web, body: dict, *, content_type: str = "text/plain", secret: str | None = SECRET, headers=None):
    sent = {**({"X-Webhook-Secret": secret} if secret else {}), **(headers or {})}
    return web.post("/api/webhooks/jellyfin", data=json.dumps(body), content_type=content_type, headers=sent)


def iso(at: float) -> str:
    """A UTC time as the plugin's Send All Properties writes it."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.0000000Z", time.gmtime(at))


def decision_of(runtime, event_id: int):
    """The decision made on a stored event, once its job has run."""
    processed(runtime, event_id)
    return wait_for(lambda: next(iter(runtime.state.list_decisions(event_id=event_id)), None), what=f"decision on event {event_id}")


def jobs_settled(runtime) -> None:
    wait_for(lambda: all(j.status in TERMINAL for j in runtime.state.list_jobs(limit=500)), what="jobs to end")


def processed(runtime, event_id: int):
    return wait_for(lambda: runtime.state.get_watch_event(event_id).status == "processed", what=f"event {event_id}")
