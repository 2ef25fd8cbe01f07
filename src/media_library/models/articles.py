"""Saved articles and a reader's state of an item (article or book): what the API shows of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ARTICLE_STATUSES = ("queued", "saved", "failed")
ARTICLE_ORIGINS = ("url", "bookmarklet", "import")
WORDS_PER_MINUTE = 230  # a common adult silent-reading speed, for the estimated reading time


@dataclass(frozen=True)
class Article:
    id: int
    url: str
    status: str
    origin: str = "url"
    media_id: str | None = None
    title: str = ""
    author: str | None = None
    site: str | None = None
    published: str | None = None
    language: str | None = None
    excerpt: str | None = None
    words: int = 0
    folder: str | None = None
    top_image: str | None = None
    tags: list[str] = field(default_factory=list)
    job_id: int | None = None
    error: str | None = None
    added_by: int | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE)) if self.words else 0

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "status": self.status, "origin": self.origin,
                "media_id": self.media_id, "title": self.title or self.url, "author": self.author, "site": self.site,
                "published": self.published, "language": self.language, "excerpt": self.excerpt,
                "words": self.words, "reading_minutes": self.reading_minutes,
                "top_image": f"/api/articles/{self.id}/images/{self.top_image}" if self.top_image else None,
                "tags": self.tags, "job_id": self.job_id, "error": self.error, "created_at": self.created_at,
                "updated_at": self.updated_at}


@dataclass(frozen=True)
class ReadingState:
    """One user's state of one item: how far (0-1, plus an opaque ``location`` such as an EPUB CFI),
    archived, favourite."""

    media_id: str
    progress: float = 0.0
    location: str | None = None
    archived: bool = False
    favourite: bool = False
    updated_at: float | None = None

    def to_public(self) -> dict[str, Any]:
        return {"progress": self.progress, "location": self.location, "archived": self.archived,
                "favourite": self.favourite, "updated_at": self.updated_at}


@dataclass(frozen=True)
class Highlight:
    """A passage one user marked in an item (article or book), with their note. Anchored as plain
    text: character offsets in the reader's text and the quote with some text around it."""

    id: int
    user_id: int
    media_id: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    def to_public(self) -> dict[str, Any]:
        return {"id": self.id, "media_id": self.media_id, "start": self.start, "end": self.end, "quote": self.quote,
                "prefix": self.prefix, "suffix": self.suffix, "note": self.note, "created_at": self.created_at,
                "updated_at": self.updated_at}
