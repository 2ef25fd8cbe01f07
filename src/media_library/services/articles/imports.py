"""Reading the exports of other read-it-later services into ``(url, tags)`` pairs to queue.

- Pocket's CSV export (``title,url,time_added,tags,status``; tags separated by ``|``);
- Pocket's HTML export and browsers' bookmark files (the Netscape bookmark format): every
  ``<a href>`` with its ``tags`` attribute (comma separated), parsed with lxml;
- Wallabag's JSON export (a list of entries with ``url`` and ``tags``).

``detect`` picks the format from the content; nothing here fetches anything (each URL is fetched
later by its own ``article.save`` job, through the outbound guard).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import lxml.html

from ...errors import InvalidInput

FORMATS = ("auto", "pocket-csv", "html", "wallabag")


@dataclass(frozen=True)
class Entry:
    url: str
    tags: list[str] = field(default_factory=list)


def detect(content: str) -> str:
    head = content.lstrip()[:200].lower()
    if head.startswith(("[", "{")):
        return "wallabag"
    if head.startswith("<") or "<!doctype netscape" in head:
        return "html"
    return "pocket-csv"


def read_export(content: str, fmt: str = "auto") -> list[Entry]:
    if fmt not in FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}")
    fmt = detect(content) if fmt == "auto" else fmt
    return {"pocket-csv": _pocket_csv, "html": _bookmarks_html, "wallabag": _wallabag}[fmt](content)


def _split(text: str | None, sep: str) -> list[str]:
    return [t.strip() for t in (text or "").split(sep) if t.strip()]


def _pocket_csv(content: str) -> list[Entry]:
    rows = csv.DictReader(io.StringIO(content))
    if not rows.fieldnames or "url" not in rows.fieldnames:
        raise InvalidInput("a Pocket CSV export starts with the header title,url,time_added,tags,status")
    return [Entry(row["url"].strip(), _split(row.get("tags"), "|")) for row in rows if (row.get("url") or "").strip()]


def _bookmarks_html(content: str) -> list[Entry]:
    try:
        root = lxml.html.document_fromstring(content)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InvalidInput("the file is not readable HTML (a Pocket or browser bookmarks export)") from exc
    return [Entry(a.get("href").strip(), _split(a.get("tags"), ",")) for a in root.iter("a") if (a.get("href") or "").strip()]


def _wallabag(content: str) -> list[Entry]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise InvalidInput(f"the file is not valid JSON: {str(exc)[:100]}") from exc
    entries = data if isinstance(data, list) else data.get("_embedded", {}).get("items", []) if isinstance(data, dict) else []
    found = []
    for item in entries:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            tags = [t if isinstance(t, str) else t.get("label", "") for t in item.get("tags") or []
                    if isinstance(t, (str, dict))]
            found.append(Entry(item["url"].strip(), [t for t in tags if t]))
    return found
