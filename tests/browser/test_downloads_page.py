"""The Downloads page in a real Chromium against the real daemon and the real yt-dlp: paste the URL of
a video on the fake site (127.0.0.1, on the daemon's ``http.allow_hosts`` as a LAN host would be),
watch the progress bar move live, play the result; the same page at 375 px (nothing wider than the
screen). A link that is not http(s) is refused with the server's message; an admin stores a cookies.txt,
which is never shown back. Screenshots go to
artifacts/screenshots/downloads-*.png.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.media_site import FakeMediaSite
from tests.media import make_video

from .conftest import create_first_admin, run_server
from .watch import PageWatch

pytestmark = pytest.mark.browser

WAIT_MS = 60_000


@pytest.fixture
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    video = make_video(root / "talk.mp4", 12.0, size="320x240", fps=25, cache=tmp_path_factory)
    with FakeMediaSite(root, throttle=max(video.stat().st_size // 6, 16384)) as fake:  # about 6 s: time to watch
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app):
    with run_server(tmp_path, "downloads", {"ML_HTTP__ALLOW_HOSTS": "127.0.0.1", "ML_SCHEDULER__ENABLED": "false",
                                            "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}) as srv:
        yield srv


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"downloads-{name}.png"), full_page=True)


def test_downloads_page(daemon, browser, screenshots, site):
    context = browser.new_context(base_url=daemon.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    watch = PageWatch(expected_failures=(("/api/auth/me", 401), ("/api/downloads", 400)))
    watch.attach(page)
    try:
        _open(page, daemon)
        _refused(page)
        _cookies(page)
        _download_and_watch(page, site, screenshots)
        _play(page, screenshots)
        _on_a_phone(page, screenshots)
    finally:
        context.close()
    watch.assert_clean()


def _open(page: Page, daemon) -> None:
    create_first_admin(page, daemon)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Downloads").click()
    expect(page.get_by_role("heading", name="Downloads")).to_be_visible()
    expect(page.locator(".live-on")).to_be_visible()
    expect(page.get_by_test_id("engine")).to_contain_text("yt-dlp 20")


def _refused(page: Page) -> None:
    page.get_by_label("Video, playlist or channel URL").fill("ftp://example.com/video.mp4")
    page.get_by_role("button", name="Download").click()
    expect(page.get_by_role("alert")).to_contain_text("only http and https")


def _cookies(page: Page) -> None:
    page.get_by_text("Cookies for sites with a bot check (none)").click()
    cookies = b"# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t0\tSID\tcookie-value-never-shown\n"
    page.get_by_label("cookies.txt (Netscape format)").set_input_files(
        files=[{"name": "cookies.txt", "mimeType": "text/plain", "buffer": cookies}])
    expect(page.get_by_text("Cookies for sites with a bot check (stored)")).to_be_visible()
    assert "cookie-value-never-shown" not in page.content()


def _download_and_watch(page: Page, site, screenshots) -> None:
    page.get_by_label("Video, playlist or channel URL").fill(f"{site.url}/talk.mp4")
    page.get_by_label("Preset").select_option("best_mp4")
    with page.expect_response(lambda r: r.url.endswith("/api/downloads") and r.request.method == "POST") as info:
        page.get_by_role("button", name="Download").click()
    assert info.value.status == 202, info.value.text()
    row = page.locator(f"li.download[data-download-id='{info.value.json()['id']}']")
    expect(row).to_have_attribute("data-status", "running", timeout=WAIT_MS)
    bar = row.locator("progress")
    page.wait_for_function("el => el.value > 0 && el.value < 100", arg=bar.element_handle())
    expect(row.locator(".job-message")).to_contain_text("MiB")
    shot(page, screenshots, "01-progress")
    expect(row).to_have_attribute("data-status", "done", timeout=WAIT_MS)
    shot(page, screenshots, "02-done")


def _play(page: Page, screenshots) -> None:
    page.get_by_role("link", name="Play").first.click()
    video = page.locator("video")
    expect(video).to_be_visible()
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.2")
    shot(page, screenshots, "03-playing")


def _on_a_phone(page: Page, screenshots) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/downloads")
    expect(page.get_by_role("heading", name="Downloads")).to_be_visible()
    expect(page.locator("li.download[data-status='done']")).to_have_count(1)
    expect(page.get_by_label("Video, playlist or channel URL")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, screenshots, "04-phone")
