"""Discs in the app (``/api/discs``) and monitor mode's side door (``/api/monitor``).

``discs``: list discs, correct the title or TV parameters during the confirmation window, search
again, confirm (``rip_again`` for a disc ripped before). ``monitor``: what a ``--mode monitor``
process calls with a token of scope ``monitor`` — announce a disc, read its confirmed choice,
report progress and the result. Every handler is thin: ``DiscService`` does the work.
"""

from __future__ import annotations

import re

from flask import jsonify

from ...errors import InvalidInput
from ...models.discs import DISC_KINDS
from ..auth import services
from ..openapi import ApiBlueprint, obj
from ..schemas import items_of, ref
from ..security import read_json

bp = ApiBlueprint("discs", __name__, url_prefix="/api/discs", token_area=True)
monitor_bp = ApiBlueprint("monitor", __name__, url_prefix="/api/monitor", token_area=True)
DISC = ref("Disc")
_KEY = re.compile(r"[A-Za-z0-9._-]{1,100}")


def _service():
    return services().discs


def _key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise InvalidInput("a disc key is 1-100 letters, digits, '.', '_' or '-'")
    return key


@bp.endpoint_spec("", "GET", "Discs seen, newest first", response=items_of(DISC))
def list_discs():
    return jsonify({"items": [d.to_public() for d in services().state.list_discs(limit=100)]})


@bp.endpoint_spec("/<int:disc_id>", "GET", "One disc", response=DISC)
def get_disc(disc_id: int):
    return jsonify(services().state.get_disc(disc_id).to_public())


@bp.endpoint_spec("/<int:disc_id>/plan", "GET", "The disc's titles (or CD tracks) and what the rip would make now",
                  response=ref("DiscPlan"))
def plan(disc_id: int):
    return jsonify(_service().plan(disc_id))


@bp.endpoint_spec("/<int:disc_id>/choice", "POST", "Correct the title, pick a match or set TV parameters (window open)",
                  request=obj(("choice",), choice="object"), response=DISC)
def update_choice(disc_id: int):
    body = read_json(required=("choice",))
    if not isinstance(body["choice"], dict):
        raise InvalidInput("choice must be an object")
    return jsonify(_service().update_choice(disc_id, body["choice"]).to_public())


@bp.endpoint_spec("/<int:disc_id>/search", "POST", "Search matches for another title",
                  request=obj(("title",), title="string"), response=DISC)
def search(disc_id: int):
    body = read_json(required=("title",))
    if not isinstance(body["title"], str):
        raise InvalidInput("title must be a string")
    return jsonify(_service().search(disc_id, body["title"]).to_public())


@bp.endpoint_spec("/<int:disc_id>/confirm", "POST", "Start the rip now (rip_again for a disc ripped before)",
                  request=obj(choice="object", rip_again="boolean"), response=DISC)
def confirm(disc_id: int):
    body = read_json(allowed=("choice", "rip_again"))
    choice = body.get("choice")
    if choice is not None and not isinstance(choice, dict):
        raise InvalidInput("choice must be an object")
    return jsonify(_service().confirm(disc_id, choice, rip_again=bool(body.get("rip_again"))).to_public())


@bp.endpoint_spec("/<int:disc_id>/hold", "POST", "Stop the countdown: nothing is ripped until confirmed",
                  request=obj(), response=DISC)
def hold(disc_id: int):
    read_json(allowed=())
    return jsonify(_service().hold(disc_id).to_public())


# --- monitor mode ----------------------------------------------------------------------------------
@monitor_bp.endpoint_spec("/discs", "POST", "A monitor announces a disc (idempotent on key)", status=201, tokens="only",
                          request=obj(("key", "fingerprint", "label", "kind"), key="string", fingerprint="string",
                                      label="string", kind="string"), response=DISC)
def announce():
    body = read_json(required=("key", "fingerprint", "label", "kind"))
    if body["kind"] not in DISC_KINDS or not all(isinstance(body[k], str) for k in ("fingerprint", "label")):
        raise InvalidInput(f"kind must be one of {', '.join(DISC_KINDS)}; fingerprint and label strings")
    disc = _service().announce(_key(body["key"]), body["fingerprint"][:128], body["label"][:256], body["kind"])
    return jsonify(disc.to_public()), 201


@monitor_bp.endpoint_spec("/discs/<key>", "GET", "The disc as the server sees it (status, confirmed choice)", tokens="only",
                          response=DISC)
def remote_disc(key: str):
    return jsonify(_service().remote_disc(_key(key)).to_public())


@monitor_bp.endpoint_spec("/discs/<key>/progress", "POST", "Progress of a rip running on the monitor", tokens="only",
                          request=obj(("percent",), percent="number", message="string"), response=DISC)
def remote_progress(key: str):
    body = read_json(required=("percent",), allowed=("message",))
    if not isinstance(body["percent"], (int, float)) or isinstance(body["percent"], bool):
        raise InvalidInput("percent must be a number")
    return jsonify(_service().remote_progress(_key(key), float(body["percent"]), str(body.get("message") or "")).to_public())


@monitor_bp.endpoint_spec("/discs/<key>/result", "POST", "Files the monitor staged under .incoming/, or its error",
                          tokens="only",
                          request=obj(("outputs",), outputs={"type": "array", "items": {"type": "object"}},
                                      choice="object", error="string"), response=DISC)
def remote_result(key: str):
    body = read_json(required=("outputs",), allowed=("choice", "error"))
    if body.get("error"):
        return jsonify(_service().remote_failed(_key(key), str(body["error"])).to_public())
    outputs, choice = body["outputs"], body.get("choice")
    if not isinstance(outputs, list) or not all(isinstance(o, dict) for o in outputs) or not outputs:
        raise InvalidInput("outputs must be a non-empty list of objects")
    if choice is not None and not isinstance(choice, dict):
        raise InvalidInput("choice must be an object")
    return jsonify(_service().accept_remote_result(_key(key), outputs, choice).to_public())
