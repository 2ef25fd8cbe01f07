"""Articles in a real Chromium against the real daemon, with a local website on 127.0.0.1: save a
long article from the paste box, read it, select a passage, highlight it and add a note, leave at
half, reload, and the reader resumes there with the highlight drawn and its note kept, at 1280 px
and again at 375 px (no sideways scrolling); a hostile page (script, ``onerror``,
``javascript:`` links, remote CSS, SVG with script) is shown inert: no dialog, no CSP violation, no
script effect, and no request leaves our origin; search shows a body phrase with the match marked.
Screenshots go to artifacts/screenshots/articles-*.png.

Every wait is bounded (Playwright timeouts); nothing asserts on how long anything took.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.articles import FakeSite
from tests.fakes.books import EPUB_PHRASE, make_epub

from .conftest import create_first_admin, nav_to, run_server
from .watch import PageWatch

pytestmark = pytest.mark.browser

ADMIN, ADMIN_PW = "admin", "correct horse battery"
WAIT_MS = 30_000
LONG_TITLE = "A Long Walk Through Everything"


@pytest.fixture
def site():
    with FakeSite() as fake:
        yield fake


@pytest.fixture
def daemon(tmp_path, built_app, site):
    with run_server(tmp_path, "articles", {
        "ML_SCHEDULER__ENABLED": "false", "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false",
        "ML_HTTP__ALLOW_HOSTS": "127.0.0.1",  # the local website stands where a LAN host would
    }) as srv:
        yield srv


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"articles-{name}.png"), full_page=False)


def progress_bar(page: Page) -> float:
    return float(page.locator("progress.reader-progress").evaluate("p => p.value"))


def test_articles_flow(daemon, site, browser, screenshots, tmp_path):
    context = browser.new_context(base_url=daemon.base_url, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    watch = PageWatch()
    watch.attach(page)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(daemon.base_url) else None)
    try:
        create_first_admin(page, daemon, ADMIN, ADMIN_PW)
        _save(page, site.url + "/essays/long", LONG_TITLE)
        _save(page, site.url + "/hostile", "A Perfectly Normal Article")
        _read_leave_resume(page, screenshots, "1280")
        _hostile_is_inert(page, screenshots)
        _search_marks_the_body_phrase(page, screenshots)
        _an_epub_reads_in_the_app(page, screenshots, tmp_path)
        _a_book_entered_by_hand_and_edited(page, screenshots)
        watch.prove_csp_detection(page)
    finally:
        context.close()
    watch.assert_clean()
    assert [u for u in outside if not u.startswith(("data:", "about:"))] == []

    phone = browser.new_context(base_url=daemon.base_url, viewport={"width": 375, "height": 740})
    page = phone.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        _login(page)
        _read_leave_resume(page, screenshots, "375")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the reader scrolls sideways"
    finally:
        phone.close()


def _login(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(ADMIN)
    page.get_by_label("Password").fill(ADMIN_PW)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _save(page: Page, url: str, title: str) -> None:
    nav_to(page, "Articles")
    page.get_by_label("Article URL").fill(url)
    with page.expect_response(lambda r: r.url.endswith("/api/articles") and r.request.method == "POST") as saved:
        page.get_by_role("button", name="Save", exact=True).click()
    assert saved.value.status == 202, saved.value.text()
    page.get_by_role("tab", name="All").click()
    # the job's "done" event reloads the list; the title becomes a link to the reader
    expect(page.get_by_role("link", name=title)).to_be_visible()


HIGHLIGHTS = {"1280": ("boreal forests", "check the map <b>later</b>"), "375": ("sourdough starter", "try this")}


def _select(page: Page, phrase: str) -> None:
    """Select the first occurrence of ``phrase`` in the reader's text, as a person dragging would."""
    page.locator("[data-testid=reader-body]").evaluate("""(body, phrase) => {
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(phrase);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
        }
        throw new Error("phrase not in the text: " + phrase);
    }""", phrase)


def _highlight_with_note(page: Page, phrase: str, note: str) -> None:
    _select(page, phrase)
    with page.expect_response(lambda r: r.url.endswith("/api/articles/highlights") and r.request.method == "POST") as made:
        page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Highlight").click()
    assert made.value.status == 201 and made.value.json()["quote"] == phrase, made.value.text()
    expect(page.get_by_role("toolbar", name="Selection")).to_have_count(0)
    item = page.get_by_role("listitem", name=f"Highlight: {phrase}")
    item.get_by_label(f"Note on “{phrase}”").fill(note)
    with page.expect_response(lambda r: "/api/articles/highlights/" in r.url and r.request.method == "PATCH") as noted:
        item.get_by_role("button", name="Save note").click()
    assert noted.value.status == 200 and noted.value.json()["note"] == note


def _highlight_is_drawn(page: Page, phrase: str, note: str) -> None:
    """The passage is marked where it was selected (its first occurrence) and its note listed."""
    mark = page.locator("[data-testid=reader-body] mark.reader-highlight", has_text=phrase)
    expect(mark).to_have_count(1)
    expect(mark).to_have_attribute("title", note)
    assert mark.evaluate("""(m, phrase) => m.closest('p') === [...document.querySelectorAll('[data-testid=reader-body] p')]
        .find((p) => p.textContent.includes(phrase))""", phrase)
    expect(page.get_by_label(f"Note on “{phrase}”")).to_have_value(note)
    assert page.locator(".reader-highlights b, .reader-highlights img").count() == 0  # a note is text, never markup


def _read_leave_resume(page: Page, screenshots, width: str) -> None:
    page.goto("/articles")
    page.get_by_role("tab", name="All").click()
    page.get_by_role("link", name=LONG_TITLE).click()
    expect(page.get_by_role("heading", name=LONG_TITLE)).to_be_visible()
    image = page.locator("article.reader img.reader-lead")  # the page's top image, saved locally
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    page.get_by_role("button", name="Larger text").click()
    page.get_by_label("Theme").select_option("sepia")
    expect(page.locator("article.reader")).to_have_class("reader theme-sepia size-l width-narrow")
    phrase, note = HIGHLIGHTS[width]
    _highlight_with_note(page, phrase, note)
    with page.expect_response(lambda r: r.url.endswith("/reading") and r.request.method == "PUT"):
        page.evaluate("window.scrollTo(0, 0)")  # back to the top (the list is below the text)
    target = page.locator("[data-testid=reader-body]").evaluate(
        "b => { const top = b.getBoundingClientRect().top + scrollY; return top + (b.offsetHeight - innerHeight) / 2; }")
    with page.expect_response(lambda r: r.url.endswith("/reading") and r.request.method == "PUT") as put:
        page.evaluate(f"window.scrollTo(0, {target})")
    assert put.value.status == 200 and abs(put.value.json()["progress"] - 0.5) < 0.05, put.value.text()
    shot(page, screenshots, f"{width}-half")
    page.reload()
    expect(page.get_by_role("heading", name=LONG_TITLE)).to_be_visible()
    expect(page.locator("article.reader")).to_have_class("reader theme-sepia size-l width-narrow")  # kept too
    page.wait_for_function("() => document.querySelector('progress.reader-progress').value > 0.4")
    assert abs(progress_bar(page) - 0.5) < 0.05
    resumed = page.locator("[data-testid=reader-body]").evaluate(
        "b => (scrollY - (b.getBoundingClientRect().top + scrollY)) / (b.offsetHeight - innerHeight)")
    assert abs(resumed - 0.5) < 0.05, resumed
    shot(page, screenshots, f"{width}-resumed")
    for kept in ("1280",) if width == "1280" else ("1280", "375"):  # the phone also sees the desktop's
        _highlight_is_drawn(page, *HIGHLIGHTS[kept])
    page.get_by_role("listitem", name=f"Highlight: {phrase}").scroll_into_view_if_needed()
    shot(page, screenshots, f"{width}-highlights")


def _hostile_is_inert(page: Page, screenshots) -> None:
    page.goto("/articles")
    page.get_by_role("tab", name="All").click()
    page.get_by_role("link", name="A Perfectly Normal Article").click()
    body = page.locator("[data-testid=reader-body]")
    expect(body).to_contain_text("walk along the river")
    for link in body.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript")
    body.get_by_text("Click me for more").click()  # a link that was javascript: now goes nowhere
    assert page.evaluate("window.__pwned") is None
    assert body.locator("script, svg, style, iframe, form, [onerror], [onclick], [style]").count() == 0
    shot(page, screenshots, "hostile")


def _search_marks_the_body_phrase(page: Page, screenshots) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search the library").fill("velvet wingbeats")
    found = page.get_by_role("list", name="Found in the text")
    expect(found.get_by_role("link", name=LONG_TITLE)).to_be_visible()
    expect(found.locator("mark")).to_have_text(["velvet", "wingbeats"])
    shot(page, screenshots, "search")


def _an_epub_reads_in_the_app(page: Page, screenshots, tmp_path) -> None:
    epub = make_epub(tmp_path / "salt.epub")
    page.goto("/books")
    with page.expect_response(lambda r: r.url.endswith("/api/books") and r.request.method == "POST") as added:
        page.get_by_label("Add books (EPUB, PDF, CBZ)").set_input_files(str(epub))
    assert added.value.status == 201, added.value.text()
    card = page.locator("li.poster-card", has_text="The Salt Road")
    expect(card.locator("img")).to_be_visible()  # the cover from the EPUB, as the poster
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", name="The Salt Road", level=1)).to_be_visible()
    expect(page.locator("[data-testid=reader-body]")).to_contain_text(EPUB_PHRASE)
    _highlight_with_note(page, EPUB_PHRASE, "the book's odd phrase")  # books take highlights too
    page.reload()
    _highlight_is_drawn(page, EPUB_PHRASE, "the book's odd phrase")
    shot(page, screenshots, "book")


def _a_book_entered_by_hand_and_edited(page: Page, screenshots) -> None:
    nav_to(page, "Articles")
    page.get_by_role("link", name="Books", exact=True).click()  # the shelf's link on the Articles page
    page.get_by_text("Add a book by hand (no file)").click()
    page.get_by_label("Title", exact=True).fill("The Paper Atlas")
    page.get_by_label("Authors").fill("Noor Veldt, Ada Lune")
    page.get_by_label("Year").fill("1998")
    page.get_by_label("ISBN").fill("978-0-306-40615-7")
    page.get_by_label("Series", exact=True).fill("Old Maps")
    page.get_by_label("Number in series").fill("2")
    with page.expect_response(lambda r: r.url.endswith("/api/books/manual/new") and r.request.method == "POST") as made:
        page.get_by_role("button", name="Add book", exact=True).click()
    assert made.value.status == 201, made.value.text()
    page.locator("li.poster-card", has_text="The Paper Atlas").get_by_role("link").click()
    expect(page.get_by_role("heading", name="The Paper Atlas", level=1)).to_be_visible()
    meta = page.locator(".reader-meta")
    expect(meta).to_have_text("Noor Veldt, Ada Lune · Old Maps #2 · 1998")
    expect(page.get_by_text("No file: entered by hand")).to_be_visible()
    page.get_by_text("Edit details").click()
    page.get_by_label("Year").fill("2001")
    with page.expect_response(lambda r: r.url.endswith("/details") and r.request.method == "PATCH") as edited:
        page.get_by_role("button", name="Save details").click()
    assert edited.value.status == 200, edited.value.text()
    expect(meta).to_have_text("Noor Veldt, Ada Lune · Old Maps #2 · 2001")
    page.reload()
    expect(meta).to_have_text("Noor Veldt, Ada Lune · Old Maps #2 · 2001")
    shot(page, screenshots, "book-by-hand")
