"""The RSS feeds phone podcast apps subscribe to: one per podcast and one of everything, listing
only the episodes downloaded here, each enclosure pointing at our own copy.

How a phone authenticates: apps only speak credentials in the URL or HTTP Basic, and a token in
a URL leaks into logs and history, so the feeds take HTTP Basic: the user name, and as password
an API token of scope ``podcast_feeds``, which can read these feeds and their files and nothing
else (``web/routes/podcast_sync.py``). Written with ElementTree, which escapes every text.
"""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import formatdate
from xml.etree import ElementTree as ET

from ...models.podcasts import Episode, Podcast

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ET.register_namespace("itunes", ITUNES)


def build_rss(title: str, description: str, image_url: str | None, link: str,
              episodes: Iterable[tuple[Podcast, Episode, int]], enclosure_url) -> bytes:
    """``episodes``: ``(podcast, episode, file size)``; ``enclosure_url(episode)`` names our copy."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = description or title
    if image_url:
        ET.SubElement(channel, f"{{{ITUNES}}}image", href=image_url)
    for podcast, episode, size in episodes:
        _item(channel, podcast, episode, size, enclosure_url(episode))
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def _item(channel, podcast: Podcast, episode: Episode, size: int, url: str) -> None:
    item = ET.SubElement(channel, "item")
    ET.SubElement(item, "title").text = episode.title
    ET.SubElement(item, "guid", isPermaLink="false").text = episode.guid
    if episode.published_at:
        ET.SubElement(item, "pubDate").text = formatdate(episode.published_at, usegmt=True)
    ET.SubElement(item, "description").text = episode.description or ""
    ET.SubElement(item, "enclosure", url=url, length=str(size), type=episode.enclosure_type or "audio/mpeg")
    ET.SubElement(item, f"{{{ITUNES}}}author").text = podcast.author or podcast.title
    if episode.duration_s:
        ET.SubElement(item, f"{{{ITUNES}}}duration").text = str(int(episode.duration_s))
    if episode.image_url or podcast.image_url:
        ET.SubElement(item, f"{{{ITUNES}}}image", href=episode.image_url or podcast.image_url)
