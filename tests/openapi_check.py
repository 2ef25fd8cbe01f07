"""Every JSON answer of the API matches the schema its route declares in ``/api/openapi.json``.

``check_responses(app)`` hooks an app before its first request; each JSON answer under ``/api``
is checked against the declared success schema (or the error shape for 4xx/5xx) and every
mismatch is recorded. The web fixtures call ``assert_clean()`` when the test ends, so any test
that meets an undeclared key, a missing key, a wrong type or an unexpected null fails and names
the route. This is what keeps the schemas (and the browser app's generated types) true.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, Response, request
from jsonschema import Draft202012Validator

from media_library.web.openapi import JSON, RouteSpec, collect_specs
from media_library.web.schemas import COMPONENTS, ref


@dataclass
class ResponseCheck:
    specs: dict[str, RouteSpec]
    problems: list[str] = field(default_factory=list)
    checked: int = 0
    _validators: dict[tuple[str, int], Draft202012Validator] = field(default_factory=dict)

    def check(self, response: Response) -> Response:
        spec = self.specs.get(request.endpoint or "")
        if spec is None or response.mimetype != JSON or response.direct_passthrough:
            return response
        status = response.status_code
        if status < 400 and status not in (spec.status, *spec.also):
            self.problems.append(f"{request.method} {request.path}: answered {status}, declared {spec.status}")
            return response
        schema = ref("Error") if status >= 400 else spec.response
        if schema is None:
            self.problems.append(f"{request.method} {request.path}: answered JSON, declared no body")
            return response
        self._validate(request.endpoint, status, schema, response.get_json())
        return response

    def _validate(self, endpoint: str, status: int, schema: dict, body) -> None:
        key = (endpoint, status)
        if key not in self._validators:
            self._validators[key] = Draft202012Validator({**schema, "components": {"schemas": COMPONENTS}})
        self.checked += 1
        for error in self._validators[key].iter_errors(body):
            where = "/".join(str(p) for p in error.absolute_path) or "(body)"
            self.problems.append(f"{request.method} {request.path} -> {status}: {where}: {error.message}")

    def assert_clean(self) -> None:
        assert self.problems == [], "answers that do not match their schema in web/schemas.py:\n" + "\n".join(
            dict.fromkeys(self.problems))


def check_responses(app: Flask) -> ResponseCheck:
    """Start checking ``app``'s answers (call before its first request)."""
    checker = ResponseCheck(collect_specs(app))
    app.after_request(checker.check)
    return checker
