"""The Jellyfin webhook (``/api/webhooks/jellyfin``) and the decisions API (``/api/decisions``):
decisions with their reasons, watch history, what-if, the rules, overrides, the leaving-soon
list, back-fill and clean-up jobs, and Radarr's test connection. Every handler is thin: the
work is in ``services/decisions``.

The webhook is called by Jellyfin, not a browser: it is authenticated here by the shared secret
in ``X-Webhook-Secret`` (``decisions.webhook_secret``) or an API token of scope ``webhook`` in
the Authorization header (never a secret in the query string, which the app refuses anyway). It
answers at once; the decision is made by a ``watch.decide`` job (in batches).
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Response, jsonify, request

from ...errors import Forbidden, InvalidInput, Unauthorized
from ...models.decisions import (
    BACKFILL_SOURCES,
    KEEP_CLEANUP,
    OVERRIDE_MODES,
    WATCH_BACKFILL,
    BackfillPayload,
    CleanupPayload,
    Decision,
    LeavingFilm,
    Override,
    Rule,
    WatchEvent,
    WatchRecord,
    WhatIf,
)
from ...services.decisions.facts import Film
from ...services.decisions.rules import FACTS, OPS
from ..auth import current_user, identity_from_bearer, services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, list_of, ref, shape, type_schema
from ..security import json_as_text, read_json
from .jobs import _int_arg

webhook_bp = ApiBlueprint("webhook", __name__, url_prefix="/api/webhooks", token_area=True)
bp = ApiBlueprint("decisions", __name__, url_prefix="/api/decisions", token_area=True)
SECRET_HEADER = "X-Webhook-Secret"

DECISION = shape(Decision, tuple(Decision.__dataclass_fields__), facts=dict[str, Any])
RULE = shape(Rule, tuple(Rule.__dataclass_fields__), condition=dict[str, Any])
OVERRIDE = shape(Override, tuple(Override.__dataclass_fields__))
WATCH_RECORD = shape(WatchRecord, tuple(WatchRecord.__dataclass_fields__))
WATCH_EVENT = shape(WatchEvent, tuple(f for f in WatchEvent.__dataclass_fields__ if f != "fields"))
LEAVING = shape(LeavingFilm, tuple(LeavingFilm.__dataclass_fields__))
WHAT_IF = shape(WhatIf, tuple(WhatIf.__dataclass_fields__), facts=dict[str, Any])
RULE_BODY = dict(name="string", priority="integer", condition=dict[str, Any], action="string", via="string",
                 enabled="boolean", description="string")


def _service():
    return services().decisions


# --- the webhook ------------------------------------------------------------------------------
@webhook_bp.endpoint_spec("/jellyfin", "POST", "A Jellyfin webhook delivery (template or Send All Properties; "
                          "text/plain or application/json). Authenticated by X-Webhook-Secret or a `webhook` token",
                          auth="public", status=202, also=(200,), media_type="application/json",
                          response=shape(status=str, event_id=int | None))
@json_as_text
def jellyfin_webhook():
    _authenticate_webhook()
    received = _service().receive(request.get_data(cache=False))
    body = {"status": received.status, "event_id": received.event.id if received.event else None}
    return jsonify(body), (202 if received.status == "queued" else 200)  # recorded, duplicate, ignored: 200


def _authenticate_webhook() -> None:
    secret = services().settings.decisions.webhook_secret
    sent = request.headers.get(SECRET_HEADER, "")
    if secret and sent and hmac.compare_digest(sent.encode(), secret.encode()):
        return
    header = request.headers.get("Authorization")
    if not header:
        raise Unauthorized(f"send the shared secret in the {SECRET_HEADER} header (decisions.webhook_secret) "
                           "or an API token of scope 'webhook' as 'Authorization: Bearer <token>'")
    identity = identity_from_bearer(header)
    if identity.token is None or identity.token.scope != "webhook":
        raise Forbidden("only an API token of scope 'webhook' may deliver webhooks; create one in Settings > API tokens")
    if not identity.user.may("manager"):
        raise Forbidden("the webhook token must belong to a library manager or an admin, since it can trigger downloads")


# --- decisions and history ------------------------------------------------------------------------
@bp.endpoint_spec("", "GET", "Decisions, newest first (film=tmdb:<id>, action, before=<id>, limit)",
                  query={"film": "a film key such as tmdb:603", "action": "keep, never or stream",
                         "before": "a decision id: the next page", "limit": "1-200, default 50"},
                  response=items_of(DECISION))
def list_decisions():
    found = services().state.list_decisions(film_key=request.args.get("film") or None,
                                            action=request.args.get("action") or None,
                                            limit=_int_arg("limit", 50, 1, 200), before_id=_int_arg("before", None, 1, 2**62))
    return jsonify({"items": [d.to_public() for d in found]})


@bp.endpoint_spec("/<int:decision_id>", "GET", "One decision with its facts, rule and reason", response=DECISION)
def get_decision(decision_id: int):
    return jsonify(services().state.get_decision(decision_id).to_public())


@bp.endpoint_spec("/history", "GET", "Our watch history, newest first", query={"limit": "1-500, default 100"},
                  response=items_of(WATCH_RECORD))
def history():
    return jsonify({"items": [r.to_public() for r in services().state.list_watch_history(_int_arg("limit", 100, 1, 500))]})


@bp.endpoint_spec("/events", "GET", "The latest webhook deliveries", query={"limit": "1-200, default 50"},
                  response=items_of(WATCH_EVENT))
def events():
    return jsonify({"items": [e.to_public() for e in services().state.list_watch_events(_int_arg("limit", 50, 1, 200))]})


@bp.endpoint_spec("/what-if", "GET", "The decision a film would get now, for a user, without storing or doing anything",
                  query={"tmdb_id": "the film's TMDb id", "title": "its title (else Radarr's)", "user": "a Jellyfin user name",
                         "item_type": "Movie (default) or Episode", "completion": "share of this playback, 0-1"},
                  response=WHAT_IF)
def what_if():
    tmdb_id = _int_arg("tmdb_id", None, 1, 2**31)
    if tmdb_id is None:
        raise InvalidInput("tmdb_id is required: the TMDb id of the film to ask about")
    film = Film(title=request.args.get("title", ""), tmdb_id=tmdb_id, item_type=request.args.get("item_type") or "Movie")
    return jsonify(_service().what_if(film, user=request.args.get("user") or None, completion=_share()).to_public())


def _share() -> float | None:
    raw = request.args.get("completion")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise InvalidInput("completion must be a number from 0 to 1")
    return value


# --- rules ------------------------------------------------------------------------------------------
@bp.endpoint_spec("/rules", "GET", "The rules, highest priority first, with the facts and operators a condition may use",
                  response=shape(items=list_of(RULE), facts=dict[str, str], ops=list[str]))
def list_rules():
    return jsonify({"items": [r.to_public() for r in services().state.list_rules()], "facts": FACTS, "ops": list(OPS)})


@bp.endpoint_spec("/rules", "POST", "Add a rule", status=201, request=obj(("name", "condition", "action"), **RULE_BODY),
                  response=RULE)
def add_rule():
    body = read_json(required=("name", "condition", "action"), allowed=tuple(RULE_BODY))
    return jsonify(_service().add_rule(body).to_public()), 201


@bp.endpoint_spec("/rules/<int:rule_id>", "PATCH", "Change a rule", request=obj((), **RULE_BODY), response=RULE)
def update_rule(rule_id: int):
    return jsonify(_service().update_rule(rule_id, read_json(allowed=tuple(RULE_BODY))).to_public())


@bp.endpoint_spec("/rules/<int:rule_id>", "DELETE", "Delete a rule", status=204)
def delete_rule(rule_id: int):
    services().state.delete_rule(rule_id)
    return Response(status=204)


# --- overrides --------------------------------------------------------------------------------------
@bp.endpoint_spec("/overrides", "GET", "Films a person set to always keep or never download", response=items_of(OVERRIDE))
def list_overrides():
    return jsonify({"items": [o.to_public() for o in services().state.list_overrides()]})


@bp.endpoint_spec("/overrides/<int:tmdb_id>", "PUT", "Always keep or never download this film (by TMDb id)",
                  request=obj(("mode",), mode="string", title="string"), response=OVERRIDE)
def set_override(tmdb_id: int):
    body = read_json(required=("mode",), allowed=("title",))
    if body["mode"] not in OVERRIDE_MODES:
        raise InvalidInput(f"mode must be one of {', '.join(OVERRIDE_MODES)}")
    override = _service().set_override(tmdb_id, body["mode"], current_user().id, str(body.get("title") or ""))
    return jsonify(override.to_public())


@bp.endpoint_spec("/overrides/<int:tmdb_id>", "DELETE", "Remove a film's override", status=204)
def delete_override(tmdb_id: int):
    services().state.delete_override(f"tmdb:{tmdb_id}")
    return Response(status=204)


# --- clean-up, back-fill, Radarr ------------------------------------------------------------------
@bp.endpoint_spec("/leaving", "GET", "Kept films that nobody watches, listed before their deletion",
                  response=items_of(LEAVING))
def leaving():
    return jsonify({"items": [f.to_public() for f in services().state.list_leaving()]})


@bp.endpoint_spec("/cleanup", "POST", "Queue a clean-up run (dry_run defaults to the decisions.dry_run setting)",
                  status=202, also=(200,), request=obj((), dry_run="boolean"), response=ref("Job"))
def cleanup():
    body = read_json(allowed=("dry_run",))
    if "dry_run" in body and not isinstance(body["dry_run"], bool):
        raise InvalidInput("dry_run must be true or false")
    job, created = services().jobs.enqueue(KEEP_CLEANUP, CleanupPayload(body.get("dry_run")), idempotency_key="keep-cleanup",
                                           created_by=current_user().id)
    return jsonify(job.to_public()), (202 if created else 200)


@bp.endpoint_spec("/backfill", "POST", "Queue a history back-fill from Jellystat or Jellyfin's PlayCount",
                  status=202, also=(200,), request=obj(("source",), source="string"), response=ref("Job"))
def backfill():
    body = read_json(required=("source",))
    if body["source"] not in BACKFILL_SOURCES:
        raise InvalidInput(f"source must be one of {', '.join(BACKFILL_SOURCES)}")
    job, created = services().jobs.enqueue(WATCH_BACKFILL, BackfillPayload(body["source"]),
                                           idempotency_key=f"watch-backfill:{body['source']}", created_by=current_user().id)
    return jsonify(job.to_public()), (202 if created else 200)


@bp.endpoint_spec("/radarr/test", "POST", "Test the Radarr connection: its version, quality profiles and root folders",
                  auth="admin", response=shape(version=str, quality_profiles=list_of(shape(id=int, name=str)),
                                               root_folders=list_of(shape(id=int | None, path=str, free_space=int | None))))
def test_radarr():
    return jsonify(_service().test_radarr())


@bp.endpoint_spec("/settings", "GET", "The decisions settings (secrets only as set or not)", auth="admin",
                  response=type_schema(dict[str, Any]))
def settings():
    return jsonify(_service().public_settings())
