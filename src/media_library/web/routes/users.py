"""User administration (admin only, browser session only): accounts and their role (viewer,
manager, admin; see docs/API.md "Roles")."""

from __future__ import annotations

from flask import jsonify

from ...errors import InvalidInput
from ...models.auth import ROLES
from ...services import activity as act
from ...services.auth import DEFAULT_ROLE, validate_password, validate_role
from ..audit import audit
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
    audit(act.USER_CREATED, f"user {user.username} ({user.role})")
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
    before = c.state.get_user(user_id)
    user = c.state.update_user(user_id, role=role, disabled=disabled, password_hash=password_hash)
    if disabled or body.get("password") is not None:
        ctx().connections.end(user_id=user_id)
    elif role is not None:
        ctx().connections.regroup(user_id, is_admin=user.is_admin)
    _audit_user_change(before, user, password_set=password_hash is not None)
    return jsonify(user.to_public())


def _audit_user_change(before, after, *, password_set: bool) -> None:
    """One entry per kind of change an admin made to a user (never the password itself)."""
    if before.role != after.role:
        audit(act.ROLE_CHANGED, f"user {after.username}: {before.role} -> {after.role}")
    if before.disabled != after.disabled:
        audit(act.USER_CHANGED, f"user {after.username} {'disabled' if after.disabled else 'enabled'}")
    if password_set:
        audit(act.PASSWORD_CHANGED, f"user {after.username} was given a new password by an admin")


@bp.endpoint_spec("/<int:user_id>", "DELETE", "Delete a user", auth="admin", tokens="never", status=204)
def delete_user(user_id: int):
    user = services().state.get_user(user_id)
    services().state.delete_user(user_id)
    ctx().connections.end(user_id=user_id)
    audit(act.USER_DELETED, f"user {user.username} ({user.role})")
    return "", 204
