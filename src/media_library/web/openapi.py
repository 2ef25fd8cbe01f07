"""The route registry: every ``/api`` route is declared once with its access rule and shapes.

``ApiBlueprint.endpoint(...)`` registers a Flask rule and records a ``RouteSpec``; the access
check in ``web/auth.py`` reads the spec of the matched endpoint (a route without one is treated
as needing a login), and ``build_document`` turns the specs into ``/api/openapi.json``. Nothing
here checks credentials itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask

from .. import __version__

AUTH_LEVELS = ("public", "user", "admin")
TOKEN_RULES = ("scoped", "any", "never")


@dataclass(frozen=True)
class RouteSpec:
    rule: str
    methods: tuple[str, ...]
    summary: str
    auth: str = "user"             # public | user | admin
    area: str = ""                 # token scope area (the blueprint name)
    tokens: str = "scoped"         # scoped: scope rules apply; any: every live token; never: session only
    before_setup: bool = False     # answers while no user exists yet
    query_credentials: bool = False  # accepts ?token= (stream scope) and signed ?sig= links
    request: dict[str, Any] | None = None   # JSON schema of the body
    response: dict[str, Any] | None = None  # JSON schema of a success body
    query: dict[str, str] = field(default_factory=dict)  # name -> description
    status: int = 200


class ApiBlueprint(Blueprint):
    """A blueprint whose routes carry a RouteSpec. ``token_area`` makes its name a token scope."""

    def __init__(self, name: str, import_name: str, *, token_area: bool = False, **kwargs):
        super().__init__(name, import_name, **kwargs)
        self.token_area = token_area
        self.specs: dict[str, RouteSpec] = {}

    def endpoint_spec(self, rule: str, methods: list[str] | str, summary: str, **spec):
        methods = (methods,) if isinstance(methods, str) else tuple(methods)

        def decorator(view):
            endpoint = f"{self.name}.{view.__name__}"
            self.specs[endpoint] = RouteSpec(rule=rule, methods=methods, summary=summary, area=self.name, **spec)
            return self.route(rule, methods=list(methods))(view)

        return decorator


def collect_specs(app: Flask) -> dict[str, RouteSpec]:
    specs: dict[str, RouteSpec] = {}
    for blueprint in app.blueprints.values():
        for endpoint, spec in getattr(blueprint, "specs", {}).items():
            url_prefix = blueprint.url_prefix or ""
            specs[endpoint] = RouteSpec(**{**spec.__dict__, "rule": url_prefix + spec.rule})
    return specs


def openapi_path(rule: str) -> str:
    """``/api/jobs/<int:job_id>`` -> ``/api/jobs/{job_id}``."""
    out, i = [], 0
    while i < len(rule):
        if rule[i] == "<":
            end = rule.index(">", i)
            out.append("{" + rule[i + 1:end].split(":")[-1] + "}")
            i = end + 1
        else:
            out.append(rule[i])
            i += 1
    return "".join(out)


ERROR_SCHEMA = {
    "type": "object", "required": ["error", "status", "message"],
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}, "message": {"type": "string"}},
}


def build_document(specs: dict[str, RouteSpec]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for endpoint, spec in sorted(specs.items(), key=lambda kv: kv[1].rule):
        item = paths.setdefault(openapi_path(spec.rule), {})
        for method in spec.methods:
            item[method.lower()] = _operation(endpoint, spec, method)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Media Library", "version": __version__},
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR_SCHEMA},
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "ml_session",
                            "description": "Session cookie (`__Host-ml_session` over HTTPS); unsafe methods also need the X-CSRF-Token header."},
                "token": {"type": "http", "scheme": "bearer", "description": "API token (Authorization: Bearer mlt_…)."},
            },
        },
    }


def _operation(endpoint: str, spec: RouteSpec, method: str) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": f"{endpoint}.{method.lower()}", "summary": spec.summary, "tags": [spec.area],
        "x-auth": spec.auth,
        "responses": {str(spec.status): _content(spec.response, "success"),
                      "default": _content({"$ref": "#/components/schemas/Error"}, "error")},
    }
    if spec.auth == "public":
        op["security"] = []
    else:
        op["security"] = [{"session": []}] + ([] if spec.tokens == "never" else [{"token": []}])
    params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
              for name in _path_params(spec.rule)]
    params += [{"name": name, "in": "query", "required": False, "description": text, "schema": {"type": "string"}}
               for name, text in spec.query.items()]
    if params:
        op["parameters"] = params
    if spec.request is not None and method not in ("GET", "HEAD"):
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": spec.request}}}
    return op


def _content(schema: dict[str, Any] | None, description: str) -> dict[str, Any]:
    if schema is None:
        return {"description": description}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _path_params(rule: str) -> list[str]:
    path = openapi_path(rule)
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def obj(required: tuple[str, ...] = (), **properties: str) -> dict[str, Any]:
    """A small JSON-schema helper: ``obj(("name",), name="string", scope="string")``."""
    return {"type": "object", "required": list(required), "additionalProperties": False,
            "properties": {name: {"type": kind} for name, kind in properties.items()}}
