"""Extraction of a page's article with trafilatura: title, author, date, site, language, top
image, main text and its HTML (images kept, their URLs made absolute against the page's URL).

Why trafilatura: it is the best-measured open-source main-text extractor (boilerplate, navigation,
ads and teasers removed) and reads the metadata (Open Graph, JSON-LD, ``<meta>``) in the same pass.
An extraction with too little text is an error whose message says what to do (the bookmarklet),
never an empty article.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura

from ...errors import MediaLibraryError

EXCERPT_CHARS = 300


class ExtractionEmpty(MediaLibraryError):
    """The page has no article text we can read (an expected failure: the job fails with it)."""

    def __init__(self, message: str):
        super().__init__(message, status=422, expected=True)


@dataclass(frozen=True)
class Extracted:
    title: str
    author: str | None
    published: str | None
    site: str | None
    language: str | None
    top_image: str | None  # absolute URL
    text: str
    html: str  # trafilatura's HTML of the main content (not yet sanitised)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def excerpt(self) -> str:
        flat = " ".join(self.text.split())
        return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def extract_article(page: str, url: str, *, min_words: int) -> Extracted:
    """The article in ``page`` (fetched from ``url``); ``ExtractionEmpty`` with the reason otherwise."""
    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_images=True)
    body = trafilatura.extract(page, url=url, output_format="html", include_images=True, include_links=True,
                               include_tables=True, include_formatting=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body or len(text.split()) < min_words:
        found = len(text.split())
        raise ExtractionEmpty(
            f"no article text found at {_host(url)} ({found} words, at least {min_words} needed): the page may need "
            "JavaScript or a login; save it with the bookmarklet from the open page instead")
    image = getattr(doc, "image", None)
    title = (getattr(doc, "title", None) or "").strip() or _host(url)
    return Extracted(
        title=title,
        author=getattr(doc, "author", None) or None,
        published=getattr(doc, "date", None) or None,
        site=getattr(doc, "sitename", None) or _host(url),
        language=getattr(doc, "language", None) or page_language(page),
        top_image=urljoin(url, image) if image else None,
        text=text,
        html=without_title(body, title),
    )


def without_title(html: str, title: str) -> str:
    """``html`` without its first heading when that repeats the title (the reader shows the title)."""
    root = lxml.html.fromstring(html)
    first = next(iter(root.xpath("//h1 | //h2")), None)
    if first is not None and " ".join(first.text_content().split()) == " ".join(title.split()):
        first.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


def page_language(page: str) -> str | None:
    """The ``<html lang>`` of the page (``en-GB`` → ``en``), when it says one."""
    try:
        root = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None
    lang = (root.get("lang") or "").strip()
    return lang.split("-")[0].lower() or None if lang else None


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
