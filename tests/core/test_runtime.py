"""The runtime: supervised services restart with backoff and show in health; modes."""

from __future__ import annotations

import threading

import pytest

from media_library import events
from media_library.errors import NotConfigured
from media_library.runtime import Runtime, Supervisor
from tests.conftest import make_settings


def test_a_dying_service_is_restarted_and_health_shows_it():
    bus = events.EventBus()
    states = []
    bus.subscribe(lambda event: states.append(event.state) if isinstance(event, events.ServiceState) else None)
    supervisor = Supervisor(bus, max_backoff=0.01)
    supervisor_backoff_runs = []
    stop = threading.Event()
    recovered = threading.Event()

    def flaky():
        supervisor_backoff_runs.append(1)
        if len(supervisor_backoff_runs) < 3:
            raise RuntimeError("boom")
        recovered.set()
        stop.wait()

    supervisor.add("flaky", flaky, stop.set)
    assert recovered.wait(10)
    health = supervisor.health()["flaky"]
    assert health["state"] == "running" and health["restarts"] == 2 and "boom" in health["error"]
    supervisor.stop(5)
    assert supervisor.health()["flaky"]["state"] == "stopped"
    assert "restarting" in states


def test_health_of_a_started_runtime(runtime):
    runtime.start()
    health = runtime.health()
    assert health["mode"] == "server" and health["status"] == "ok"
    assert set(health["services"]) >= {"jobs", "maintenance"}
    assert "api_key" not in str(health)


def test_monitor_mode_never_opens_the_database(tmp_path):
    settings = make_settings(tmp_path, **{"disc.server_url": "http://127.0.0.1:9", "disc.api_token": "mlt_x"})
    rt = Runtime.build(settings, "monitor")
    assert rt.state is None and rt.db is None
    assert not settings.db_path.exists()
    assert rt.services.disc_agent is not None  # built once by the composition, never written in later
    rt.stop()


def test_monitor_mode_without_a_server_stops_at_build(settings):
    with pytest.raises(NotConfigured, match="disc.server_url"):
        Runtime.build(settings, "monitor")


def test_unknown_mode(settings):
    with pytest.raises(ValueError):
        Runtime(settings, "party")
