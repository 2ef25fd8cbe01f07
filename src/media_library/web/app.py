"""``create_app(runtime)``: the Flask app with Socket.IO, one blueprint per domain.

Adding a core feature's API is one line in ``BLUEPRINTS`` (an ``ApiBlueprint`` whose routes
declare their access rule with ``endpoint_spec``); a source's blueprints come from its
declaration (``Source.routes``). Routes reach the process's services through one accessor,
``web.auth.services()`` (``runtime.services``); ``app.extensions["media_library"]`` holds only
what is the web's own (``WebContext``: route specs, the setup gate, Socket.IO connections).
The order of the hooks matters: body limits and CORS preflight first, then the access check;
the security headers wrap the whole WSGI app last, so static files and errors get them too.
``web/asgi.py`` mounts this app beside the Socket.IO server (``app.extensions["socketio"]``, a
``SocketHub``) for ``web/server.py``; tests call it directly.
"""

from __future__ import annotations

import logging
import secrets

from flask import Blueprint, Flask

from ..runtime import Runtime
from .auth import WebContext, init_auth
from .errors import init_errors
from .openapi import collect_specs
from .paths import init_paths
from .routes import activity as activity_routes
from .routes import auth, health, jobs, library, setup, shell, stream, strm, tokens, users
from .routes import browse as browse_routes
from .routes import collections as collection_routes
from .routes import openapi as openapi_routes
from .routes import playback as playback_routes
from .routes import player as player_routes
from .routes import service_keys as service_key_routes
from .routes import subtitles as subtitle_routes
from .security import init_security, wrap_headers
from .socketio import init_socketio
from .stream_grants import init_stream_grants

log = logging.getLogger(__name__)

BLUEPRINTS = [  # the core's; a source's come from its Source.routes (media_library/sources)
    health.bp, setup.bp, auth.bp, users.bp, tokens.bp, jobs.bp, stream.bp, library.bp,
    strm.bp,
    openapi_routes.bp,
]
BLUEPRINTS += [browse_routes.bp, playback_routes.bp, collection_routes.bp, subtitle_routes.bp, player_routes.bp]
BLUEPRINTS += [activity_routes.bp]
BLUEPRINTS += [service_key_routes.bp]


def blueprints(runtime: Runtime) -> list[Blueprint]:
    """The core blueprints, then every registered source's (``Source.routes``)."""
    return list(dict.fromkeys([*BLUEPRINTS, *runtime.source_blueprints()]))


def token_area_names(runtime: Runtime) -> list[str]:
    """Token scopes besides ``all`` and ``read``: the blueprints created with ``token_area=True``."""
    return sorted({bp.name for bp in blueprints(runtime) if getattr(bp, "token_area", False)})


def create_app(runtime: Runtime, *, extra_blueprints=()) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(SECRET_KEY=secrets.token_hex(32), JSON_SORT_KEYS=False, PROPAGATE_EXCEPTIONS=False)
    app.json.sort_keys = False
    init_errors(app)
    init_security(app, runtime.settings)
    init_auth(app)
    init_paths(app, runtime.settings)
    init_stream_grants(app, runtime.settings)
    for blueprint in dict.fromkeys([*blueprints(runtime), *extra_blueprints]):  # a test may pass one again
        app.register_blueprint(blueprint)
    app.register_blueprint(shell.bp)  # last: its catch-all must not shadow anything
    socketio, connections = init_socketio(app, runtime.settings, runtime.bus)
    context = WebContext(runtime=runtime, services=runtime.services, specs=collect_specs(app), connections=connections,
                         setup_code=runtime.settings.auth.setup_code or _new_setup_code())
    app.extensions["media_library"] = context
    app.extensions["socketio"] = socketio
    wrap_headers(app, runtime.settings)
    _announce_setup_code(context)
    return app


def _new_setup_code() -> str:
    raw = secrets.token_hex(6)
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _announce_setup_code(context: WebContext) -> None:
    """Print the code once while setup is pending. "Setup code: …" matches no redaction pattern,
    and a generated code is not a configured secret, so it reaches the operator's log."""
    if context.services.state.count_users() > 0:
        context.setup_done = True
    elif not context.services.settings.auth.setup_code:
        log.warning("Setup code: %s  (needed once, on the setup page, to create the first admin)", context.setup_code)
    else:
        log.warning("Setup is pending: create the first admin with the setup code from auth.setup_code")
