"""Library management in a real Chromium against the real daemon, with a fake TMDb on 127.0.0.1:
the TMDb key is set in Settings as a write-only secret (the field stays empty, the page never holds
the key) and its Test answers from the fake TMDb; a library folder of kind "shows" is added; a film
dropped straight into the media folder and three episodes in the new folder are found by the
Scan button on the Library page, which shows the scan's progress and then its summary, and the
film appears in the library; after the first episode is finished, Home's "Next up" offers the
second with its show and a play action. At 1280 and 375 px; screenshots go to
artifacts/screenshots/manage-*.png.

Every wait is bounded (Playwright timeouts, bounded polls); nothing asserts on how long anything took.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.tmdb import FakeTmdb
from tests.media import make_video

from .conftest import create_first_admin, nav_to, open_page, run_server
from .test_library_flow import ADMIN, ADMIN_PW, WAIT_MS, Api, no_sideways_scroll

pytestmark = pytest.mark.browser

# The progress region exists from the moment the scan is queued until its summary replaces it;
# the observer remembers that it was drawn, and every text it showed.
WATCH_SCAN = """() => {
  window.__scan = { progress: false, texts: [] };
  new MutationObserver(() => {
    const region = document.querySelector("[data-testid=scan-library] .scan-progress");
    if (region) { window.__scan.progress = true; window.__scan.texts.push(region.textContent); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


@pytest.fixture
def tmdb():
    with FakeTmdb() as fake:
        fake.add_movie(949, "Heat", year=1995, poster_path="/heat.jpg")
        fake.add_tv(70523, "Dark", year=2017, poster_path="/dark.jpg")
        for number, name in ((1, "Secrets"), (2, "Lies"), (3, "Past and Present")):
            fake.add_episode(70523, 1, number, name, air_date=f"2017-12-0{number}", runtime=50)
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, tmdb):
    """The daemon knows where TMDb is but has no key: it is set in the app."""
    with run_server(tmp_path, "manage", {
        "ML_TMDB__BASE_URL": tmdb.url, "ML_HTTP__RETRIES": "0", "ML_SCHEDULER__ENABLED": "false",
        "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false", "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",
    }) as srv:
        yield srv


@pytest.fixture
def clips(tmp_path_factory):
    folder, cache = tmp_path_factory.mktemp("clips"), tmp_path_factory
    return {name: make_video(folder / f"{name}.webm", seconds, size="160x120", fps=5, vcodec="libvpx", cache=cache)
            for name, seconds in (("film", 4), ("e1", 5), ("e2", 6), ("e3", 7))}


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"manage-{name}.png"), full_page=True)


def test_library_management(daemon, browser, screenshots, clips, tmdb):
    refused = (("/api/auth/me", 401), ("/api/library/folders", 400))  # the folder outside is refused on purpose
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS, height=900, expected_failures=refused)
    try:
        create_first_admin(page, daemon, ADMIN, ADMIN_PW)
        api = Api(daemon.base_url).login(ADMIN, ADMIN_PW)
        _set_and_test_the_tmdb_key(page, tmdb, screenshots)
        _add_a_shows_folder(page, daemon, screenshots)
        _drop_files_and_scan(page, api, daemon, clips, screenshots)
        _next_up_after_finishing_one(page, api, screenshots)
        _at_375_px(page, screenshots)
    finally:
        context.close()
    watch.assert_clean()


def _set_and_test_the_tmdb_key(page: Page, tmdb: FakeTmdb, screenshots) -> None:
    nav_to(page, "Settings")
    form = page.get_by_role("form", name="TMDb key")
    expect(form).to_contain_text("not set")
    form.get_by_role("button", name="Test").click()
    expect(page.locator("li[data-service=tmdb] .key-test")).to_have_text("No TMDb key is set.")
    form.get_by_label("New TMDb key").fill(tmdb.api_key)
    form.get_by_role("button", name="Replace").click()
    expect(form).to_contain_text("set (here)")
    expect(form.get_by_label("New TMDb key")).to_have_value("")
    assert tmdb.api_key not in page.content(), "the key is write-only: the page never holds it"
    form.get_by_role("button", name="Test").click()
    expect(page.locator("li[data-service=tmdb] .key-test")).to_contain_text(
        re.compile(r"TMDb accepted the key; a search for 'Fight Club' found \d+ film\(s\): first Fight Club \(1999\)"))
    shot(page, screenshots, "01-service-keys")


def _add_a_shows_folder(page: Page, srv, screenshots) -> None:
    section = page.locator(".library-folders")
    expect(section.get_by_role("list", name="Library folders").locator("li")).to_have_count(3)
    form = page.get_by_role("form", name="Add a library folder")
    form.get_by_label("Folder").fill("Series")
    form.get_by_label("Kind").select_option("shows")
    form.get_by_role("button", name="Add folder").click()
    row = section.locator(f"li[data-folder-path='{srv.media_dir / 'Series'}']")
    expect(row).to_contain_text("Shows")
    form.get_by_label("Folder").fill("/etc")
    form.get_by_role("button", name="Add folder").click()
    expect(form.locator(".notice-error")).to_contain_text("outside the media folder")
    shot(page, screenshots, "02-library-folders")


def _drop_files_and_scan(page: Page, api: Api, srv, clips, screenshots) -> None:
    (srv.media_dir / "Heat (1995).webm").write_bytes(clips["film"].read_bytes())  # straight into the media folder
    season = srv.media_dir / "Series" / "Dark" / "Season 1"
    season.mkdir(parents=True)
    for number in (1, 2, 3):
        (season / f"Dark S01E0{number}.webm").write_bytes(clips[f"e{number}"].read_bytes())
    nav_to(page, "Library")
    expect(page.get_by_role("heading", name="Library")).to_be_visible()
    page.evaluate(WATCH_SCAN)
    page.get_by_role("button", name="Scan library").click()
    summary = page.get_by_test_id("scan-library").locator(".scan-summary")
    expect(summary).to_have_text(re.compile(r"^Scan done: 4 found, 4 new, 0 changed, 0 removed\.$"))
    seen = page.evaluate("window.__scan")
    assert seen["progress"], "the scan's progress was shown while it ran"
    shot(page, screenshots, "03-scan-done")
    api.wait_jobs_idle()
    expect(page.locator("li.poster-card", has_text="Heat")).to_be_visible()  # live: library_updated reloads the grid
    expect(page.locator("li.poster-card", has_text="Dark")).to_be_visible()
    shot(page, screenshots, "04-library-after-scan")


def _episodes(api: Api) -> dict[int, dict]:
    show = next(i for i in api.get("/api/library?kind=show&limit=50")["items"] if i["title"] == "Dark")
    (season,) = api.get(f"/api/library?parent={show['id']}&limit=50")["items"]
    return {e["episode_number"]: e for e in api.get(f"/api/library?parent={season['id']}&limit=50")["items"]}


def _next_up_after_finishing_one(page: Page, api: Api, screenshots) -> None:
    episodes = _episodes(api)
    assert sorted(episodes) == [1, 2, 3]
    nav_to(page, "Home")
    expect(page.get_by_role("region", name="Next up")).to_have_count(0)
    assert api.post(f"/api/media/{episodes[1]['id']}/watched", {"watched": True}).status_code == 200
    page.reload()
    row = page.get_by_role("region", name="Next up")
    entry = row.locator(f"li.next-up[data-media-id='{episodes[2]['id']}']")
    expect(entry).to_contain_text("Dark")
    expect(entry).to_contain_text("S01E02")
    expect(entry).to_contain_text("Lies")
    shot(page, screenshots, "05-next-up")
    entry.get_by_role("link", name="Play Dark S01E02").click()
    expect(page).to_have_url(re.compile(rf"/media/{episodes[2]['id']}/play$"))
    expect(page.locator("video")).to_be_visible()


def _at_375_px(page: Page, screenshots) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    for path, name in (("/home", "06-home-375px"), ("/settings", "07-settings-375px"), ("/library", "08-library-375px")):
        page.goto(path)
        expect(page.locator("main h1").first).to_be_visible()
        no_sideways_scroll(page, path)
        shot(page, screenshots, name)
