"""One JSON error shape for everything under ``/api``: ``{"error", "status", "message"}``.

Errors from ``errors.py`` carry their status; werkzeug's HTTP errors keep theirs; anything else
is a bug: logged with its traceback and answered 500 with a reference, never the trace itself.
Expected errors are logged without a traceback. A full disk (``OSError`` ENOSPC, SQLite's
"database or disk is full", however deep it was raised) is mapped here, in one place, to 507
``InsufficientStorage`` with a message saying what to free. Outside ``/api`` a plain-text page is answered.
"""

from __future__ import annotations

import logging
import secrets

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..errors import InsufficientStorage, MediaLibraryError, is_storage_full

log = logging.getLogger(__name__)

HTTP_NAMES = {
    400: "InvalidInput", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
    406: "NotAcceptable", 409: "Conflict", 411: "LengthRequired", 413: "PayloadTooLarge",
    414: "UriTooLong", 415: "UnsupportedMediaType", 416: "RangeNotSatisfiable", 429: "TooManyRequests",
    507: "InsufficientStorage",
}
HTTP_MESSAGES = {
    404: "there is nothing at this address; see /api/openapi.json for the routes",
    405: "this route does not accept that method",
    413: "the request body is larger than this server accepts",
}


def error_response(error: str, status: int, message: str, headers: dict | None = None) -> Response:
    if request.path.startswith("/api/") or request.path == "/api":
        response = jsonify({"error": error, "status": status, "message": message})
    else:
        response = Response(f"{status} {message}\n", mimetype="text/plain")
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _media_library_error(exc: MediaLibraryError) -> Response:
    if exc.expected and (exc.status < 500 or exc.status == 503):
        log.info("%s %s -> %s %s", request.method, request.path, exc.status, exc.message)
    elif exc.expected:
        log.warning("%s %s -> %s %s", request.method, request.path, exc.status, exc.message)
    else:
        log.error("%s %s failed", request.method, request.path, exc_info=exc)
    body = exc.to_dict()
    return error_response(body["error"], body["status"], body["message"], getattr(exc, "headers", None))


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    message = HTTP_MESSAGES.get(status) or (exc.description or exc.name)
    return error_response(HTTP_NAMES.get(status, exc.name.replace(" ", "")), status, message, headers)


def _bug(exc: Exception) -> Response:
    if is_storage_full(exc):  # the one place a full disk becomes an answer: 507, never a 500
        return _media_library_error(InsufficientStorage())
    reference = secrets.token_hex(4)
    log.error("Unhandled error on %s %s (reference %s)", request.method, request.path, reference, exc_info=exc)
    return error_response("InternalError", 500,
                          f"something went wrong on the server; the log has the details (reference {reference})")


def init_errors(app: Flask) -> None:
    app.register_error_handler(MediaLibraryError, _media_library_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _bug)
