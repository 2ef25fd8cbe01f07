"""The activity log (admins) and devices: the caller's sessions and API tokens, which they may end
(admins: everyone's). Ending a session or revoking a token drops its open sockets at once."""

from __future__ import annotations

from flask import Response, jsonify, request

from ...errors import Forbidden, InvalidInput
from ...models.activity import ActivityFilter
from ...services import activity as act
from ...services.activity import MAX_LIMIT
from ...services.devices import describe
from ...services.sessions import public_id
from ..audit import audit
from ..auth import clear_session_cookie, ctx, current_identity, current_user, services
from ..openapi import ApiBlueprint
from ..schemas import list_of, page, ref, shape
from ..security import query_number

bp = ApiBlueprint("activity", __name__, url_prefix="/api")


def _activity_filter() -> ActivityFilter:
    event = request.args.get("event", "")
    if event and event not in act.EVENTS:
        raise InvalidInput(f"event must be one of {', '.join(act.EVENTS)}")
    return ActivityFilter(event=event, username=request.args.get("user", "").strip(),
                          address=request.args.get("address", "").strip(),
                          since=query_number("since", None, 0, 1e12, float), until=query_number("until", None, 0, 1e12, float),
                          before_id=query_number("before_id", None, 1, 2**62), limit=query_number("limit", 100, 1, MAX_LIMIT))


@bp.endpoint_spec("/activity", "GET", "The activity log, newest first (admins), filtered and paged by before_id",
                  auth="admin", tokens="never",
                  query={"event": "one event name (see /api/activity/events)", "user": "username", "address": "client address",
                         "since": "epoch seconds", "until": "epoch seconds", "before_id": "next_before_id of the previous page",
                         "limit": f"1-{MAX_LIMIT}, default 100"},
                  response=page(ref("ActivityEntry"), "next_before_id", int))
def list_activity():
    wanted = _activity_filter()
    items = services().activity.list(wanted)
    next_id = items[-1].id if len(items) == wanted.limit else None
    return jsonify({"items": [e.to_public() for e in items], "next_before_id": next_id})


@bp.endpoint_spec("/activity/events", "GET", "The event names the activity log records", auth="admin", tokens="never",
                  response=shape(events=list[str]))
def activity_events():
    return jsonify({"events": list(act.EVENTS)})


def _owner_filter():
    """None (everyone's) when an admin asks for ``all=1``; otherwise the caller."""
    user = current_user()
    if request.args.get("all") in ("1", "true"):
        if not user.is_admin:
            raise Forbidden("only an admin may see everyone's devices")
        return None
    return user


def _session_public(session, user, current_hash: str | None) -> dict:
    device = describe(session.user_agent)
    return {"id": public_id(session), "user_id": user.id, "username": user.username, "browser": device.browser,
            "os": device.os, "device": device.device, "address": session.address, "created_at": session.created_at,
            "last_seen_at": session.last_seen_at, "current": session.id_hash == current_hash}


@bp.endpoint_spec("/devices", "GET", "My sessions (browser, OS, address, last seen) and API tokens; all=1: everyone's (admins)",
                  tokens="never", query={"all": "1: every user's (admins only)"},
                  response=shape(sessions=list_of(ref("DeviceSession")), tokens=list_of(ref("DeviceToken"))))
def list_devices():
    owner, c = _owner_filter(), services()
    identity = current_identity()
    current_hash = identity.session.id_hash if identity.session else None
    names = {u.id: u.username for u in c.state.list_users()}
    tokens = [t for t in c.state.list_api_tokens(owner.id if owner else None) if t.revoked_at is None]
    return jsonify({
        "sessions": [_session_public(s, u, current_hash) for s, u in c.sessions.list(owner)],
        "tokens": [{**t.to_public(), "user_id": t.user_id, "username": names.get(t.user_id, "")} for t in tokens],
    })


def _owner_unless_admin():
    user = current_user()
    return None if user.is_admin else user


@bp.endpoint_spec("/devices/sessions/<session_id>", "DELETE", "End one of my sessions (admins: anyone's); its sockets drop",
                  auth="user",
                  tokens="never", status=204)
def end_session(session_id: str):
    session = services().sessions.end_by_public_id(session_id, _owner_unless_admin())
    ctx().connections.end(session_hash=session.id_hash)
    owner = services().state.get_user(session.user_id)
    audit(act.SESSION_ENDED, f"session of {owner.username} from {session.address or 'an unknown address'} "
                             f"({describe(session.user_agent).browser})")
    response = Response(status=204)
    identity = current_identity()
    if identity.session and identity.session.id_hash == session.id_hash:
        clear_session_cookie(response)
    return response


@bp.endpoint_spec("/devices/tokens/<int:token_id>", "DELETE", "Revoke one of my API tokens (admins: anyone's); its sockets drop",
                  auth="user",
                  tokens="never", status=204)
def revoke_any_token(token_id: int):
    owner = _owner_unless_admin()
    token = services().state.revoke_api_token(token_id, owner.id if owner else None)
    ctx().connections.end(token_id=token_id)
    audit(act.TOKEN_REVOKED, f"token {token.name!r} (scope {token.scope})")
    return "", 204
