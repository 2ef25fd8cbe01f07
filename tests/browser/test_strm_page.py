"""The STRM export page in a real Chromium against the real daemon: a library
seeded through the state layer before the daemon starts (a film with a real ffmpeg file and no
runtime, a film with one, an episode), ``ML_STRM__OUTPUT_DIR`` and ``ML_STRM__PUBLIC_BASE_URL`` set.
Through the page: settings shown and changed (a secret reads "set", never its value), a preview
writes nothing, automatic export reads "off" with its reason until it is ticked, a run writes the tree and the report shows created counts, a second run shows
them unchanged, the CSV report downloads, the token rotation (confirmed) makes the next run rewrite
only the .strm files; the page at 375 px. Screenshots go to artifacts/screenshots/strm-*.png.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from media_library.runtime import Runtime
from tests.conftest import make_settings
from tests.media import make_video

from .conftest import create_first_admin, nav_to, run_server
from .watch import PageWatch

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PW = "admin", "correct horse battery"
BASE_URL = "https://media.example.test"
PLEX_SECRET = "plex-secret-do-not-show"
WAIT_MS = 30_000
FILES = 8  # 2 films (.strm + .nfo) + tvshow.nfo + season.nfo + an episode (.strm + .nfo)
STRM_FILES = 3
MATRIX = "Movies/The Matrix (1999) {tmdb-603}/The Matrix (1999) {tmdb-603}"
PROBED = "Movies/Probe Film (2021) {tmdb-900001}/Probe Film (2021) {tmdb-900001}"


def seed_library(tmp_path, tmp_path_factory) -> None:
    """Migrate the daemon's database and add items through the state layer, before it starts."""
    files = tmp_path / "files"
    files.mkdir()
    video = make_video(files / "probe.mkv", 90.0, size="160x120", fps=2, cache=tmp_path_factory)
    runtime = Runtime.build(make_settings(tmp_path), "worker")  # data folder: tmp_path / "data"
    try:
        state = runtime.state
        matrix = state.add_media("movie", "The Matrix", year=1999, external_ids={"tmdb": "603"}, runtime_minutes=136,
                                 overview="A hacker learns the truth.", status="identified")
        state.upsert_media_file(str(files / "matrix.mkv"), media_id=matrix.id, size=1000, duration_s=8160.0)
        probe = state.add_media("movie", "Probe Film", year=2021, external_ids={"tmdb": "900001"}, status="identified")
        state.upsert_media_file(str(video), media_id=probe.id, size=video.stat().st_size, mtime=video.stat().st_mtime)
        show = state.add_media("show", "Stargate Atlantis", year=2004, external_ids={"tmdb": "2290"})
        season = state.add_media("season", "Season 1", parent_id=show.id, season_number=1)
        episode = state.add_media("episode", "Rising", parent_id=season.id, season_number=1, episode_number=1,
                                  runtime_minutes=44)
        state.upsert_media_file(str(files / "rising.mkv"), media_id=episode.id, size=500, duration_s=2640.0)
    finally:
        runtime.stop()


@pytest.fixture
def daemon(tmp_path, tmp_path_factory, built_app):
    seed_library(tmp_path, tmp_path_factory)
    with run_server(tmp_path, "strm", {
        "ML_STRM__OUTPUT_DIR": str(tmp_path / "export"), "ML_STRM__PUBLIC_BASE_URL": BASE_URL, "ML_STRM__FSYNC": "false",
        "ML_STRM__AUTO_RUN": "false", "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
    }) as srv:
        yield srv


def shot(page: Page, screenshots, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(screenshots / f"strm-{name}.png"), full_page=full_page)


def count(page: Page, action: str):
    return page.locator(f".strm-count[data-count='{action}'] dd")


def start_and_finish(page: Page, button: str) -> int:
    """Click Run now or Preview; the job row then reaches "done" through Socket.IO events alone."""
    endpoint = "/api/strm/run" if button == "Run now" else "/api/strm/preview"
    with page.expect_response(lambda r: r.url.endswith(endpoint) and r.request.method == "POST") as started:
        page.get_by_role("button", name=button).click()
    assert started.value.status in (200, 201), started.value.text()
    job_id = started.value.json()["id"]
    row = page.locator(f".strm-jobs li.job[data-job-id='{job_id}']")
    expect(row).to_be_visible()
    expect(row).to_have_attribute("data-status", "done", timeout=WAIT_MS)
    return job_id


def exported(output) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) if output.exists() else []


def test_strm_page(daemon, browser, screenshots, tmp_path):
    output = tmp_path / "export"
    context = browser.new_context(base_url=daemon.base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    # "Has an export run yet?" answers 404 before the first run: the page shows that, not an error.
    watch = PageWatch(expected_failures=(("/api/auth/me", 401), ("/api/strm/last-run", 404)))
    watch.attach(page)
    try:
        _open_the_page(page, daemon, screenshots)
        _change_settings(page, screenshots)
        _preview_writes_nothing(page, output, screenshots)
        _run_then_run_again(page, output, screenshots)
        _download_the_report(page, tmp_path)
        _rotate_the_token(page, output, screenshots)
        _on_a_phone(page, screenshots)
        watch.prove_csp_detection(page)
    finally:
        context.close()
    watch.assert_clean()
    assert watch.dialogs == ["confirm: Rotate the stream token? Every exported .strm stops playing until the next "
                             "export rewrites it."]


def _open_the_page(page: Page, daemon, screenshots) -> None:
    create_first_admin(page, daemon, ADMIN, ADMIN_PW)
    nav_to(page, "Settings")
    page.get_by_role("link", name="Export settings, runs and reports").click()
    expect(page.get_by_role("heading", name="STRM export")).to_be_visible()
    expect(page.locator(".live-on")).to_be_visible()  # Socket.IO is up: progress arrives live
    expect(page.get_by_text("No export has run yet")).to_be_visible()
    form = page.get_by_role("form", name="Export settings")
    expect(form.get_by_label("Output folder")).to_have_value(str(daemon.data_dir.parent / "export"))
    expect(form.get_by_label("Public base URL")).to_have_value(BASE_URL)
    expect(form.get_by_label("Style")).to_have_value("jellyfin")
    expect(page.get_by_test_id("secret-refresh_plex_token")).to_have_text("not set")
    auto_off = page.get_by_test_id("auto-export-off")  # the page says why library changes do not export
    expect(auto_off).to_contain_text("Automatic export is off")
    expect(auto_off).to_contain_text("(strm.auto_run)")
    shot(page, screenshots, "01-page")


def _change_settings(page: Page, screenshots) -> None:
    form = page.get_by_role("form", name="Export settings")
    form.get_by_label("Style").select_option("plex")
    form.get_by_label("Plex token").fill(PLEX_SECRET)
    form.get_by_label("Export after library changes").check()
    with page.expect_response(lambda r: r.url.endswith("/api/strm/settings") and r.request.method == "PUT") as saved:
        form.get_by_role("button", name="Save settings").click()
    assert saved.value.status == 200, saved.value.text()
    assert PLEX_SECRET not in saved.value.text()
    expect(form.get_by_text("Settings saved.")).to_be_visible()
    expect(page.get_by_test_id("auto-export-off")).to_have_count(0)  # output folder and base URL are set
    expect(page.get_by_test_id("secret-refresh_plex_token")).to_have_text("set")
    expect(form.get_by_label("Plex token")).to_have_value("")  # write-only: never read back
    page.reload()
    expect(page.get_by_role("form", name="Export settings").get_by_label("Style")).to_have_value("plex")
    assert PLEX_SECRET not in page.content()
    # Remove it again, or every run would try to refresh a Plex that is not there.
    form = page.get_by_role("form", name="Export settings")
    form.get_by_role("button", name="Remove").click()
    expect(page.get_by_test_id("secret-refresh_plex_token")).to_have_text("not set")
    shot(page, screenshots, "02-settings-saved")


def _preview_writes_nothing(page: Page, output, screenshots) -> None:
    start_and_finish(page, "Preview")
    expect(page.get_by_text("Preview (nothing written)")).to_be_visible()
    expect(count(page, "created")).to_have_text(str(FILES))
    assert exported(output) == []
    shot(page, screenshots, "03-preview")


def _run_then_run_again(page: Page, output, screenshots) -> None:
    start_and_finish(page, "Run now")
    expect(page.get_by_text("Export ·")).to_be_visible()
    expect(count(page, "created")).to_have_text(str(FILES))
    files = exported(output)
    assert len(files) == FILES and f"{MATRIX}.strm" in files, files
    assert (output / f"{MATRIX}.strm").read_text().startswith(f"{BASE_URL}/api/media/")
    assert "<runtime>2</runtime>" in (output / f"{PROBED}.nfo").read_text()  # probed from the 90 s file
    shot(page, screenshots, "04-run")

    mtimes = {name: (output / name).stat().st_mtime_ns for name in files}
    start_and_finish(page, "Run now")
    expect(count(page, "unchanged")).to_have_text(str(FILES))
    expect(count(page, "created")).to_have_text("0")
    assert {name: (output / name).stat().st_mtime_ns for name in exported(output)} == mtimes
    shot(page, screenshots, "05-second-run")


def _download_the_report(page: Page, tmp_path) -> None:
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the report (CSV)").click()
    target = tmp_path / "report.csv"
    info.value.save_as(target)
    lines = target.read_text().splitlines()
    assert lines[0] == "path,action,item,reason"
    assert sum(",unchanged," in line for line in lines) == FILES
    assert BASE_URL not in target.read_text()  # URLs carry the token: never in a report


def _rotate_the_token(page: Page, output, screenshots) -> None:
    before = (output / f"{MATRIX}.strm").read_text()
    with page.expect_response(lambda r: r.url.endswith("/api/strm/token/rotate")) as rotated:
        page.get_by_role("button", name="Rotate stream token").click()  # PageWatch accepts the confirmation
    assert rotated.value.status == 200
    expect(page.get_by_text("The stream token was replaced.")).to_be_visible()
    start_and_finish(page, "Run now")
    expect(count(page, "updated")).to_have_text(str(STRM_FILES))
    expect(count(page, "unchanged")).to_have_text(str(FILES - STRM_FILES))
    assert (output / f"{MATRIX}.strm").read_text() != before
    shot(page, screenshots, "06-after-rotation")


def _on_a_phone(page: Page, screenshots) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    expect(page.get_by_role("heading", name="STRM export")).to_be_visible()
    expect(count(page, "updated")).to_have_text(str(STRM_FILES))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the STRM page scrolls sideways at 375 px"
    shot(page, screenshots, "07-375px", full_page=False)
    shot(page, screenshots, "08-375px-full")
