"""Browsing music in a real Chromium against the real daemon (issue 21 item 6): three tracks made
by ffmpeg are fingerprinted by the real fpcalc, identified through the local fake AcoustID,
MusicBrainz and Cover Art Archive, tagged and filed by a scan; then Music → the artist → the album
page shows the cover, the tracks in disc and track order (not alphabetical) with their numbers and
probed durations under a heading per disc, and "Play album" (reached by keyboard) opens the
player on the first track. At 1280 and 375 px, under the strict CSP, with no console
error. Screenshots: artifacts/screenshots/music-*.png.

Every wait is bounded (Playwright timeouts, bounded polls); nothing asserts on how long anything took.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from media_library.tools import fpcalc
from tests.fakes.acoustid import FakeAcoustId
from tests.fakes.coverart import FakeCoverArt
from tests.fakes.musicbrainz import FakeMusicBrainz
from tests.media import make_audio

from .conftest import create_first_admin, nav_to, open_page, run_server
from .test_library_flow import ADMIN, ADMIN_PW, WAIT_MS, Api, no_sideways_scroll

pytestmark = pytest.mark.browser

ARTIST = "a74b1b7f-71a5-4011-9441-d0b5e4122711"
RELEASE = "b1f7a9c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
GROUP = "c2a8b0d3-4e5f-4a6b-9c7d-8e9f0a1b2c3d"
# (recording, title, seconds, melody, disc): alphabetical order is not album order.
TRACKS = [("d3b9c1e4-5f6a-4b7c-8d9e-9f0a1b2c3d4e", "Zebra Crossing", 6.0, 0, 1),
          ("f5dbe3a6-7b8c-4d9e-8f1a-1b2c3d4e5f6a", "Another Start", 7.0, 1, 1),
          ("06ecf4b7-8c9d-4e0f-9a2b-2c3d4e5f6a7b", "Middle Ground", 9.0, 2, 2)]
IN_ORDER = ["Zebra Crossing", "Another Start", "Middle Ground"]


@pytest.fixture
def fakes():
    with FakeMusicBrainz() as mb, FakeAcoustId() as acoustid, FakeCoverArt() as caa:
        discs = [[(rec, title, int(s * 1000)) for rec, title, s, _, disc in TRACKS if disc == n] for n in (1, 2)]
        mb.add_release(RELEASE, "Sine Waves", artist=(ARTIST, "The Testers"), date="2011-05-01", country="GB",
                       release_group=(GROUP, "Album"), media=discs)
        caa.add_release(RELEASE)
        yield mb, acoustid, caa


@pytest.fixture
def music_daemon(tmp_path, built_app, fakes):
    mb, acoustid, caa = fakes
    with run_server(tmp_path, "music", {
        "ML_MUSICBRAINZ__BASE_URL": mb.url, "ML_MUSICBRAINZ__REQUESTS_PER_SECOND": "1000",
        "ML_ACOUSTID__BASE_URL": acoustid.url, "ML_ACOUSTID__API_KEY": acoustid.api_key,
        "ML_COVERART__BASE_URL": caa.url, "ML_HTTP__RETRIES": "0",
        "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",  # the fakes are a LAN service to the outbound guard
    }) as srv:
        yield srv


def _songs(srv, acoustid, cache) -> None:
    """The three recordings in the music folder's incoming/, each known to AcoustID by its fingerprint."""
    for recording, _title, seconds, melody, _disc in TRACKS:
        path = make_audio(srv.media_dir / "Music" / "incoming" / f"take {melody}.flac", seconds, melody=melody, cache=cache)
        fp = fpcalc.fingerprint(path)
        acoustid.add_match(fp.fingerprint, [{"id": f"1111111{melody}-2222-4333-8444-555555555555", "score": 0.95,
                                             "recordings": [{"id": recording}]}])


def _scan_and_identify(api: Api) -> dict:
    answer = api.post("/api/library/scan")
    assert answer.status_code == 202, answer.text
    api.wait_jobs_idle()
    albums = api.get("/api/library?kind=album")["items"]
    assert [a["title"] for a in albums] == ["Sine Waves"], api.get("/api/jobs?limit=50")
    return albums[0]


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"music-{name}.png"), full_page=True)


def test_album_page_lists_tracks_in_order_with_durations_and_art(music_daemon, browser, screenshots, fakes,
                                                                  tmp_path_factory):
    _songs(music_daemon, fakes[1], tmp_path_factory)
    context, page, watch = open_page(browser, music_daemon, wait_ms=WAIT_MS)
    try:
        create_first_admin(page, music_daemon, ADMIN, ADMIN_PW)
        api = Api(music_daemon.base_url).login(ADMIN, ADMIN_PW)
        album = _scan_and_identify(api)
        _from_library_to_the_album(page, screenshots)
        _album_page_is_right(page, album)
        shot(page, screenshots, "album-1280")
        _play_album_by_keyboard(page)
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(f"/music/albums/{album['id']}")
        _album_page_is_right(page, album)
        no_sideways_scroll(page, "the album page at 375 px")
        shot(page, screenshots, "album-375")
        page.goto("/music?shelf=unidentified")
        expect(page.get_by_text("Every track is matched to an album.")).to_be_visible()
    finally:
        context.close()
    watch.assert_clean()


def _from_library_to_the_album(page: Page, screenshots) -> None:
    nav_to(page, "Library")
    page.get_by_role("main").get_by_role("link", name="Music", exact=True).click()
    expect(page.get_by_role("heading", name="Music", level=1)).to_be_visible()
    expect(page.get_by_role("list", name="Artists").locator("img")).to_have_count(1)  # the artist shows its album's cover
    shot(page, screenshots, "artists-1280")
    page.get_by_role("list", name="Artists").get_by_role("link", name=re.compile("The Testers")).click()
    expect(page.get_by_role("heading", name="The Testers", level=1)).to_be_visible()
    page.get_by_role("list", name="Albums").get_by_role("link", name=re.compile("Sine Waves")).click()
    expect(page.get_by_role("heading", name="Sine Waves", level=1)).to_be_visible()


def _album_page_is_right(page: Page, album: dict) -> None:
    expect(page.get_by_role("heading", name="Sine Waves", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"The Testers · 2011 · 3 tracks"))).to_be_visible()
    expect(page.get_by_role("heading", name="Disc 1")).to_be_visible()
    expect(page.get_by_role("heading", name="Disc 2")).to_be_visible()
    rows = page.locator(".track-row")
    expect(rows).to_have_count(3)
    assert [rows.nth(n).locator(".track-title").inner_text() for n in range(3)] == IN_ORDER
    numbers = [rows.nth(n).locator(".track-number").inner_text() for n in range(3)]
    durations = [rows.nth(n).locator(".track-duration").inner_text() for n in range(3)]
    assert numbers == ["1", "2", "1"], numbers
    assert durations == ["0:06", "0:07", "0:09"], durations
    cover = page.locator(".music-head .poster-frame img")
    expect(cover).to_have_attribute("src", f"/api/media/{album['id']}/artwork")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=cover.element_handle())


def _play_album_by_keyboard(page: Page) -> None:
    play = page.get_by_role("link", name="Play album")
    play.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/media/[0-9a-f]+/play\?from=album$"))
    expect(page.get_by_role("heading", name="Zebra Crossing", level=1)).to_be_visible()
    expect(page.locator("audio")).to_have_count(1)
    expect(page.get_by_test_id("play-method")).to_be_visible()
    page.go_back()
