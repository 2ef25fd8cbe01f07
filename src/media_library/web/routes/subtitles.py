"""Sidecar subtitles of an item's file, listed and served as WebVTT for the player's <track>."""

from __future__ import annotations

from flask import Response, jsonify

from ..openapi import ApiBlueprint
from ..schemas import items_of, ref
from .browse import service

bp = ApiBlueprint("subtitles", __name__, url_prefix="/api/media", token_area=True)


@bp.endpoint_spec("/<media_id>/subtitles", "GET", "The sidecar subtitles (.srt/.vtt) next to an item's file",
                  response=items_of(ref("Subtitle")))
def list_subtitles(media_id: str):
    return jsonify({"items": [s.to_public(media_id) for s in service("subtitles").list(media_id)]})


@bp.endpoint_spec("/<media_id>/subtitles/<int:index>.vtt", "GET", "One sidecar subtitle converted to WebVTT",
                  media_type="text/vtt")
def get_subtitle(media_id: str, index: int):
    response = Response(service("subtitles").vtt(media_id, index), mimetype="text/vtt")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
