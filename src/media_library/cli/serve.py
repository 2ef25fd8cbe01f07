"""``media-library serve --mode full|server|worker|monitor``: run the daemon."""

from __future__ import annotations

import logging
import signal
import threading

from ..logs import setup_logging
from ..runtime import MODES, WEB_MODES, Runtime

log = logging.getLogger(__name__)


def add_parser(commands) -> None:
    parser = commands.add_parser("serve", help="run the daemon")
    parser.add_argument("--mode", choices=MODES, default="full", help="which services to run (default: full)")
    parser.add_argument("--host", help="address to listen on (server.host)")
    parser.add_argument("--port", type=int, help="port to listen on (server.port)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from .main import settings_from_args

    settings = settings_from_args(args, {"server.host": args.host, "server.port": args.port})
    setup_logging(settings.logs_dir, level=settings.log.level, max_mb=settings.log.max_mb,
                  backups=settings.log.backups, secrets=settings.secret_values())
    if args.mode in WEB_MODES:
        return _serve_web(settings, args.mode)
    return _serve_background(settings, args.mode)


def _serve_web(settings, mode: str) -> int:
    from ..web.app import create_app
    from ..web.server import serve

    runtime = Runtime.build(settings, mode)
    runtime.start()
    try:
        serve(create_app(runtime), settings)
    finally:
        runtime.stop()
    return 0


def _serve_background(settings, mode: str) -> int:
    runtime = Runtime.build(settings, mode)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    runtime.start()
    stop.wait()
    runtime.stop()
    return 0
