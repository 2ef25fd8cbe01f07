"""Disc fixtures: settings for tiny fast rips, the fake TMDb, a runtime with workers running (``rig``)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import build_runtime, make_settings

TINY = {
    "disc.preset": "Very Fast 480p30",
    "disc.extra_args": ["--width", "160"],
    "disc.min_title_seconds": 8,
    "disc.confirm_window_seconds": 0.5,
    "disc.poll_seconds": 0.3,
    "disc.desktop_notifications": False,
    "disc.drives": False,
}


def disc_settings(tmp_path, **overrides):
    values = {**TINY, "disc.watch_dir": str(tmp_path / "watch")}
    values.update(overrides)
    return make_settings(tmp_path, **values)


@pytest.fixture
def fake_tmdb():
    from tests.fakes.tmdb import FakeTmdb

    with FakeTmdb() as fake:
        yield fake


def wait_for(predicate, timeout=120.0, interval=0.1, what="condition"):
    """Poll ``predicate`` until truthy (an upper bound for slow CI, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


class Recorder:
    """Collects EventBus events."""

    def __init__(self, bus):
        self.events = []
        self._lock = threading.Lock()
        self.unsubscribe = bus.subscribe(self)

    def __call__(self, event):
        with self._lock:
            self.events.append(event)

    def named(self, event_type):
        """The payloads of the recorded events of ``event_type``, in order."""
        with self._lock:
            return [e.payload() for e in self.events if isinstance(e, event_type)]


def job_done(runtime, disc_id):
    """The disc once its rip is done; an ``AssertionError`` with the reason when it failed."""
    disc = runtime.state.get_disc(disc_id)
    if disc.status == "failed":
        raise AssertionError(f"rip failed: {disc.error}")
    return disc if disc.status == "done" else None


@pytest.fixture
def rig(tmp_path, fake_tmdb):
    """A started runtime (workers) plus its disc monitor thread, against the fake TMDb."""

    def build(**overrides):
        from media_library.services.discs.runner import build_disc_monitor

        settings = disc_settings(tmp_path, **{"tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key, **overrides})
        runtime = build_runtime(settings)
        recorder = Recorder(runtime.bus)
        runtime.start()
        monitor = build_disc_monitor(runtime)
        thread = threading.Thread(target=monitor.run, daemon=True)
        thread.start()
        built.append((runtime, monitor, thread))
        return runtime, recorder

    built = []
    yield build
    for runtime, monitor, thread in built:
        monitor.stop()
        thread.join(10)
        runtime.stop()
