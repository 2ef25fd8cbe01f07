"""Every registered job kind with a malformed payload, through the API (400) and through
``media-library jobs add`` as a separate process (exit 2): the message names the field, and
nothing is queued."""

from __future__ import annotations

import dataclasses
import json
import typing

import pytest

from tests.core.test_cli import _state, cli

SAMPLES = {int: 1, float: 1.0, str: "x", bool: True}
NOT_ANY_FIELD = {"an": "object"}  # fits no payload field: none of them takes a free-form object


def _required(payload_type) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(payload_type)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]


def malformed_payloads(payload_type) -> list[tuple[dict, str]]:
    """``(payload, field its error must name)``: an unknown field, a required field left out, and a
    wrong type in each field (the required ones filled in correctly)."""
    hints = typing.get_type_hints(payload_type)
    valid = {f.name: SAMPLES[hints[f.name]] for f in _required(payload_type)}
    cases = [({**valid, "no_such_field": 1}, "no_such_field")]
    cases += [({}, f.name) for f in _required(payload_type)[:1]]
    cases += [({**valid, f.name: NOT_ANY_FIELD}, f.name) for f in dataclasses.fields(payload_type)]
    return cases


def _cases(registry) -> list[tuple[str, dict, str]]:
    return [(kind, payload, field) for kind in registry.kinds
            for payload, field in malformed_payloads(registry.payload_type(kind))]


def test_every_kind_refuses_a_malformed_payload_through_the_api(admin_client, runtime):
    cases = _cases(runtime.registry)
    assert {kind for kind, _, _ in cases} == set(runtime.registry.kinds)
    assert any(kind == "disc.rip" and payload == {} for kind, payload, _ in cases)
    for kind, payload, field in cases:
        answer = admin_client.post("/api/jobs", json={"kind": kind, "payload": payload})
        assert answer.status_code == 400, (kind, payload, answer.json)
        assert answer.json["error"] == "InvalidPayload"
        assert answer.json["message"].startswith(f"{kind} payload: {field} "), answer.json
    assert admin_client.get("/api/jobs").json["items"] == []
    assert runtime.state.list_jobs() == []


def test_the_route_of_a_use_case_refuses_the_same_way(admin_client, runtime):
    answer = admin_client.post("/api/library/organize", json={"media_ids": "all"})
    assert answer.status_code == 400
    assert answer.json["message"] == 'library.organize payload: media_ids must be a list of strings (got "all")'
    assert runtime.state.list_jobs() == []


@pytest.mark.slow
def test_every_kind_refuses_a_malformed_payload_through_the_cli(runtime, tmp_path_factory):
    kinds, folder = runtime.registry.kinds, tmp_path_factory.mktemp("cli")  # its own database
    cli(folder, "db", "migrate")
    for kind in kinds:
        payload, field = malformed_payloads(runtime.registry.payload_type(kind))[-1]
        done = cli(folder, "jobs", "add", kind, "--payload", json.dumps(payload), check=False)
        assert done.returncode == 2, (kind, done.stderr)
        assert done.stderr.startswith(f"media-library: {kind} payload: {field} "), done.stderr
        assert done.stdout == ""
    state = _state(folder)
    try:
        assert state.list_jobs() == []
    finally:
        state.close()
