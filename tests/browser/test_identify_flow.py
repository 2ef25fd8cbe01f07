"""Identification in a real Chromium against the real daemon (issue 11 items 9-11), with a fake TMDb
on 127.0.0.1: a tie nothing breaks (`The.Office.S02E01`) waits in the review queue and a person
picks the American show; a file TMDb finds nothing for is identified from the review queue by its
IMDb id in the "Identify…" dialog, another by its typed title and year (the answer shows its poster
from our origin, runtime and overview; the queue names the uploaded file and its size); another is edited on its page and "Re-identify" searches what was
typed; a second copy of a film asks "keep both, replace or discard" in the review queue and keeping
both names them as versions. Screenshots go to artifacts/screenshots/identify-*.png.

Every wait is bounded (Playwright timeouts, bounded polls); nothing asserts on how long anything took.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.tmdb import FakeTmdb
from tests.media import make_video

from .conftest import create_first_admin, open_page, upload_in_library
from .test_library_flow import ADMIN, ADMIN_PW, WAIT_MS, Api, daemon  # noqa: F401 (daemon: the server fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def tmdb():
    with FakeTmdb() as fake:
        fake.add_tv(2996, "The Office", year=2001, origin_country=("GB",), popularity=40.0)
        fake.add_tv(2316, "The Office", year=2005, origin_country=("US",), popularity=30.0)
        for show in (2996, 2316):
            fake.add_episode(show, 2, 1, f"Episode {show}", runtime=22, air_date="2005-09-20")
        fake.add_movie(680, "Pulp Fiction", year=1994, imdb_id="tt0110912")
        fake.add_movie(557, "Spider-Man", year=2002, imdb_id="tt0145487")
        fake.add_movie(194, "Amélie", year=2001, original_title="Le Fabuleux Destin d'Amélie Poulain")
        fake.add_movie(129, "Spirited Away", year=2001, runtime=125, poster_path="/spirited.jpg",
                       overview="A girl wanders into a world ruled by gods and spirits.")
        yield fake


@pytest.fixture
def clips(tmp_path_factory):
    folder, cache = tmp_path_factory.mktemp("clips"), tmp_path_factory
    seconds = {"The.Office.S02E01.webm": 4, "grandma tape.webm": 5, "holiday clip.webm": 6, "Pulp.Fiction.1994.webm": 7,
               "camcorder tape.webm": 3}
    return {name: make_video(folder / name, s, size="160x120", fps=5, vcodec="libvpx", cache=cache)
            for name, s in seconds.items()}


def shot(page: Page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"identify-{name}.png"), full_page=True)


def test_identify_flow(daemon, browser, screenshots, clips, tmdb):  # noqa: F811
    context, page, watch = open_page(browser, daemon, wait_ms=WAIT_MS, height=900)
    try:
        api = _setup_and_upload(page, daemon, clips)
        _tie_is_picked_in_review(page, api, screenshots)
        _identify_by_imdb_id(page, api, screenshots)
        _identify_by_typed_title(page, api, screenshots, clips)
        _edit_then_reidentify(page, api, screenshots)
        _second_copy_kept_as_a_version(page, api, daemon, screenshots)
    finally:
        context.close()
    watch.assert_clean()


def _upload(page: Page, api: Api, paths) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Library").click()
    upload_in_library(page, paths, wait_ms=WAIT_MS)
    api.wait_jobs_idle()


def _setup_and_upload(page: Page, srv, clips) -> Api:
    create_first_admin(page, srv, ADMIN, ADMIN_PW)
    api = Api(srv.base_url).login(ADMIN, ADMIN_PW)
    _upload(page, api, clips.values())
    return api


def _review_entry(page: Page, text: str):
    page.goto("/review")
    entry = page.locator("li.review-item", has_text=text)
    expect(entry).to_be_visible()
    return entry


def _tie_is_picked_in_review(page: Page, api: Api, screenshots) -> None:
    entry = _review_entry(page, "The Office")
    expect(entry.locator("li.candidate")).to_have_count(2)  # a tie nothing in the name breaks
    shot(page, screenshots, "01-review-queue")
    entry.locator("li.candidate[data-provider-id='2316']").get_by_role("button").click()
    expect(page.locator("li.review-item", has_text="The Office")).to_have_count(0)
    api.wait_jobs_idle()
    shows = [i for i in api.get("/api/library?kind=show&limit=50")["items"] if i["title"] == "The Office"]
    assert [api.get(f"/api/media/{s['id']}")["external_ids"]["tmdb"] for s in shows] == ["2316"]


def _identify_by_imdb_id(page: Page, api: Api, screenshots) -> None:
    entry = _review_entry(page, "grandma tape")
    expect(entry.get_by_text("No candidates")).to_be_visible()
    entry.get_by_role("button", name="Identify…").click()
    dialog = page.get_by_role("dialog", name="Identify grandma tape")
    dialog.get_by_label("Id", exact=True).check()
    dialog.get_by_label("Id at").select_option("imdb")
    dialog.get_by_role("textbox", name="Id").fill("tt0145487")
    dialog.get_by_role("button", name="Search").click()
    expect(dialog.get_by_role("list", name="Search results").locator("li.candidate[data-provider-id='557']")).to_contain_text("Spider-Man")
    shot(page, screenshots, "02-identify-by-id")
    dialog.get_by_role("button", name="Choose Spider-Man (2002)").click()
    expect(page.locator("li.review-item", has_text="grandma tape")).to_have_count(0)
    api.wait_jobs_idle()
    assert api.get(f"/api/media/{api.find('Spider-Man')['id']}")["external_ids"]["tmdb"] == "557"


def _identify_by_typed_title(page: Page, api: Api, screenshots, clips) -> None:
    """The queue names the file as uploaded (not its random upload name) with its size."""
    entry = _review_entry(page, "camcorder tape")
    assert clips["camcorder tape.webm"].stat().st_size < 1024 * 1024  # so the size reads in KB
    expect(entry.locator(".review-file")).to_have_text(re.compile(r"^camcorder tape\.webm · \d+\.\d KB · confidence"))
    entry.get_by_role("button", name="Identify…").click()
    dialog = page.get_by_role("dialog", name=re.compile(r"^Identify camcorder"))
    dialog.get_by_label("Title to search").fill("spirited away")
    dialog.get_by_label("Year").fill("2001")
    dialog.get_by_label("Kind").select_option("movie")
    dialog.get_by_role("button", name="Search").click()
    result = dialog.get_by_role("list", name="Search results").locator("li.candidate[data-provider-id='129']")
    expect(result).to_contain_text("2001 · film · 125 min")
    expect(result).to_contain_text("A girl wanders into a world ruled by gods and spirits.")
    poster = result.locator("img")
    expect(poster).to_have_attribute("src", "/api/posters/spirited.jpg")  # from our origin, never TMDb's
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=poster.element_handle())
    shot(page, screenshots, "02b-identify-by-title")
    result.get_by_role("button", name="Choose Spirited Away (2001)").click()
    expect(page.locator("li.review-item", has_text="camcorder tape")).to_have_count(0)
    api.wait_jobs_idle()
    assert api.get(f"/api/media/{api.find('Spirited Away')['id']}")["external_ids"]["tmdb"] == "129"


def _edit_then_reidentify(page: Page, api: Api, screenshots) -> None:
    entry = _review_entry(page, "holiday clip")
    entry.get_by_role("link", name="holiday clip").click()
    expect(page.get_by_role("heading", name="holiday clip")).to_be_visible()
    page.get_by_role("button", name="Edit").click()
    form = page.get_by_role("form", name="Edit item")
    form.get_by_label("Title").fill("Amélie")
    form.get_by_label("Year").fill("2001")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Amélie")).to_be_visible()
    page.get_by_role("button", name="Re-identify").click()
    expect(page.get_by_text("Identifying again…")).to_be_visible()
    api.wait_jobs_idle()
    amelie = api.get(f"/api/media/{api.find('Amélie')['id']}")
    assert amelie["external_ids"]["tmdb"] == "194" and amelie["status"] == "identified"
    assert amelie["files"][0]["path"].endswith("Amélie (2001) [tmdbid-194].webm")
    shot(page, screenshots, "03-edited-and-reidentified")


def _second_copy_kept_as_a_version(page: Page, api: Api, srv, screenshots) -> None:
    original = next(p for p in srv.media_dir.rglob("*.webm") if "Pulp Fiction" in p.name)
    copy = original.parent.parent.parent / "upload-again" / "Pulp Fiction (1994) copy.webm"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())
    _upload(page, api, [copy])
    entry = _review_entry(page, "Pulp Fiction")
    choice = entry.get_by_role("group", name="Second copy")
    expect(choice.get_by_text("An identical copy of")).to_be_visible()
    assert original.exists(), "the film already there is neither renamed nor replaced before a decision"
    shot(page, screenshots, "04-second-copy")
    choice.get_by_role("button", name="Keep both").click()
    expect(page.locator("li.review-item", has_text="Pulp Fiction")).to_have_count(0)
    api.wait_jobs_idle()
    names = sorted(p.name for p in original.parent.glob("*.webm"))
    assert names == ["Pulp Fiction (1994) [tmdbid-680] - 120p 2.webm", "Pulp Fiction (1994) [tmdbid-680] - 120p.webm"]
    assert not any((srv.data_dir / "uploads").glob("*.webm")), "nothing stays behind in uploads/"
