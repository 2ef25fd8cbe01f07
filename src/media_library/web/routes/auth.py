"""Logging in and out, who am I, changing one's own password."""

from __future__ import annotations

from flask import Response, jsonify, request

from ...errors import InvalidInput, Unauthorized
from ...services import activity as act
from ...services.login_throttle import TooManyRequests
from ..audit import audit
from ..auth import (
    caller_address,
    clear_session_cookie,
    cookie_name,
    ctx,
    current_identity,
    current_user,
    services,
    set_session_cookie,
)
from ..openapi import ApiBlueprint, obj
from ..schemas import ref
from ..security import read_json

bp = ApiBlueprint("auth", __name__, url_prefix="/api/auth")
SESSION_BODY = ref("Session")


def start_session(user, status: int = 200):
    """A fresh session (never a reused id) for ``user``; the old cookie's session, if any, ends."""
    c = services()
    old = request.cookies.get(cookie_name())
    if old:
        c.sessions.end(old)
    new = c.sessions.create(user, address=caller_address(), user_agent=request.headers.get("User-Agent", ""))
    response = jsonify({"user": user.to_public(), "csrf_token": new.session.csrf_token})
    response.status_code = status
    set_session_cookie(response, new.raw_id)
    return response


@bp.endpoint_spec("/login", "POST", "Log in with username and password (throttled)", auth="public",
                  request=obj(("username", "password"), username="string", password="string"),
                  response=SESSION_BODY)
def login():
    body = read_json(required=("username", "password"))
    username, password = str(body["username"]), str(body["password"])
    c, address = services(), caller_address()
    try:
        c.login_throttle.attempt(username, address)  # before any hashing
        user = c.accounts.authenticate(username, password)
    except (Unauthorized, TooManyRequests) as exc:
        audit(act.LOGIN_FAILED, "throttled" if isinstance(exc, TooManyRequests) else "wrong username or password",
              username[:128])
        raise
    c.login_throttle.succeeded(username, address)
    audit(act.LOGIN, "", user)
    return start_session(user)


@bp.endpoint_spec("/logout", "POST", "Log out: the session ends on the server", auth="user", tokens="never", status=204)
def logout():
    identity = current_identity()
    id_hash = services().sessions.end(identity.raw_session_id)
    ctx().connections.end(session_hash=id_hash)
    audit(act.LOGOUT)
    response = Response(status=204)
    clear_session_cookie(response)
    return response


@bp.endpoint_spec("/me", "GET", "The logged-in user and the CSRF token for unsafe requests", tokens="any",
                  response=ref("Me"))
def me():
    identity = current_identity()
    return jsonify({"user": identity.user.to_public(),
                    "csrf_token": identity.session.csrf_token if identity.session else None,
                    "auth": identity.kind, "scope": identity.scope})


@bp.endpoint_spec("/password", "POST", "Change one's own password; every session ends, this one is renewed",
                  auth="user", tokens="never", request=obj(("current_password", "new_password"), current_password="string",
                                               new_password="string"), response=SESSION_BODY)
def change_password():
    body = read_json(required=("current_password", "new_password"))
    c, user, address = services(), current_user(), caller_address()
    c.login_throttle.attempt(user.username, address)
    try:
        c.accounts.authenticate(user.username, str(body["current_password"]))
    except Unauthorized as exc:
        raise InvalidInput("the current password is wrong") from exc
    c.login_throttle.succeeded(user.username, address)
    updated = c.accounts.set_password(user.id, str(body["new_password"]))
    ctx().connections.end(user_id=user.id)
    audit(act.PASSWORD_CHANGED, "own password; every other session ended")
    return start_session(updated)
