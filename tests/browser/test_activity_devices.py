"""The activity log and devices pages in a real Chromium against the real daemon, at 1280 and
375 px: the activity page lists a failed and a successful login with the client's address (the
daemon believes X-Forwarded-For from 127.0.0.1, as behind a local proxy), and ending a session on
the devices page logs that other browser out within seconds, without it doing anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import create_first_admin, open_page, run_server

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
LOGGED_OUT_WITHIN_MS = 5_000
ADMIN_ADDRESS, OTHER_ADDRESS = "203.0.113.5", "198.51.100.23"
EXPECTED_FAILURES = (("/api/auth/me", 401), ("/api/auth/login", 401))
# The ended browser's home page reloads its jobs when its socket drops: answered 401, it goes to /login.
ENDED_FAILURES = (*EXPECTED_FAILURES, ("/api/jobs", 401))


@pytest.fixture
def proxied_server(tmp_path, built_app):
    with run_server(tmp_path, "activity", {"ML_SERVER__TRUSTED_PROXIES": "127.0.0.1"}) as srv:
        yield srv


def log_in(page, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def fits(page, selector: str, width: int) -> bool:
    """The page's own content (not the shared header) is no wider than the viewport."""
    return page.evaluate(f"""(() => {{
        const root = document.querySelector({selector!r});
        return [root, ...root.querySelectorAll('*')].every(e => e.getBoundingClientRect().right <= {width} + 0.5);
    }})()""")


@pytest.mark.parametrize("width", [1280, 375])
def test_activity_lists_logins_and_ending_a_session_logs_that_browser_out(browser, proxied_server, screenshots, width):
    admin_ctx, admin, admin_watch = open_page(browser, proxied_server, wait_ms=WAIT_MS, width=width,
                                              expected_failures=EXPECTED_FAILURES)
    other_ctx, other, other_watch = open_page(browser, proxied_server, wait_ms=WAIT_MS, width=width,
                                              expected_failures=ENDED_FAILURES)
    admin_ctx.set_extra_http_headers({"X-Forwarded-For": ADMIN_ADDRESS})
    other_ctx.set_extra_http_headers({"X-Forwarded-For": OTHER_ADDRESS})
    try:
        create_first_admin(admin, proxied_server)

        log_in(other, "not the password")
        expect(other.get_by_role("alert")).to_contain_text("wrong username or password")
        log_in(other, "correct horse battery")
        expect(other.get_by_role("button", name="Log out")).to_be_visible()

        admin.goto("/activity")
        failed = admin.locator("[data-testid=activity-entry][data-event=login_failed]")
        expect(failed).to_have_count(1)
        expect(failed).to_contain_text("admin")
        expect(failed).to_contain_text(OTHER_ADDRESS)
        succeeded = admin.locator("[data-testid=activity-entry][data-event=login]")
        expect(succeeded).to_contain_text(OTHER_ADDRESS)
        expect(admin.locator("[data-testid=activity-entry][data-event=setup]")).to_contain_text(ADMIN_ADDRESS)
        admin.get_by_label("Event").select_option("login_failed")
        admin.get_by_role("button", name="Filter").click()
        expect(admin.locator("[data-testid=activity-entry]")).to_have_count(1)
        admin.screenshot(path=str(screenshots / f"activity-{width}.png"), full_page=True)
        assert fits(admin, ".activity-page", width)

        admin.goto("/devices")
        sessions = admin.locator("[data-testid=device-session]")
        expect(sessions).to_have_count(2)
        theirs = sessions.filter(has_text=OTHER_ADDRESS)
        expect(theirs).to_contain_text("Chrome")
        expect(theirs).to_contain_text("Linux")
        assert fits(admin, ".devices-page", width)
        admin.screenshot(path=str(screenshots / f"devices-{width}.png"), full_page=True)
        theirs.get_by_role("button", name="End session").click()
        expect(sessions).to_have_count(1)

        expect(other).to_have_url(f"{proxied_server.base_url}/login", timeout=LOGGED_OUT_WITHIN_MS)
        expect(other.get_by_role("heading", name="Log in")).to_be_visible()
        expect(admin.get_by_role("button", name="Log out", exact=True)).to_be_visible()  # the admin's own session stays

        admin.goto("/activity")
        expect(admin.locator("[data-testid=activity-entry][data-event=session_ended]")).to_contain_text(OTHER_ADDRESS)
        for watch in (admin_watch, other_watch):
            assert watch.console_errors == [] and watch.page_errors == [] and watch.csp_violations == []
    finally:
        admin_ctx.close()
        other_ctx.close()


VIEWER, VIEWER_PW = "wren", "quiet lantern harbor 7"


@pytest.mark.parametrize("width", [1280, 375])
def test_a_viewer_is_not_offered_the_admin_pages(browser, proxied_server, screenshots, width):
    """The navigation leaves out Activity and Plex (admins only: the server answers a viewer 403)
    and keeps what a viewer may open (Jobs, Decisions, Devices)."""
    from .test_library_flow import Api

    admin_ctx, admin, _ = open_page(browser, proxied_server, wait_ms=WAIT_MS, width=width)
    viewer_ctx, viewer, viewer_watch = open_page(browser, proxied_server, wait_ms=WAIT_MS, width=width)
    try:
        create_first_admin(admin, proxied_server)
        nav = admin.get_by_role("navigation", name="Main")
        nav.get_by_role("button", name="More").click()
        for name in ("Activity", "Plex"):
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        api = Api(proxied_server.base_url).login("admin", "correct horse battery")
        created = api.post("/api/users", {"username": VIEWER, "password": VIEWER_PW, "role": "viewer"})
        assert created.status_code == 201, created.text

        viewer.goto("/login")
        viewer.get_by_label("Username").fill(VIEWER)
        viewer.get_by_label("Password").fill(VIEWER_PW)
        viewer.get_by_role("button", name="Log in").click()
        nav = viewer.get_by_role("navigation", name="Main")
        nav.get_by_role("button", name="More").click()
        menu = nav.get_by_role("list", name="More pages")
        expect(menu.get_by_role("link", name="Jobs", exact=True)).to_be_visible()
        for name in ("Decisions", "Devices"):
            expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
        for name in ("Activity", "Plex"):
            expect(nav.get_by_role("link", name=name, exact=True)).to_have_count(0)
        viewer.screenshot(path=str(screenshots / f"nav-viewer-{width}.png"), full_page=True)
        assert viewer_watch.console_errors == [] and viewer_watch.page_errors == []
    finally:
        admin_ctx.close()
        viewer_ctx.close()
