"""User administration (admin only, browser session only): accounts and their role (viewer,
manager, admin; see docs/API.md "Roles")."""

from __future__ import annotations

from flask import jsonify

from ...errors import InvalidInput
from ...models.auth import ROLES
from ...services.auth import DEFAULT_ROLE, validate_password, validate_role
from ..auth import ctx, services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, ref
from ..security import read_json

bp = ApiBlueprint("users", __name__, url_prefix="/api/users")
USER = ref("User")
ROLE = {"type": "string", "enum": list(ROLES)}


@bp.endpoint_spec("", "GET", "List users", auth="admin", tokens="never", response=items_of(USER))
def list_users():
    return jsonify({"items": [u.to_public() for u in services().state.list_users()]})


@bp.endpoint_spec("", "POST", "Create a user", auth="admin", tokens="never", status=201,
                  request=obj(("username", "password"), username="string", password="string", role=ROLE),
                  response=USER)
def create_user():
    body = read_json(required=("username", "password"), allowed=("role",))
    user = services().accounts.create_user(str(body["username"]), str(body["password"]), str(body.get("role") or DEFAULT_ROLE))
    return jsonify(user.to_public()), 201


@bp.endpoint_spec("/<int:user_id>", "PATCH", "Change a user's role, disabled flag or password", auth="admin",
                  tokens="never", request=obj(role=ROLE, disabled="boolean", password="string"), response=USER)
def update_user(user_id: int):
    body = read_json(allowed=("role", "disabled", "password"))
    c = services()
    role, disabled = body.get("role"), body.get("disabled")
    if role is not None:
        validate_role(role)
    if disabled is not None and not isinstance(disabled, bool):
        raise InvalidInput("disabled must be true or false")
    password_hash = None
    if body.get("password") is not None:
        username = c.state.get_user(user_id).username
        password_hash = c.passwords.hash(validate_password(str(body["password"]), username))
    user = c.state.update_user(user_id, role=role, disabled=disabled, password_hash=password_hash)
    if disabled or body.get("password") is not None:
        ctx().connections.end(user_id=user_id)
    elif role is not None:
        ctx().connections.regroup(user_id, is_admin=user.is_admin)
    return jsonify(user.to_public())


@bp.endpoint_spec("/<int:user_id>", "DELETE", "Delete a user", auth="admin", tokens="never", status=204)
def delete_user(user_id: int):
    services().state.delete_user(user_id)
    ctx().connections.end(user_id=user_id)
    return "", 204
