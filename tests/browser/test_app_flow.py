"""The whole first-run flow in a real Chromium against the real daemon:
setup -> log in -> start a job and watch its progress bar move live -> cancel one -> a malformed
payload refused with the server's message -> log out ->
a protected page sends you to /login. Along the way: a 375 px wide jobs page, an API token shown
once, text from the server rendered as text, and no console errors or CSP violations at all.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import nav_to
from .watch import PageWatch

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "admin", "correct horse battery"
WAIT_MS = 30_000
# Sparse files: cheap to create, yet every byte is read and hashed by library.verify. With the
# job's read-rate cap this takes several seconds, so there is time to watch the bar move.
MEDIA_FILES = {
    "Movies/Big Film (2020)/Big Film (2020).mkv": 768,
    "Movies/Other (2021)/Other (2021).mkv": 512,
    "Music/Artist/Album/01 Track.flac": 64,
}
WATCHED_RATE_MB_S = 200
CANCELLED_RATE_MB_S = 10
XSS_KEY = "<img src=x onerror=alert(1)>"


def make_media(root) -> None:
    for relative, mib in MEDIA_FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            os.truncate(f.fileno(), mib * 1024 * 1024)


def shot(page: Page, folder, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def job_row(page: Page, job_id: int):
    return page.locator(f"li.job[data-job-id='{job_id}']")


def run_form(page: Page):
    """The admin's "run a job by hand" form, folded away under the job list: opened first."""
    tool = page.locator("details.admin-tool")
    if not tool.evaluate("d => d.open"):
        tool.locator("summary").click()
    return page.get_by_role("form", name="Run a job")


def start_job(page: Page, kind: str, payload: str) -> int:
    form = run_form(page)
    form.get_by_label("Job kind").select_option(kind)
    form.get_by_label("Payload (JSON, optional)").fill(payload)
    with page.expect_response(lambda r: r.url.endswith("/api/jobs") and r.request.method == "POST") as info:
        form.get_by_role("button", name="Run").click()
    response = info.value
    assert response.status == 201, response.text()
    job_id = response.json()["id"]
    expect(job_row(page, job_id)).to_be_visible(timeout=WAIT_MS)
    return job_id


def refuse_job(page: Page, kind: str, payload: str) -> str:
    """Submit a payload the server must refuse: 400, nothing queued, its message shown as text."""
    form = run_form(page)
    form.get_by_label("Job kind").select_option(kind)
    form.get_by_label("Payload (JSON, optional)").fill(payload)
    rows = page.locator("li.job").count()
    with page.expect_response(lambda r: r.url.endswith("/api/jobs") and r.request.method == "POST") as info:
        form.get_by_role("button", name="Run").click()
    response = info.value
    assert response.status == 400, response.text()
    message = response.json()["message"]
    expect(form.get_by_role("alert")).to_have_text(message)
    assert page.locator("li.job").count() == rows
    return message


def progress_of(page: Page, job_id: int) -> float:
    return job_row(page, job_id).locator("progress").evaluate("el => el.value")


def wait_for_live_progress_change(page: Page, job_id: int, previous: float) -> float:
    """Wait until the bar shows a larger value while the job is still running: only a Socket.IO
    event can do that, the page is never reloaded and does not poll."""
    page.wait_for_function(
        """([id, previous]) => {
             const row = document.querySelector(`li.job[data-job-id='${id}']`);
             const bar = row && row.querySelector("progress");
             return !!bar && row.dataset.status === "running" && bar.value > previous;
           }""",
        arg=[job_id, previous],
        timeout=WAIT_MS,
    )
    return progress_of(page, job_id)


def test_first_run_jobs_and_logout(server, browser, screenshots):
    make_media(server.media_dir)
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    # The 401s the app expects: "am I logged in?" while logged out, and the deliberately wrong password.
    watch = PageWatch(expected_failures=(("/api/auth/me", 401), ("/api/auth/login", 401), ("/api/jobs", 400)))
    watch.attach(page)
    try:
        _flow(page, server, screenshots)
        watch.prove_csp_detection(page)
    finally:
        context.close()
    watch.assert_clean()
    assert watch.dialogs == [f"confirm: {DEMOTE_QUESTION}"]


def _flow(page: Page, server, screenshots) -> None:
    # --- a fresh server sends everyone to setup; the page is served under the strict CSP ---------
    response = page.goto("/")
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, (
        f"the app shell needs a strict CSP, got {csp!r}"
    )
    expect(page).to_have_url(f"{server.base_url}/setup")
    expect(page.get_by_role("heading", name="Set up Media Library")).to_be_visible()
    shot(page, screenshots, "01-setup")

    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Setup code").fill(server.setup_code)
    page.get_by_role("button", name="Create administrator").click()
    expect(page).to_have_url(f"{server.base_url}/home")  # setup and login land on Home
    expect(page).to_have_title(re.compile("^Home"))
    nav_to(page, "Jobs")
    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()
    expect(page).to_have_title(re.compile("^Jobs · Media Library"))
    shot(page, screenshots, "02-after-setup")

    # --- log out and in again through the login page ----------------------------------------
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{server.base_url}/login")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("wrong username or password")
    shot(page, screenshots, "03-login-refused")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{server.base_url}/home")
    nav_to(page, "Jobs")
    expect(page.locator(".live-on")).to_be_visible()  # the Socket.IO connection is up
    shot(page, screenshots, "04-logged-in")

    # --- start a job and watch its progress bar move live ------------------------------------
    watched = start_job(page, "library.verify", f'{{"max_mb_per_second": {WATCHED_RATE_MB_S}}}')
    first = wait_for_live_progress_change(page, watched, 0)
    second = wait_for_live_progress_change(page, watched, first)
    shot(page, screenshots, "05-job-running")
    third = wait_for_live_progress_change(page, watched, second)
    assert 0 < first < second < third < 100

    # --- cancel one ------------------------------------------------------------------------------
    doomed = start_job(page, "library.verify", f'{{"max_mb_per_second": {CANCELLED_RATE_MB_S}}}')
    expect(job_row(page, doomed)).to_have_attribute("data-status", "running")
    job_row(page, doomed).get_by_role("button", name="Cancel").click()
    expect(job_row(page, doomed)).to_have_attribute("data-status", "cancelled")
    expect(job_row(page, doomed).get_by_role("button", name="Retry")).to_be_visible()

    expect(job_row(page, watched)).to_have_attribute("data-status", "done", timeout=60_000)
    assert progress_of(page, watched) == 100
    shot(page, screenshots, "06-done-and-cancelled")

    # --- a malformed payload is refused (400) and the form shows the server's message --------
    refused = refuse_job(page, "disc.rip", "{}")
    assert refused == "disc.rip payload: disc_id is required (a whole number)"

    # --- text from the server is text: an error quoting markup shows it and runs nothing -------
    assert XSS_KEY in refuse_job(page, "library.verify", f'{{"{XSS_KEY}": 1}}')
    assert page.get_by_role("form", name="Run a job").locator("img").count() == 0

    # --- the jobs page on a phone -----------------------------------------------------------------
    page.set_viewport_size({"width": 375, "height": 812})
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, (
        "the jobs page scrolls sideways at 375 px"
    )
    shot(page, screenshots, "07-jobs-375px", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 860})

    # --- settings: a token is shown once ---------------------------------------------------------
    nav_to(page, "Settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    tokens = page.get_by_role("form", name="Create a token")
    tokens.get_by_label("Token name").fill("backup script")
    tokens.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("token-secret")).to_contain_text("mlt_")
    shot(page, screenshots, "08-settings-token")
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_test_id("token-secret")).to_have_count(0)
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "settings scroll sideways at 375 px"
    shot(page, screenshots, "09-settings-375px")
    page.set_viewport_size({"width": 1280, "height": 860})
    _last_admin_is_kept(page, screenshots)

    # --- log out; a protected page then sends you to /login ---------------------------------------
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{server.base_url}/login")
    shot(page, screenshots, "10-logged-out")
    page.goto("/jobs")
    expect(page).to_have_url(f"{server.base_url}/login")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert page.request.get("/api/jobs").status == 401
    shot(page, screenshots, "11-protected-page-redirects")


DEMOTE_QUESTION = "Make yourself a manager? You lose the admin pages at once; only another admin can give them back."


def _last_admin_is_kept(page: Page, screenshots) -> None:
    """The only admin cannot disable, demote or delete themself; with a second admin they may demote
    themself after a confirmation, and the app then reads their (smaller) rights again."""
    me = page.locator(f"li.row-item[data-username='{USERNAME}']")
    expect(me.get_by_role("button", name="Disable")).to_be_disabled()
    expect(me.get_by_role("button", name="Delete")).to_be_disabled()
    expect(me.get_by_label(f"Role of {USERNAME}")).to_be_disabled()
    shot(page, screenshots, "09b-only-admin")
    create = page.get_by_role("form", name="Create a user")
    create.get_by_label("New username").fill("second-admin")
    create.get_by_label("Password").fill("second admin password")
    create.get_by_label("Role").select_option("admin")
    create.get_by_role("button", name="Add user").click()
    expect(page.locator("li.row-item[data-username='second-admin']")).to_be_visible()
    expect(me.get_by_role("button", name="Disable")).to_be_enabled()
    with page.expect_navigation():  # PageWatch accepts the confirmation; the app reloads
        me.get_by_label(f"Role of {USERNAME}").select_option("manager")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    expect(page.get_by_role("heading", name="Users")).to_have_count(0)  # a library manager now
