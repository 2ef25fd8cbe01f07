"""Books end to end: an EPUB, a PDF and a CBZ added by upload land at
``Books/Author/Title (Year)/Title - Author.ext`` with ``cover.jpg``; the OPDS catalog (behind a token)
lists and downloads them; a phrase only inside the EPUB's text is found by search."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from defusedxml import ElementTree

from tests.fakes.books import EPUB_PHRASE, make_cbz, make_epub, make_pdf

ATOM = "{http://www.w3.org/2005/Atom}"
EXPECTED = {
    "salt.epub": ("Mara Quill/The Salt Road (2019)/The Salt Road - Mara Quill.epub", "epub"),
    "moss.pdf": ("Ivo Brandt/Field Notes on Moss (2015)/Field Notes on Moss - Ivo Brandt.pdf", "pdf"),
    "tram.cbz": ("Ada Lune/The Night Tram (2020)/The Night Tram - Ada Lune.cbz", "cbz"),
}


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    return {"salt.epub": make_epub(folder / "salt.epub"), "moss.pdf": make_pdf(folder / "moss.pdf"),
            "tram.cbz": make_cbz(folder / "tram.cbz")}


def upload(client, path: Path, name: str | None = None):
    return client.post("/api/books", data={"file": (io.BytesIO(path.read_bytes()), name or path.name)},
                       content_type="multipart/form-data")


def test_books_land_at_their_paths_with_covers_and_the_opds_catalog_serves_them(files, admin_client, app, settings):
    root = settings.media_dir / "Books"
    added = {}
    for name, path in files.items():
        answer = upload(admin_client, path)
        assert answer.status_code == 201, answer.json
        relative, fmt = EXPECTED[name]
        assert Path(answer.json["path"]) == root / relative and answer.json["format"] == fmt
        assert (root / relative).read_bytes() == path.read_bytes()
        cover = (root / relative).parent / "cover.jpg"
        assert cover.read_bytes().startswith(b"\xff\xd8") and answer.json["cover"] is True
        added[name] = answer.json["media_id"]
    epub_item = admin_client.get(f"/api/media/{added['salt.epub']}").json
    assert epub_item["kind"] == "book" and epub_item["year"] == 2019 and epub_item["external_ids"] == {"isbn": "9780306406157"}

    grid = admin_client.get("/api/library", query_string={"kind": "book"}).json["items"]
    assert sorted(c["id"] for c in grid) == sorted(added.values()) and all(c["poster"] for c in grid)

    token = admin_client.post("/api/tokens", json={"name": "e-reader", "scope": "books"}).json["secret"]
    reader = app.test_client()
    assert reader.get("/api/books/opds").status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    feed = reader.get("/api/books/opds", headers=auth)
    assert feed.status_code == 200 and "profile=opds-catalog" in feed.headers["Content-Type"]
    entries = ElementTree.fromstring(feed.data).findall(f"{ATOM}entry")
    assert sorted(e.findtext(f"{ATOM}title") for e in entries) == ["Field Notes on Moss", "The Night Tram", "The Salt Road"]
    by_title = {"The Salt Road": "salt.epub", "Field Notes on Moss": "moss.pdf", "The Night Tram": "tram.cbz"}
    for entry in entries:
        links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
        got = reader.get(links["http://opds-spec.org/acquisition"].split("localhost", 1)[1], headers=auth)
        assert got.status_code == 200 and got.data == files[by_title[entry.findtext(f"{ATOM}title")]].read_bytes()
        got.close()
        image = reader.get(links["http://opds-spec.org/image"].split("localhost", 1)[1], headers=auth)
        assert image.status_code == 200 and image.data.startswith(b"\xff\xd8")
        image.close()


def test_search_finds_a_phrase_only_inside_the_epub(files, admin_client):
    media_id = upload(admin_client, files["salt.epub"]).json["media_id"]
    hits = admin_client.get("/api/search", query_string={"q": "marmalade lighthouse"}).json["items"]
    assert [h["id"] for h in hits] == [media_id]
    assert [s["text"].lower() for s in hits[0]["snippet"] if s["mark"]] == ["marmalade", "lighthouse"]
    assert EPUB_PHRASE in "".join(s["text"] for s in hits[0]["snippet"])

    for forgiving in ("MARMALÂDE lîghthouse", "marmalde lighthose"):  # accents and typos forgiven, as for titles
        hits = admin_client.get("/api/search", query_string={"q": forgiving}).json["items"]
        assert [h["id"] for h in hits] == [media_id], forgiving
        assert [s["text"].lower() for s in hits[0]["snippet"] if s["mark"]] == ["marmalade", "lighthouse"]


def test_a_second_copy_is_refused_and_a_lying_file_too(files, admin_client, tmp_path):
    assert upload(admin_client, files["moss.pdf"]).status_code == 201
    again = upload(admin_client, files["moss.pdf"])
    assert again.status_code == 409 and "nothing was overwritten" in again.json["message"]
    fake = tmp_path / "fake.epub"
    fake.write_bytes(b"%PDF-1.4 not an epub")
    lying = upload(admin_client, fake)
    assert lying.status_code == 400 and "not a valid EPUB" in lying.json["message"]
    other = upload(admin_client, files["moss.pdf"], "notes.txt")
    assert other.status_code == 400 and ".epub, .pdf or .cbz" in other.json["message"]


def test_an_epub_reads_in_the_app_with_progress_per_user_and_a_pdf_does_not(files, admin_client, user_client):
    epub_id = upload(admin_client, files["salt.epub"]).json["media_id"]
    book = admin_client.get(f"/api/books/{epub_id}").json
    assert (book["title"], book["authors"], book["series"], book["format"]) == ("The Salt Road", ["Mara Quill"], "Salt Trilogy", "epub")
    text = admin_client.get(f"/api/books/{epub_id}/text").json["html"]
    assert EPUB_PHRASE in text and "<script" not in text
    saved = admin_client.put(f"/api/books/{epub_id}/reading", json={"progress": 0.25, "location": "chapter-1"})
    assert saved.status_code == 200 and saved.json["progress"] == 0.25
    assert admin_client.get(f"/api/books/{epub_id}").json["reading"]["location"] == "chapter-1"
    assert user_client.get(f"/api/books/{epub_id}").json["reading"]["progress"] == 0.0
    pdf_id = upload(admin_client, files["moss.pdf"]).json["media_id"]
    refused = admin_client.get(f"/api/books/{pdf_id}/text")
    assert refused.status_code == 400 and "browser's viewer" in refused.json["message"]
    viewer = admin_client.get(f"/api/books/{pdf_id}/file")
    assert viewer.status_code == 200 and viewer.mimetype == "application/pdf"
    assert "attachment" not in viewer.headers.get("Content-Disposition", "")
    viewer.close()


@pytest.fixture
def openlibrary():
    from tests.fakes.books import FakeOpenLibrary

    with FakeOpenLibrary() as fake:
        yield fake


@pytest.fixture
def googlebooks():
    from tests.fakes.books import FakeGoogleBooks

    with FakeGoogleBooks() as fake:
        yield fake


def add_scan(tmp_path, isbn: str = "978-0-306-40615-7", **options):
    """Add a PDF that says only its ISBN, with the given ``books.*`` settings; (the book, its item)."""
    from tests.conftest import build_runtime, make_settings
    from tests.fakes.books import make_pdf_with_isbn

    runtime = build_runtime(make_settings(tmp_path, **{f"books.{k}": v for k, v in options.items()}))
    try:
        part = runtime.services.books.part_file()
        part.write_bytes(make_pdf_with_isbn(tmp_path / "scan0042.pdf", isbn).read_bytes())
        added = runtime.services.books.add_file(part, "scan0042.pdf")
        return added, runtime.state.get_media(added.media_id)
    finally:
        runtime.stop()


def test_open_library_fills_in_what_the_file_does_not_say_when_configured(tmp_path, openlibrary):
    added, _ = add_scan(tmp_path, openlibrary_url=openlibrary.url)
    assert (added.title, added.authors, added.year) == ("Moss and Lichen", ["Ivo Brandt"], 2015)
    assert added.path.endswith("Books/Ivo Brandt/Moss and Lichen (2015)/Moss and Lichen - Ivo Brandt.pdf")
    assert [r.arg("bibkeys") for r in openlibrary.requests] == ["ISBN:9780306406157"]


def test_google_books_fills_in_by_isbn_through_its_volumes_api(tmp_path, googlebooks):
    added, item = add_scan(tmp_path, googlebooks_url=googlebooks.url)
    assert (added.title, added.authors, added.year) == ("Moss and Lichen", ["Ivo Brandt", "Suri Pell"], 2015)
    assert item.overview == "A field guide to the mosses and lichens of northern forests."
    assert item.extra["language"] == "en" and item.external_ids == {"isbn": "9780306406157"}
    assert [(r.path, r.arg("q")) for r in googlebooks.requests] == [("/books/v1/volumes", "isbn:9780306406157")]


def test_open_library_comes_first_and_google_books_adds_what_it_lacks(tmp_path, openlibrary, googlebooks):
    added, item = add_scan(tmp_path, openlibrary_url=openlibrary.url, googlebooks_url=googlebooks.url)
    assert (added.title, added.authors, added.year) == ("Moss and Lichen", ["Ivo Brandt"], 2015)
    assert item.overview.startswith("A field guide") and item.extra["language"] == "en"


def test_an_unknown_isbn_or_an_unreachable_service_adds_the_book_as_it_is(tmp_path, googlebooks):
    unknown, _ = add_scan(tmp_path / "a", isbn="978-3-16-148410-0", googlebooks_url=googlebooks.url)
    assert (unknown.title, unknown.authors, unknown.year) == ("scan0042", [], None)
    closed = googlebooks.url.rsplit(":", 1)[0] + ":9"  # the discard port: nothing listens
    offline, _ = add_scan(tmp_path / "b", googlebooks_url=closed)
    assert offline.title == "scan0042" and offline.path.endswith("Books/Unknown Author/scan0042/scan0042 - Unknown Author.pdf")


def test_without_the_settings_nothing_is_asked(tmp_path, openlibrary, googlebooks, files, admin_client):
    assert upload(admin_client, files["salt.epub"]).status_code == 201
    assert openlibrary.requests == [] and googlebooks.requests == []


def test_a_book_entered_by_hand_has_no_file_and_can_be_edited(admin_client, user_client):
    made = admin_client.post("/api/books/manual/new", json={
        "title": "  The   Paper Atlas ", "authors": ["Noor Veldt"], "year": 1998, "isbn": "0-306-40615-2",
        "series": "Old Maps", "series_index": 2})
    assert made.status_code == 201, made.json
    book = made.json
    assert (book["title"], book["authors"], book["year"], book["isbn"], book["series"], book["series_index"]) == (
        "The Paper Atlas", ["Noor Veldt"], 1998, "0306406152", "Old Maps", 2.0)
    assert book["manual"] is True and book["format"] is None
    media_id = book["media_id"]
    item = admin_client.get(f"/api/media/{media_id}").json
    assert item["kind"] == "book" and item["external_ids"] == {"isbn": "0306406152"} and item["files"] == []
    assert [c["id"] for c in admin_client.get("/api/library", query_string={"kind": "book"}).json["items"]] == [media_id]
    assert admin_client.get(f"/api/books/{media_id}/file").status_code == 404

    edited = admin_client.patch(f"/api/books/{media_id}/details", json={"title": "The Paper Atlas, Revised", "year": 2001,
                                                                "isbn": None, "series": None, "overview": "Maps."})
    assert edited.status_code == 200, edited.json
    assert (edited.json["title"], edited.json["year"], edited.json["isbn"], edited.json["series"]) == (
        "The Paper Atlas, Revised", 2001, None, None)
    assert edited.json["authors"] == ["Noor Veldt"] and edited.json["overview"] == "Maps."
    assert admin_client.get(f"/api/media/{media_id}").json["external_ids"] == {}
    hits = admin_client.get("/api/search", query_string={"q": "paper atlas revised"}).json["items"]
    assert [h["id"] for h in hits] == [media_id]
    assert user_client.patch(f"/api/books/{media_id}/details", json={"year": 2002}).status_code == 403


def test_hand_typed_fields_are_checked_with_what_to_fix(admin_client):
    refusals = {
        (): "title is required",
        (("title", ""),): "title must be",
        (("title", "A"), ("isbn", "978-0-306-40615-8")): "correct check digit",
        (("title", "A"), ("year", "1998")): "year must be",
        (("title", "A"), ("authors", "Noor")): "authors must be",
        (("title", "A"), ("file", "x")): "unknown field",
    }
    for body, message in refusals.items():
        answer = admin_client.post("/api/books/manual/new", json=dict(body))
        assert answer.status_code == 400 and message in answer.json["message"], (body, answer.json)
    epub_less = admin_client.patch("/api/books/nope/details", json={"year": 2000})
    assert epub_less.status_code == 404


def test_a_hand_entered_isbn_is_filled_in_from_google_books(tmp_path, googlebooks):
    from tests.conftest import build_runtime, make_settings

    runtime = build_runtime(make_settings(tmp_path, **{"books.googlebooks_url": googlebooks.url}))
    try:
        item = runtime.services.books.add_manual({"title": "Moss", "isbn": "9780306406157"})
    finally:
        runtime.stop()
    assert item.title == "Moss" and item.extra["authors"] == ["Ivo Brandt", "Suri Pell"] and item.year == 2015


def test_books_show_on_home_in_the_grid_with_their_filter_and_in_collections(files, admin_client):
    by_file = upload(admin_client, files["salt.epub"]).json["media_id"]
    by_hand = admin_client.post("/api/books/manual/new", json={"title": "The Paper Atlas"}).json["media_id"]
    home = [c["id"] for c in admin_client.get("/api/home").json["recently_added"]]
    assert {by_file, by_hand} <= set(home)
    grid = admin_client.get("/api/library", query_string={"kind": "book"}).json["items"]
    assert sorted(c["id"] for c in grid) == sorted([by_file, by_hand]) and {c["kind"] for c in grid} == {"book"}
    collection = admin_client.post("/api/collections", json={"name": "Shelf"}).json
    for media_id in (by_file, by_hand):
        assert admin_client.post(f"/api/collections/{collection['id']}/items", json={"media_id": media_id}).status_code == 204
    detail = admin_client.get(f"/api/collections/{collection['id']}").json
    assert [c["id"] for c in detail["items"]] == [by_file, by_hand]
