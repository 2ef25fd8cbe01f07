"""The one NFO writer (Kodi / Jellyfin / Emby): movie, tvshow, season and episodedetails documents.

Shared by the library's metadata step and the STRM export. It returns bytes; writing the file is
``services.files.write_atomic``'s job. What it guarantees (the elements Kodi and Jellyfin read,
and documents that parse whatever the text):

- ids as ``<uniqueid type=… default="true">`` with exactly one default (and Kodi's ``<id>``),
  plus Jellyfin's own tags: ``<tmdbid>``, ``<imdbid>`` (``<imdb_id>`` on a tvshow), ``<tvdbid>``;
  an empty, ``None``, ``null`` or malformed id is never written;
- every text is stripped of characters XML 1.0 forbids (control characters, lone surrogates,
  U+FFFE/U+FFFF) and escaped, so every document re-parses; empty fields are left out;
- elements in Kodi's writer order (``CVideoInfoTag::Save``), runtime in whole minutes, dates as
  ``YYYY-MM-DD``;
- a multi-episode file is several ``<episodedetails>`` roots concatenated after one declaration.

Must not: touch the disk, the database or the network.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n'
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_PROVIDER = re.compile(r"[^a-z0-9_]")
_ID_SHAPES = {"tmdb": re.compile(r"\d+"), "tvdb": re.compile(r"\d+"), "imdb": re.compile(r"tt\d{5,}")}
# Which id becomes the default uniqueid, by root element.
_DEFAULT_ORDER = {"movie": ("tmdb", "imdb", "tvdb"), "tvshow": ("tmdb", "tvdb", "imdb")}
_JELLYFIN_TAGS = ("tmdb", "imdb", "tvdb")


@dataclass(frozen=True)
class Thumb:
    """An artwork link: ``aspect`` is Kodi's (poster, banner, clearlogo, landscape …)."""

    url: str
    aspect: str = "poster"


@dataclass(frozen=True)
class NfoItem:
    """What an NFO says about one movie, show, season or episode. Everything but ``title`` is optional."""

    title: str
    original_title: str | None = None
    show_title: str | None = None
    sort_title: str | None = None
    year: int | None = None
    plot: str | None = None
    tagline: str | None = None
    runtime_minutes: float | None = None
    season: int | None = None
    episode: int | None = None
    thumbs: Sequence[Thumb] = ()
    fanart: Sequence[str] = ()
    mpaa: str | None = None
    ids: Mapping[str, object] = field(default_factory=dict)
    default_id: str | None = None
    genres: Sequence[str] = ()
    studios: Sequence[str] = ()
    premiered: str | None = None
    aired: str | None = None
    status: str | None = None


# --- cleaning ------------------------------------------------------------------------------------
def clean_text(value: object) -> str:
    """``value`` as XML-safe text: forbidden characters removed, newlines normalised, trimmed."""
    if value is None:
        return ""
    text = _INVALID_XML.sub("", str(value))
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_ids(ids: Mapping[str, object] | None) -> dict[str, str]:
    """Only well-formed ids: tmdb/tvdb digits, imdb ``tt…``; never empty, ``None`` or ``0``."""
    out: dict[str, str] = {}
    for provider, value in (ids or {}).items():
        name = _PROVIDER.sub("", str(provider).lower())
        text = clean_text(value)
        if not name or not text or text.lower() in {"none", "null", "0", "nan"}:
            continue
        shape = _ID_SHAPES.get(name)
        if shape is not None and not shape.fullmatch(text):
            continue
        out[name] = text
    return out


def clean_date(value: object) -> str:
    found = _DATE.match(clean_text(value))
    if not found:
        return ""
    year, month, day = (int(g) for g in found.groups())
    return found.group(0) if 1 <= month <= 12 and 1 <= day <= 31 and year > 0 else ""


def default_provider(ids: Mapping[str, str], root: str, wanted: str | None = None) -> str | None:
    if wanted and wanted in ids:
        return wanted
    for provider in _DEFAULT_ORDER.get(root, _DEFAULT_ORDER["tvshow"]):
        if provider in ids:
            return provider
    return next(iter(sorted(ids)), None)


# --- building ------------------------------------------------------------------------------------
def _add(parent: ET.Element, tag: str, value: object, **attrs: str) -> ET.Element | None:
    text = clean_text(value)
    if not text:
        return None
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _add_number(parent: ET.Element, tag: str, value: int | float | None) -> None:
    if value is None:
        return
    try:
        number = int(value)
    except (TypeError, ValueError):
        return
    if number >= 0:
        ET.SubElement(parent, tag).text = str(number)


def _runtime(value: float | None) -> int | None:
    try:
        minutes = round(float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None
    return minutes if minutes and minutes > 0 else None


def _artwork(root: ET.Element, item: NfoItem) -> None:
    for thumb in item.thumbs:
        _add(root, "thumb", thumb.url, aspect=clean_text(thumb.aspect) or "poster")
    fanart = [clean_text(url) for url in item.fanart if clean_text(url)]
    if fanart:
        holder = ET.SubElement(root, "fanart")
        for url in fanart:
            ET.SubElement(holder, "thumb").text = url


def _ids(root: ET.Element, item: NfoItem) -> None:
    ids = clean_ids(item.ids)
    default = default_provider(ids, root.tag, item.default_id)
    if default:
        ET.SubElement(root, "id").text = ids[default]
    for provider, value in ids.items():
        attrs = {"type": provider, "default": "true"} if provider == default else {"type": provider}
        ET.SubElement(root, "uniqueid", attrs).text = value
    for provider in _JELLYFIN_TAGS:
        if provider in ids:
            tag = "imdb_id" if provider == "imdb" and root.tag == "tvshow" else f"{provider}id"
            ET.SubElement(root, tag).text = ids[provider]


def _element(root_tag: str, item: NfoItem) -> ET.Element:
    """One document in Kodi's writer order; only the fields that root takes are written."""
    root = ET.Element(root_tag)
    _add(root, "title", item.title)
    _add(root, "originaltitle", item.original_title)
    if root_tag == "episodedetails":
        _add(root, "showtitle", item.show_title)
    _add(root, "sorttitle", item.sort_title)
    if root_tag == "episodedetails":
        _add_number(root, "season", item.season)
        _add_number(root, "episode", item.episode)
    _add(root, "plot", item.plot)
    _add(root, "tagline", item.tagline)
    _add_number(root, "runtime", _runtime(item.runtime_minutes))
    _artwork(root, item)
    _add(root, "mpaa", item.mpaa)
    _ids(root, item)
    for genre in _unique(item.genres):
        _add(root, "genre", genre)
    _add(root, "premiered", clean_date(item.premiered))
    _add_number(root, "year", item.year if item.year and item.year > 0 else None)
    if root_tag == "tvshow":
        _add(root, "status", item.status)
    if root_tag == "episodedetails":
        _add(root, "aired", clean_date(item.aired))
    for studio in _unique(item.studios):
        _add(root, "studio", studio)
    if root_tag == "season":
        _add_number(root, "seasonnumber", item.season)
    return root


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values or ():
        text = clean_text(value)
        if text and text.lower() not in {k.lower() for k in seen}:
            seen[text] = None
    return list(seen)


def _serialise(elements: Sequence[ET.Element]) -> bytes:
    """The documents as ``ET.indent(e, "  ")`` + ``ET.tostring(e, short_empty_elements=True)`` would
    write them, byte for byte, at a third of the cost (an export renders one NFO per item; the
    elements built here carry no tails, which is all the shortcut assumes)."""
    parts = [DECLARATION]
    for element in elements:
        _write(element, 0, parts)
        parts.append("\n")
    return "".join(parts).encode("utf-8")


def _write(element: ET.Element, level: int, out: list[str]) -> None:
    tag = element.tag
    attrs = "".join(f' {name}="{_escape_attribute(value)}"' for name, value in element.attrib.items())
    text = element.text
    if len(element):
        inner = "\n" + "  " * (level + 1)
        out.append(f"<{tag}{attrs}>{_escape_text(text) if text and text.strip() else inner}")
        last = len(element) - 1
        for n, child in enumerate(element):
            _write(child, level + 1, out)
            out.append(inner if n < last else "\n" + "  " * level)
        out.append(f"</{tag}>")
    elif text:
        out.append(f"<{tag}{attrs}>{_escape_text(text)}</{tag}>")
    else:
        out.append(f"<{tag}{attrs} />")


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    return (_escape_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#09;"))


# --- the four documents --------------------------------------------------------------------------
def movie_nfo(item: NfoItem) -> bytes:
    return _serialise([_element("movie", item)])


def tvshow_nfo(item: NfoItem) -> bytes:
    return _serialise([_element("tvshow", item)])


def season_nfo(item: NfoItem) -> bytes:
    """``season.nfo``: ``item.season`` is the season number (0 for specials)."""
    return _serialise([_element("season", item)])


def episode_nfo(items: NfoItem | Sequence[NfoItem]) -> bytes:
    """One ``<episodedetails>`` per episode the file holds (a multi-episode file has several)."""
    episodes = [items] if isinstance(items, NfoItem) else list(items)
    if not episodes:
        raise ValueError("an episode NFO needs at least one episode")
    return _serialise([_element("episodedetails", e) for e in episodes])


def parse_roots(data: bytes) -> list[ET.Element]:
    """Parse an NFO written here (one root or concatenated roots) back into elements."""
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text.split("?>", 1)[1]
    return list(ET.fromstring(f"<nfo>{text}</nfo>"))
