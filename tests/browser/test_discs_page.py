"""The Discs page in a real Chromium against the real daemon (``main.py --mode full``, so its disc
monitor watches a folder), a fake TMDb on 127.0.0.1 and the real HandBrakeCLI (issue 12, item 1):

- a DVD image made with real tools and dropped in the watch folder appears on the Discs page (and
  in the notice on other pages) with its candidates and the countdown; another candidate is picked
  in the window; the rip is started, its progress moves, and the film lands in the library under
  the picked match;
- a TV disc (three episodes and a "play all" title) is switched to TV with series, season and first
  episode; the planned files show S01E01–E03 with their TMDb names before the rip, and the rip
  lands as those three episodes;
- the "More" menu opens by keyboard, closes with Escape, and holds the pages that are not primary,
  at 1280 px and at 375 px (the bottom bar).

Screenshots at 1280 and 375 px go to artifacts/screenshots/discs-*.png. Every wait is bounded.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.tmdb import FakeTmdb
from tests.media import make_dvd, make_iso

from .conftest import create_first_admin, open_page, run_server
from .test_library_flow import ADMIN, ADMIN_PW, Api, no_sideways_scroll

pytestmark = pytest.mark.browser
WAIT_MS = 30_000
RIP_TIMEOUT_S = 240.0
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def tmdb():
    with FakeTmdb() as fake:
        fake.add_movie(901, "Harbor Lights", year=2004, runtime=2, popularity=50.0, overview="A newer film.")
        fake.add_movie(902, "Harbor Lights", year=1998, runtime=2, popularity=5.0, overview="The older one.")
        fake.add_tv(4600, "Tiny Show", year=2011)
        for number, name in ((1, "Pilot"), (2, "The Second"), (3, "Third Time")):
            fake.add_episode(4600, 1, number, name)
        yield fake


@contextmanager
def disc_daemon(tmp_path, tmdb, name: str, extra_env: dict[str, str] | None = None):
    """The daemon in ``full`` mode (its disc monitor watching ``tmp_path/watch``, ``srv.watch_dir``)
    against the fake TMDb, with tiny fast rips and a 10-minute window."""
    watch = tmp_path / "watch"
    watch.mkdir()
    with run_server(tmp_path, name, {
        "ML_TMDB__BASE_URL": tmdb.url, "ML_TMDB__API_KEY": tmdb.api_key, "ML_HTTP__RETRIES": "0",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1", "ML_SCHEDULER__ENABLED": "false",
        "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        "ML_DISC__WATCH_DIR": str(watch), "ML_DISC__CONFIRM_WINDOW_SECONDS": "600", "ML_DISC__POLL_SECONDS": "0.3",
        "ML_DISC__DRIVES": "false", "ML_DISC__DESKTOP_NOTIFICATIONS": "false", "ML_DISC__PRESET": "Very Fast 480p30",
        "ML_DISC__EXTRA_ARGS": "--width,160", "ML_DISC__MIN_TITLE_SECONDS": "8", "ML_JOBS__PROGRESS_INTERVAL_SECONDS": "0",
        **(extra_env or {}),
    }, mode="full") as srv:
        srv.watch_dir = watch
        yield srv


@pytest.fixture
def daemon(tmp_path, built_app, tmdb):
    with disc_daemon(tmp_path, tmdb, "discs") as srv:
        yield srv


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"discs-{name}.png"), full_page=True)


def drop_dvd(srv, tmp_path_factory, name: str, titles: list[float], label: str) -> None:
    """A DVD image made with ffmpeg, dvdauthor and genisoimage, moved into the watch folder whole."""
    build = tmp_path_factory.mktemp(f"dvd-{name}")
    dvd = make_dvd(build / "DVD", titles, cache=tmp_path_factory)
    make_iso(dvd, build / f"{name}.iso", label=label)
    (build / f"{name}.iso").rename(srv.watch_dir / f"{name}.iso")


def disc_card(page: Page, label: str):
    return page.get_by_role("list", name="Discs").get_by_role("listitem", name=f"Disc {label}")


READ_CARD = """card => [card.querySelector('.disc-status').textContent,
                        card.querySelector('progress') ? card.querySelector('progress').value : null]"""


def both_sizes(page: Page, screenshots, name: str) -> None:
    """Screenshots at 1280 and 375 px (where nothing may scroll sideways)."""
    shot(page, screenshots, f"{name}-1280")
    page.set_viewport_size(PHONE)
    no_sideways_scroll(page, f"the Discs page ({name})")
    shot(page, screenshots, f"{name}-375")
    page.set_viewport_size(DESKTOP)


def start_and_watch_the_rip(page: Page, card) -> None:
    card.get_by_role("button", name="Start the rip").click()
    seen = watch_the_rip(page, card)
    assert any(0 < v < 100 for v in seen), f"the progress bar never showed a step between 0 and 100: {seen}"


def watch_the_rip(page: Page, card) -> list[int]:
    """The progress values the page showed until the disc was done (bounded)."""
    seen: list[int] = []
    deadline = time.monotonic() + RIP_TIMEOUT_S
    while time.monotonic() < deadline:
        status, value = card.evaluate(READ_CARD)  # one read: the bar may go away between two
        if status in ("done", "failed", "needs you"):
            break
        if value is not None and (not seen or seen[-1] != int(value)):
            seen.append(int(value))
        page.wait_for_timeout(150)
    expect(card.locator(".disc-status")).to_have_text("done")
    return seen


def test_discs_page(daemon, browser, screenshots, tmdb, tmp_path_factory):
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS, height=900)
    try:
        create_first_admin(page, daemon, ADMIN, ADMIN_PW)
        api = Api(daemon.base_url).login(ADMIN, ADMIN_PW)
        _more_menu(page, screenshots)
        _film_disc(page, api, daemon, screenshots, tmp_path_factory)
        _tv_disc(page, api, daemon, screenshots, tmp_path_factory)
    finally:
        context.close()
    watch.assert_clean()


def _more_menu(page: Page, screenshots) -> None:
    for size, name in ((DESKTOP, "01-more-menu-1280"), (PHONE, "02-more-menu-375")):
        page.set_viewport_size(size)
        page.goto("/home")
        nav = page.get_by_role("navigation", name="Main")
        for primary in ("Home", "Library", "Search", "Discs"):
            expect(nav.get_by_role("link", name=primary, exact=True)).to_be_visible()
        expect(nav.get_by_role("link", name="Jobs")).to_be_hidden()
        more = nav.get_by_role("button", name="More")
        more.focus()
        page.keyboard.press("Enter")
        expect(more).to_have_attribute("aria-expanded", "true")
        expect(nav.get_by_role("link", name="Collections")).to_be_focused()  # the first item of the menu
        page.keyboard.press("ArrowDown")
        expect(nav.get_by_role("link", name="Podcasts")).to_be_focused()
        no_sideways_scroll(page, "the open More menu")
        shot(page, screenshots, name)
        page.keyboard.press("Escape")
        expect(more).to_have_attribute("aria-expanded", "false")
        expect(more).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # follows the focused first link
        expect(page).to_have_url(re.compile(r"/collections$"))
        expect(nav.get_by_role("list", name="More pages")).to_be_hidden()
    page.set_viewport_size(DESKTOP)


def _film_disc(page: Page, api: Api, srv, screenshots, tmp_path_factory) -> None:
    page.goto("/library")
    drop_dvd(srv, tmp_path_factory, "harbor", [120.0], "HARBOR_LIGHTS")
    notice = page.locator(".disc-notice")
    expect(notice).to_contain_text("HARBOR_LIGHTS")  # the notice on any page, live
    notice.get_by_role("link", name="Open Discs").click()
    card = disc_card(page, "HARBOR_LIGHTS")
    expect(card.get_by_role("timer")).to_contain_text("The rip starts in")
    matches = card.get_by_role("list", name="Matches for HARBOR_LIGHTS")
    expect(matches.locator("li.candidate")).to_have_count(2)
    expect(matches.locator("li.candidate.chosen")).to_have_attribute("data-provider-id", "901")
    expect(card.get_by_role("list", name="Planned files")).to_contain_text("Main: title 1")
    both_sizes(page, screenshots, "03-film-waiting")

    matches.get_by_role("button", name="Pick Harbor Lights (1998)").click()
    expect(matches.locator("li.candidate.chosen")).to_have_attribute("data-provider-id", "902")
    expect(card.get_by_role("list", name="Planned files")).to_contain_text("Harbor Lights (1998) [tmdbid-902]")
    start_and_watch_the_rip(page, card)
    shot(page, screenshots, "04-film-done-1280")
    film = "Movies/Harbor Lights (1998) [tmdbid-902]/Harbor Lights (1998) [tmdbid-902].mkv"
    card.get_by_role("link", name=film).click()
    expect(page.get_by_role("heading", name="Harbor Lights")).to_be_visible()
    assert (srv.media_dir / film).is_file()
    item = api.find("Harbor Lights")
    assert api.get(f"/api/media/{item['id']}")["external_ids"]["tmdb"] == "902"


def _tv_disc(page: Page, api: Api, srv, screenshots, tmp_path_factory) -> None:
    page.goto("/discs")
    drop_dvd(srv, tmp_path_factory, "tiny", [30.0, 32.0, 31.0, 93.0], "TINY_SHOW_S1")
    card = disc_card(page, "TINY_SHOW_S1")
    expect(card.get_by_role("timer")).to_contain_text("The rip starts in")
    card.get_by_label("TV episodes").click()  # saved on the server, then shown checked
    expect(card.get_by_label("TV episodes")).to_be_checked()
    form = card.get_by_role("form", name="TV disc")
    form.get_by_label("Series", exact=True).fill("Tiny Show")
    form.get_by_label("Series year").fill("2011")
    form.get_by_label("Season").fill("1")
    form.get_by_label("First episode").fill("1")
    form.get_by_role("button", name="Save TV details").click()
    planned = card.get_by_role("list", name="Planned files")
    for line in ("S01E01 · Pilot — title 1", "S01E02 · The Second — title 2", "S01E03 · Third Time — title 3"):
        expect(planned).to_contain_text(line)
    expect(planned.get_by_role("listitem")).to_have_count(3)  # the "play all" title 4 is left out
    expect(planned).to_contain_text("Shows/Tiny Show (2011) [tmdbid-4600]/Season 01/Tiny Show (2011) S01E03.mkv")
    both_sizes(page, screenshots, "06-tv-planned")

    start_and_watch_the_rip(page, card)
    shot(page, screenshots, "07-tv-done-1280")
    season = srv.media_dir / "Shows" / "Tiny Show (2011) [tmdbid-4600]" / "Season 01"
    assert sorted(p.name for p in season.glob("*.mkv")) == [f"Tiny Show (2011) S01E0{n}.mkv" for n in (1, 2, 3)]
    expect(card.get_by_role("list", name="Files from TINY_SHOW_S1").get_by_role("listitem")).to_have_count(3)
    page.set_viewport_size(PHONE)
    shot(page, screenshots, "08-tv-done-375")
    page.set_viewport_size(DESKTOP)
