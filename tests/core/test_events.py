"""Events: typed payloads with unchanged wire shapes, a bus that only carries its registered types,
background subscribers that never hold up a publisher, and browser types generated from the same
classes."""

from __future__ import annotations

import importlib.util
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from media_library import events
from media_library.models.discs import Disc
from media_library.services.discs.events import DiscUpdated

ROOT = Path(__file__).resolve().parents[2]
SLOW = 1.0  # seconds a slow subscriber takes per event; a publisher must not notice it


@dataclass(frozen=True)
class Imported(events.Event, name="test_imported"):
    """What a source declares: its own event, not sent to browsers."""

    path: str


def _generator():
    spec = importlib.util.spec_from_file_location("gen_event_types", ROOT / "scripts" / "gen_event_types.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_browser_event_types_are_generated_from_the_event_classes():
    expected = _generator().render()
    assert (ROOT / "frontend/src/lib/events.gen.ts").read_text() == expected, \
        "run .venv/bin/python scripts/gen_event_types.py and commit frontend/src/lib/events.gen.ts"
    assert "test_imported" not in expected and "job_updated: (payload: JobUpdated) => void;" in expected


def test_wire_names_and_forwarding_are_declared_on_the_classes():
    assert [t.name for t in events.CORE_EVENTS] == [
        "job_updated", "job_progress", "library_updated", "service_state"]
    assert all(t.forwarded for t in events.CORE_EVENTS) and not Imported.forwarded
    assert events.EventBus().types == events.CORE_EVENTS


def test_payloads_keep_the_shapes_the_api_shows(runtime):
    job, _ = runtime.jobs.enqueue("system.check", {})
    assert events.JobUpdated.of(job).payload() == job.to_public()
    disc = Disc(id=3, fingerprint="fp", origin="local", remote_key=None, source="/dev/sr0", device="/dev/sr0",
                label="MY_MOVIE", title_guess="My Movie", kind="dvd", status="waiting")
    assert DiscUpdated.of(disc).payload() == disc.to_public()
    assert events.ServiceState("jobs", "running", 2, None).payload() == {
        "name": "jobs", "state": "running", "restarts": 2, "error": None}
    assert events.JobProgress(1, "k", 50.0, "half").payload() == {"id": 1, "kind": "k", "progress": 50.0, "message": "half"}
    with pytest.raises(AttributeError):
        events.LibraryUpdated(["a"], "scan").reason = "other"  # frozen


def test_a_bus_refuses_types_it_was_not_built_with():
    with pytest.raises(ValueError, match="Imported"):
        events.EventBus().publish(Imported("/x"))
    bus = events.EventBus(types=(*events.CORE_EVENTS, Imported))
    seen = []
    bus.subscribe(seen.append)
    bus.publish(Imported("/x"))
    assert seen == [Imported("/x")] and Imported in bus.types
    with pytest.raises(ValueError, match="share a name"):
        events.EventBus(types=(*events.CORE_EVENTS, events.JobProgress))


def test_a_failing_subscriber_is_logged_and_the_others_still_run(caplog):
    bus = events.EventBus()
    seen, background = [], []

    def broken(event):
        raise RuntimeError("boom")

    bus.subscribe(broken)
    bus.subscribe(broken, background=True)
    bus.subscribe(seen.append)
    bus.subscribe(background.append, background=True)
    with caplog.at_level(logging.ERROR, logger="media_library.events"):
        bus.publish(events.LibraryUpdated(["a"], "scan"))
        bus.publish(events.LibraryUpdated(["b"], "scan"))
        assert bus.wait_idle(5)
    assert len(seen) == len(background) == 2  # the dispatcher survived its subscriber's errors
    assert sum("subscriber" in r.getMessage() for r in caplog.records) == 4
    bus.close()


def test_slow_database_subscribers_do_not_delay_a_job_publish(runtime):
    """A job is queued (JobUpdated) while a background subscriber writes the database slowly."""
    threads = []

    def record_in_database(event):
        threads.append(threading.current_thread())
        time.sleep(SLOW)
        runtime.state.add_collection(f"seen {event.payload()['id']}", kind="manual")

    runtime.bus.subscribe(record_in_database, background=True)
    started = time.monotonic()
    jobs = [runtime.jobs.enqueue("system.check", {})[0] for _ in range(2)]
    assert time.monotonic() - started < SLOW, "enqueue waited for a subscriber"
    assert runtime.bus.wait_idle(10 * SLOW)
    assert {c.name for c in runtime.state.list_collections()} >= {f"seen {job.id}" for job in jobs}
    assert threading.current_thread() not in threads


def test_the_runtime_reconciles_collections_and_queues_exports_off_the_publishing_thread(runtime, monkeypatch, tmp_path):
    from media_library.services.strm.service import update_settings

    update_settings(runtime.settings, runtime.state, {"output_dir": str(tmp_path / "export"),
                                                      "public_base_url": "http://127.0.0.1:8096"})  # auto-export ready
    done = []

    def slowly(name, real):
        def run(*args, **kwargs):
            time.sleep(SLOW)
            done.append((name, threading.current_thread()))
            return real(*args, **kwargs)
        return run

    monkeypatch.setattr(runtime.services.collections, "reconcile", slowly("collections", runtime.services.collections.reconcile))
    monkeypatch.setattr(runtime.services.strm_auto, "request", slowly("strm", runtime.services.strm_auto.request))
    started = time.monotonic()
    runtime.bus.publish(events.LibraryUpdated(["m1"], "identified"))
    assert time.monotonic() - started < SLOW, "the publisher waited for a database subscriber"
    assert runtime.bus.wait_idle(10 * SLOW)
    assert sorted(name for name, _ in done) == ["collections", "strm"]
    assert threading.current_thread() not in {thread for _, thread in done}
    assert runtime.state.list_jobs(kind="strm.export"), "the automatic export was queued"


def test_a_full_queue_drops_events_instead_of_blocking(caplog):
    bus = events.EventBus(queue_size=1)
    release, seen = threading.Event(), []
    bus.subscribe(lambda e: (release.wait(10), seen.append(e)), background=True)
    with caplog.at_level(logging.WARNING, logger="media_library.events"):
        started = time.monotonic()
        for n in range(5):
            bus.publish(events.LibraryUpdated([str(n)], "scan"))
        assert time.monotonic() - started < 5  # the subscriber is blocked for 10 s
    release.set()
    assert bus.wait_idle(5)
    assert 1 <= len(seen) < 5 and any("dropped" in r.getMessage() for r in caplog.records)
    bus.close()


def test_close_delivers_what_is_queued_then_ends_the_dispatchers():
    bus = events.EventBus()
    seen = []
    bus.subscribe(lambda e: (time.sleep(0.05), seen.append(e)), background=True)
    for n in range(5):
        bus.publish(events.LibraryUpdated([str(n)], "scan"))
    bus.close(timeout=5)
    assert len(seen) == 5
    assert not [t for t in threading.enumerate() if t.name.startswith("events:") and t.is_alive()
                and "test_close" in t.name]
    with pytest.raises(RuntimeError, match="closed"):
        bus.subscribe(seen.append, background=True)
    bus.publish(events.LibraryUpdated(["late"], "scan"))  # no subscriber left; nothing breaks
