"""Reading a podcast feed we fetched: XML safety first, then feedparser on the bytes.

Two well-kept libraries, each for what it does best. ``defusedxml`` parses the document first
with entity declarations refused, so a "billion laughs" feed (or one naming external entities)
fails with that reason before anything expands it, and malformed XML fails with the parser's
line and column. ``feedparser`` then reads the same bytes, handed over as a stream so it can never
fetch anything itself: it knows every RSS and Atom dialect, iTunes tags, dates and durations, and
sanitises descriptions (scripts, event handlers and styles removed). What feedparser does not
read (``itunes:new-feed-url``, the Podcasting 2.0 ``podcast:chapters`` and
``podcast:transcript`` links) comes from the defusedxml tree.

Must not: fetch anything (``clients`` does, through the outbound guard) or touch the database.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from ...errors import ExternalServiceError

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = ("https://podcastindex.org/namespace/1.0", "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?$")


class FeedError(ExternalServiceError):
    """A feed that cannot be read (unsafe, malformed, not a feed): fails alone, not retried at once."""

    def __init__(self, url: str, reason: str):
        super().__init__("podcast feed", f"{url}: {reason}", transient=False)
        self.reason = reason


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    description: str | None
    image_url: str | None
    author: str | None
    link: str | None
    new_feed_url: str | None
    episodes: list[dict[str, Any]] = field(default_factory=list)


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """The feed's details and episodes (as ``record_episodes`` takes them), or ``FeedError``."""
    root = safe_tree(body, url)
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(url, "not an RSS or Atom feed")
    items = _items(root)
    feed = parsed.feed
    episodes = [_episode(entry, items[i] if len(items) == len(parsed.entries) else None)
                for i, entry in enumerate(parsed.entries)]
    return ParsedFeed(
        title=(feed.get("title") or url).strip(), description=feed.get("summary") or feed.get("subtitle"),
        image_url=(feed.get("image") or {}).get("href") or (feed.get("image") or {}).get("url"),
        author=feed.get("author") or feed.get("itunes_author"), link=feed.get("link"),
        new_feed_url=_text(_channel(root), f"{{{ITUNES}}}new-feed-url"),
        episodes=[e for e in episodes if e["guid"]],
    )


def safe_tree(body: bytes, url: str) -> Element:
    """The document as an ElementTree, refusing entity declarations and external references."""
    try:
        return SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(url, f"refused unsafe XML ({type(exc).__name__}: entity declarations are not expanded)") from None
    except ParseError as exc:
        raise FeedError(url, f"malformed XML: {exc}") from None


def _channel(root: Element) -> Element:
    return root.find("channel") if root.find("channel") is not None else root


def _items(root: Element) -> list[Element]:
    channel = _channel(root)
    return channel.findall("item") or channel.findall("{http://www.w3.org/2005/Atom}entry")


def _text(element: Element | None, tag: str) -> str | None:
    found = element.find(tag) if element is not None else None
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def _episode(entry, item: Element | None) -> dict[str, Any]:
    enclosure = next(iter(entry.get("enclosures") or []), {})
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    return {
        "guid": (_text(item, "guid") or entry.get("id") or enclosure.get("href") or entry.get("link") or "").strip(),
        "title": (entry.get("title") or "").strip() or "Untitled episode",
        "published_at": float(calendar.timegm(published)) if published else None,
        "enclosure_url": enclosure.get("href"),
        "enclosure_type": enclosure.get("type"),
        "enclosure_size": _int(enclosure.get("length")),
        "duration_s": parse_duration(entry.get("itunes_duration")),
        "description": _description(entry),
        "link": entry.get("link"),
        "image_url": (entry.get("image") or {}).get("href"),
        "season": _int(entry.get("itunes_season")),
        "episode": _int(entry.get("itunes_episode")),
        "chapters_url": _podcast_attr(item, "chapters", "url"),
        "transcripts": _transcripts(item),
    }


def _description(entry) -> str | None:
    content = entry.get("content") or []
    html = content[0].get("value") if content else None
    return html or entry.get("summary") or None  # feedparser has sanitised both


def _podcast_elements(item: Element | None, name: str) -> list[Element]:
    if item is None:
        return []
    return [found for ns in PODCAST_NS for found in item.findall(f"{{{ns}}}{name}")]


def _podcast_attr(item: Element | None, name: str, attr: str) -> str | None:
    found = _podcast_elements(item, name)
    return found[0].get(attr) if found else None


def _transcripts(item: Element | None) -> list[dict[str, Any]]:
    return [{"url": t.get("url"), "type": t.get("type"), "language": t.get("language")}
            for t in _podcast_elements(item, "transcript") if t.get("url")]


def parse_duration(value: Any) -> float | None:
    """``itunes:duration`` as seconds: ``3600``, ``59:30`` or ``1:02:03``; None when unreadable."""
    text = str(value or "").strip()
    if not text:
        return None
    if text.replace(".", "", 1).isdigit():
        return float(text)
    clock = _CLOCK.match(text)
    if not clock:
        return None
    hours, minutes, seconds = (int(part or 0) for part in clock.groups())
    return float(hours * 3600 + minutes * 60 + seconds)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def parse_chapters(data: Any) -> list[dict[str, Any]]:
    """A Podcasting 2.0 chapters document (``{"version", "chapters": [{"startTime", "title"}]}``)."""
    chapters = data.get("chapters") if isinstance(data, dict) else None
    out = []
    for chapter in chapters if isinstance(chapters, list) else []:
        start = chapter.get("startTime") if isinstance(chapter, dict) else None
        if isinstance(start, (int, float)) and not isinstance(start, bool) and start >= 0:
            out.append({"start_s": float(start), "title": str(chapter.get("title") or ""),
                        "url": chapter.get("url") if isinstance(chapter.get("url"), str) else None})
    return sorted(out, key=lambda c: c["start_s"])
