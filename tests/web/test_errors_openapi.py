"""One JSON error shape under /api with the right status, never a trace; an OpenAPI document
that covers every /api rule; strict JSON bodies."""

from __future__ import annotations

import re

import pytest

from media_library.web.app import create_app
from media_library.web.openapi import ApiBlueprint, collect_specs, openapi_path


def assert_error(response, status, error=None):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error", "status", "message"}
    assert body["status"] == status
    if error:
        assert body["error"] == error
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def test_unknown_api_route_is_json_404(admin_client):
    assert_error(admin_client.get("/api/no/such/thing"), 404, "NotFound")


def test_wrong_method_is_json_405(admin_client):
    assert_error(admin_client.delete("/api/health"), 405, "MethodNotAllowed")


def test_not_found_from_a_service_carries_its_status(admin_client):
    body = assert_error(admin_client.get("/api/jobs/999999"), 404, "NotFound")
    assert "999999" in body["message"]


def test_non_json_body_is_415(admin_client):
    response = admin_client.post("/api/jobs", data="kind=system.check", content_type="text/plain")
    assert_error(response, 415, "UnsupportedMediaType")


def test_body_over_limit_is_413(admin_client, settings):
    big = b"x" * (settings.server.max_request_mb * 1024 * 1024 + 1)
    assert_error(admin_client.post("/api/jobs", data=big, content_type="application/json"), 413, "PayloadTooLarge")


@pytest.mark.parametrize("raw", [
    "[" * 100_000 + "]" * 100_000,
    '{"kind": NaN}',
    '{"kind": Infinity}',
    '{"kind": "a", "kind": "b"}',
    '{"kind": ',
    '"just a string"',
])
def test_hostile_json_is_400(admin_client, raw):
    assert_error(admin_client.post("/api/jobs", data=raw, content_type="application/json"), 400, "InvalidInput")


def test_a_bug_is_500_without_a_trace(runtime):
    boom = ApiBlueprint("boom", __name__, url_prefix="/api/boom")

    @boom.endpoint_spec("", "GET", "always fails", auth="public", before_setup=True)
    def explode():
        raise RuntimeError("secret internals /etc/shadow")

    app = create_app(runtime, extra_blueprints=[boom])
    try:
        response = app.test_client().get("/api/boom")
        body = assert_error(response, 500, "InternalError")
        assert "shadow" not in response.get_data(as_text=True)
        assert "reference" in body["message"]
        assert response.headers["Content-Security-Policy"]
    finally:
        app.extensions["media_library_unsubscribe"]()


def test_openapi_covers_every_api_rule(app, admin_client):
    document = admin_client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        operations = document["paths"].get(openapi_path(rule.rule), {})
        for method in rule.methods - {"OPTIONS"} - ({"HEAD"} if "GET" in rule.methods else set()):
            if method.lower() not in operations:
                missing.append(f"{method} {rule.rule}")
    assert missing == []


def test_every_api_rule_has_a_spec(app):
    specs = collect_specs(app)
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api"):
            assert rule.endpoint in specs, rule.rule


def _concrete(path: str, document: dict) -> str:
    """A request path for an OpenAPI path: integers where the parameter is one, else a word."""
    types = {p["name"]: p["schema"]["type"] for ops in [document["paths"][path]] for op in ops.values()
             for p in op.get("parameters", []) if p["in"] == "path"}
    return re.sub(r"\{(\w+)\}", lambda m: "7" if types[m[1]] == "integer" else "x7", path)


def test_allow_lists_exactly_the_methods_of_the_route(app, admin_client):
    document = admin_client.get("/api/openapi.json").get_json()
    wrong = []
    for path, operations in document["paths"].items():
        declared = {m.upper() for m in operations} | {"OPTIONS"} | ({"HEAD"} if "get" in operations else set())
        refused = next(m for m in ("DELETE", "PATCH", "PUT", "POST", "GET") if m not in declared)
        response = admin_client.open(_concrete(path, document), method=refused)
        allow = set(response.headers.get("Allow", "").replace(" ", "").split(","))
        if response.status_code != 405 or allow != declared:
            wrong.append(f"{refused} {path} -> {response.status_code}, Allow {sorted(allow)}, routes {sorted(declared)}")
    assert wrong == []


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/api", "/api/no/such/thing", "/api/jobs/not-a-number", "/api/health/more"])
def test_unknown_api_paths_are_404_for_every_method(admin_client, method, path):
    response = admin_client.open(path, method=method)
    assert_error(response, 404, "NotFound")
    assert "Allow" not in response.headers


def test_openapi_answers_before_setup_and_without_login(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/openapi.json" in response.get_json()["paths"]


def test_path_parameters_keep_their_suffix_and_type(app, admin_client):
    document = admin_client.get("/api/openapi.json").get_json()
    subtitle = document["paths"]["/api/media/{media_id}/subtitles/{index}.vtt"]["get"]
    assert {p["name"]: p["schema"]["type"] for p in subtitle["parameters"]} == {"media_id": "string", "index": "integer"}
    assert not [path for path in document["paths"] if re.search(r"[<>]|\{[^}]*[^\w}][^}]*\}", path)]


def test_nullable_fields_are_typed_as_nullable(admin_client):
    schemas = admin_client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["Token"]["properties"]["last_used_at"] == {"type": ["number", "null"]}
    assert schemas["MediaItem"]["properties"]["year"] == {"type": ["integer", "null"]}
    assert schemas["Job"]["properties"]["finished_at"] == {"type": ["number", "null"]}
