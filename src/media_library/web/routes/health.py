"""``GET /api/health``: liveness and the state of each service thread, for anyone. No secrets."""

from __future__ import annotations

from flask import jsonify

from ..auth import ctx, needs_setup
from ..openapi import ApiBlueprint
from ..schemas import ref

bp = ApiBlueprint("health", __name__, url_prefix="/api")


@bp.endpoint_spec("/health", "GET", "Health: status, version, mode, services, needs_setup", auth="public",
                  before_setup=True, response=ref("Health"))
def health():
    report = ctx().runtime.health()
    return jsonify({**report, "needs_setup": needs_setup()})
