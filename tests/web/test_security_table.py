"""The security table: every documented route refuses strangers, headers are on every kind
of response, CORS is an exact allow-list."""

from __future__ import annotations

import re

import pytest

from media_library.web.security import CSP

PUBLIC = {("GET", "/api/health"), ("GET", "/api/openapi.json"), ("GET", "/api/setup"), ("POST", "/api/setup"), ("POST", "/api/auth/login")}
REQUIRED = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def documented_operations(client):
    document = client.get("/api/openapi.json", headers=client.auth_headers).get_json()
    for path, operations in document["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)  # refused before the view: any value that routes
        for method in operations:
            yield method.upper(), path, concrete


@pytest.fixture
def stranger(app, admin_client):
    token = admin_client.post("/api/tokens", json={"name": "doc"}).json["secret"]
    client = app.test_client()
    client.auth_headers = {"Authorization": f"Bearer {token}"}
    return client


@pytest.mark.parametrize("forwarded", [{}, {"X-Forwarded-For": "127.0.0.1"}, {"X-Forwarded-For": "203.0.113.9"}])
def test_every_documented_route_refuses_strangers(stranger, forwarded):
    operations = list(documented_operations(stranger))
    assert len(operations) >= 18
    stranger.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    wrong = []
    for method, path, concrete in operations:
        kwargs = {"json": {}} if method in ("POST", "PATCH", "PUT") else {}
        response = stranger.open(concrete, method=method, headers=forwarded, **kwargs)
        if (method, path) in PUBLIC:
            continue
        if response.status_code != 401:
            wrong.append(f"{method} {path} -> {response.status_code}")
    assert wrong == []


def assert_headers(response):
    for name, value in REQUIRED.items():
        assert response.headers.get(name) == value, (name, response.status_code)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers.get("Permissions-Policy")
    response.close()


def test_headers_on_every_kind_of_response(app, admin_client, settings, state):
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    path = settings.media_dir / "a.mp4"
    path.write_bytes(b"x" * 1000)
    item = state.add_media("movie", "A")
    state.upsert_media_file(str(path), media_id=item.id, size=1000, mtime=0.0)
    stream = f"/api/media/{item.id}/stream"
    responses = {
        200: admin_client.get("/api/health"),
        206: admin_client.get(stream, headers={"Range": "bytes=0-9"}),
        404: admin_client.get("/api/jobs/424242"),
        401: app.test_client().get("/api/jobs"),
        413: admin_client.post("/api/jobs", data=b"{}", content_type="application/json",
                               environ_overrides={"CONTENT_LENGTH": str(10 * 1024**3)}),
        416: admin_client.get(stream, headers={"Range": "bytes=0-1,3-4"}),
    }
    etag = responses[206].headers["ETag"]
    responses[304] = admin_client.get(stream, headers={"If-None-Match": etag})
    for status, response in responses.items():
        assert response.status_code == status
        assert_headers(response)
        assert response.headers["Cache-Control"] == "no-store"
    assert_headers(admin_client.get("/"))
    assert_headers(admin_client.get("/some/client/route"))
    assert "Strict-Transport-Security" not in responses[200].headers


def test_headers_on_500(runtime):
    from media_library.web.app import create_app
    from media_library.web.openapi import ApiBlueprint

    bp = ApiBlueprint("crash", __name__, url_prefix="/api/crash")

    @bp.endpoint_spec("", "GET", "crash", auth="public", before_setup=True)
    def crash():
        raise ZeroDivisionError

    app = create_app(runtime, extra_blueprints=[bp])
    try:
        response = app.test_client().get("/api/crash")
        assert response.status_code == 500
        assert_headers(response)
    finally:
        app.extensions["media_library_unsubscribe"]()


def test_hsts_over_https(app_factory):
    app = app_factory(**{"server.trusted_proxies": ["127.0.0.9"]})
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "127.0.0.9"
    assert "Strict-Transport-Security" in client.get("/api/health", headers={"X-Forwarded-Proto": "https"}).headers
    assert "Strict-Transport-Security" not in client.get("/api/health").headers


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "https://media.domain.evil.com",
                                    "https://media.domain.example", "http://media.domain"])
def test_cors_is_an_exact_allow_list(app_factory, origin):
    app = app_factory(**{"server.cors_allowed_origins": ["https://media.domain"]})
    response = app.test_client().get("/api/health", headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = app.test_client().options("/api/jobs", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_cors_allows_a_listed_origin(app_factory):
    app = app_factory(**{"server.cors_allowed_origins": ["https://media.domain"]})
    response = app.test_client().get("/api/health", headers={"Origin": "https://media.domain"})
    assert response.headers["Access-Control-Allow-Origin"] == "https://media.domain"
    assert response.headers["Access-Control-Allow-Credentials"] == "true"


def test_no_cors_by_default(client):
    assert "Access-Control-Allow-Origin" not in client.get("/api/health", headers={"Origin": "https://x.example"}).headers
