"""The Discs page with eject early and a chosen subset of titles, in a real Chromium against the real
daemon (``main.py --mode full``, ``disc.eject_early`` on), a fake TMDb on 127.0.0.1 and the real
HandBrakeCLI and genisoimage (issue 12, item 1):

- a TV disc (four episodes and a "play all" title) dropped in the watch folder as a ``VIDEO_TS``
  folder is switched to TV; the titles to rip are ticked as the plan picks them (the four
  episodes), a person unticks the second, and the planned files become S01E01–E03 from titles 1, 3
  and 4 with their TMDb names;
- the rip goes through its own states on the page: "copying to an image" (the folder is imaged),
  "ejected, encoding from the image", then "done", and the three episodes land with the durations
  of titles 1, 3 and 4.

Screenshots at 1280 and 375 px go to artifacts/screenshots/discs-*.png. Every wait is bounded.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from media_library.tools import ffprobe
from tests.fakes.tmdb import FakeTmdb
from tests.media import make_dvd

from .conftest import create_first_admin, open_page
from .test_discs_page import DESKTOP, PHONE, WAIT_MS, both_sizes, disc_card, disc_daemon, shot, watch_the_rip

pytestmark = pytest.mark.browser
TITLES = [20.0, 24.0, 21.0, 22.0, 87.0]  # four episodes; title 5 plays them all
# Every status the card's badge shows, in order (a MutationObserver: a state lasting a moment is seen too).
RECORD_STATUSES = """card => {
    const seen = window.__discStatuses = [];
    const note = () => {
        const text = card.querySelector('.disc-status')?.textContent;
        if (text && seen[seen.length - 1] !== text) seen.push(text);
    };
    note();
    new MutationObserver(note).observe(card, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture
def tmdb():
    with FakeTmdb() as fake:
        fake.add_tv(4700, "Pick Show", year=2019)
        for number, name in ((1, "One"), (2, "Two"), (3, "Three"), (4, "Four")):
            fake.add_episode(4700, 1, number, name)
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, tmdb):
    with disc_daemon(tmp_path, tmdb, "discs-eject", {"ML_DISC__EJECT_EARLY": "true"}) as srv:
        yield srv


def tick(card, number: int):
    return card.get_by_role("group", name="Titles to rip").get_by_role("checkbox", name=re.compile(rf"^Title {number} "))


def test_ticked_titles_of_a_tv_disc_ripped_with_eject_early(daemon, browser, screenshots, tmp_path_factory):
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS, height=900)
    try:
        create_first_admin(page, daemon)
        page.goto("/discs")
        dvd = make_dvd(tmp_path_factory.mktemp("dvd-pick") / "PICK_SHOW_S1", TITLES, cache=tmp_path_factory)
        dvd.rename(daemon.watch_dir / "PICK_SHOW_S1")  # a VIDEO_TS folder: eject early images it first
        card = disc_card(page, "PICK_SHOW_S1")
        expect(card.get_by_role("timer")).to_contain_text("The rip starts in")
        _choose_episodes(page, card, screenshots)
        _rip_with_eject_early(page, card, screenshots)
    finally:
        context.close()
    watch.assert_clean()
    season = daemon.media_dir / "Shows" / "Pick Show (2019) [tmdbid-4700]" / "Season 01"
    durations = {p.name: ffprobe.duration(p) for p in season.glob("*.mkv")}
    assert sorted(durations) == [f"Pick Show (2019) S01E0{n}.mkv" for n in (1, 2, 3)], durations
    for episode, title_seconds in ((1, 20.0), (2, 21.0), (3, 22.0)):  # titles 1, 3 and 4; title 2 (24 s) unticked
        assert abs(durations[f"Pick Show (2019) S01E0{episode}.mkv"] - title_seconds) <= 0.6, durations


def _choose_episodes(page: Page, card, screenshots) -> None:
    card.get_by_label("TV episodes").click()
    expect(card.get_by_label("TV episodes")).to_be_checked()
    form = card.get_by_role("form", name="TV disc")
    form.get_by_label("Series", exact=True).fill("Pick Show")
    form.get_by_label("Series year").fill("2019")
    form.get_by_role("button", name="Save TV details").click()
    planned = card.get_by_role("list", name="Planned files")
    expect(planned.get_by_role("listitem")).to_have_count(4)  # the plan's pick: every episode, not the "play all"
    for number in (1, 2, 3, 4):
        expect(tick(card, number)).to_be_checked()
    expect(tick(card, 5)).not_to_be_checked()

    tick(card, 2).click()  # saved on the server, then shown unticked
    expect(tick(card, 2)).not_to_be_checked()
    expect(planned.get_by_role("listitem")).to_have_count(3)
    for line in ("S01E01 · One — title 1", "S01E02 · Two — title 3", "S01E03 · Three — title 4"):
        expect(planned).to_contain_text(line)
    expect(card.get_by_role("button", name="Let the plan choose")).to_be_visible()
    both_sizes(page, screenshots, "09-tv-ticked")


def _rip_with_eject_early(page: Page, card, screenshots) -> None:
    card.evaluate(RECORD_STATUSES)
    card.get_by_role("button", name="Start the rip").click()
    expect(card.locator(".disc-status")).to_have_text("ejected, encoding from the image", timeout=120_000)
    expect(card.get_by_test_id("disc-stage")).to_contain_text("can be taken out")
    shot(page, screenshots, "10-ejected-1280")
    page.set_viewport_size(PHONE)
    shot(page, screenshots, "10-ejected-375")
    page.set_viewport_size(DESKTOP)
    watch_the_rip(page, card)
    seen = page.evaluate("window.__discStatuses")
    stages = [s for s in seen if s in ("copying to an image", "ejected, encoding from the image", "done")]
    assert stages == ["copying to an image", "ejected, encoding from the image", "done"], seen
    assert "ripping" not in seen, seen
    expect(card.get_by_role("list", name="Files from PICK_SHOW_S1").get_by_role("listitem")).to_have_count(3)
    shot(page, screenshots, "11-tv-ticked-done-1280")
