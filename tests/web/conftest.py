"""Web fixtures: app -> client -> admin_client (set up and logged in, CSRF header on every
request); ``serve_in_thread(app)`` runs the production server (uvicorn with the guarded protocols)
for an app in this process, and ``socket_client`` connects python-socketio clients to it; plus
``start_server`` which runs the real program (``python main.py --mode server``) as a subprocess."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from media_library.web.app import create_app
from tests.openapi_check import check_responses

ROOT = Path(__file__).resolve().parents[2]
SETUP_CODE = "test-setup-code"
ADMIN = {"username": "admin", "password": "correct horse battery"}


@pytest.fixture
def app(runtime):
    app = create_app(runtime)
    app.config["TESTING"] = True
    answers = check_responses(app)
    yield app
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


@pytest.fixture
def client(app):
    return app.test_client()


def do_setup(client, **overrides):
    body = {**ADMIN, "setup_code": SETUP_CODE, **overrides}
    return client.post("/api/setup", json=body)


def login(client, username=ADMIN["username"], password=ADMIN["password"]):
    """Log ``client`` in and send the CSRF header on its later requests; returns the response."""
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    if response.status_code == 200:
        client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return response


@pytest.fixture
def admin_client(app):
    client = app.test_client()
    response = do_setup(client)
    assert response.status_code == 201, response.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return client


@pytest.fixture
def user_client(app, admin_client):
    """A second, non-admin user, logged in."""
    created = admin_client.post("/api/users", json={"username": "alice", "password": "tulip-meadow-91"})
    assert created.status_code == 201, created.json
    client = app.test_client()
    assert login(client, "alice", "tulip-meadow-91").status_code == 200
    return client


def session_cookie(client):
    cookie = client.get_cookie("ml_session")
    return cookie.value if cookie else None


# --- the production server in this process, and Socket.IO clients of it ---------------------
@dataclass
class ThreadServer:
    server: object
    thread: threading.Thread
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        assert not self.thread.is_alive(), "the server did not stop"


def serve_in_thread(app, timeout: float = 15.0) -> ThreadServer:
    """``build_server`` (web/server.py) for ``app`` on a free port, run in a thread until ``stop()``."""
    from media_library.web.server import build_server

    port = free_port()
    server = build_server(app, app.extensions["media_library"].services.settings, host="127.0.0.1", port=port)
    thread = threading.Thread(target=server.run, name="test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:  # bounded wait for the listening socket
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    return ThreadServer(server, thread, port)


class SocketClient:
    """A python-socketio client that records every event it receives, in order."""

    def __init__(self):
        import socketio

        self.sio = socketio.Client(reconnection=False)
        self.received: list[tuple[str, object]] = []
        self.sio.on("*", lambda name, payload=None: self.received.append((name, payload)))

    def connect(self, url: str, *, cookie: str | None = None, token: str | None = None, **kwargs) -> SocketClient:
        headers = {**({"Cookie": f"ml_session={cookie}"} if cookie else {}), **kwargs.pop("headers", {})}
        self.sio.connect(url, transports=["websocket"], headers=headers, auth={"token": token} if token else None,
                         wait_timeout=10, **kwargs)
        return self

    def named(self, name: str) -> list:
        return [payload for got, payload in list(self.received) if got == name]

    def wait_for(self, condition, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # bounded polling: events arrive on the client's own thread
            assert time.monotonic() < deadline, f"timed out; received {[n for n, _ in self.received]}"
            time.sleep(0.02)

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()


@pytest.fixture
def served(app):
    """The production server for ``app``, in this process."""
    server = serve_in_thread(app)
    yield server
    server.stop()


@pytest.fixture
def socket_client():
    """``socket_client()``: a new recording Socket.IO client; all are closed at the end."""
    clients = []

    def make() -> SocketClient:
        clients.append(SocketClient())
        return clients[-1]

    yield make
    for client in clients:
        client.close()


# --- the real server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    process: subprocess.Popen
    port: int
    data_dir: Path
    media_dir: Path
    log: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(5)
        finally:
            if self.log is not None:
                self.log.close()


def start_server(tmp: Path, *, extra_env: dict | None = None, timeout: float = 30.0) -> LiveServer:
    import requests

    port, data, media = free_port(), tmp / "data", tmp / "media"
    media.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env.update({"ML_AUTH__SETUP_CODE": SETUP_CODE, "ML_PATHS__MEDIA_DIR": str(media),
                "ML_SCHEDULER__ENABLED": "false", "ML_SERVER__SHUTDOWN_GRACE_SECONDS": "3",
                "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false", "ML_SERVER__THREADS": "32"}, **(extra_env or {}))
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - kept open for the process's life
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--mode", "server", "--data-dir", str(data),
                                "--port", str(port)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(process, port, data, media, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded polling for the subprocess to come up
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{(tmp / 'server.log').read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(server.url + "/api/health", timeout=1).status_code == 200:
                return server
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server did not come up:\n{(tmp / 'server.log').read_text(errors='replace')[-3000:]}")


@pytest.fixture
def app_factory(tmp_path):
    """Build an app on its own runtime with setting overrides: ``app_factory(**{"server.x": y})``."""
    from tests.conftest import build_runtime, make_settings

    built = []

    def build(**overrides):
        runtime = build_runtime(make_settings(tmp_path / f"rt{len(built)}", **overrides))
        app = create_app(runtime)
        built.append((runtime, app))
        return app

    yield build
    for runtime, app in built:
        app.extensions["media_library_unsubscribe"]()
        runtime.stop()


def bearer(admin_client, scope: str) -> dict:
    """The Authorization header of a new API token of ``scope``, made by the admin."""
    created = admin_client.post("/api/tokens", json={"name": f"{scope} token", "scope": scope})
    assert created.status_code == 201, created.json
    return {"Authorization": f"Bearer {created.json['secret']}"}


@pytest.fixture
def monitor(app, admin_client):
    """A client that sends a monitor-scoped token, as a ``--mode monitor`` process does."""
    client = app.test_client()
    client.environ_base.update({"HTTP_AUTHORIZATION": bearer(admin_client, "monitor")["Authorization"]})
    return client
