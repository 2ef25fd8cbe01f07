"""``create_app(runtime)``: the Flask app with Socket.IO, one blueprint per domain.

Adding a feature's API is one line in ``BLUEPRINTS`` (an ``ApiBlueprint`` whose routes declare
their access rule with ``endpoint_spec``). The order of the hooks matters: body limits and CORS
preflight first, then the access check; the security headers wrap the whole WSGI app last, so
static files and errors get them too. ``web/asgi.py`` mounts this app beside the Socket.IO server
(``app.extensions["socketio"]``, a ``SocketHub``) for ``web/server.py``; tests call it directly.
"""

from __future__ import annotations

import logging
import secrets
from types import SimpleNamespace

from flask import Flask

from ..runtime import Runtime
from ..services.auth import AccountService, Passwords
from ..services.sessions import SessionService
from ..services.streaming import StreamService
from ..services.throttle import LoginThrottle
from ..services.tokens import TokenService
from .auth import init_auth
from .errors import init_errors
from .openapi import collect_specs, token_areas
from .routes import auth, discs, health, jobs, library, setup, shell, stream, strm, tokens, users
from .routes import browse as browse_routes
from .routes import collections as collection_routes
from .routes import openapi as openapi_routes
from .routes import playback as playback_routes
from .routes import subtitles as subtitle_routes
from .security import init_security, wrap_headers
from .socketio import init_socketio

log = logging.getLogger(__name__)

BLUEPRINTS = [
    health.bp, setup.bp, auth.bp, users.bp, tokens.bp, jobs.bp, stream.bp, library.bp,
    discs.bp, discs.monitor_bp, strm.bp,
    openapi_routes.bp,
]
BLUEPRINTS += [browse_routes.bp, playback_routes.bp, collection_routes.bp, subtitle_routes.bp]  # issue 5


def create_app(runtime: Runtime, *, extra_blueprints=()) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(SECRET_KEY=secrets.token_hex(32), JSON_SORT_KEYS=False, PROPAGATE_EXCEPTIONS=False)
    app.json.sort_keys = False
    init_errors(app)
    init_security(app, runtime.settings)
    init_auth(app)
    for blueprint in dict.fromkeys([*BLUEPRINTS, *extra_blueprints]):  # a test may pass one again
        app.register_blueprint(blueprint)
    app.register_blueprint(shell.bp)  # last: its catch-all must not shadow anything
    context = _context(app, runtime)
    socketio, context.connections = init_socketio(app, runtime.settings, runtime.bus)
    app.extensions["socketio"] = socketio
    wrap_headers(app, runtime.settings)
    _announce_setup_code(context)
    return app


def _context(app: Flask, runtime: Runtime) -> SimpleNamespace:
    """The services the web layer uses, shared through ``runtime.services`` with other features."""
    s, services = runtime.settings, runtime.services
    if getattr(services, "passwords", None) is None:  # tests may hand in a cheaper hasher
        services.passwords = Passwords(s.auth.hash_workers)
    services.accounts = AccountService(runtime.state, services.passwords)
    services.sessions = SessionService(runtime.state, idle_seconds=s.auth.session_idle_minutes * 60,
                                       absolute_seconds=s.auth.session_absolute_hours * 3600)
    services.streaming = StreamService(runtime.state, [s.media_dir, s.uploads_dir])
    services.tokens = TokenService(runtime.state, areas=lambda: token_areas(app))
    context = SimpleNamespace(
        app=app, runtime=runtime, settings=s, state=runtime.state, passwords=services.passwords,
        accounts=services.accounts, sessions=services.sessions, tokens=services.tokens, streaming=services.streaming,
        throttle=LoginThrottle(s.auth.login_attempts_per_account, s.auth.login_attempts_per_address,
                               s.auth.login_window_seconds),
        specs=collect_specs(app), setup_done=False, setup_code=s.auth.setup_code or _new_setup_code(),
        connections=None,
    )
    app.extensions["media_library"] = context
    return context


def _new_setup_code() -> str:
    raw = secrets.token_hex(6)
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _announce_setup_code(context: SimpleNamespace) -> None:
    """Print the code once while setup is pending. "Setup code: …" matches no redaction pattern,
    and a generated code is not a configured secret, so it reaches the operator's log."""
    if context.state.count_users() > 0:
        context.setup_done = True
    elif not context.settings.auth.setup_code:
        log.warning("Setup code: %s  (needed once, on the setup page, to create the first admin)", context.setup_code)
    else:
        log.warning("Setup is pending: create the first admin with the setup code from auth.setup_code")
