"""What a book file says about itself: title, authors, series, language, ISBN, year, description,
cover image and (EPUB) text.

- EPUB: ebooklib reads the OPF (Dublin Core, Calibre's ``calibre:series`` meta, the cover item) and
  the chapters, whose text lxml extracts.
- PDF: pypdf reads the document information (``/Title``, ``/Author``, ``/CreationDate``); the cover is
  the first page, rendered later by pdftoppm.
- CBZ: a zip of images; ``ComicInfo.xml`` (parsed with defusedxml, never with entity expansion) gives
  title, series, writer and year when present; the cover is the first image by name.

A file whose content is not what its extension claims is refused (``InvalidInput``).
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from defusedxml import ElementTree as SafeXml

from ...errors import InvalidInput

FORMATS = ("epub", "pdf", "cbz")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_ISBN = re.compile(r"(97[89][0-9]{10}|[0-9]{9}[0-9Xx])")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


@dataclass
class BookMeta:
    format: str
    title: str
    authors: list[str] = field(default_factory=list)
    series: str | None = None
    series_index: float | None = None
    language: str | None = None
    isbn: str | None = None
    year: int | None = None
    description: str | None = None
    cover: bytes | None = None
    cover_ext: str | None = None
    text: str = ""


def read_book(path: Path, fmt: str, *, fallback_title: str, max_text: int) -> BookMeta:
    if fmt not in FORMATS:
        raise InvalidInput("a book is an .epub, .pdf or .cbz file")
    reader = {"epub": _epub, "pdf": _pdf, "cbz": _cbz}[fmt]
    meta = reader(path, max_text) if fmt == "epub" else reader(path)
    meta.title = " ".join((meta.title or "").split()) or fallback_title
    return meta


def _year(text: str | None) -> int | None:
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None


def _isbn(values: list[str]) -> str | None:
    for value in values:
        match = _ISBN.search(value.replace("-", "").replace(" ", ""))
        if match:
            return match.group(1).upper()
    return None


# --- EPUB --------------------------------------------------------------------------------------------
def _epub(path: Path, max_text: int) -> BookMeta:
    from ebooklib import ITEM_COVER, ITEM_DOCUMENT, ITEM_IMAGE, epub

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(str(path), options={"ignore_ncx": True})
    except Exception as exc:  # ebooklib raises bare exceptions of many kinds for a broken file
        raise InvalidInput(f"the EPUB cannot be read: {str(exc)[:120]}") from exc

    def dc(name: str) -> list[str]:
        return [value for value, _ in book.get_metadata("DC", name) if isinstance(value, str)]

    metas = {attrs.get("name"): attrs.get("content") for _, attrs in book.get_metadata("OPF", "meta") or []
             if isinstance(attrs, dict) and attrs.get("name")}
    series, index = [metas.get("calibre:series")], [metas.get("calibre:series_index")]
    cover = next(iter(book.get_items_of_type(ITEM_COVER)), None) or _epub_cover_image(book, ITEM_IMAGE)
    texts, size = [], 0
    for item in book.get_items_of_type(ITEM_DOCUMENT):
        text = _html_text(item.get_content())
        texts.append(text)
        size += len(text)
        if size > max_text:
            break
    return BookMeta(
        format="epub", title=(dc("title") or [""])[0], authors=dc("creator"), series=(series or [None])[0],
        series_index=_float((index or [None])[0]), language=(dc("language") or [None])[0], isbn=_isbn(dc("identifier")),
        year=_year((dc("date") or [""])[0]), description=_plain((dc("description") or [None])[0]),
        cover=cover.get_content() if cover else None,
        cover_ext=Path(cover.file_name).suffix.lower() if cover else None, text="\n".join(texts)[:max_text])


def epub_chapters(path: Path) -> list[str]:
    """The HTML of each chapter in spine (reading) order, as text."""
    from ebooklib import epub

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = epub.read_epub(str(path), options={"ignore_ncx": True})
    chapters = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is not None and item.get_type() == 9:  # ebooklib.ITEM_DOCUMENT
            body = lxml.html.document_fromstring(item.get_content()).find("body")
            if body is not None:
                chapters.append("".join(lxml.html.tostring(child, encoding="unicode") for child in body))
    return chapters


def _epub_cover_image(book, image_type):
    images = list(book.get_items_of_type(image_type))
    named = [i for i in images if "cover" in i.file_name.lower()]
    return (named or [None])[0]


def _html_text(content: bytes) -> str:
    if not content.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(content)
    except (ValueError, lxml.etree.ParserError):
        return ""
    return " ".join(root.text_content().split())


def _plain(text: str | None) -> str | None:
    return _html_text(text.encode()) if text else None


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# --- PDF -----------------------------------------------------------------------------------------------
def _pdf(path: Path) -> BookMeta:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        info = reader.metadata or {}
        pages = len(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise InvalidInput(f"the PDF cannot be read: {str(exc)[:120]}") from exc
    if pages == 0:
        raise InvalidInput("the PDF has no pages")
    author = str(info.get("/Author") or "").strip()
    return BookMeta(format="pdf", title=str(info.get("/Title") or ""), authors=[a.strip() for a in re.split(r"[;&]| and ", author) if a.strip()],
                    year=_year(str(info.get("/CreationDate") or "")), isbn=_isbn([str(info.get("/Subject") or "")]))


# --- CBZ -----------------------------------------------------------------------------------------------
def _cbz(path: Path) -> BookMeta:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput("the CBZ is not a zip archive") from exc
    with archive:
        images = sorted(n for n in archive.namelist() if n.lower().endswith(IMAGE_EXTENSIONS) and not n.startswith("__MACOSX"))
        if not images:
            raise InvalidInput("the CBZ holds no images")
        meta = BookMeta(format="cbz", title="", cover=archive.read(images[0]), cover_ext=Path(images[0]).suffix.lower())
        info = next((n for n in archive.namelist() if n.lower().endswith("comicinfo.xml")), None)
        if info:
            _comic_info(meta, archive.read(info))
    return meta


def _comic_info(meta: BookMeta, data: bytes) -> None:
    try:
        root = SafeXml.fromstring(data)
    except Exception:  # noqa: BLE001 - a broken ComicInfo.xml only loses its metadata
        return
    def get(name: str) -> str:
        return (root.findtext(name) or "").strip()

    meta.title = get("Title")
    meta.series = get("Series") or None
    meta.series_index = _float(get("Number"))
    meta.authors = [a.strip() for a in get("Writer").split(",") if a.strip()]
    meta.year = _year(get("Year"))
    meta.language = get("LanguageISO") or None
    meta.description = get("Summary") or None
    meta.isbn = _isbn([get("GTIN")]) if get("GTIN") else None
