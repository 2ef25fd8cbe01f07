"""Optional enrichment of a book's metadata by its ISBN, from Open Library (``books.openlibrary_url``)
and then Google Books (``books.googlebooks_url``); both empty (off) by default.

Each service is asked once through the shared HTTP client (deadline, byte cap, an off-origin
redirect goes through the outbound guard). Only what the file did not say is filled in (authors,
year, description, language, and the title when the file's was only its name); the first service
that knows a field wins. A service that cannot be reached is skipped and the book added as it is.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import MediaLibraryError
from .metadata import BookMeta

log = logging.getLogger(__name__)
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


@dataclass(frozen=True)
class Found:
    """What one metadata service says of an ISBN."""

    source: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    description: str | None = None
    language: str | None = None


def ask(http, service: str, url: str, params: dict[str, str]) -> Any:
    """The service's JSON answer, or None when it cannot be reached or answers an error."""
    try:
        return http.get_json(service, url, params=params)
    except MediaLibraryError as exc:
        log.info("%s skipped: %s", service, exc.message)
        return None


def year_of(text: Any) -> int | None:
    match = _YEAR.search(str(text or ""))
    return int(match.group(1)) if match else None


def enrich_book(meta: BookMeta, options, http, *, title_from_file: bool) -> list[str]:
    """Fill in ``meta`` from the configured services by its ISBN; the names of those that answered."""
    from . import googlebooks, openlibrary

    if http is None or not meta.isbn:
        return []
    asked = [(openlibrary, options.openlibrary_url), (googlebooks, options.googlebooks_url)]
    used = []
    for service, base_url in asked:
        found = service.lookup_isbn(http, base_url, meta.isbn) if base_url else None
        if found is not None:
            title_from_file = apply(meta, found, title_from_file=title_from_file)
            used.append(found.source)
    return used


def apply(meta: BookMeta, found: Found, *, title_from_file: bool) -> bool:
    """Fill the fields ``meta`` lacks from ``found``; whether the title is still only the file name."""
    if title_from_file and found.title:
        meta.title, title_from_file = found.title, False
    meta.authors = meta.authors or list(found.authors)
    meta.year = meta.year if meta.year is not None else found.year
    meta.description = meta.description or found.description
    meta.language = meta.language or found.language
    return title_from_file
