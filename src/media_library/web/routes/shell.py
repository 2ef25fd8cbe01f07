"""The browser app: built files from ``web/static/app`` (Vite output), ``index.html`` for every
other non-API path so client-side routing works, and a plain page when the app is not built.
Public (it is static); the API behind it does the checking. Its catch-all never matches ``/api``
or ``/socket.io`` paths (``AppPathConverter``), so an unknown API path answers 404 for every
method and a wrong method on an API route answers 405 whose ``Allow`` lists that route's methods only."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

APP_DIR = Path(__file__).resolve().parent.parent / "static" / "app"
NOT_BUILT = ("The Media Library web app is not built yet.\n\n"
             "Run scripts/setup.sh (or: npm --prefix frontend ci && npm --prefix frontend run build),\n"
             "then reload this page. The API under /api works without it.\n")
IMMUTABLE = "public, max-age=31536000, immutable"

bp = Blueprint("shell", __name__)


class AppPathConverter(PathConverter):
    """A path of the browser app: anything but ``api``, ``api/…`` and ``socket.io…``."""

    regex = r"(?!api(?:/|$)|socket\.io)[^/].*?"


@bp.record_once
def _register_converter(state) -> None:  # runs before the rules below are added
    state.app.url_map.converters["app_path"] = AppPathConverter


def _index() -> Response:
    index = APP_DIR / "index.html"
    if not index.is_file():
        return Response(NOT_BUILT, status=503, mimetype="text/plain")
    # Small and changes on every build: read it whole, never cache it.
    return Response(index.read_bytes(), mimetype="text/html", headers={"Cache-Control": "no-cache"})


@bp.route("/", methods=["GET", "HEAD"])
def index():
    return _index()


@bp.route("/<app_path:path>", methods=["GET", "HEAD"])
def app_path(path: str):
    if path == "api" or path.startswith(("api/", "socket.io")):
        abort(404)
    found = safe_join(str(APP_DIR), path)
    if found is None or "\x00" in path:
        abort(404)
    if Path(found).is_file():
        response = send_from_directory(APP_DIR, path)
        if path.startswith("assets/"):  # Vite names these by content hash
            response.headers["Cache-Control"] = IMMUTABLE
        return response
    if path.startswith("assets/"):
        abort(404)
    return _index()
