"""OPML in and out: the subscription lists podcast apps exchange.

Reading takes every ``outline`` with an ``xmlUrl`` at any depth, which covers the three shapes
apps write: AntennaPod (outlines straight under ``body``), Pocket Casts (one ``feeds`` outline
holding them) and Overcast (the same, each podcast holding its episodes as ``podcast-episode``
outlines, which have no ``xmlUrl`` and are skipped). The document is parsed by defusedxml with
entity declarations refused. Writing is OPML 2.0 through ElementTree (which escapes for us).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formatdate
from xml.etree import ElementTree as ET
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ...errors import InvalidInput


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str
    site: str | None = None


def read_opml(body: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in order, each URL once."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidInput("the OPML file declares XML entities, which are refused") from None
    except ParseError as exc:
        raise InvalidInput(f"the OPML file is not well-formed XML: {exc}") from None
    if root.tag.lower() != "opml":
        raise InvalidInput("this is not an OPML file (its root element is not <opml>)")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in feeds:
            title = outline.get("title") or outline.get("text") or url
            feeds[url] = OpmlFeed(url, title, outline.get("htmlUrl"))
    return list(feeds.values())


def write_opml(feeds: list[OpmlFeed], *, title: str = "Media Library podcasts", now: float | None = None) -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(now, usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attrs = {"type": "rss", "text": feed.title, "title": feed.title, "xmlUrl": feed.url}
        if feed.site:
            attrs["htmlUrl"] = feed.site
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
