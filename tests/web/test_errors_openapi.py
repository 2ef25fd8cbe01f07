"""One JSON error shape under /api with the right status, never a trace; an OpenAPI document
that covers every /api rule; strict JSON bodies."""

from __future__ import annotations

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
