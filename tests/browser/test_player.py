"""The player in Chromium against the real daemon: an H.264/AAC MP4 plays directly, an MKV with
AC-3 audio gets its audio converted, an MPEG-2 AVI and an HEVC file are transcoded to H.264,
each with seeking; resume after a reload; an embedded subtitle switched on and off; the next
episode reached from "up next"; at 1280 and 375 px, with no CSP violation or console error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.tmdb import FakeTmdb
from tests.media import make_video

from .conftest import create_first_admin, open_page, run_server
from .test_library_flow import Api

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PW = "admin", "correct horse battery"
WAIT_MS = 60_000
FILM_S = 16.0
FILMS = {  # file → (title, expected method, make_video options)
    "Movies/Clear Water (2011)/Clear Water (2011).mp4": ("Clear Water", "direct", {"vcodec": "libx264"}),
    "Movies/Loud Room (2012)/Loud Room (2012).mkv": ("Loud Room", "audio", {
        "vcodec": "libx264", "acodec": "ac3", "subtitle_language": "eng"}),
    "Movies/Old Tape (1999)/Old Tape (1999).avi": ("Old Tape", "video", {"vcodec": "mpeg2video", "acodec": "ac3"}),
    "Movies/New Codec (2020)/New Codec (2020).mkv": ("New Codec", "video", {"vcodec": "libx265"}),
}
EPISODES = ("Shows/Test Show (2015)/Season 01/Test Show S01E01.mkv", "Shows/Test Show (2015)/Season 01/Test Show S01E02.mkv")


@pytest.fixture
def tmdb():
    with FakeTmdb() as fake:
        for tmdb_id, (title, year) in enumerate((("Clear Water", 2011), ("Loud Room", 2012), ("Old Tape", 1999),
                                                 ("New Codec", 2020)), start=810001):
            fake.add_movie(tmdb_id, title, year=year, runtime=1)
        fake.add_tv(820001, "Test Show", year=2015)
        fake.add_episode(820001, 1, 1, "Pilot", air_date="2015-01-01")
        fake.add_episode(820001, 1, 2, "Second Wind", air_date="2015-01-08")
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, tmdb, tmp_path_factory):
    media = tmp_path / "media"
    for relative, (_title, _method, options) in FILMS.items():
        make_video(media / relative, FILM_S, size="320x240", fps=25, cache=tmp_path_factory, **options)
    for relative in EPISODES:
        make_video(media / relative, FILM_S, size="320x240", fps=25, vcodec="libx264", cache=tmp_path_factory)
    with run_server(tmp_path, "player", {
        "ML_TMDB__BASE_URL": tmdb.url, "ML_TMDB__API_KEY": tmdb.api_key, "ML_HTTP__RETRIES": "0",
        "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false", "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",
        "ML_TRANSCODE__PRESET": "ultrafast",
    }) as srv:
        yield srv


def test_the_player_plays_everything(daemon, browser, screenshots):
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS)
    try:
        create_first_admin(page, daemon, ADMIN, ADMIN_PW)
        api = Api(daemon.base_url).login(ADMIN, ADMIN_PW)
        assert api.post("/api/library/scan").status_code == 202
        api.wait_jobs_idle(180)
        for title, method, _options in FILMS.values():
            _play_and_seek(page, api.find(title)["id"], method, screenshots, title)
        loud = api.find("Loud Room")["id"]
        _subtitles_on_and_off(page, loud, screenshots)
        _resume_after_reload(page, api, api.find("Old Tape")["id"], screenshots)
        _next_episode(page, api, screenshots)
        page.set_viewport_size({"width": 375, "height": 800})
        _play_and_seek(page, loud, "audio", screenshots, "Loud Room 375px")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the player scrolls sideways at 375 px"
    finally:
        context.close()
    watch.assert_clean()


def _open_player(page: Page, media_id: str, method: str) -> None:
    page.goto(f"/media/{media_id}/play")
    expect(page.get_by_test_id("play-method")).to_have_attribute("data-method", method, timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=WAIT_MS)


def _play_and_seek(page: Page, media_id: str, method: str, screenshots, name: str) -> None:
    _open_player(page, media_id, method)
    page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5", timeout=WAIT_MS)
    page.locator("video").evaluate("v => { v.currentTime = 10; }")
    page.wait_for_function("() => { const v = document.querySelector('video'); return v.currentTime >= 10.5 && !v.paused; }",
                           timeout=WAIT_MS)
    expect(page.get_by_test_id("play-error")).to_have_count(0)
    page.screenshot(path=str(screenshots / f"player-{name.lower().replace(' ', '-')}.png"))


def _subtitles_on_and_off(page: Page, media_id: str, screenshots) -> None:
    _open_player(page, media_id, "audio")
    picker = page.get_by_test_id("subtitle-picker")
    picker.select_option(label=picker.locator("option").nth(1).inner_text())
    page.wait_for_function("() => { const t = document.querySelector('video').textTracks[0];"
                           " return t.mode === 'showing' && t.cues && t.cues.length > 0; }", timeout=WAIT_MS)
    assert page.locator("video").evaluate("v => v.textTracks[0].cues[0].text") == "Hello"
    page.screenshot(path=str(screenshots / "player-subtitles-on.png"))
    picker.select_option("off")
    page.wait_for_function("() => document.querySelector('video').textTracks[0].mode === 'disabled'", timeout=WAIT_MS)


def _resume_after_reload(page: Page, api: Api, media_id: str, screenshots) -> None:
    _open_player(page, media_id, "video")
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    video.evaluate("v => { v.currentTime = 9; }")
    page.wait_for_function("() => document.querySelector('video').currentTime >= 9.5", timeout=WAIT_MS)
    with page.expect_response(lambda r: r.url.endswith("/playback") and r.request.method == "PUT"):
        video.evaluate("v => v.pause()")
    saved = api.get(f"/api/media/{media_id}/playback")["position_s"]
    assert saved >= 9
    page.reload()
    resume = page.get_by_role("button", name="Resume from")
    expect(resume).to_be_visible(timeout=WAIT_MS)
    resume.click()
    page.wait_for_function(f"() => document.querySelector('video').currentTime >= {saved - 0.5}", timeout=WAIT_MS)
    page.screenshot(path=str(screenshots / "player-resumed.png"))


def _next_episode(page: Page, api: Api, screenshots) -> None:
    show = api.find("Test Show")
    (season,) = api.get(f"/api/library?parent={show['id']}")["items"]
    first, second = api.get(f"/api/library?parent={season['id']}")["items"]
    assert (first["title"], second["title"]) == ("Pilot", "Second Wind")
    _open_player(page, first["id"], "remux")
    video = page.locator("video")
    video.evaluate("v => { v.muted = true; return v.play(); }")
    video.evaluate(f"v => {{ v.currentTime = {FILM_S - 3}; }}")
    up_next = page.get_by_test_id("up-next")
    expect(up_next).to_contain_text("S01E02", timeout=WAIT_MS)
    page.screenshot(path=str(screenshots / "player-up-next.png"))
    up_next.get_by_role("button", name="Play now").click()
    page.wait_for_url(f"**/media/{second['id']}/play", timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Second Wind")).to_be_visible()
