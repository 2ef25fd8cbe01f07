"""Serving the app in production: gunicorn with one ``gthread`` worker process.

Why gunicorn gthread (see docs/ARCHITECTURE.md for the measurements and alternatives): it is a
production server with real WebSocket support for Flask-SocketIO through simple-websocket, and
it keeps plain OS threads, so subprocesses, SQLite and blocking libraries work without monkey
patching (gevent/eventlet would stall the whole loop on every SQLite call). One worker process
holds the whole runtime (job workers, scheduler), built after the fork; the gunicorn master only
supervises it and restarts it if it dies.

Shutdown: SIGTERM or SIGINT reach the master, which asks the worker to stop; the worker's exit
hook stops the runtime (jobs given back, child processes ended) before the process ends.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from gunicorn.app.base import BaseApplication

log = logging.getLogger(__name__)


class _Application(BaseApplication):
    def __init__(self, build_app: Callable[[], object], on_exit: Callable[[], None], options: dict):
        self._build_app, self._on_exit, self._options = build_app, on_exit, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)
        self.cfg.set("worker_exit", self._worker_exit)

    def load(self):
        return self._build_app()

    def _worker_exit(self, _arbiter, _worker) -> None:
        # The master may keep signalling while we wind down; finish stopping first.
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, signal.SIG_IGN)
        self._on_exit()


def serve(build_app: Callable[[], object], on_exit: Callable[[], None], *, host: str, port: int,
          threads: int, grace: float, max_request_line: int = 8190) -> None:
    """Run until SIGTERM/SIGINT; ``build_app`` runs in the worker process."""
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,
        "graceful_timeout": int(grace + 2.999),  # gunicorn wants whole seconds
        "keepalive": 5,
        "limit_request_line": max_request_line,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "media-library",
        "preload_app": False,
        "forwarded_allow_ips": "",  # proxy headers are judged by the app, from server.trusted_proxies
    }
    _Application(build_app, on_exit, options).run()
