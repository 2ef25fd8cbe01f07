"""Streaming library files (``GET``/``HEAD`` with single Ranges) and signed links for players.

The handler is thin: ``services.streaming`` chooses the file, checks it lies under a media root,
opens it (re-checking the opened descriptor) and parses the Range; this module turns that into
a response. Ranges are read in 1 MiB chunks with ``pread``; under uvicorn each chunk goes out on
the event loop while the next is read.
"""

from __future__ import annotations

import time

from flask import Response, jsonify, request

from ...errors import InvalidInput
from ...services.streaming import OpenFile, RangeBody, content_type, link_signature, plan_range
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import shape
from ..security import read_json
from ..stream_grants import grant_this_request

bp = ApiBlueprint("stream", __name__, url_prefix="/api/media", token_area=True)


def file_arg() -> int | None:
    raw = request.args.get("file")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise InvalidInput("file must be a file id")
    return int(raw)


@bp.endpoint_spec("/<media_id>/stream", ["GET", "HEAD"], "Stream a file of an item (single Range requests)",
                  query_credentials=True, media_type="application/octet-stream",
                  query={"file": "file id (default: the item's first file)", "token": "stream-only token (STRM)",
                         "uid": "signed link", "exp": "signed link", "sig": "signed link"})
def stream(media_id: str):
    c = services()
    _item, media_file = c.streaming.choose_file(current_user(), media_id, file_arg())
    opened = c.streaming.open(media_file)
    try:
        response = _respond(opened, media_file.path)
        grant_this_request(media_id, opened.path, response.headers["Content-Type"])
        return response
    except BaseException:
        opened.close()
        raise


def _respond(opened: OpenFile, path: str) -> Response:
    plan = plan_range(opened, request.headers.get("Range"), request.headers.get("If-Range"),
                      request.headers.get("If-None-Match"))
    if plan.status == 304:
        opened.close()
        return Response(status=304, headers=plan.headers)
    response = Response(RangeBody(opened, plan.start, plan.length), status=plan.status, headers=plan.headers,
                        mimetype=content_type(path), direct_passthrough=True)
    response.content_length = plan.length
    response.call_on_close(opened.close)
    return response


@bp.endpoint_spec("/<media_id>/stream-link", "POST", "A signed, expiring stream URL for an external player",
                  auth="user", status=201, request=obj(file_id="integer"), response=shape(url=str, expires_at=float))
def stream_link(media_id: str):
    body = read_json(allowed=("file_id",)) if request.content_length else {}
    c, user = services(), current_user()
    file_id = body.get("file_id")
    if file_id is not None and (not isinstance(file_id, int) or isinstance(file_id, bool)):
        raise InvalidInput("file_id must be a file id")
    _item, media_file = c.streaming.choose_file(user, media_id, file_id)
    expires = int(time.time() + c.settings.auth.stream_link_minutes * 60)
    file_part = file_id if file_id is not None else None
    sig = link_signature(c.streaming.link_secret(), media_id, file_part, user.id, expires)
    query = (f"file={file_part}&" if file_part is not None else "") + f"uid={user.id}&exp={expires}&sig={sig}"
    url = f"{c.settings.server.public_base_url.rstrip('/')}/api/media/{media_id}/stream?{query}"
    return jsonify({"url": url, "expires_at": expires}), 201
