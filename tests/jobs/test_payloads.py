"""Job payloads as types: the strict JSON → dataclass parser, the registry's kind → payload map,
the typed payload a handler receives, and ``jobs.concurrency`` checked against the registry."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import Literal

import pytest

from media_library import events
from media_library.errors import ConfigError, InvalidPayload
from media_library.jobs.base import JobHandler
from media_library.models.job_payloads import DISC_RIP, LIBRARY_ORGANIZE, DiscPayload, MediaIdsPayload
from media_library.models.payloads import PayloadError, from_json, to_json
from media_library.runtime import Runtime
from media_library.sources import load_settings


@dataclass(frozen=True)
class Sample:
    count: int
    ratio: float = 1.0
    name: str = ""
    flag: bool = False
    ids: tuple[int, ...] = ()
    tags: list[str] = dataclasses.field(default_factory=list)
    mode: Literal["off", "apply"] | None = None
    inner: Inner | None = None


@dataclass(frozen=True)
class Inner:
    title: str
    season: int | None = None


def test_a_good_payload_becomes_the_dataclass_and_back():
    data = {"count": 3, "ratio": 2, "name": "x", "flag": True, "ids": [1, 2], "tags": ["a"], "mode": "apply",
            "inner": {"title": "Alien", "season": None}}
    parsed = from_json(Sample, data)
    assert parsed == Sample(3, 2.0, "x", True, (1, 2), ["a"], "apply", Inner("Alien"))
    assert isinstance(parsed.ratio, float)
    assert to_json(parsed) == {**data, "ratio": 2.0}
    assert from_json(Sample, {"count": 0}) == Sample(0)


@pytest.mark.parametrize(("data", "message"), [
    ({}, "count is required (a whole number)"),
    ({"count": 1, "bogus": 2}, "bogus is not a field here; allowed: count, ratio, name, flag, ids, tags, mode, inner"),
    ({"count": True}, "count must be a whole number (got true)"),
    ({"count": 1.5}, "count must be a whole number (got 1.5)"),
    ({"count": "1"}, 'count must be a whole number (got "1")'),
    ({"count": 1, "ratio": "fast"}, 'ratio must be a number (got "fast")'),
    ({"count": 1, "ratio": float("inf")}, "ratio must be a number (got Infinity)"),
    ({"count": 1, "flag": 1}, "flag must be true or false (got 1)"),
    ({"count": 1, "name": None}, "name must be a string (got null)"),
    ({"count": 1, "ids": [1, "2"]}, 'ids[1] must be a whole number (got "2")'),
    ({"count": 1, "tags": "a,b"}, 'tags must be a list of strings (got "a,b")'),
    ({"count": 1, "mode": "preview"}, "mode must be one of 'off', 'apply' (got \"preview\")"),
    ({"count": 1, "inner": {}}, "inner.title is required (a string)"),
    ({"count": 1, "inner": {"title": "x", "season": "one"}}, 'inner.season must be a whole number (got "one")'),
    ({"count": 1, "inner": {"title": "x", "extra": 1}}, "inner.extra is not a field here; allowed: title, season"),
    ([], "must be a JSON object"),
])
def test_a_malformed_payload_names_the_field(data, message):
    with pytest.raises(PayloadError) as caught:
        from_json(Sample, data)
    assert str(caught.value) == message


def test_the_registry_parses_each_kind_into_its_payload(runtime):
    registry = runtime.registry
    assert registry.parse_payload(DISC_RIP, {"disc_id": 7}) == DiscPayload(disc_id=7)
    assert registry.payload_type(LIBRARY_ORGANIZE) is MediaIdsPayload
    with pytest.raises(InvalidPayload, match=r"^disc\.rip payload: disc_id is required \(a whole number\)$"):
        registry.parse_payload(DISC_RIP, {})
    with pytest.raises(InvalidPayload, match="max_mb_per_second must be a positive number"):
        registry.parse_payload("library.verify", {"max_mb_per_second": 0})


def test_services_queue_typed_payloads_and_the_database_keeps_json(runtime):
    job, _ = runtime.jobs.enqueue(LIBRARY_ORGANIZE, MediaIdsPayload(("a", "b")))
    assert runtime.state.get_job(job.id).payload == {"media_ids": ["a", "b"]}
    job, _ = runtime.jobs.enqueue(DISC_RIP, {"disc_id": 4})
    assert runtime.state.get_job(job.id).payload == {"disc_id": 4}


@dataclass(frozen=True)
class EchoPayload:
    words: tuple[str, ...]
    loud: bool = False


class Echo(JobHandler):
    kind = "test.echo"
    payload = EchoPayload
    seen: list = []

    def run(self, ctx, payload):
        type(self).seen.append(payload)
        return {"said": " ".join(payload.words).upper() if payload.loud else " ".join(payload.words)}


def test_a_handler_receives_its_payload_as_the_dataclass(runtime):
    runtime.registry.register(Echo)
    Echo.seen = []
    done = threading.Event()
    runtime.bus.subscribe(lambda event: done.set() if isinstance(event, events.JobUpdated) and event.public["status"] == "done" else None)
    job, _ = runtime.jobs.enqueue("test.echo", {"words": ["hi", "there"], "loud": True})
    runtime.start()
    assert done.wait(20), runtime.state.get_job(job.id)
    assert Echo.seen == [EchoPayload(("hi", "there"), True)]
    assert runtime.state.get_job(job.id).result == {"said": "HI THERE"}


def test_a_stored_payload_that_no_longer_fits_fails_the_job_with_the_field(runtime):
    job, _ = runtime.state.add_job(DISC_RIP, {"disc": 1})  # written past the service, as an old release might have
    assert runtime.pool.run_once()
    failed = runtime.state.get_job(job.id)
    assert failed.status == "failed" and failed.error.startswith("disc.rip payload: disc is not a field here")


def test_concurrency_names_only_kinds_that_exist(tmp_path):
    def build(concurrency):
        settings = load_settings(None, environ={}, overrides={
            "paths.data_dir": str(tmp_path / "data"), "paths.media_dir": str(tmp_path / "media"),
            "database.backup_before_migrate": False, "jobs.concurrency": concurrency,
        })
        return Runtime.build(settings, "worker")

    build({"disc.rip": 1, "library.verify": 2}).stop()
    with pytest.raises(ConfigError, match=r"'jobs.concurrency' names unknown job kinds encode, rip; known kinds: "):
        build({"rip": 1, "encode": 1, "disc.rip": 1})


def test_the_default_concurrency_fits_the_registry(runtime):
    assert set(runtime.settings.jobs.concurrency) <= set(runtime.registry.kinds)
