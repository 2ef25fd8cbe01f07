"""Reading the exports of other read-it-later services into ``(url, tags)`` pairs to queue.

- Pocket's CSV export (``title,url,time_added,tags,status``; tags separated by ``|``);
- Pocket's HTML export and browsers' bookmark files (the Netscape bookmark format): every
  ``<a href>`` with its ``tags`` attribute (comma separated), parsed with lxml;
- Wallabag's JSON export (a list of entries with ``url`` and ``tags``, each a name or ``{"label"}``);
- Omnivore's JSON export (the ``metadata_*.json`` files of its export zip: a list of entries with
  ``url`` and ``labels``, each a name or ``{"name"}``);
- Readwise Reader's CSV export (``Title,URL,ID,Document tags,Saved date,…``; the tags cell is a list
  such as ``['nature', 'to read']``, or names separated by commas).

``detect`` picks the format from the content; nothing here fetches anything (each URL is fetched
later by its own ``article.save`` job, through the outbound guard).
"""

from __future__ import annotations

import ast
import csv
import io
import json
from dataclasses import dataclass, field

import lxml.html

from ...errors import InvalidInput

FORMATS = ("auto", "pocket-csv", "readwise-csv", "html", "wallabag", "omnivore")


@dataclass(frozen=True)
class Entry:
    url: str
    tags: list[str] = field(default_factory=list)


def detect(content: str) -> str:
    head = content.lstrip()[:200].lower()
    if head.startswith(("[", "{")):
        return "json"
    if head.startswith("<") or "<!doctype netscape" in head:
        return "html"
    header = _csv_header(content)
    return "readwise-csv" if "url" in header and "time_added" not in header else "pocket-csv"


def _csv_header(content: str) -> list[str]:
    first = next(csv.reader(io.StringIO(content.lstrip("\ufeff"))), [])
    return [name.strip().lower() for name in first]


def read_export(content: str, fmt: str = "auto") -> list[Entry]:
    if fmt not in FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}")
    fmt = detect(content) if fmt == "auto" else fmt
    readers = {"pocket-csv": _pocket_csv, "readwise-csv": _readwise_csv, "html": _bookmarks_html,
               "json": _json_export, "wallabag": _json_export, "omnivore": _json_export}
    return readers[fmt](content)


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


def _readwise_csv(content: str) -> list[Entry]:
    rows = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    columns = {name.strip().lower(): name for name in rows.fieldnames or []}
    url_column = columns.get("url")
    tags_column = columns.get("document tags") or columns.get("tags")
    if url_column is None:
        raise InvalidInput("a Readwise Reader CSV export has a URL column (Title,URL,ID,Document tags,…)")
    return [Entry(row[url_column].strip(), _list_cell(row.get(tags_column) if tags_column else None))
            for row in rows if (row.get(url_column) or "").strip()]


def _list_cell(text: str | None) -> list[str]:
    """A Readwise tags cell: a Python-style list literal (``['a', 'b']``) or names separated by commas."""
    text = (text or "").strip()
    if text.startswith("["):
        try:
            value = ast.literal_eval(text)  # literals only: never evaluates code
        except (ValueError, SyntaxError):
            value = None
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
    return _split(text.strip("[]"), ",")


def _json_export(content: str) -> list[Entry]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise InvalidInput(f"the file is not valid JSON: {str(exc)[:100]}") from exc
    entries = data if isinstance(data, list) else data.get("_embedded", {}).get("items", []) if isinstance(data, dict) else []
    found = []
    for item in entries:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            found.append(Entry(item["url"].strip(), _names(item.get("tags")) + _names(item.get("labels"))))
    return found


def _names(values) -> list[str]:
    """Tag names from a list of names or of objects (Wallabag ``{"label"}``, Omnivore ``{"name"}``)."""
    names = [v if isinstance(v, str) else str(v.get("label") or v.get("name") or "")
             for v in values if isinstance(v, (str, dict))] if isinstance(values, list) else []
    return [n.strip() for n in names if n.strip()]
