"""Request hardening that does not depend on who is asking: response headers on everything,
the CORS allow-list, body-size limits checked before a body is read, JSON-only bodies parsed
strictly, and the client address and scheme as seen through trusted proxies only.

Who may do what lives in ``web/auth.py``. Proxy headers (``X-Forwarded-For``,
``CF-Connecting-IP``, ``X-Forwarded-Proto``) are believed only when the TCP peer is listed in
``server.trusted_proxies``; 127.0.0.1 is never trusted implicitly (cloudflared connects from it).
"""

from __future__ import annotations

import ipaddress
import json
import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request, Response, current_app, request

from ..config import Settings
from ..errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
       "media-src 'self' blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
BASE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MIB = 1024 * 1024


# --- proxies, addresses, origins -----------------------------------------------------------
@lru_cache(maxsize=32)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted if entry.strip())


def peer_is_trusted(peer: str | None, trusted: Iterable[str]) -> bool:
    try:
        address = ipaddress.ip_address((peer or "").strip())
    except ValueError:
        return False
    return any(address in network for network in _networks(tuple(trusted)))


def client_address(environ: dict, trusted: Iterable[str]) -> str:
    """The real client: the TCP peer, or what a trusted proxy says about the client."""
    trusted = tuple(trusted)
    peer = environ.get("REMOTE_ADDR") or ""
    if not peer_is_trusted(peer, trusted):
        return peer
    cf = (environ.get("HTTP_CF_CONNECTING_IP") or "").strip()
    if cf and _valid_ip(cf):
        return cf
    hops = [h.strip() for h in (environ.get("HTTP_X_FORWARDED_FOR") or "").split(",") if h.strip()]
    for hop in reversed(hops):  # the rightmost address not itself a trusted proxy
        if not _valid_ip(hop):
            break
        if not peer_is_trusted(hop, trusted):
            return hop
    return peer


def _valid_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def is_https(environ: dict, trusted: Iterable[str]) -> bool:
    if environ.get("wsgi.url_scheme") == "https":
        return True
    proto = (environ.get("HTTP_X_FORWARDED_PROTO") or "").split(",")[0].strip().lower()
    return proto == "https" and peer_is_trusted(environ.get("REMOTE_ADDR"), trusted)


def environ_view(scope) -> dict:
    """The few WSGI environ keys ``is_https`` reads, from an ASGI scope."""
    client = scope.get("client") or ("", 0)
    environ = {"REMOTE_ADDR": client[0] or "",
               "wsgi.url_scheme": "https" if scope.get("scheme") in ("https", "wss") else "http"}
    for name, value in scope.get("headers") or ():
        if name == b"x-forwarded-proto":
            environ["HTTP_X_FORWARDED_PROTO"] = value.decode("latin-1")
    return environ


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def origin_allowed(origin: str | None, environ: dict, settings: Settings) -> bool:
    """Same origin (our Host, or ``server.public_base_url``) or an exact allow-list entry."""
    if not origin or origin == "null":
        return False
    origin = origin.lower()
    if origin in {o.lower().rstrip("/") for o in settings.server.cors_allowed_origins}:
        return True
    if settings.server.public_base_url and origin == origin_of(settings.server.public_base_url):
        return True
    parts = urlsplit(origin)
    host = (environ.get("HTTP_HOST") or "").lower()
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc == host


def request_origin(req: Request) -> str | None:
    """The Origin header, or the origin of the Referer when a browser left Origin out."""
    if "Origin" in req.headers:
        return req.headers["Origin"] or "null"
    referer = req.headers.get("Referer")
    return (origin_of(referer) or "null") if referer else None


# --- headers on every response (a WSGI wrapper here, an ASGI one in web/asgi.py for Socket.IO) --
def missing_headers(present: set[str], *, https: bool, is_api: bool) -> list[tuple[str, str]]:
    """The security headers a response with headers ``present`` (lower-case names) still needs."""
    extra = [(k, v) for k, v in BASE_HEADERS.items() if k.lower() not in present]
    if https:
        extra.append(("Strict-Transport-Security", HSTS))
    if is_api and "cache-control" not in present:
        extra.append(("Cache-Control", "no-store"))
    return extra


class SecurityHeaders:
    def __init__(self, wsgi_app, settings: Settings):
        self.wsgi_app, self.settings = wsgi_app, settings

    def __call__(self, environ, start_response):
        https = is_https(environ, self.settings.server.trusted_proxies)
        is_api = (environ.get("PATH_INFO") or "").startswith("/api/")

        def start(status, headers, exc_info=None):
            extra = missing_headers({name.lower() for name, _ in headers}, https=https, is_api=is_api)
            return start_response(status, list(headers) + extra, exc_info)

        return self.wsgi_app(environ, start)


# --- body size and type --------------------------------------------------------------------
def upload_route(view):
    """Mark a view as an upload: its body limit is ``server.max_upload_mb`` and any type is accepted."""
    view.ml_upload = True
    return view


def json_as_text(view):
    """Mark a view that also takes its JSON as ``text/plain`` (what Jellyfin's webhook plugin sends)."""
    view.ml_json_as_text = True
    return view


def _view_is_upload() -> bool:
    return _view_flag("ml_upload")


def _view_flag(name: str) -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, name, False))


def check_body(settings: Settings) -> None:
    """Refuse an oversized body from its Content-Length before reading a byte of it."""
    upload = _view_is_upload()
    limit = (settings.server.max_upload_mb if upload else settings.server.max_request_mb) * MIB
    request.max_content_length = limit  # also stops a chunked body while it is read
    length = request.content_length
    if length is not None and length > limit:
        raise PayloadTooLarge(f"the request body is larger than the {math.ceil(limit / MIB)} MiB this server accepts")
    if request.method in UNSAFE_METHODS and request.path.startswith("/api/") and not upload and _has_body():
        if request.mimetype != "application/json" and not (request.mimetype == "text/plain" and _view_flag("ml_json_as_text")):
            raise UnsupportedMediaType("send the request body as JSON with Content-Type: application/json")


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in (request.headers.get("Transfer-Encoding") or "").lower()


def query_number(name: str, default, low: float, high: float, kind: type = int):
    """The query parameter ``name`` as a number (``kind``) within ``low``..``high``; ``default`` when absent."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a {'whole number' if kind is int else 'number'}") from exc
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}")
    return value


def read_json(*, allowed: Iterable[str] = (), required: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON object body, parsed strictly: no duplicate keys, NaN, deep nesting or unknown fields."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType("send the request body as JSON with Content-Type: application/json")
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw or b"{}", object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except RecursionError as exc:
        raise InvalidInput("the JSON body is nested too deeply") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"the body is not valid JSON: {str(exc)[:120]}") from exc
    if not isinstance(body, dict):
        raise InvalidInput("the JSON body must be an object")
    unknown = set(body) - set(allowed) - set(required)
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(sorted(unknown))}")
    missing = [name for name in required if body.get(name) in (None, "")]
    if missing:
        raise InvalidInput(f"missing field(s): {', '.join(missing)}")
    return body


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate keys")
    return dict(pairs)


def _no_constants(name):
    raise ValueError(f"{name} is not allowed")


# --- CORS ----------------------------------------------------------------------------------
def _cors_origin(settings: Settings) -> str | None:
    origin = request.headers.get("Origin")
    allowed = {o.rstrip("/") for o in settings.server.cors_allowed_origins}
    return origin if origin and origin in allowed else None


def cors_preflight(settings: Settings) -> Response | None:
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        return None
    response = Response(status=204)
    if _cors_origin(settings):
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT, PATCH, DELETE"
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, X-CSRF-Token, Range"
        response.headers["Access-Control-Max-Age"] = "600"
    return response


def add_cors(response: Response, settings: Settings) -> Response:
    origin = _cors_origin(settings)
    response.vary.add("Origin")
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Access-Control-Expose-Headers"] = "Content-Range, Content-Length, Accept-Ranges, Retry-After"
    return response


def init_security(app: Flask, settings: Settings) -> None:
    """Register the hooks; call before the auth hooks so a too-large body is refused first."""
    app.config["MAX_CONTENT_LENGTH"] = settings.server.max_request_mb * MIB

    @app.before_request
    def _security_checks():
        check_body(settings)
        return cors_preflight(settings)

    @app.after_request
    def _cors(response):
        return add_cors(response, settings) if request.path.startswith("/api/") else response


def wrap_headers(app: Flask, settings: Settings) -> None:
    """Wrap the outermost WSGI app (after Socket.IO's middleware) so every response gets headers."""
    app.wsgi_app = SecurityHeaders(app.wsgi_app, settings)
