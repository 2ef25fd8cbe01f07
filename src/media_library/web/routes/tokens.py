"""The caller's own API tokens: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from flask import jsonify

from ...services import activity as act
from ..audit import audit
from ..auth import ctx, current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import list_of, ref, shape
from ..security import read_json

bp = ApiBlueprint("tokens", __name__, url_prefix="/api/tokens")
TOKEN = ref("Token")


@bp.endpoint_spec("", "GET", "List my tokens and the scopes a token may have", tokens="never",
                  response=shape(items=list_of(TOKEN), scopes=list[str]))
def list_tokens():
    c = services()
    return jsonify({"items": [t.to_public() for t in c.tokens.list(current_user())], "scopes": c.tokens.scopes()})


@bp.endpoint_spec("", "POST", "Create a token; its secret is in this answer only", auth="user", tokens="never", status=201,
                  request=obj(("name",), name="string", scope="string"), response=shape(token=TOKEN, secret=str))
def create_token():
    body = read_json(required=("name",), allowed=("scope",))
    secret, token = services().tokens.create(current_user(), str(body["name"]), str(body.get("scope") or "all"))
    audit(act.TOKEN_CREATED, f"token {token.name!r} (scope {token.scope})")
    return jsonify({"token": token.to_public(), "secret": secret}), 201


@bp.endpoint_spec("/<int:token_id>", "DELETE", "Revoke one of my tokens", auth="user", tokens="never", status=204)
def revoke_token(token_id: int):
    token = services().tokens.revoke(current_user(), token_id)
    ctx().connections.end(token_id=token_id)
    audit(act.TOKEN_REVOKED, f"token {token.name!r} (scope {token.scope})")
    return "", 204
