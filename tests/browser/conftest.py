"""Real-browser fixtures: the real daemon in a subprocess, and Debian's Chromium through Playwright.

The server is started exactly as a person would (``main.py --mode server``) on a free port of
127.0.0.1 with a fresh data folder and a preset setup code; the browser is ``/usr/bin/chromium``
(Playwright's own browser download cannot work here). Screenshots go to ``artifacts/screenshots``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
BUILT_APP = ROOT / "src" / "media_library" / "web" / "static" / "app" / "index.html"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0


@dataclass
class Server:
    base_url: str
    data_dir: Path
    media_dir: Path
    setup_code: str
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(base_url: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{base_url}/api/health", timeout=2) as response:  # noqa: S310 - our own 127.0.0.1 URL
            return json.loads(response.read())
    except (OSError, urllib.error.URLError, ValueError):
        return None


def _wait_healthy(server: Server) -> dict:
    """Bounded wait for the daemon to answer /api/health (it builds and migrates the database first)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"the server exited with {server.process.returncode} before it was ready:\n{server.log_tail()}"
            )
        health = _health(server.base_url)
        if health is not None:
            return health
        time.sleep(0.2)
    pytest.fail(f"the server did not answer /api/health within {START_TIMEOUT_S:.0f} s:\n{server.log_tail()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group (it was started in a new session), then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); "
            "the browser tests need it and Playwright's own browser download cannot work here"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def built_app() -> Path:
    """The app as built from the current sources: the build script does nothing when the build is
    newer than every source file, so a stale build is never what gets tested."""
    with open(ROOT / "frontend" / ".build.lock", "w") as lock:  # parallel test workers build once
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(
            [str(ROOT / "scripts" / "build_frontend.sh")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0 or not BUILT_APP.exists():
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        pytest.fail(
            f"scripts/build_frontend.sh failed ({done.returncode}); the browser tests need the app:\n{tail}"
        )
    return BUILT_APP


@contextlib.contextmanager
def run_server(tmp_path: Path, name: str, env_extra: dict[str, str] | None = None, mode: str = "server"):
    """The real daemon (``main.py --mode server``, or ``full`` with the disc monitor) on a free port,
    with its own data and media folders under ``tmp_path``; its log is kept as
    ``artifacts/browser-<name>-server.log``."""
    data_dir, media_dir = tmp_path / "data", tmp_path / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    port, code = _free_port(), secrets.token_urlsafe(12)
    env = {**os.environ, "ML_AUTH__SETUP_CODE": code, "ML_PATHS__MEDIA_DIR": str(media_dir), "PYTHONUNBUFFERED": "1",
           **(env_extra or {})}
    env.pop("ML_SERVER__PORT", None)
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--mode", mode, "--data-dir", str(data_dir), "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    srv = Server(f"http://127.0.0.1:{port}", data_dir, media_dir, code, log_path, process)
    try:
        _wait_healthy(srv)
        yield srv
    finally:
        _stop(process)
        SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS.parent / f"browser-{name}-server.log").write_bytes(log_path.read_bytes())


@pytest.fixture
def server(tmp_path, built_app) -> Server:
    with run_server(tmp_path, "app") as srv:
        yield srv


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def create_first_admin(page, srv: Server, username: str = "admin", password: str = "correct horse battery") -> None:
    """Create the first administrator through the app's setup page and wait until logged in."""
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Setup code").fill(srv.setup_code)
    page.get_by_role("button", name="Create administrator").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def nav_to(page, name: str) -> None:
    """Follow the main navigation to the page called ``name``: a primary link, or one in "More"."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.get_by_role("button", name="More").click()
    link.click()


def open_page(browser, srv: Server, *, wait_ms: int, expected_failures=(("/api/auth/me", 401),),
              width: int = 1280, height: int = 860):
    """A fresh browser context on ``srv`` with one page watched for console errors, CSP violations
    and dialogs (``watch.PageWatch``); returns ``(context, page, watch)``."""
    from .watch import PageWatch

    context = browser.new_context(base_url=srv.base_url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(wait_ms)
    watch = PageWatch(expected_failures=expected_failures)
    watch.attach(page)
    return context, page, watch


def upload_in_library(page, paths, *, wait_ms: int) -> None:
    """Upload ``paths`` with the Library page's upload button and wait until every file's line
    says what became of it (identified, needs review, or failed)."""
    import re

    from playwright.sync_api import expect

    page.locator("#upload-input").set_input_files([str(p) for p in paths])
    entries = page.get_by_test_id("upload-entry")
    expect(entries).to_have_count(len(paths), timeout=wait_ms)
    for index in range(len(paths)):
        expect(entries.nth(index)).to_have_attribute("data-status", re.compile("^(identified|review|failed)$"), timeout=wait_ms)
def signed_in_page(browser, srv: Server, session_cookie: str, *, width: int, wait_ms: int):
    """A fresh context on ``srv`` already signed in with ``session_cookie`` (an ``ml_session``
    made through the API), its page watched; returns ``(context, page, watch)``."""
    from .watch import PageWatch

    context = browser.new_context(base_url=srv.base_url, viewport={"width": width, "height": 860})
    context.add_cookies([{"name": "ml_session", "value": session_cookie, "url": srv.base_url}])
    page = context.new_page()
    page.set_default_timeout(wait_ms)
    watch = PageWatch(expected_failures=(("/api/auth/me", 401),))
    watch.attach(page)
    return context, page, watch
