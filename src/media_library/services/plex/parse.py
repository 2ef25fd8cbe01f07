"""From a Plex listing's item (JSON, or XML turned into the JSON shape) to a ``PlexItem``, and
from Plex GUIDs to our external ids.

GUIDs come in several generations and all are read: the new agents' ``plex://movie/<hex>`` with
``Guid[]`` children (``imdb://tt…``, ``tmdb://…``, ``tvdb://…``); the legacy agents'
``com.plexapp.agents.imdb://tt…?lang=en``, ``…themoviedb://…`` and ``…thetvdb://74205/1/1``
(show/season/episode: the show's id comes first); HAMA's ``com.plexapp.agents.hama://tvdb-…`` or
``anidb-…``; and unmatched items' ``local://…`` or ``com.plexapp.agents.none://…``. ``plex://``
is stable per item but is not an external id; it is kept under ``plex`` for matching between
servers. XML attributes are strings and old JSON has ``"childCount": "1"``, so every number is
coerced. An item without a ``ratingKey`` or a title raises ``BadItem``: the sync skips and
counts it.
"""

from __future__ import annotations

from typing import Any

from ...clients.plex import as_list, to_int
from ...models.plex import PlexItem, PlexPart

AGENT_PROVIDERS = {"imdb": "imdb", "themoviedb": "tmdb", "tmdb": "tmdb", "thetvdb": "tvdb", "tvdb": "tvdb",
                   "thetvdbdvdorder": "tvdb", "anidb": "anidb"}
EXTERNAL = ("imdb", "tmdb", "tvdb", "anidb")


class BadItem(ValueError):
    """An item a listing carried that cannot be imported (no ratingKey, no title, wrong shape)."""


def parse_guid(guid: str) -> tuple[str, str] | None:
    """``(provider, value)`` of one GUID, or None for those that name nothing (collections)."""
    guid = (guid or "").strip()
    if "://" not in guid:
        return None
    scheme, rest = guid.split("://", 1)
    rest = rest.split("?", 1)[0].strip("/")
    if not rest:
        return None
    if scheme.startswith("com.plexapp.agents."):
        agent = scheme.removeprefix("com.plexapp.agents.")
        if agent == "hama":
            source, _, value = rest.partition("-")
            provider = AGENT_PROVIDERS.get(source.removesuffix("id"))
            return (provider, value.split("/")[0]) if provider and value else None
        if agent == "none":
            return ("local", rest)
        provider = AGENT_PROVIDERS.get(agent)
        return (provider, rest.split("/")[0]) if provider else None
    if scheme in ("plex", "local"):
        return (scheme, rest)
    provider = AGENT_PROVIDERS.get(scheme)
    return (provider, rest) if provider else None


def parse_guids(guid: str | None, children: Any = None) -> dict[str, str]:
    """Every id an item carries: its ``guid`` and its ``Guid[]`` children (children win)."""
    ids: dict[str, str] = {}
    for value in [guid, *(child.get("id") for child in as_list(children) if isinstance(child, dict))]:
        parsed = parse_guid(value) if isinstance(value, str) else None
        if parsed:
            ids[parsed[0]] = parsed[1]
    return ids


def parse_parts(raw: dict[str, Any]) -> tuple[PlexPart, ...]:
    """Every Part of every Media version; a single object where a list belongs is read as a list."""
    parts = []
    for version in as_list(raw.get("Media")):
        if not isinstance(version, dict):
            continue
        for part in as_list(version.get("Part")):
            if isinstance(part, dict) and part.get("file") and part.get("id") is not None:
                parts.append(PlexPart(key=str(part["id"]), version=to_int(version.get("id"), 0), file=str(part["file"]),
                                      size=to_int(part.get("size"), 0), duration_ms=to_int(part.get("duration")),
                                      container=part.get("container") or version.get("container"),
                                      video_codec=version.get("videoCodec"), width=to_int(version.get("width")),
                                      height=to_int(version.get("height"))))
    return tuple(parts)


def listing_stamp(raw: Any) -> tuple[str, int]:
    """An item's ``ratingKey`` and stamp (``updatedAt``, else ``addedAt``), checked as ``parse_item``
    checks an item: all a re-sync reads of an item it already has at that stamp."""
    if not isinstance(raw, dict):
        raise BadItem("not an object")
    rating_key, title = raw.get("ratingKey"), raw.get("title")
    if rating_key in (None, "") or not isinstance(title, str) or not title.strip():
        raise BadItem(f"item without ratingKey or title: {str(rating_key)[:40]}")
    return str(rating_key), to_int(raw.get("updatedAt"), to_int(raw.get("addedAt"), 0)) or 0


def parse_item(raw: Any, kind: str) -> PlexItem:
    """A ``PlexItem`` of ``kind`` (movie, show, episode); ``BadItem`` when it cannot be imported."""
    rating_key, stamp = listing_stamp(raw)
    return PlexItem(
        rating_key=rating_key, kind=kind, title=raw["title"].strip(), stamp=stamp,
        guid=raw.get("guid"), ids=parse_guids(raw.get("guid"), raw.get("Guid")), year=to_int(raw.get("year")),
        summary=raw.get("summary") or None, original_title=raw.get("originalTitle") or None,
        air_date=raw.get("originallyAvailableAt") or None, duration_ms=to_int(raw.get("duration")),
        thumb=raw.get("thumb") or None,
        show_key=str(raw["grandparentRatingKey"]) if raw.get("grandparentRatingKey") not in (None, "") else None,
        show_title=raw.get("grandparentTitle") or None, season=to_int(raw.get("parentIndex")),
        episode=to_int(raw.get("index")) if kind == "episode" else None,
        view_count=to_int(raw.get("viewCount"), 0) or 0, view_offset_ms=to_int(raw.get("viewOffset"), 0) or 0,
        last_viewed_at=to_int(raw.get("lastViewedAt")), parts=parse_parts(raw),
    )


def external_ids(item: PlexItem) -> dict[str, str]:
    """The ids our library matches on (imdb, tmdb, tvdb, anidb), without Plex's own."""
    return {k: v for k, v in item.ids.items() if k in EXTERNAL}
