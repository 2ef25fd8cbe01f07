"""Every page the main navigation offers, opened in a real Chromium against the real daemon at 1280
and 375 px: each one names itself (an ``h1`` and the tab title), does not scroll sideways, raises
no console error, page error or CSP violation, and can be reached from the navigation by keyboard
alone. The pages' own flows are tested in their own files; this one catches the page nobody opened.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import create_first_admin, open_page

pytestmark = pytest.mark.browser

WAIT_MS = 30_000


def nav_links(page) -> list[tuple[str, str]]:
    """(label, path) of every link in the main navigation, the "More" menu's included."""
    return page.evaluate("""(() => [...document.querySelectorAll('nav[aria-label="Main"] a[href]')]
        .map(a => [a.querySelector('.nav-label')?.textContent?.trim() || a.textContent.trim(),
                   new URL(a.href).pathname]))()""")


def sideways_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [1280, 375])
def test_every_nav_page_names_itself_fits_and_raises_nothing(browser, server, screenshots, width):
    context, page, watch = open_page(browser, server, wait_ms=WAIT_MS, width=width)
    try:
        create_first_admin(page, server)
        links = nav_links(page)
        assert len(links) >= 10, f"the navigation offers only {links}"
        for label, path in links:
            page.goto(path)
            heading = page.get_by_role("heading", level=1).first
            expect(heading).to_be_visible()
            page.wait_for_load_state("networkidle")
            assert sideways_overflow(page) <= 0, f"{label} ({path}) scrolls sideways at {width} px"
            assert page.title().strip(), f"{label} ({path}) leaves the tab title empty"
            page.screenshot(path=str(screenshots / f"page-{path.strip('/').replace('/', '-') or 'root'}-{width}.png"))
        assert watch.console_errors == [], watch.console_errors
        assert watch.page_errors == [], watch.page_errors
        assert watch.csp_violations == [], watch.csp_violations
    finally:
        context.close()


def tab_to(page, target, what: str, presses: int = 40) -> None:
    """Press Tab until ``target`` has the focus (fails after ``presses``)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {what}")


def test_the_navigation_works_by_keyboard_alone(browser, server):
    """Tab reaches the "More" menu, Enter opens it, and Enter on a link there opens that page."""
    context, page, watch = open_page(browser, server, wait_ms=WAIT_MS, width=1280)
    try:
        create_first_admin(page, server)
        nav = page.get_by_role("navigation", name="Main")
        tab_to(page, nav.get_by_role("button", name="More"), "the More menu")
        page.keyboard.press("Enter")
        settings = nav.get_by_role("link", name="Settings", exact=True)
        expect(settings).to_be_visible()
        tab_to(page, settings, "Settings in the open More menu")
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{server.base_url}/settings")
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        assert watch.console_errors == [] and watch.page_errors == [] and watch.csp_violations == []
    finally:
        context.close()


def background_luminance(page) -> float:
    """Relative luminance (0 black – 1 white) of the page's background colour."""
    return page.evaluate("""(() => {
        const painted = [document.body, document.documentElement]
            .map(e => getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number))
            .find(c => c.length < 4 || c[3] > 0);
        const [r, g, b] = painted.slice(0, 3).map(c => c / 255);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    })()""")


def test_the_theme_follows_the_system_setting(browser, server, screenshots):
    context, page, watch = open_page(browser, server, wait_ms=WAIT_MS, width=1280)
    try:
        create_first_admin(page, server)
        page.emulate_media(color_scheme="light")
        assert background_luminance(page) > 0.6
        page.emulate_media(color_scheme="dark")
        assert background_luminance(page) < 0.2
        page.screenshot(path=str(screenshots / "page-home-dark-1280.png"))
        assert watch.console_errors == [] and watch.page_errors == [] and watch.csp_violations == []
    finally:
        context.close()
