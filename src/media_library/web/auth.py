"""Who is asking, and may they: sessions (cookie + CSRF), API tokens, stream links; the first-run
gate; the access rule of every ``/api`` route, read from its RouteSpec (``web/openapi.py``).

One ``before_request`` hook enforces everything, so a new route cannot forget a check: a route
without a spec needs a login. Handlers read the caller with ``current_identity()`` /
``current_user()``. Passwords and session ids are handled by ``services``; this module only
moves them between HTTP and the services. Credentials are never accepted in a URL, except a
``stream``-scoped token or a signed link on routes marked ``query_credentials``.
"""

from __future__ import annotations

import base64
import hmac
import time
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, g, request

from ..errors import Forbidden, InvalidInput, MediaLibraryError, Unauthorized
from ..models import ApiToken, Session, User
from ..services.api_tokens import scope_allows
from ..services.container import Services
from ..services.streaming import link_valid
from .openapi import RouteSpec
from .security import UNSAFE_METHODS, client_address, is_https, origin_allowed, request_origin

COOKIE = "ml_session"
SECURE_COOKIE = "__Host-ml_session"
CSRF_HEADER = "X-CSRF-Token"
URL_CREDENTIAL_PARAMS = ("token", "api_key", "apikey", "access_token", "password")
_DEFAULT_SPEC = RouteSpec(rule="", methods=(), summary="", auth="user")
_PUBLIC_SPEC = RouteSpec(rule="", methods=(), summary="", auth="public", before_setup=True)


class SetupRequired(MediaLibraryError):
    status = 503

    def __init__(self):
        super().__init__("finish setup first: create the first admin with POST /api/setup (the setup page)")


@dataclass(frozen=True)
class Identity:
    kind: str  # session | token | link
    user: User
    session: Session | None = None
    token: ApiToken | None = None
    raw_session_id: str | None = None

    @property
    def scope(self) -> str:
        return self.token.scope if self.token else "all"


@dataclass
class WebContext:
    """What is the web app's own (built in ``create_app``): the route specs, the setup gate and
    the Socket.IO connections. The services are the runtime's, reached through ``services()``."""

    runtime: Any  # the Runtime (health, uptime); typed loosely: web sits below the composition root
    services: Services
    specs: dict[str, RouteSpec]
    connections: Any  # socketio.Connections
    setup_code: str
    setup_done: bool = False


def ctx() -> WebContext:
    """The web app's own context (see ``WebContext``)."""
    return current_app.extensions["media_library"]


def services() -> Services:
    """The process's services (``runtime.services``): the one way routes reach a use case."""
    return current_app.extensions["media_library"].services


def current_identity() -> Identity | None:
    return g.get("identity")


def current_user() -> User:
    identity = current_identity()
    if identity is None:
        raise Unauthorized("log in first")
    return identity.user


def caller_address() -> str:
    return client_address(request.environ, services().settings.server.trusted_proxies)


def request_is_https() -> bool:
    return is_https(request.environ, services().settings.server.trusted_proxies)


# --- first run ---------------------------------------------------------------------------------
def needs_setup() -> bool:
    c = ctx()
    if not c.setup_done and c.services.state.count_users() > 0:
        c.setup_done = True  # users can never drop back to zero (the last admin cannot be deleted)
    return not c.setup_done


# --- cookies -----------------------------------------------------------------------------------
def cookie_name() -> str:
    return SECURE_COOKIE if request_is_https() else COOKIE


def set_session_cookie(response: Response, raw_id: str) -> None:
    https = request_is_https()
    response.set_cookie(SECURE_COOKIE if https else COOKIE, raw_id, max_age=int(services().sessions.absolute_seconds),
                        path="/", secure=https, httponly=True, samesite="Lax")


def clear_session_cookie(response: Response) -> None:
    https = request_is_https()
    response.delete_cookie(SECURE_COOKIE if https else COOKIE, path="/", secure=https, httponly=True, samesite="Lax")


# --- resolving the caller ----------------------------------------------------------------------
def identity_from_bearer(header: str, *, any_username: bool = False) -> Identity:
    """``Bearer <token>``, or ``Basic`` with the user name and an API token as password (what
    phone podcast apps can send, for the podcast feeds and gPodder sync). With ``any_username``
    (routes for e-reader apps that insist on asking a user name) the token alone names the user."""
    scheme, _, secret = header.partition(" ")
    username = None
    if scheme.lower() == "basic":
        username, secret = _basic_credentials(secret)
    elif scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("send an API token as 'Authorization: Bearer <token>'")
    if any_username:
        username = None
    found = services().tokens.resolve(secret.strip())
    if found is None or (username is not None and username.lower() != found[1].username.lower()):
        raise Unauthorized("that API token is not valid (revoked, or its user is disabled)")
    return Identity("token", found[1], token=found[0])


def _basic_credentials(encoded: str) -> tuple[str, str]:
    try:
        username, colon, password = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        username, colon, password = "", "", ""
    if not colon or not password:
        raise Unauthorized("send HTTP Basic as your user name and an API token as the password")
    return username, password


def identity_from_cookie(raw_id: str | None) -> Identity | None:
    found = services().sessions.resolve(raw_id)
    if found is None:
        return None
    return Identity("session", found[1], session=found[0], raw_session_id=raw_id)


def identity_from_query(spec: RouteSpec) -> Identity | None:
    """A ``stream``-scoped token in ``?token=`` (or one of the route's own scope, for routes only
    such a token may call: ``tokens="only"``), or a signed link (``uid``, ``exp``, ``sig``)."""
    if request.args.get("token"):
        found = services().tokens.resolve(request.args["token"])
        own = spec.area if spec.tokens == "only" else "stream"
        if found is None or found[0].scope not in ("stream", own):
            raise Unauthorized("only a valid stream-only token is accepted in a URL")
        return Identity("token", found[1], token=found[0])
    if request.args.get("sig"):
        return _identity_from_link()
    return None


def _identity_from_link() -> Identity:
    try:
        user_id, expires = int(request.args.get("uid", "")), int(request.args.get("exp", ""))
        file_id = int(request.args["file"]) if request.args.get("file") else None
    except ValueError as exc:
        raise Unauthorized("this stream link is malformed") from exc
    media_id = (request.view_args or {}).get("media_id", "")
    secret = services().streaming.link_secret()
    if not link_valid(secret, media_id, file_id, user_id, expires, request.args.get("sig", ""), time.time()):
        raise Unauthorized("this stream link has expired or is not valid; ask for a new one")
    user = services().state.get_user(user_id)
    if user.disabled:
        raise Unauthorized("this stream link has expired or is not valid; ask for a new one")
    return Identity("link", user)


def resolve_identity(spec: RouteSpec) -> Identity | None:
    header = request.headers.get("Authorization")
    if header:
        return identity_from_bearer(header, any_username=spec.basic_any_user)
    if spec.query_credentials:
        found = identity_from_query(spec)
        if found is not None:
            return found
    return identity_from_cookie(request.cookies.get(cookie_name()))


# --- the checks --------------------------------------------------------------------------------
def refuse_url_credentials(spec: RouteSpec) -> None:
    allowed = {"token", "sig"} if spec.query_credentials else set()
    for name in URL_CREDENTIAL_PARAMS:
        if name in request.args and name not in allowed:
            raise InvalidInput("credentials are never accepted in a URL; send an Authorization header")


def check_origin() -> None:
    """Unsafe browser requests must come from our own page (or an allow-listed origin)."""
    if request.headers.get("Sec-Fetch-Site", "").lower() == "cross-site":
        raise Forbidden("cross-site requests are refused")
    origin = request_origin(request)
    if origin is not None and not origin_allowed(origin, request.environ, services().settings):
        raise Forbidden("requests from other sites are refused")


def check_csrf(identity: Identity) -> None:
    check_origin()
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not hmac.compare_digest(sent, identity.session.csrf_token):
        raise Forbidden(f"missing or wrong {CSRF_HEADER} header; reload the page")


def check_only_token(identity: Identity, spec: RouteSpec) -> None:
    """Routes for one program (``tokens="only"``): its own token scope, never a session or another token."""
    if identity.kind != "token" or identity.scope != spec.area:
        raise Forbidden(f"only an API token of scope {spec.area!r} may use this route; "
                        "create one in Settings > API tokens for the program that calls it")


def check_token(identity: Identity, spec: RouteSpec) -> None:
    if spec.tokens == "never":
        raise Forbidden("API tokens cannot be used here; log in with a browser session")
    if spec.tokens == "scoped" and not scope_allows(identity.scope, request.method, spec.area):
        raise Forbidden(f"this token's scope ({identity.scope}) does not allow this request")


ROLE_REFUSALS = {
    "manager": "only a library manager or an admin may change the library; ask an admin to make you a manager",
    "admin": "only an admin may do this",
}


def check_role(user: User, level: str) -> None:
    """The role rule of a route (``RouteSpec.auth``): viewer < manager < admin."""
    if not user.may(level):
        raise Forbidden(ROLE_REFUSALS.get(level, f"only a {level} may do this"))


def authorize(spec: RouteSpec) -> None:
    refuse_url_credentials(spec)
    if not spec.before_setup and needs_setup():
        raise SetupRequired()
    if spec.auth == "public":
        if request.method in UNSAFE_METHODS:
            check_origin()
        g.identity = None
        return
    identity = resolve_identity(spec)
    if identity is None:
        raise Unauthorized("log in first")
    if spec.tokens == "only":
        check_only_token(identity, spec)
    elif identity.kind == "token":
        check_token(identity, spec)
    elif identity.kind == "session" and request.method in UNSAFE_METHODS:
        check_csrf(identity)
    check_role(identity.user, spec.auth)
    g.identity = identity


def spec_for_request(specs: dict[str, RouteSpec]) -> RouteSpec | None:
    if request.endpoint is None:  # no route matched: let routing answer 404/405
        return None
    spec = specs.get(request.endpoint)
    if spec is not None:
        return spec
    return _DEFAULT_SPEC if request.path.startswith("/api/") else _PUBLIC_SPEC


def init_auth(app: Flask) -> None:
    @app.before_request
    def _authorize():
        spec = spec_for_request(app.extensions["media_library"].specs)
        if spec is not None:
            authorize(spec)
