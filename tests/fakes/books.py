"""Small real book files made for the tests: an EPUB (ebooklib, with a cover, Calibre series
metadata, an ISBN and a chapter holding ``EPUB_PHRASE``), a PDF (pypdf, with document information)
and a CBZ (two JPEG pages and a ComicInfo.xml); and a local Open Library Books API."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from flask import Flask, request

from .server import TINY_JPEG, FakeServer, json_response

EPUB_PHRASE = "quicksilver marmalade lighthouse"


def make_epub(path: Path, *, title: str = "The Salt Road", author: str = "Mara Quill") -> Path:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("urn:isbn:9780306406157")
    book.set_title(title)
    book.set_language("en")
    book.add_author(author)
    book.add_metadata("DC", "date", "2019-04-02")
    book.add_metadata("DC", "description", "<p>A novel about a road made of salt.</p>")
    book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": "Salt Trilogy"})
    book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": "1"})
    book.set_cover("cover.jpg", TINY_JPEG)
    chapter = epub.EpubHtml(title="One", file_name="one.xhtml", lang="en")
    chapter.content = (f"<h1>One</h1><p>The caravan left at dawn. Somewhere a {EPUB_PHRASE} was waiting for "
                       "them beyond the dunes.</p>")
    book.add_item(chapter)
    book.toc = [chapter]
    book.spine = ["nav", chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(path), book)
    return path


def make_pdf(path: Path, *, title: str = "Field Notes on Moss", author: str = "Ivo Brandt") -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=300, height=400)
    writer.add_metadata({"/Title": title, "/Author": author, "/CreationDate": "D:20150607120000Z"})
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def make_cbz(path: Path) -> Path:
    info = ("<?xml version='1.0'?><ComicInfo><Title>The Night Tram</Title><Series>Tram Tales</Series>"
            "<Number>3</Number><Writer>Ada Lune</Writer><Year>2020</Year><LanguageISO>en</LanguageISO></ComicInfo>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page-002.jpg", TINY_JPEG)
        archive.writestr("page-001.jpg", TINY_JPEG)
        archive.writestr("ComicInfo.xml", info)
    path.write_bytes(buffer.getvalue())
    return path


def make_pdf_with_isbn(path: Path, isbn: str) -> Path:
    """A PDF that says nothing but its ISBN (in ``/Subject``): the title comes from the file name."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=300, height=400)
    writer.add_metadata({"/Subject": f"ISBN {isbn}"})
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


class FakeOpenLibrary(FakeServer):
    """Open Library's Books API (``/api/books?bibkeys=ISBN:…&jscmd=data``) knowing one ISBN."""

    name = "openlibrary"
    RECORD = {"title": "Moss and Lichen", "authors": [{"url": "https://openlibrary.org/authors/OL1A", "name": "Ivo Brandt"}],
              "publish_date": "March 2015", "identifiers": {"isbn_13": ["9780306406157"]}}

    def routes(self, app: Flask) -> None:
        app.get("/api/books")(self._books)

    def _books(self):
        known = request.args.get("bibkeys") == "ISBN:9780306406157"
        return json_response({"ISBN:9780306406157": self.RECORD} if known else {})


class FakeGoogleBooks(FakeServer):
    """Google Books' volumes API (``/books/v1/volumes?q=isbn:…``) knowing one ISBN, answering in the
    real shape (``books#volumes`` with ``items[].volumeInfo``; ``totalItems: 0`` and no ``items`` for
    an unknown ISBN)."""

    name = "googlebooks"
    VOLUME = {
        "kind": "books#volume", "id": "x0PbAAAAMAAJ", "etag": "Yl0lm4rF3ZQ",
        "selfLink": "https://www.googleapis.com/books/v1/volumes/x0PbAAAAMAAJ",
        "volumeInfo": {
            "title": "Moss and Lichen", "subtitle": "A Field Guide", "authors": ["Ivo Brandt", "Suri Pell"],
            "publisher": "Northern Press", "publishedDate": "2015-03-02",
            "description": "A field guide to the mosses and lichens of northern forests.",
            "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9780306406157"},
                                    {"type": "ISBN_10", "identifier": "0306406152"}],
            "readingModes": {"text": False, "image": False}, "pageCount": 212, "printType": "BOOK",
            "categories": ["Nature"], "maturityRating": "NOT_MATURE", "allowAnonLogging": False,
            "contentVersion": "0.1.0.0.preview.0", "language": "en",
            "imageLinks": {"smallThumbnail": "http://books.google.com/books/content?id=x0PbAAAAMAAJ&zoom=5",
                           "thumbnail": "http://books.google.com/books/content?id=x0PbAAAAMAAJ&zoom=1"},
            "previewLink": "http://books.google.com/books?id=x0PbAAAAMAAJ&dq=isbn:9780306406157",
            "infoLink": "http://books.google.com/books?id=x0PbAAAAMAAJ",
            "canonicalVolumeLink": "https://books.google.com/books/about/Moss_and_Lichen.html?id=x0PbAAAAMAAJ"},
        "saleInfo": {"country": "US", "saleability": "NOT_FOR_SALE", "isEbook": False},
        "accessInfo": {"country": "US", "viewability": "NO_PAGES", "embeddable": False, "publicDomain": False},
    }

    def routes(self, app: Flask) -> None:
        app.get("/books/v1/volumes")(self._volumes)

    def _volumes(self):
        if request.args.get("q") == "isbn:9780306406157":
            return json_response({"kind": "books#volumes", "totalItems": 1, "items": [self.VOLUME]})
        return json_response({"kind": "books#volumes", "totalItems": 0})
