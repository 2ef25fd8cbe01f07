"""The OPDS 1.2 catalog of books: one Atom acquisition feed, each entry with its download link
(acquisition) and cover (image), for e-reader apps (KOReader, Moon+ Reader) that browse and
download. Built with the standard library's ElementTree: a few elements, no library needed."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
MEDIA_TYPES = {"epub": "application/epub+zip", "pdf": "application/pdf", "cbz": "application/vnd.comicbook+zip"}


def catalog(books: list[dict], *, base_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    ET.register_namespace("dc", DC)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", "urn:media-library:books")
    _text(feed, "title", "Books")
    _text(feed, "updated", _iso(max((b["item"].added_at for b in books), default=0.0)))
    for rel in ("self", "start"):
        ET.SubElement(feed, f"{{{ATOM}}}link", rel=rel, href=f"{base_url}/api/books/opds", type=ACQUISITION)
    for book in books:
        _entry(feed, book, base_url)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def _entry(feed, book: dict, base_url: str) -> None:
    item, file = book["item"], book["file"]
    fmt = item.extra.get("format", "epub")
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "title", item.title)
    _text(entry, "id", f"urn:media-library:book:{item.id}")
    _text(entry, "updated", _iso(item.updated_at))
    for name in item.extra.get("authors", []):
        _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", name)
    if item.extra.get("language"):
        ET.SubElement(entry, f"{{{DC}}}language").text = item.extra["language"]
    if item.overview:
        _text(entry, "summary", item.overview)
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="http://opds-spec.org/acquisition",
                  href=f"{base_url}/api/books/{item.id}/file", type=MEDIA_TYPES.get(fmt, "application/octet-stream"),
                  length=str(file.size))
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="http://opds-spec.org/image", href=f"{base_url}/api/books/{item.id}/cover",
                  type="image/jpeg")


def _text(parent, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
