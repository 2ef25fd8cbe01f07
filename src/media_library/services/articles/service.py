"""``ArticleService``: save a page by URL or as the HTML a browser sent, and what a reader needs.

Saving follows the ingestion contract (``services/ingest.py``): **discover** is the request
(``save_url`` / ``save_rendered``), recorded as an ``articles`` row and queued as ``article.save``;
**fetch** is the job (``run``): the page through the outbound guard with the size and time caps of
the ``articles`` settings (or the HTML the bookmarklet sent), extracted with trafilatura, images
fetched through the guard and rewritten to our origin, the HTML sanitised, everything written in the
job's work folder; **publish** is ``publish.publish_folder`` (atomic, never overwriting) and one
database transaction that records the library item, its text for search and the saved article.
An extraction with too little text fails the job with that reason and marks the article failed.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...errors import ExternalServiceError, InvalidInput, MediaLibraryError, NotFound, PayloadTooLarge
from ...events import LibraryUpdated
from ...models.article_jobs import ARTICLE_SAVE, ArticlePayload
from ...models.articles import Article
from .export import atom_feed, build_epub
from .extract import Extracted, extract_article
from .images import save_images
from .imports import read_export
from .publish import META, publish_folder, target_folder
from .sanitize import image_urls, plain_text, sanitize

MAX_URL_CHARS = 4000
MAX_TAGS = 20
MAX_IMPORT = 5000
_TAG = re.compile(r"[^\W][\w .'&+-]{0,39}")
_YEAR = re.compile(r"^(\d{4})")


def check_url(url: Any) -> str:
    """An http(s) URL without user info, or ``InvalidInput`` saying what is wrong."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("url is required (an http:// or https:// address)")
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_URL_CHARS or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("url must be an http:// or https:// address")
    if parts.username or parts.password:
        raise InvalidInput("url must not carry a user name or password")
    return url


def check_tags(tags: Any) -> list[str]:
    if tags is None:
        return []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InvalidInput("tags must be a list of words")
    cleaned = list(dict.fromkeys(" ".join(t.split()).lower() for t in tags if t.strip()))
    bad = [t for t in cleaned if not _TAG.fullmatch(t)]
    if bad or len(cleaned) > MAX_TAGS:
        raise InvalidInput(f"a tag is 1-40 letters, digits, spaces or .'&+-, at most {MAX_TAGS} tags")
    return cleaned


def usable_tags(tags: list[str]) -> list[str]:
    """An import's tags that are valid ones, the rest dropped (an export's odd tag never stops a link)."""
    cleaned = list(dict.fromkeys(" ".join(t.split()).lower() for t in tags if t.strip()))
    return [t for t in cleaned if _TAG.fullmatch(t)][:MAX_TAGS]


@dataclass(frozen=True)
class ImportResult:
    queued: list[int]
    skipped: list[dict[str, str]]

    def to_public(self) -> dict[str, Any]:
        return {"queued": len(self.queued), "article_ids": self.queued, "skipped": self.skipped}


@dataclass(frozen=True)
class ArticlePaths:
    library: Path  # <media_dir>/<articles.folder>
    rendered: Path  # HTML sent by browsers, waiting for its job


class ArticleService:
    def __init__(self, state, http, settings, *, enqueue, bus=None, artwork_root: Path | None = None):
        self.state, self.http, self.enqueue, self.bus, self.artwork_root = state, http, enqueue, bus, artwork_root
        self.options = settings.articles
        self.paths = ArticlePaths(settings.media_dir / self.options.folder, settings.data_dir / "articles" / "rendered")

    # --- saving -------------------------------------------------------------------------------------
    def save_url(self, url: Any, *, tags: Any = None, user_id: int | None = None, origin: str = "url") -> Article:
        """Record ``url`` and queue its ``article.save`` job."""
        article = self.state.add_article(check_url(url), tags=check_tags(tags), added_by=user_id, origin=origin)
        return self._queue(article, user_id)

    def save_rendered(self, url: Any, html: Any, *, tags: Any = None, user_id: int | None = None) -> Article:
        """The bookmarklet: the page as the reader's browser rendered it (JavaScript run, logged in)."""
        url = check_url(url)
        if not isinstance(html, str) or not html.strip():
            raise InvalidInput("html is required (the page's rendered HTML)")
        if len(html.encode("utf-8", "ignore")) > self.options.max_page_mb * 1024 * 1024:
            raise PayloadTooLarge(f"the page is larger than articles.max_page_mb ({self.options.max_page_mb} MiB)")
        article = self.state.add_article(url, tags=check_tags(tags), added_by=user_id, origin="bookmarklet")
        self.paths.rendered.mkdir(parents=True, exist_ok=True)
        part = self.paths.rendered / f".{article.id}.html.part"
        part.write_text(html, encoding="utf-8")
        part.replace(self._rendered_file(article.id))
        return self._queue(article, user_id)

    def import_export(self, content: Any, fmt: Any = "auto", *, user_id: int | None = None) -> ImportResult:
        """Queue every link of a Pocket, Wallabag, Omnivore, Readwise or bookmarks export, with its tags; a link that is not
        an http(s) URL is skipped with the reason (the others are queued regardless)."""
        if not isinstance(content, str) or not content.strip():
            raise InvalidInput("content is required (the export file's text)")
        entries = read_export(content, fmt if isinstance(fmt, str) else "")
        if len(entries) > MAX_IMPORT:
            raise InvalidInput(f"the export has {len(entries)} links; import at most {MAX_IMPORT} at a time")
        queued, skipped = [], []
        for entry in entries:
            try:
                queued.append(self.save_url(entry.url, tags=usable_tags(entry.tags), user_id=user_id, origin="import").id)
            except InvalidInput as exc:
                skipped.append({"url": entry.url[:200], "reason": exc.message})
        return ImportResult(queued, skipped)

    def _queue(self, article: Article, user_id: int | None) -> Article:
        job, _ = self.enqueue(ARTICLE_SAVE, ArticlePayload(article_id=article.id), created_by=user_id,
                              idempotency_key=f"article:{article.id}")
        return self.state.update_article(article.id, job_id=job.id)

    def _rendered_file(self, article_id: int) -> Path:
        return self.paths.rendered / f"{article_id}.html"

    # --- the job --------------------------------------------------------------------------------------
    def run(self, article_id: int, ctx) -> dict[str, Any]:
        """``article.save``: fetch, extract, keep images, sanitise, publish (see the module doc)."""
        article = self.state.get_article(article_id)
        if article.status == "saved" and article.media_id:
            return {"article_id": article.id, "media_id": article.media_id, "skipped": "already saved"}
        try:
            saved = self._save(article, ctx)
        except MediaLibraryError as exc:
            retried = isinstance(exc, ExternalServiceError) and exc.transient and ctx.job.attempts < ctx.job.max_attempts
            final = not retried
            self.state.update_article(article.id, status="failed" if final else "queued", error=exc.message)
            raise
        self._rendered_file(article.id).unlink(missing_ok=True)
        self._poster(saved)
        if self.bus is not None:
            self.bus.publish(LibraryUpdated(media_ids=[saved.media_id], reason="article"))
        return {"article_id": saved.id, "media_id": saved.media_id, "words": saved.words, "folder": saved.folder}

    def _save(self, article: Article, ctx) -> Article:
        ctx.progress(5, "fetching the page")
        page = self._page(article)
        ctx.check_cancelled()
        ctx.progress(30, "extracting the article")
        found = extract_article(page, article.url, min_words=self.options.min_words)
        work = Path(ctx.work_dir) / "article"
        work.mkdir(parents=True, exist_ok=True)
        ctx.progress(45, "saving images")
        images = self._images(found, work / "images")
        ctx.check_cancelled()
        local = {url: f"/api/articles/{article.id}/images/{name}" for url, name in images.items()}
        html = sanitize(found.html, local)
        top_image = images.get(found.top_image or "")
        self._write(work, article, found, page, html, top_image)
        ctx.progress(85, "publishing")
        folder = publish_folder(work, target_folder(self.paths.library, found.site, found.title, article.id), article.id)
        return self.state.publish_article(
            article.id, title=found.title, year=_year(found.published), overview=found.excerpt,
            text=plain_text(html), author=found.author, site=found.site, published=found.published,
            language=found.language, excerpt=found.excerpt, words=found.words, folder=str(folder), top_image=top_image)

    def _poster(self, article: Article) -> None:
        """The top image, copied into the artwork cache as the item's poster (the library grid's tile)."""
        if not (self.artwork_root and article.top_image and article.folder and article.media_id):
            return
        poster = Path(self.artwork_root) / article.media_id / f"poster{Path(article.top_image).suffix}"
        poster.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(article.folder) / "images" / article.top_image, poster)
        self.state.set_artwork(article.media_id, "poster", str(poster))

    def _page(self, article: Article) -> str:
        rendered = self._rendered_file(article.id)
        if article.origin == "bookmarklet":
            if not rendered.is_file():
                raise NotFound("the HTML the bookmarklet sent is gone; send the page again")
            return rendered.read_text(encoding="utf-8")
        body = self.http.fetch_untrusted("article", article.url)
        return body.decode(_charset(body), "replace")

    def _images(self, found: Extracted, folder: Path) -> dict[str, str]:
        urls = image_urls(found.html) + ([found.top_image] if found.top_image else [])
        return save_images(self.http, urls, folder, limit=self.options.max_images,
                           max_bytes=self.options.max_image_mb * 1024 * 1024)

    @staticmethod
    def _write(work: Path, article: Article, found: Extracted, page: str, html: str, top_image: str | None) -> None:
        meta = {"id": article.id, "url": article.url, "title": found.title, "author": found.author, "site": found.site,
                "published": found.published, "language": found.language, "top_image": top_image}
        for name, text in (("article.html", html), ("original.html", page), (META, json.dumps(meta, indent=1))):
            part = work / f".{name}.part"
            part.write_text(text, encoding="utf-8")
            part.replace(work / name)

    # --- reading ---------------------------------------------------------------------------------------
    def content(self, article_id: int) -> str:
        """The sanitised HTML of a saved article."""
        return (self._folder(article_id) / "article.html").read_text(encoding="utf-8")

    def original(self, article_id: int) -> bytes:
        return (self._folder(article_id) / "original.html").read_bytes()

    def image_path(self, article_id: int, name: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{20}\.(jpg|png|gif|webp|avif)", name):
            raise NotFound("no such image")
        path = self._folder(article_id) / "images" / name
        if not path.is_file():
            raise NotFound("no such image")
        return path

    def _folder(self, article_id: int) -> Path:
        article = self.state.get_article(article_id)
        if article.status != "saved" or not article.folder:
            raise NotFound(f"article {article_id} is not saved yet ({article.status})")
        folder = Path(article.folder)
        if not folder.is_dir():
            raise NotFound(f"the folder of article {article_id} is missing on disk")
        return folder

    # --- export ---------------------------------------------------------------------------------------
    def epub(self, article_id: int) -> tuple[str, bytes]:
        """``(file name, EPUB bytes)`` of one saved article."""
        article = self.state.get_article(article_id)
        return f"article-{article.id}.epub", build_epub(article.title, [self._chapter_source(article)])

    def epub_of_tag(self, tag: str) -> tuple[str, bytes]:
        """``(file name, EPUB bytes)`` of every saved article with ``tag``, oldest first."""
        found = [a for a in self.state.list_articles(status="saved", tag=tag, limit=500) if a.folder]
        if not found:
            raise NotFound(f"no saved article has the tag {tag!r}")
        name = re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "articles"
        return f"articles-{name}.epub", build_epub(f"Articles: {tag}", [self._chapter_source(a) for a in reversed(found)])

    def _chapter_source(self, article: Article):
        folder = self._folder(article.id)
        return article, (folder / "article.html").read_text(encoding="utf-8"), folder

    def feed(self, base_url: str, limit: int = 50) -> bytes:
        """An Atom feed of the newest saved articles."""
        saved = self.state.list_articles(status="saved", limit=limit)
        updated = max((a.updated_at for a in saved), default=0.0)
        return atom_feed(saved, base_url=base_url.rstrip("/"), updated=updated)

    def update(self, article_id: int, body: dict[str, Any]) -> Article:
        """A person's change to an article's tags."""
        return self.state.update_article(article_id, tags=check_tags(body.get("tags")))

    def delete(self, article_id: int) -> None:
        """Forget an article and its library item; its folder stays on disk (files are never deleted here)."""
        article = self.state.get_article(article_id)
        self.state.delete_article(article.id)
        if article.media_id:
            self.state.delete_media(article.media_id)
        self._rendered_file(article.id).unlink(missing_ok=True)


def _year(published: str | None) -> int | None:
    match = _YEAR.match(published or "")
    return int(match.group(1)) if match else None


def _charset(body: bytes) -> str:
    """The page's declared charset from its first bytes (a ``<meta charset>``), else UTF-8."""
    head = body[:4096].decode("ascii", "ignore").lower()
    match = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    name = match.group(1) if match else "utf-8"
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


__all__ = ["ArticleService", "check_tags", "check_url"]
