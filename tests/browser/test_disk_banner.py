"""The low-space banner in a real Chromium against the real daemon: with ``paths.low_space_mb``
above what the test machine's disk has free, every signed-in page says the disk is running low
and how much is left; the server's ``/api/health`` says the same.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import run_server
from .watch import PageWatch

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "admin", "correct horse battery"
WAIT_MS = 30_000
MORE_THAN_ANY_DISK_MB = 1024 ** 3  # one PiB


def test_every_page_warns_when_the_disk_runs_low(tmp_path, built_app, browser, screenshots):
    env = {"ML_PATHS__LOW_SPACE_MB": str(MORE_THAN_ANY_DISK_MB), "ML_SCHEDULER__ENABLED": "false",
           "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}
    with run_server(tmp_path, "disk-banner", env) as server:
        with urllib.request.urlopen(f"{server.base_url}/api/health", timeout=10) as response:  # noqa: S310 - 127.0.0.1
            assert json.loads(response.read())["disk"]["state"] == "low"
        context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 860})
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        watch = PageWatch(expected_failures=(("/api/auth/me", 401),))
        watch.attach(page)
        try:
            page.goto("/")
            page.get_by_label("Username").fill(USERNAME)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_label("Setup code").fill(server.setup_code)
            page.get_by_role("button", name="Create administrator").click()
            banner = page.locator(".disk-banner")
            expect(banner).to_contain_text("disk is running low")
            expect(banner).to_contain_text(" left")
            page.get_by_role("link", name="Library").first.click()
            expect(page.locator(".disk-banner")).to_be_visible()
            page.screenshot(path=str(screenshots / "disk-banner.png"))
        finally:
            context.close()
        watch.assert_clean()
