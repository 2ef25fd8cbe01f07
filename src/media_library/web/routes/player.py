"""The player's routes: how a file plays in this browser (``POST /api/media/<id>/play``), the HLS
playlist and segments of a remux or transcode (``/api/transcode/<session>/…``), ending a session
when the viewer leaves, and embedded text subtitles as WebVTT.

Every route needs the signed-in user; a session is readable only by the user who opened it.
"""

from __future__ import annotations

from flask import Response, jsonify

from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import ref
from ..security import read_json
from .stream import file_arg

bp = ApiBlueprint("player", __name__, url_prefix="/api", token_area=True)
CAPABILITIES = obj((), containers=list[str], video=list[str], audio=list[str])


def _player():
    return services().player


@bp.endpoint_spec("/media/<media_id>/play", "POST", "How this browser plays a file: direct, or remuxed/transcoded to HLS (with why)",
                  auth="user", response=ref("PlayPlan"),
                  request=obj((), file_id=int | None, capabilities=CAPABILITIES, audio=int | None, burn_subtitle=int | None,
                              at=float | None))
def play(media_id: str):
    body = read_json(allowed=("file_id", "capabilities", "audio", "burn_subtitle", "at"))
    return jsonify(_player().play(current_user(), media_id, body))


@bp.endpoint_spec("/transcode/<session_id>/index.m3u8", "GET", "The HLS playlist of a playback session (the whole file, VOD)",
                  media_type="application/vnd.apple.mpegurl")
def hls_playlist(session_id: str):
    response = Response(_player().playlist(current_user(), session_id), mimetype="application/vnd.apple.mpegurl")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.endpoint_spec("/transcode/<session_id>/<int:index>.ts", "GET", "One MPEG-TS segment (waits while ffmpeg writes it)",
                  media_type="video/mp2t")
def hls_segment(session_id: str, index: int):
    path = _player().segment(current_user(), session_id, index)
    response = Response(path.read_bytes(), mimetype="video/mp2t")  # a few MiB: 4 s of video
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.endpoint_spec("/transcode/<session_id>", "DELETE", "End a playback session: ffmpeg stops and its segments are removed",
                  auth="user")
def end_session(session_id: str):
    _player().stop(current_user(), session_id)
    return Response(status=204)


@bp.endpoint_spec("/media/<media_id>/subtitles/embedded/<int:index>.vtt", "GET",
                  "An embedded text subtitle stream of a file, as WebVTT", media_type="text/vtt",
                  query={"file": "file id (default: the item's first file)"})
def embedded_subtitle(media_id: str, index: int):
    text = _player().embedded_vtt(current_user(), media_id, file_arg(), index)
    response = Response(text, mimetype="text/vtt")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
