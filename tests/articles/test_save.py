"""Saving articles end to end: the real trafilatura, nh3 and HTTP client against the local website."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.articles import OWL_PHRASE, RENDERED_TIDES, TIDES_PHRASE
from tests.library.conftest import drain

READABLE = {
    # path: title, author, site, image files kept (body and top image), a phrase of the body
    "/news/owls": ("Great Grey Owls of the North", "Jane Doe", "Northern Nature", 2, "largest owls in the world"),
    "/guides/bread": ("Keeping a Sourdough Starter Alive", "Tom Baker", "Kitchen Notes", 1, "wild yeasts"),
    "/reviews/kettle": ("Review: the Steelbrew Kettle", "Priya Shah", "Gadget Test", 1, "rolling boil"),
    "/stories/lighthouse": ("The Last Keeper of Rathmore Light", "Ewan Hart", "Coast Stories", 1, "logbook"),
}
BOILERPLATE = ("Accept all", "Most read", "Guide number", "descaler", "Another story", "All rights reserved")


@pytest.mark.parametrize("path", sorted(READABLE))
def test_a_page_is_saved_with_its_body_metadata_and_images(site, save, admin_client, path):
    title, author, site_name, images, phrase = READABLE[path]
    article = save(site.url + path, tags=["Nature", "later"])
    assert article["status"] == "saved", article["error"]
    assert (article["title"], article["author"], article["site"], article["language"]) == (title, author, site_name, "en")
    assert article["tags"] == ["nature", "later"] and article["words"] > 80 and article["reading_minutes"] == 1
    html = admin_client.get(f"/api/articles/{article['id']}/content").json["html"]
    assert phrase in html
    assert not [junk for junk in BOILERPLATE if junk in html]
    assert all(src.startswith(f"/api/articles/{article['id']}/images/") for src in _img_srcs(html))
    for src in [*_img_srcs(html), *([article["top_image"]] if article["top_image"] else [])]:
        image = admin_client.get(src)
        assert image.status_code == 200 and image.data.startswith(b"\xff\xd8")
        image.close()
    folder = Path(_state(admin_client).get_article(article["id"]).folder)
    assert folder.parent.name == site_name and folder.name.endswith(f" [{article['id']}]")
    assert folder.parent.parent.name == "Articles" and folder.parent.parent.parent.name == "media"
    assert {"article.html", "original.html", "article.json", "images"} <= {p.name for p in folder.iterdir()}
    assert len(list((folder / "images").iterdir())) == images
    assert json.loads((folder / "article.json").read_text())["url"] == site.url + path
    assert "All rights reserved" in (folder / "original.html").read_text()  # the page as fetched is kept


def _img_srcs(html: str) -> list[str]:
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div").xpath("//img/@src")


def _state(admin_client):
    return admin_client.application.extensions["media_library"].services.state


def test_the_item_joins_the_library_and_search_finds_a_phrase_only_in_the_body(site, save, admin_client):
    article = save(site.url + "/news/owls")
    item = admin_client.get(f"/api/media/{article['media_id']}").json
    assert (item["kind"], item["title"], item["year"]) == ("article", "Great Grey Owls of the North", 2024)
    hits = admin_client.get("/api/search", query_string={"q": "Silent velvet wingbeats"}).json["items"]
    assert [h["id"] for h in hits] == [article["media_id"]]
    marked = [s["text"].lower() for s in hits[0]["snippet"] if s["mark"]]
    assert marked == OWL_PHRASE.split()
    assert OWL_PHRASE in "".join(s["text"] for s in hits[0]["snippet"])


def test_a_page_that_needs_javascript_fails_with_the_reason_and_the_bookmarklet_saves_it(site, save, admin_client, runtime):
    failed = save(site.url + "/app/tides")
    assert failed["status"] == "failed" and failed["media_id"] is None
    assert "JavaScript" in failed["error"] and "bookmarklet" in failed["error"]
    job = admin_client.get(f"/api/jobs/{failed['job_id']}").json
    assert job["status"] == "failed" and "no article text" in job["error"]

    sent = admin_client.post("/api/articles/bookmarklet", json={"url": site.url + "/app/tides", "html": RENDERED_TIDES})
    assert sent.status_code == 202 and sent.json["origin"] == "bookmarklet"
    drain(runtime)
    saved = admin_client.get(f"/api/articles/{sent.json['id']}").json
    assert saved["status"] == "saved" and saved["title"] == "Reading Tide Tables"
    assert TIDES_PHRASE in admin_client.get(f"/api/articles/{saved['id']}/content").json["html"]
    assert len(site.requests_to("/img/tide.jpg")) == 1  # the rendered page's image is fetched from the site


def test_hostile_html_is_stored_inert(site, save, admin_client):
    article = save(site.url + "/hostile")
    assert article["status"] == "saved", article["error"]
    html = admin_client.get(f"/api/articles/{article['id']}/content").json["html"]
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<svg", "<style", "<link", "<iframe",
                "<form", "style=", "evil.example", "__pwned"):
        assert bad not in lowered, bad
    assert all(src.startswith("/api/articles/") for src in _img_srcs(html))
    assert not site.requests_to("/static/")  # the page's own CSS was never fetched either
    folder = Path(_state(admin_client).get_article(article["id"]).folder)
    assert all(p.suffix == ".jpg" for p in (folder / "images").iterdir())  # no SVG is ever kept


def test_a_404_fails_the_article_alone(site, save):
    article = save(site.url + "/gone")
    assert article["status"] == "failed" and "not found" in article["error"]


def test_reading_state_is_per_user(site, save, admin_client, user_client):
    article = save(site.url + "/guides/bread")
    saved = admin_client.put(f"/api/articles/{article['id']}/reading", json={"progress": 0.5, "favourite": True})
    assert saved.status_code == 200 and saved.json["progress"] == 0.5 and saved.json["favourite"] is True
    assert admin_client.get(f"/api/articles/{article['id']}").json["reading"]["progress"] == 0.5
    assert user_client.get(f"/api/articles/{article['id']}").json["reading"]["progress"] == 0.0
    bad = admin_client.put(f"/api/articles/{article['id']}/reading", json={"progress": 2})
    assert bad.status_code == 400 and "0 to 1" in bad.json["message"]
    archived = admin_client.put(f"/api/articles/{article['id']}/reading", json={"archived": True})
    assert archived.json["progress"] == 0.5 and archived.json["archived"] is True
    listed = admin_client.get("/api/articles", query_string={"archived": "0"}).json["items"]
    assert article["id"] not in [a["id"] for a in listed]


def test_bad_urls_are_refused_with_a_message(admin_client):
    for url, words in (("ftp://example.com/x", "http"), ("http://user:pw@example.com/", "password"), ("", "missing field(s): url")):
        answer = admin_client.post("/api/articles", json={"url": url})
        assert answer.status_code == 400 and words in answer.json["message"], answer.json


def test_an_article_and_a_tag_export_as_epub_with_their_images(site, save, admin_client):
    import io
    import zipfile

    owls = save(site.url + "/news/owls", tags=["birds"])
    save(site.url + "/stories/lighthouse", tags=["birds"])
    one = admin_client.get(f"/api/articles/{owls['id']}/epub")
    assert one.status_code == 200 and one.mimetype == "application/epub+zip"
    book = zipfile.ZipFile(io.BytesIO(one.data))
    assert book.read("mimetype") == b"application/epub+zip"
    names = book.namelist()
    chapter = next(n for n in names if n.endswith("article-1.xhtml"))
    assert OWL_PHRASE in book.read(chapter).decode()
    assert any(n.endswith(".jpg") for n in names)
    tagged = zipfile.ZipFile(io.BytesIO(admin_client.get("/api/articles/export.epub?tag=birds").data))
    assert sum(n.endswith(".xhtml") and "article-" in n for n in tagged.namelist()) == 2
    missing = admin_client.get("/api/articles/export.epub?tag=none")
    assert missing.status_code == 404 and "none" in missing.json["message"]


def test_the_atom_feed_lists_saved_articles_for_a_token_and_no_one_else(site, save, admin_client, app):
    from defusedxml import ElementTree

    save(site.url + "/news/owls")
    token = admin_client.post("/api/tokens", json={"name": "feed reader", "scope": "articles"}).json["secret"]
    anonymous = app.test_client().get("/api/articles/feed.atom")
    assert anonymous.status_code == 401
    answer = app.test_client().get("/api/articles/feed.atom", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(answer.data)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.findall(f"{atom}entry")]
    assert titles == ["Great Grey Owls of the North"]


def test_saved_articles_show_on_home_in_the_grid_with_their_filter_and_in_collections(site, save, admin_client):
    owls = save(site.url + "/news/owls")
    media_id = owls["media_id"]
    home = admin_client.get("/api/home").json
    assert media_id in [c["id"] for c in home["recently_added"]]
    grid = admin_client.get("/api/library", query_string={"kind": "article"}).json["items"]
    assert [c["id"] for c in grid] == [media_id]
    poster = admin_client.get(grid[0]["poster"])  # the top image is the tile's poster
    assert poster.status_code == 200 and poster.data.startswith(b"\xff\xd8")
    poster.close()
    collection = admin_client.post("/api/collections", json={"name": "Reading list"}).json
    added = admin_client.post(f"/api/collections/{collection['id']}/items", json={"media_id": media_id})
    assert added.status_code == 204
    detail = admin_client.get(f"/api/collections/{collection['id']}").json
    assert [c["id"] for c in detail["items"]] == [media_id]
