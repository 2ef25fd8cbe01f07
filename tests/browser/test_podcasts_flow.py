"""Podcasts in a real Chromium against the real daemon and a fake podcast host on 127.0.0.1:
subscribe by feed URL (the latest episode downloads), open the podcast, play the episode, leave at
30 %, reload, resume within five seconds of where it stopped; at 1280 and at 375 px. Screenshots
go to artifacts/screenshots/podcasts-*.png. Every wait is bounded."""

from __future__ import annotations

import time

import pytest
import requests
from playwright.sync_api import Page, expect

from tests.fakes.podcasts import FakePodcastHost, make_mp3, rss

from .conftest import nav_to, run_server, signed_in_page

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PW = "admin", "correct horse battery"
WAIT_MS = 30_000
AUDIO_S = 60


@pytest.fixture
def host(tmp_path_factory):
    audio = make_mp3(tmp_path_factory.mktemp("podcast-audio") / "ep.mp3", seconds=AUDIO_S).read_bytes()
    with FakePodcastHost() as fake:
        fake.media["ep1.mp3"] = fake.media["ep2.mp3"] = audio
        fake.feeds["show.xml"] = rss("Browser Show", [
            {"guid": f"b{n}", "title": f"Browser Episode {n}", "date": 1_700_000_000 + n * 86400,
             "url": f"{fake.url}/media/ep{n}.mp3", "length": len(audio), "duration": str(AUDIO_S),
             "description": "<p>Talk about <b>things</b></p>"} for n in (1, 2)])
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, host):
    with run_server(tmp_path, "podcasts", {
        "ML_HTTP__RETRIES": "0", "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",  # the fake podcast host plays a host on the LAN
        "ML_PODCASTS__DIRECTORY_URL": host.url,
    }) as srv:
        yield srv


def _wait_jobs_idle(base: str, http: requests.Session, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:  # bounded poll of the real worker's queue
        jobs = http.get(f"{base}/api/jobs?limit=100", timeout=10).json()["items"]
        if jobs and not [j for j in jobs if j["status"] in ("queued", "running")]:
            return
        time.sleep(0.25)
    raise AssertionError(f"podcast jobs still running after {timeout_s} s")


def _current_time(page: Page) -> float:
    return page.locator("audio").evaluate("a => a.currentTime")


def _admin_session(daemon) -> requests.Session:
    """The first admin, made through the API (the setup page has its own tests), logged in."""
    http = requests.Session()
    made = http.post(f"{daemon.base_url}/api/setup", timeout=10,
                     json={"username": ADMIN, "password": ADMIN_PW, "setup_code": daemon.setup_code})
    assert made.status_code == 201, made.text
    http.headers["X-CSRF-Token"] = made.json()["csrf_token"]
    return http


def _seek_and_save(page: Page, target: float) -> float:
    """Jump to ``target`` (the player saves on seek), play on past it; where it is now."""
    with page.expect_response(lambda r: r.url.endswith("/position") and r.request.method == "PUT") as saved:
        page.locator("audio").evaluate(f"a => {{ a.currentTime = {target}; }}")
    assert saved.value.status == 200
    page.wait_for_function(f"() => document.querySelector('audio').currentTime >= {target + 0.5}")
    return _current_time(page)


def _shot(page: Page, screenshots, width: int, name: str) -> None:
    page.screenshot(path=str(screenshots / f"podcasts-{width}-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"


@pytest.mark.parametrize("width", [1280, 375])
def test_subscribe_play_leave_at_30_percent_reload_resume(daemon, host, browser, screenshots, width):
    http = _admin_session(daemon)
    context, page, watch = signed_in_page(browser, daemon, http.cookies["ml_session"], width=width, wait_ms=WAIT_MS)
    try:
        page.goto("/home")
        nav_to(page, "Podcasts")
        expect(page.get_by_role("heading", name="Podcasts")).to_be_visible()
        page.get_by_label("Feed URL").fill(f"{host.url}/feeds/show.xml")
        page.get_by_label("Downloads").select_option("latest")
        page.get_by_role("button", name="Subscribe", exact=True).click()
        _wait_jobs_idle(daemon.base_url, http)
        link = page.get_by_role("link", name="Browser Show")
        expect(link).to_be_visible()  # the list refreshes itself while the first check runs
        _shot(page, screenshots, width, "01-list")
        link.click()

        page.locator("li.episode", has_text="Browser Episode 2").get_by_role("button", name="Play", exact=True).click()
        # bounded: play once the metadata is there, until it has really started
        page.wait_for_function("() => { const a = document.querySelector('audio');"
                               " if (a && a.readyState >= 1 && a.paused && a.currentTime === 0) a.play();"
                               " return !!a && a.currentTime > 0.2; }")
        left_at = _seek_and_save(page, round(AUDIO_S * 0.3, 1))
        _shot(page, screenshots, width, "02-playing-30pct")

        page.reload()  # leaving: the pagehide save goes out with keepalive; ?episode= brings the player back
        resume = page.get_by_role("button", name="Resume from")
        expect(resume).to_be_visible()
        _shot(page, screenshots, width, "03-resume")
        resume.click()
        page.wait_for_function("() => { const a = document.querySelector('audio'); return !a.paused && a.currentTime > 1; }")
        resumed = _current_time(page)
        assert abs(resumed - left_at) <= 5, f"resumed at {resumed:.1f} s, left at {left_at:.1f} s"
        page.locator("audio").evaluate("a => a.pause()")
    finally:
        context.close()
    watch.assert_clean()
