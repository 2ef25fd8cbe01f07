"""Resume positions and watched state of the signed-in user (no user id in any URL, so nobody reaches another person's)."""

from __future__ import annotations

from flask import jsonify

from ..auth import current_user
from ..openapi import ApiBlueprint, obj
from ..schemas import ref
from ..security import read_json
from .browse import service

bp = ApiBlueprint("playback", __name__, url_prefix="/api/media", token_area=True)
PLAYBACK = ref("Playback")


@bp.endpoint_spec("/<media_id>/playback", "GET", "Where you are in an item (and whether to offer resuming)",
                  response=PLAYBACK)
def get_playback(media_id: str):
    return jsonify(service("playback").get(current_user().id, media_id))


@bp.endpoint_spec("/<media_id>/playback", "PUT", "Save where you are (near the end counts as watched)",
                  auth="user", request=obj(("position_s",), position_s="number", duration_s=float | None), response=PLAYBACK)
def save_playback(media_id: str):
    body = read_json(required=("position_s",), allowed=("duration_s",))
    return jsonify(service("playback").save(current_user().id, media_id, body["position_s"], body.get("duration_s")))


@bp.endpoint_spec("/<media_id>/watched", "POST", "Mark an item watched or not watched, for you",
                  auth="user", request=obj(("watched",), watched="boolean"), response=PLAYBACK)
def set_watched(media_id: str):
    body = read_json(allowed=("watched",))
    return jsonify(service("playback").set_watched(current_user().id, media_id, body.get("watched", True)))
