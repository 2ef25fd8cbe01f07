"""Optional enrichment of a book's metadata from Open Library by ISBN (``books.openlibrary_url``).

One request to the Books API (``/api/books?bibkeys=ISBN:…&format=json&jscmd=data``) through the
shared HTTP client (deadline, byte cap, an off-origin redirect goes through the outbound guard).
Only what the file did not say is filled in (authors, year, a title that was only the file name).
Off when the setting is empty; when Open Library cannot be reached the book is added as it is.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ...errors import MediaLibraryError
from .metadata import BookMeta

log = logging.getLogger(__name__)
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


def lookup_isbn(http, base_url: str, isbn: str) -> dict[str, Any]:
    """Open Library's record for ``isbn`` (``{}`` when it has none or cannot be reached)."""
    key = f"ISBN:{isbn}"
    try:
        found = http.get_json("Open Library", f"{base_url.rstrip('/')}/api/books",
                              params={"bibkeys": key, "format": "json", "jscmd": "data"})
    except MediaLibraryError as exc:
        log.info("Open Library skipped for ISBN %s: %s", isbn, exc.message)
        return {}
    record = found.get(key) if isinstance(found, dict) else None
    return record if isinstance(record, dict) else {}


def enrich(meta: BookMeta, record: dict[str, Any], *, title_from_file: bool) -> None:
    if not record:
        return
    if title_from_file and isinstance(record.get("title"), str):
        meta.title = record["title"]
    if not meta.authors:
        meta.authors = [a["name"] for a in record.get("authors", []) if isinstance(a, dict) and isinstance(a.get("name"), str)]
    if meta.year is None:
        match = _YEAR.search(str(record.get("publish_date") or ""))
        meta.year = int(match.group(1)) if match else None
