"""Google Books' volumes API by ISBN (``books.googlebooks_url``): one request to
``/books/v1/volumes?q=isbn:…`` (no key needed for a search), the first volume's ``volumeInfo``
read into a ``Found`` (``enrich.py``)."""

from __future__ import annotations

from typing import Any

from .enrich import Found, ask, year_of

SERVICE = "Google Books"


def lookup_isbn(http, base_url: str, isbn: str) -> Found | None:
    """What Google Books says of ``isbn`` (None when it has nothing or cannot be reached)."""
    found = ask(http, SERVICE, f"{base_url.rstrip('/')}/books/v1/volumes", {"q": f"isbn:{isbn}"})
    items = found.get("items") if isinstance(found, dict) else None
    info = items[0].get("volumeInfo") if isinstance(items, list) and items and isinstance(items[0], dict) else None
    return _found(info) if isinstance(info, dict) else None


def _found(info: dict[str, Any]) -> Found:
    def text(name: str) -> str | None:
        value = info.get(name)
        return value.strip() or None if isinstance(value, str) else None

    authors = [a for a in info.get("authors") or [] if isinstance(a, str) and a.strip()]
    return Found(source=SERVICE, title=text("title"), authors=authors, year=year_of(info.get("publishedDate")),
                 description=text("description"), language=text("language"))
