"""IPTV in a real Chromium against the real daemon and the fake Xtream provider on 127.0.0.1: add an
account, sync, browse a category, play a film and a live channel (through our proxy; live remuxed
to MP4), start a download while every connection is in use (it reads "retrying" with the attempt and
the next try, in the list and on the Jobs page) and watch its progress once one is free; at 1280
and at 375 px. Screenshots go to
artifacts/screenshots/iptv-*.png. Every wait is bounded."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.xtream import FakeXtream, make_ts
from tests.media import make_video

from .conftest import nav_to, run_server, signed_in_page
from .test_podcasts_flow import _admin_session, _wait_jobs_idle

pytestmark = pytest.mark.browser

WAIT_MS = 30_000


@pytest.fixture
def provider(tmp_path_factory):
    root = tmp_path_factory.mktemp("xtream-media")
    movie = make_video(root / "movie.mp4", 8.0, size="320x240", fps=25, cache=tmp_path_factory).read_bytes()
    live = make_ts(root / "live.ts", seconds=8.0).read_bytes()
    with FakeXtream(movie=movie, live=live, max_connections=4) as fake:
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, provider):
    with run_server(tmp_path, "iptv", {
        "ML_HTTP__RETRIES": "0", "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",  # the fake provider plays a host on the LAN
        "ML_JOBS__BACKOFF_BASE_SECONDS": "16",  # a retry 8-16 s later: time to look at "retrying" on two pages
    }) as srv:
        yield srv


def _shot(page: Page, screenshots, width: int, name: str) -> None:
    """A screenshot, and nothing of the page's own content wider than the screen. (The header's
    navigation is the app shell's: with every source's link it is the nav's "More" menu that keeps it
    inside the screen, not this page.)"""
    page.screenshot(path=str(screenshots / f"iptv-{width}-{name}.png"), full_page=True)
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == [], f"{name}: wider than the screen: {wide}"


def _retrying(page: Page, row, screenshots, width: int) -> None:
    """An attempt that failed while the job system will try again reads "retrying", with the attempt
    and the next try, in the downloads list and on the Jobs page (not "failed")."""
    status = row.locator("[data-status='retrying']")
    expect(status).to_contain_text("attempt 1 of 5 failed · next try at")
    expect(row).to_contain_text("connections of the account are in use")
    _shot(page, screenshots, width, "05-download-retrying")
    nav_to(page, "Jobs")
    job = page.locator("li.job[data-status='queued']").filter(has=page.get_by_test_id("job-retry"))
    expect(job.locator(".badge")).to_have_text("retrying")
    expect(job.get_by_test_id("job-retry")).to_contain_text("attempt 1 of 5 failed · next try at")
    page.screenshot(path=str(screenshots / f"iptv-{width}-06-job-retrying.png"), full_page=True)
    nav_to(page, "IPTV")
    page.get_by_role("tab", name="Downloads").click()


def _plays(page: Page) -> None:
    video = page.locator("video")
    expect(video).to_be_visible()
    page.wait_for_function("() => { const v = document.querySelector('video'); if (!v) return false;"
                           " if (v.readyState >= 1 && v.paused) { v.muted = true; v.play().catch(() => {}); }"
                           " return v.currentTime > 0.2; }")


@pytest.mark.parametrize("width", [1280, 375])
def test_add_sync_browse_play_and_download(daemon, provider, browser, screenshots, width):
    http = _admin_session(daemon)
    context, page, watch = signed_in_page(browser, daemon, http.cookies["ml_session"], width=width, wait_ms=WAIT_MS)
    try:
        page.goto("/home")
        nav_to(page, "IPTV")
        expect(page.get_by_role("heading", name="IPTV")).to_be_visible()
        page.get_by_label("Name", exact=True).fill("My provider")
        page.get_by_label("Server URL").fill(provider.url)
        page.get_by_label("User name").fill(provider.username)
        page.get_by_label("Password", exact=True).fill(provider.password)
        page.get_by_role("button", name="Add account").click()
        _wait_jobs_idle(daemon.base_url, http)
        account = page.get_by_role("listitem", name="Account My provider")
        expect(account).to_contain_text("Synced")  # live: the account event ends the sync
        assert provider.password not in page.content()
        _shot(page, screenshots, width, "01-account")

        page.get_by_role("tab", name="Movies").click()
        page.get_by_role("complementary", name="Categories").get_by_role("button", name="Action").click()
        grid = page.get_by_role("list", name="Titles")
        expect(grid.get_by_role("button", name="Open The Matrix", exact=True)).to_be_visible()
        expect(grid.get_by_role("listitem")).to_have_count(2)
        _shot(page, screenshots, width, "02-category")
        grid.get_by_role("button", name="Open The Matrix", exact=True).click()
        page.get_by_role("article", name="The Matrix").get_by_role("button", name="Play").click()
        _plays(page)
        assert provider.password not in page.locator("video").get_attribute("src")
        _shot(page, screenshots, width, "03-playing-film")
        page.get_by_role("button", name="Close").first.click()

        page.get_by_role("tab", name="Live TV").click()
        with page.expect_response(lambda r: r.url.endswith("/live/123/index.m3u8")) as playlist:
            page.get_by_role("button", name="Open BBC One HD").click()
        assert playlist.value.status == 200 and provider.password not in playlist.value.text()
        _plays(page)
        played = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"
                               ".filter(n => n.includes('/live/123/hls/'))")
        assert played, "the live channel played from our HLS segments"
        assert [r for r in provider.media_requests if r["target"].startswith("hls/123/")]
        assert not [r for r in provider.media_requests if r["target"] == "live/123.ts"]  # not the TS fallback
        _shot(page, screenshots, width, "04-playing-live")
        page.get_by_role("region", name="Player").get_by_role("button", name="Close").click()

        provider.bytes_per_second = 40_000  # a few seconds: time to watch the progress
        provider.active = provider.max_connections  # every connection in use: the first attempt must wait
        page.get_by_role("tab", name="Movies").click()
        page.get_by_role("button", name="Open The Matrix", exact=True).click()
        page.get_by_role("article", name="The Matrix").get_by_role("button", name="Download").click()
        expect(page.get_by_role("status")).to_contain_text("Download queued")
        page.get_by_role("tab", name="Downloads").click()
        row = page.get_by_role("listitem", name="Download The Matrix")
        _retrying(page, row, screenshots, width)
        provider.active = 0  # connections free again: the next attempt downloads
        expect(row.locator("[data-status='downloading']")).to_be_visible(timeout=60_000)
        page.wait_for_function("() => { const p = document.querySelector('.iptv-download-list progress');"
                               " return !!p && p.value > 0 && p.value < 100; }")
        _shot(page, screenshots, width, "07-download-progress")
        expect(row.locator("[data-status='done']")).to_be_visible(timeout=60_000)
        _shot(page, screenshots, width, "08-download-done")
    finally:
        context.close()
    watch.assert_clean()
