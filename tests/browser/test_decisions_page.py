"""The Decisions page in a real Chromium against the real daemon, with the fake Radarr (built from
its openapi.json) in this process: a webhook delivery (Send All Properties, text/plain) makes a
decision that the page shows with its rule and reason; "Always keep" on a streamed film changes the
next decision on it; "what would happen if" answers for a chosen film; Radarr's test connection
lists its profiles; a rule set to keep through our downloader fetches an Xtream VOD title from the
fake provider instead of asking Radarr; the page at 1280 and 375 px. Screenshots go to artifacts/screenshots/decisions-*.png.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.decisions.conftest import SECRET, send_all
from tests.fakes.radarr import FakeRadarr
from tests.fakes.xtream import FakeXtream
from tests.media import make_video

from .conftest import create_first_admin, nav_to, open_page, run_server, signed_in_page
from .test_podcasts_flow import _admin_session, _wait_jobs_idle

pytestmark = pytest.mark.browser
WAIT_MS = 30_000
FIGHT_CLUB = {"ItemId": "0000000000000000000000000000f550", "Name": "Fight Club", "Provider_tmdb": "550"}


@pytest.fixture
def radarr():
    with FakeRadarr() as fake:
        fake.film(603, "The Matrix", 1999, imdb=8.7, votes=2_000_000)
        fake.film(550, "Fight Club", 1999, imdb=8.1, votes=2_500_000)
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, radarr):
    with run_server(tmp_path, "decisions", {
        "ML_DECISIONS__WEBHOOK_SECRET": SECRET, "ML_DECISIONS__DRY_RUN": "false", "ML_DECISIONS__TRACKED_USERS": "admin",
        "ML_DECISIONS__RADARR_URL": radarr.url, "ML_DECISIONS__RADARR_API_KEY": radarr.api_key,
        "ML_DECISIONS__COMMAND_POLL_SECONDS": "0.2", "ML_SCHEDULER__ENABLED": "false",
        "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
    }) as srv:
        yield srv


def deliver(daemon, **changes) -> dict:
    """POST a webhook delivery as Jellyfin's plugin does (text/plain, the secret in a header)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.0000000Z", time.gmtime(time.time() + len(changes)))
    body = json.dumps(send_all(UtcTimestamp=stamp, **changes)).encode()
    sent = urllib.request.Request(f"{daemon.base_url}/api/webhooks/jellyfin", data=body, method="POST",
                                  headers={"Content-Type": "text/plain", "X-Webhook-Secret": SECRET})
    with urllib.request.urlopen(sent, timeout=30) as answer:  # noqa: S310 - our own daemon on 127.0.0.1
        assert answer.status == 202
        return json.loads(answer.read())


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"decisions-{name}.png"), full_page=True)


def test_decisions_page(daemon, browser, screenshots, radarr):
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS)
    try:
        create_first_admin(page, daemon)
        nav_to(page, "Decisions")
        expect(page.get_by_role("heading", name="Decisions", exact=True)).to_be_visible()
        expect(page.locator(".live-on")).to_be_visible()  # the list follows the decision jobs live

        deliver(daemon)
        matrix = page.get_by_test_id("decision").filter(has_text="The Matrix")
        expect(matrix).to_contain_text("Instant keep: IMDb 8.5+")
        expect(matrix).to_contain_text("imdb rating 8.7 ≥ 8.5")
        expect(matrix).to_contain_text("Radarr's search finished")
        assert [m["tmdbId"] for m in radarr.movies.values()] == [603]
        shot(page, screenshots, "01-keep")

        deliver(daemon, **FIGHT_CLUB)
        streamed = page.get_by_test_id("decision").filter(has_text="Fight Club")
        expect(streamed).to_contain_text("no rule matched, so the film keeps streaming")
        with page.expect_response(lambda r: "/api/decisions/overrides/550" in r.url) as saved:
            streamed.get_by_role("button", name="Always keep").click()
        assert saved.value.status == 200, saved.value.text()

        deliver(daemon, PlaybackPositionTicks=70000000000, **FIGHT_CLUB)
        expect(page.get_by_test_id("decision").filter(has_text="Fight Club").first).to_contain_text(
            "Override: always keep: a person chose to always keep this film")
        shot(page, screenshots, "02-override")

        form = page.get_by_role("form", name="What if")
        form.get_by_label("TMDb id").fill("550")
        form.get_by_label("Jellyfin user").fill("admin")
        form.get_by_role("button", name="Ask").click()
        expect(page.get_by_test_id("what-if")).to_contain_text("Override: always keep")

        page.get_by_role("button", name="Test Radarr connection").click()
        expect(page.get_by_test_id("radarr-test")).to_contain_text("HD-1080p (4)")

        page.set_viewport_size({"width": 375, "height": 812})
        expect(page.get_by_test_id("decision").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the decisions page scrolls sideways at 375 px"
        shot(page, screenshots, "03-375px")
    finally:
        context.close()
    watch.assert_clean()


@pytest.fixture
def provider(tmp_path_factory):
    """The fake Xtream provider: its VOD title 456 is The Matrix (TMDb 603)."""
    root = tmp_path_factory.mktemp("xtream-media")
    movie = make_video(root / "movie.mp4", 4.0, size="320x240", fps=25, cache=tmp_path_factory).read_bytes()
    with FakeXtream(movie=movie, max_connections=4) as fake:
        yield fake


@pytest.fixture
def iptv_daemon(tmp_path, built_app, radarr, provider):
    with run_server(tmp_path, "decisions-download", {
        "ML_DECISIONS__WEBHOOK_SECRET": SECRET, "ML_DECISIONS__DRY_RUN": "false", "ML_DECISIONS__TRACKED_USERS": "admin",
        "ML_DECISIONS__RADARR_URL": radarr.url, "ML_DECISIONS__RADARR_API_KEY": radarr.api_key,
        "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false", "ML_HTTP__RETRIES": "0",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",  # the fake provider plays a host on the LAN
    }) as srv:
        yield srv


@pytest.mark.parametrize("width", [1280, 375])
def test_a_rule_keeps_through_our_downloader(iptv_daemon, provider, radarr, browser, screenshots, width):
    """The rule editor offers how to keep; a rule set to our downloader fetches an Xtream VOD title
    (the film Jellyfin streams from our STRM export) instead of asking Radarr."""
    http = _admin_session(iptv_daemon)
    added = http.post(f"{iptv_daemon.base_url}/api/iptv/accounts", timeout=10, json={
        "name": "Provider", "base_url": provider.url, "username": provider.username, "password": provider.password})
    assert added.status_code == 201, added.text
    _wait_jobs_idle(iptv_daemon.base_url, http)  # the catalog sync
    context, page, watch = signed_in_page(browser, iptv_daemon, http.cookies["ml_session"], width=width, wait_ms=WAIT_MS)
    try:
        page.goto("/home")
        nav_to(page, "Decisions")
        rule = page.get_by_test_id("rule").filter(has_text="Instant keep: IMDb 8.5+")
        expect(rule).to_contain_text("via auto")
        with page.expect_response(lambda r: "/api/decisions/rules/" in r.url and r.request.method == "PATCH") as saved:
            rule.get_by_label("Keep Instant keep: IMDb 8.5+ through").select_option("download")
        assert saved.value.status == 200, saved.value.text()
        expect(rule).to_contain_text("via download")

        deliver(iptv_daemon)  # The Matrix, TMDb 603: the provider's VOD title 456
        matrix = page.get_by_test_id("decision").filter(has_text="The Matrix")
        expect(matrix).to_contain_text("Instant keep: IMDb 8.5+")
        expect(matrix).to_contain_text("queued in our downloader")
        _wait_jobs_idle(iptv_daemon.base_url, http)  # the IPTV download and its publish
        downloads = http.get(f"{iptv_daemon.base_url}/api/iptv/downloads", timeout=10).json()["items"]
        assert [(d["stream_id"], d["status"]) for d in downloads] == [("456", "done")]
        assert not [r for r in radarr.requests if r.method == "POST"]  # Radarr was not asked
        shot(page, screenshots, f"{width}-download")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"the decisions page scrolls sideways at {width} px"
    finally:
        context.close()
    watch.assert_clean()
