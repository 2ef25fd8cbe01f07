"""Open Library's Books API by ISBN (``books.openlibrary_url``): one request to
``/api/books?bibkeys=ISBN:…&format=json&jscmd=data``, read into a ``Found`` (``enrich.py``)."""

from __future__ import annotations

from typing import Any

from .enrich import Found, ask, year_of

SERVICE = "Open Library"


def lookup_isbn(http, base_url: str, isbn: str) -> Found | None:
    """What Open Library says of ``isbn`` (None when it has nothing or cannot be reached)."""
    key = f"ISBN:{isbn}"
    found = ask(http, SERVICE, f"{base_url.rstrip('/')}/api/books", {"bibkeys": key, "format": "json", "jscmd": "data"})
    record = found.get(key) if isinstance(found, dict) else None
    return _found(record) if isinstance(record, dict) else None


def _found(record: dict[str, Any]) -> Found:
    authors = [a["name"] for a in record.get("authors", []) if isinstance(a, dict) and isinstance(a.get("name"), str)]
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return Found(source=SERVICE, title=title, authors=authors, year=year_of(record.get("publish_date")))
