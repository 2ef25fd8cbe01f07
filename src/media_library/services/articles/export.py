"""Saved articles as an EPUB (one article, or every article with a tag) and as an Atom feed.

EPUB with ebooklib (the maintained EPUB 2/3 writer and reader, also used for books): one chapter
per article, its sanitised HTML as XHTML with the locally saved images inside the book, so the
EPUB reads offline on any e-reader. The Atom feed is built with the standard library's
ElementTree (a handful of elements; a feed library would add nothing) and links each entry to the
app's reader.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import lxml.html
from ebooklib import epub

from ...errors import NotFound
from ...models.articles import Article

ATOM = "http://www.w3.org/2005/Atom"
_IMAGE_SRC = re.compile(r"/api/articles/(\d+)/images/([0-9a-f]{20}\.(?:jpg|png|gif|webp|avif))")
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp", "avif": "image/avif"}


def build_epub(title: str, articles: Sequence[tuple[Article, str, Path]]) -> bytes:
    """An EPUB of ``(article, sanitised html, its folder)``, one chapter each, images included."""
    if not articles:
        raise NotFound("no saved article to put in the book")
    book = epub.EpubBook()
    book.set_identifier(f"media-library-articles-{'-'.join(str(a.id) for a, _, _ in articles)}")
    book.set_title(title)
    book.set_language(articles[0][0].language or "en")
    for author in dict.fromkeys(a.author for a, _, _ in articles if a.author):
        book.add_author(author)
    chapters = [_chapter(book, n, article, html, folder) for n, (article, html, folder) in enumerate(articles, 1)]
    book.toc = chapters
    book.spine = ["nav", *chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    with tempfile.TemporaryDirectory(prefix="ml-epub-") as folder:
        path = Path(folder) / "book.epub"
        epub.write_epub(str(path), book)
        return path.read_bytes()


def _chapter(book, n: int, article: Article, html: str, folder: Path):
    def local(match: re.Match) -> str:
        name = match.group(2)
        if (folder / "images" / name).is_file() and not book.get_item_with_id(f"img-{name}"):
            book.add_item(epub.EpubItem(uid=f"img-{name}", file_name=f"images/{name}",
                                        media_type=MEDIA_TYPES[name.rsplit(".", 1)[1]],
                                        content=(folder / "images" / name).read_bytes()))
        return f"images/{name}"

    body = _xhtml(_IMAGE_SRC.sub(local, html))
    byline = " · ".join(x for x in (article.author, article.site, article.published) if x)
    chapter = epub.EpubHtml(title=article.title or article.url, file_name=f"article-{n}.xhtml",
                            lang=article.language or "en")
    chapter.content = f"<h1>{_escape(article.title)}</h1><p><em>{_escape(byline)}</em></p>{body}"
    book.add_item(chapter)
    return chapter


def _xhtml(html: str) -> str:
    """Well-formed XHTML of a fragment (EPUB readers parse chapters as XML)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return lxml.html.tostring(root, method="xml", encoding="unicode")


def _escape(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def atom_feed(articles: Sequence[Article], *, base_url: str, updated: float) -> bytes:
    """An Atom feed of saved articles, newest first, each linking to the app's reader."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", "Saved articles")
    _text(feed, "id", f"{base_url}/articles")
    _text(feed, "updated", _iso(updated))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}/api/articles/feed.atom")
    for article in articles:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", article.title or article.url)
        _text(entry, "id", f"{base_url}/read/{article.media_id}")
        _text(entry, "updated", _iso(article.updated_at))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base_url}/read/{article.media_id}")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=article.url)
        if article.author:
            _text(ET.SubElement(entry, f"{{{ATOM}}}author"), "name", article.author)
        _text(entry, "summary", article.excerpt or "")
        for tag in article.tags:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=tag)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def _text(parent, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
