"""``GET /api/openapi.json``: the API described from the route specs (see ``web/openapi.py``)."""

from __future__ import annotations

from flask import jsonify

from ..auth import ctx
from ..openapi import ApiBlueprint, build_document

bp = ApiBlueprint("openapi", __name__, url_prefix="/api")


@bp.endpoint_spec("/openapi.json", "GET", "This document (no secrets in it: it answers anyone, before setup too)",
                  auth="public", before_setup=True, response={"type": "object"})
def openapi_document():
    return jsonify(build_document(ctx().specs))
