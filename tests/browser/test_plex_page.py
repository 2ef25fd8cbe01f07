"""The Plex page in a real Chromium against the real daemon and the fake Plex server (on
127.0.0.1, in this process): add a server (its token never shown back), see its libraries with
their Plex paths, map a path and check it, map a Plex user, sync everything with watched state
and follow both levels of progress live to the job's counts, discover a show, see the files no
mapping covers; then the page at 375 px. Screenshots go to artifacts/screenshots/plex-*.png.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.plex import FakePlex

from .conftest import create_first_admin, nav_to, open_page, run_server

pytestmark = pytest.mark.browser

WAIT_MS = 60_000


@pytest.fixture
def plex():
    with FakePlex() as fake:
        fake.load_fixtures()
        fake.add_user("2", "alice", "alice-token")
        fake.set_view("2", "134703", offset_ms=3_600_000, last=1_735_900_000)
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app):
    with run_server(tmp_path, "plex", {"ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}) as srv:
        yield srv


def shot(page: Page, screenshots, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(screenshots / f"plex-{name}.png"), full_page=full_page)


def test_plex_page(daemon, plex, browser, screenshots, tmp_path):
    (tmp_path / "movies").mkdir()
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS)
    try:
        create_first_admin(page, daemon)
        nav_to(page, "Plex")
        expect(page.get_by_text("No Plex server yet")).to_be_visible()
        expect(page.locator(".live-on")).to_be_visible()
        _add_server(page, plex, screenshots)
        _map_a_path(page, tmp_path, screenshots)
        _map_a_user(page)
        _sync(page, screenshots)
        _discover(page, screenshots)
        _on_a_phone(page, screenshots)
        watch.prove_csp_detection(page)
    finally:
        context.close()
    watch.assert_clean()


def _add_server(page: Page, plex, screenshots) -> None:
    form = page.get_by_role("form", name="Add a Plex server")
    form.get_by_label("Name").fill("Living room")
    form.get_by_label("URL").fill(plex.url)
    form.get_by_label("Token").fill(plex.token)
    with page.expect_response(lambda r: r.url.endswith("/api/plex/servers") and r.request.method == "POST") as added:
        form.get_by_role("button", name="Add server").click()
    assert added.value.status == 201 and plex.token not in added.value.text()
    server = page.get_by_role("region", name="Plex server Living room")
    expect(server.locator("li[data-library='Movies']")).to_contain_text("/Movies, /mnt/Movies_1")
    expect(server.locator("li[data-library='TV Series']")).to_be_visible()
    server.get_by_role("button", name="Test connection").click()
    expect(server.get_by_text("Connected: Plex")).to_be_visible()
    assert plex.token not in page.content()
    shot(page, screenshots, "01-server")


def _map_a_path(page: Page, tmp_path, screenshots) -> None:
    page.get_by_label("Plex path").fill("/Movies")
    page.get_by_label("Local path").fill(str(tmp_path / "movies"))
    page.get_by_role("button", name="Add mapping").click()
    roots = page.get_by_role("list", name="Library roots")
    expect(roots.locator("li", has_text="Movies: /Movies →")).to_contain_text("found here")
    expect(roots.locator("li", has_text="Anime: /Anime →")).to_contain_text("missing")
    shot(page, screenshots, "02-mappings")


def _map_a_user(page: Page) -> None:
    page.get_by_label("Plex user").select_option(label="alice")
    page.get_by_label("Our user").select_option(label="admin")
    page.get_by_label("Their Plex token").fill("alice-token")
    page.get_by_role("button", name="Map user").click()
    expect(page.locator("li[data-plex-user='alice']")).to_contain_text("own token")


def _sync(page: Page, screenshots) -> None:
    page.get_by_label("Import watched state").check()
    page.get_by_role("button", name="Sync all").click()
    panel = page.get_by_test_id("plex-sync")
    expect(panel.locator(".badge-done")).to_be_visible()
    expect(panel.get_by_text("Libraries 3/3")).to_be_visible()
    expect(panel.locator("li", has_text="Movies")).to_contain_text(" new")
    expect(panel.locator("li[data-watched='alice']")).to_contain_text("1 played or started · 1 brought over")
    expect(page.get_by_role("region", name="Plex server Living room").get_by_text("last sync")).to_be_visible()
    expect(page.locator("li[data-library='Movies']")).not_to_contain_text(" 0 imported")
    unmapped = page.get_by_role("list", name="Unmapped files")
    expect(unmapped).to_contain_text("/TV Shows/")
    shot(page, screenshots, "03-synced")


def _discover(page: Page, screenshots) -> None:
    page.get_by_label("Title").fill("borderland")
    page.get_by_role("button", name="Find").click()
    found = page.locator("li", has_text="Alice in Borderland")
    expect(found.get_by_role("link", name="in the library")).to_be_visible()
    found.get_by_role("link", name="in the library").click()
    expect(page.get_by_role("heading", name="Alice in Borderland")).to_be_visible()
    page.go_back()
    shot(page, screenshots, "04-discover")


def _on_a_phone(page: Page, screenshots) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    expect(page.get_by_role("heading", name="Plex", exact=True)).to_be_visible()
    expect(page.locator("li[data-library='Movies']")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the Plex page scrolls sideways at 375 px"
    shot(page, screenshots, "05-375px", full_page=False)
    shot(page, screenshots, "06-375px-full")
