"""Serving the app in production: uvicorn, one process, one event loop, one port.

``web/asgi.py`` composes the app (Socket.IO on the loop, Flask on a thread pool); this module
runs it under uvicorn with the guarded protocols of ``web/protocol.py`` (connection ceilings,
header/body read timeouts), the keep-alive timeout from ``server.keepalive_timeout_seconds``, and
proxy headers left to the app (``server.trusted_proxies`` is judged in ``web/security.py``).
Why uvicorn and not gunicorn gthread: see docs/ARCHITECTURE.md ("Web server").

Shutdown: SIGTERM or SIGINT make uvicorn stop accepting, close every idle connection and WebSocket
(with a close frame), give running requests ``SHUTDOWN_SECONDS``, and return; the caller then
stops the runtime. Signals after that are ignored, so a second SIGTERM cannot cut it short.
"""

from __future__ import annotations

import gc
import logging
import resource
import signal

import uvicorn
from flask import Flask

from ..config import Settings
from .asgi import build_asgi
from .protocol import ConnectionLimits, GuardedConfig
from .socketio import MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)
SHUTDOWN_SECONDS = 1  # then runtime.stop() has server.shutdown_grace_seconds (8 s): exit within 10 s
SPARE_FILES = 256  # the database, logs, media files being streamed, child processes' pipes


def build_server(app: Flask, settings: Settings, *, host: str, port: int) -> uvicorn.Server:
    """A uvicorn server for ``create_app(runtime)``'s app; ``run()`` it, or set ``should_exit``."""
    server = settings.server
    config = GuardedConfig(
        build_asgi(app), limits=ConnectionLimits.from_settings(server), host=host, port=port,
        lifespan="on", proxy_headers=False, server_header=False, access_log=False, log_config=None,
        timeout_keep_alive=server.keepalive_timeout_seconds, timeout_graceful_shutdown=SHUTDOWN_SECONDS,
        backlog=min(server.max_connections, 4096), ws_max_size=2 * MAX_MESSAGE_BYTES,
        ws_ping_interval=None, ws_ping_timeout=None,  # Engine.IO pings every socket itself
        ws_per_message_deflate=False,  # per-socket zlib state and compressing each event once per socket
    )
    return uvicorn.Server(config)


def raise_open_file_limit(wanted: int) -> int:
    """Raise the soft RLIMIT_NOFILE towards the hard limit until ``wanted`` descriptors fit; the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        soft = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    if soft != resource.RLIM_INFINITY and soft < wanted:
        log.warning("only %d files may be open, fewer than server.max_connections needs; raise the hard limit "
                    "(ulimit -Hn) or lower server.max_connections", soft)
    return soft


def freeze_startup_heap() -> None:
    """Take what start-up built (modules, the app, the runtime: ~160,000 objects) out of the cycle
    collector's sight. Every full collection walked all of it: 60–85 ms with the GIL held, about
    once a second under 50 clients, which stalled every request in flight (bench/web.py: health p99
    95 ms with a p50 of 17 ms; 42 ms once frozen). Nothing is freed later by a frozen object's
    collection, since start-up objects live as long as the process."""
    gc.collect()
    gc.freeze()


def serve(app: Flask, settings: Settings) -> None:
    """Run until SIGTERM/SIGINT, then return (the caller stops the runtime)."""
    raise_open_file_limit(settings.server.max_connections + SPARE_FILES)  # a descriptor per connection
    for sig in (signal.SIGTERM, signal.SIGINT):  # uvicorn handles them while it runs, then re-raises them
        signal.signal(sig, signal.SIG_IGN)
    log.info("Listening on http://%s:%s", settings.server.host, settings.server.port)
    freeze_startup_heap()
    build_server(app, settings, host=settings.server.host, port=settings.server.port).run()
