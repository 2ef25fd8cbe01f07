"""A provider's HLS playlist (RFC 8216), rewritten so that every URI in it points to our proxy.

A live channel's playlist names its segments (and, in a master playlist, its variant playlists,
keys and init sections) with URLs that carry the account's user name and password or an expiring
token. ``rewrite`` resolves each against the URL the playlist came from (after any redirect) and
asks ``link(absolute_url, kind)`` for the URI to put instead (``kind``: ``playlist`` or
``media``), so the caller decides the opaque ids. It keeps only the tags it knows (a tag it does not
know could carry a URL it would not rewrite) and drops ``#EXTINF`` titles; a playlist with byte
ranges is refused (the proxy fetches whole URLs).

Hand-written rather than the ``m3u8`` package: the job is "keep what is known, rewrite every URI,
drop the rest", which is a loop over lines; a parse-and-dump library would round-trip tags we
must not pass on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

LinkKind = Literal["playlist", "media"]
Link = Callable[[str, LinkKind], str]

_URI_ATTRIBUTE = re.compile(r'URI="([^"]*)"')
# Tags passed on, and what a URI="…" attribute in them names.
TAGS: dict[str, LinkKind | None] = {
    "#EXTM3U": None, "#EXT-X-VERSION": None, "#EXT-X-TARGETDURATION": None, "#EXT-X-MEDIA-SEQUENCE": None,
    "#EXT-X-DISCONTINUITY-SEQUENCE": None, "#EXT-X-DISCONTINUITY": None, "#EXT-X-ENDLIST": None,
    "#EXT-X-PLAYLIST-TYPE": None, "#EXT-X-INDEPENDENT-SEGMENTS": None, "#EXT-X-START": None,
    "#EXT-X-PROGRAM-DATE-TIME": None, "#EXT-X-STREAM-INF": None, "#EXT-X-KEY": "media", "#EXT-X-MAP": "media",
    "#EXT-X-SESSION-KEY": "media", "#EXT-X-MEDIA": "playlist", "#EXT-X-I-FRAME-STREAM-INF": "playlist",
}


@dataclass(frozen=True)
class Rewritten:
    text: str
    master: bool  # a master playlist (its URIs are variant playlists) or a media playlist (segments)
    target_duration: float | None


def rewrite(text: str, base_url: str, link: Link) -> Rewritten:
    """The playlist with every URI replaced by ``link``'s; ValueError when it is not one we can proxy."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines or lines[0] != "#EXTM3U":
        raise ValueError("the answer is not an HLS playlist")
    master = any(line.startswith("#EXT-X-STREAM-INF") for line in lines)
    out, target = [], None
    for line in lines:
        if not line.startswith("#"):
            out.append(link(urljoin(base_url, line), "playlist" if master else "media"))
            continue
        tag, _, value = line.partition(":")
        if tag == "#EXT-X-BYTERANGE":
            raise ValueError("the playlist cuts segments by byte ranges, which the proxy does not relay")
        if tag == "#EXTINF":
            out.append(f"#EXTINF:{value.split(',', 1)[0]},")
        elif tag == "#EXT-X-TARGETDURATION":
            target = _number(value)
            out.append(line)
        elif tag in TAGS:
            out.append(_rewrite_attributes(line, TAGS[tag], base_url, link))
    return Rewritten("\n".join(out) + "\n", master, target)


def _rewrite_attributes(line: str, kind: LinkKind | None, base_url: str, link: Link) -> str:
    if kind is None:
        return line
    return _URI_ATTRIBUTE.sub(lambda m: f'URI="{link(urljoin(base_url, m.group(1)), kind)}"', line)


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None
