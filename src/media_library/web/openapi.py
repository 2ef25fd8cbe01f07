"""The route registry: every ``/api`` route is declared once with its access rule and shapes.

``ApiBlueprint.endpoint(...)`` registers a Flask rule and records a ``RouteSpec``; the access
check in ``web/auth.py`` reads the spec of the matched endpoint (a route without one is treated
as needing a login), and ``build_document`` turns the specs into ``/api/openapi.json``. Nothing
here checks credentials itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask

from .. import __version__
from ..models.auth import ACCESS_LEVELS
from .schemas import COMPONENTS, ref, type_schema

AUTH_LEVELS = ("public", *ACCESS_LEVELS)  # public, user (any role), viewer, manager, admin
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON = "application/json"
BINARY = {"type": "string", "format": "binary"}
TOKEN_RULES = ("scoped", "any", "never", "only")


@dataclass(frozen=True)
class RouteSpec:
    rule: str
    methods: tuple[str, ...]
    summary: str
    auth: str = "user"             # public | user (any role) | manager | admin; see default_auth
    area: str = ""                 # the blueprint name: a token scope when token_area
    token_area: bool = False       # a token scoped to ``area`` may call this route
    tokens: str = "scoped"         # scoped: scope rules apply; any: every live token; never: session only;
                                   # only: a token of exactly this area's scope, no session, no other token
    before_setup: bool = False     # answers while no user exists yet
    query_credentials: bool = False  # accepts ?token= (stream scope) and signed ?sig= links
    basic_any_user: bool = False   # HTTP Basic: the token (the password) names the user; any user name goes
    request: dict[str, Any] | None = None   # JSON schema of the body
    response: dict[str, Any] | None = None  # JSON schema of a success body
    query: dict[str, str] = field(default_factory=dict)  # name -> description
    status: int = 200
    also: tuple[int, ...] = ()  # other success statuses with the same body (200 for an existing job)
    media_type: str = "application/json"  # of a success body (image/*, text/vtt, text/csv …)


class ApiBlueprint(Blueprint):
    """A blueprint whose routes carry a RouteSpec. ``token_area`` makes its name a token scope."""

    def __init__(self, name: str, import_name: str, *, token_area: bool = False, **kwargs):
        super().__init__(name, import_name, **kwargs)
        self.token_area = token_area
        self.specs: dict[str, RouteSpec] = {}

    def endpoint_spec(self, rule: str, methods: list[str] | str, summary: str, **spec):
        """Declare a route. Without ``auth`` a route that only reads needs a login and one that
        changes something needs a library manager (``default_auth``): a route that lets a viewer
        change their own things says ``auth="user"``."""
        methods = (methods,) if isinstance(methods, str) else tuple(methods)
        spec["auth"] = spec.get("auth") or default_auth(methods)
        if spec["auth"] not in AUTH_LEVELS:
            raise ValueError(f"{rule}: auth must be one of {', '.join(AUTH_LEVELS)}")

        def decorator(view):
            endpoint = f"{self.name}.{view.__name__}"
            self.specs[endpoint] = RouteSpec(rule=rule, methods=methods, summary=summary, area=self.name,
                                             token_area=self.token_area, **spec)
            return self.route(rule, methods=list(methods))(view)

        return decorator


def default_auth(methods: tuple[str, ...]) -> str:
    """Secure by default: reading needs any login, changing needs a library manager."""
    return "user" if all(m in SAFE_METHODS for m in methods) else "manager"


def collect_specs(app: Flask) -> dict[str, RouteSpec]:
    specs: dict[str, RouteSpec] = {}
    for blueprint in app.blueprints.values():
        for endpoint, spec in getattr(blueprint, "specs", {}).items():
            url_prefix = blueprint.url_prefix or ""
            specs[endpoint] = RouteSpec(**{**spec.__dict__, "rule": url_prefix + spec.rule})
    return specs


_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_CONVERTER_TYPES = {"int": "integer", "float": "number"}


def openapi_path(rule: str) -> str:
    """``/api/jobs/<int:job_id>`` -> ``/api/jobs/{job_id}``; text around a parameter stays
    (``/subtitles/<int:index>.vtt`` -> ``/subtitles/{index}.vtt``)."""
    return _PARAMETER.sub(lambda m: "{" + m["name"] + "}", rule)


def path_parameters(rule: str) -> list[dict[str, Any]]:
    """The path parameters of a Flask rule, typed by their converter (``int`` -> integer)."""
    return [{"name": m["name"], "in": "path", "required": True,
             "schema": {"type": _CONVERTER_TYPES.get(m["converter"] or "", "string")}}
            for m in _PARAMETER.finditer(rule)]


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
            "schemas": COMPONENTS,
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
        "x-auth": spec.auth, "x-token-area": spec.token_area,
        "responses": {**{str(status): _content(spec.response, "success", spec.media_type)
                         for status in (spec.status, *spec.also)},
                      "default": _content(ref("Error"), "error")},
    }
    if spec.auth == "public":
        op["security"] = []
    else:
        op["security"] = _security(spec.tokens)
    params = path_parameters(spec.rule)
    params += [{"name": name, "in": "query", "required": False, "description": text, "schema": {"type": "string"}}
               for name, text in spec.query.items()]
    if params:
        op["parameters"] = params
    if spec.request is not None and method not in ("GET", "HEAD"):
        op["requestBody"] = {"required": bool(spec.request.get("required")),
                             "content": {JSON: {"schema": spec.request}}}
    return op


def _security(tokens: str) -> list[dict[str, list]]:
    session = [] if tokens == "only" else [{"session": []}]
    return session + ([] if tokens == "never" else [{"token": []}])


def _content(schema: dict[str, Any] | None, description: str, media_type: str = JSON) -> dict[str, Any]:
    if schema is None and media_type == JSON:
        return {"description": description}
    return {"description": description, "content": {media_type: {"schema": schema or BINARY}}}


def obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    """A request-body schema: ``obj(("name",), name="string", year=int | None, genres=list[str])``.
    A property is a JSON type name, a Python type hint or a schema; only ``required`` must be sent."""
    return {"type": "object", "required": list(required), "additionalProperties": False,
            "properties": {name: {"type": kind} if isinstance(kind, str) else type_schema(kind)
                           for name, kind in properties.items()}}
