"""Identifying an item the way a person asks: by the title and year they typed, or by an id.

Owns the person's side of identification:

- ``IdentifyQuery`` is what a person can ask with (free text, a year, movie or show, a TMDb, IMDb or
  TVDB id), checked into one value (``IdentifyQuery.parse``, a 400 naming the field otherwise);
- ``ItemSearch.search`` answers it for one item without writing anything: the item's file gives
  the duration (the runtime part of the score) and, for an episode, its season and episode; the
  query replaces what the file name says. An IMDb or TVDB id goes through TMDb's
  ``/find/{external_id}``. The app shows the candidates and the person's pick is ``/match``;
- ``typed_name`` is how "Re-identify" honours an edit: an item whose title or year a person
  edited is searched under those, not under its file name.

Must not: record a match (``IdentificationService`` does, through ``pick``), move files, or talk to
TMDb other than through the ``Matcher``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ...errors import InvalidInput, NotFound
from ...models import MediaFile, MediaItem
from ...tools.mediainfo import MediaInfo
from ...tools.names import ParsedName
from .identify import Match, Matcher

PROVIDER_ID_FORMS = {"tmdb": re.compile(r"\d{1,10}"), "imdb": re.compile(r"tt\d{5,10}"), "tvdb": re.compile(r"\d{1,10}")}
EDITED_KEY = "edited"  # ``item.extra[EDITED_KEY]``: the fields a person edited (``services/browse.py``)


@dataclass(frozen=True)
class IdentifyQuery:
    """What a person searches with: ``text`` and ``year``, or ``provider`` + ``external_id``."""

    text: str | None = None
    year: int | None = None
    kind: str | None = None  # movie | show; None: what the item's file name says
    provider: str | None = None  # tmdb | imdb | tvdb
    external_id: str | None = None

    @classmethod
    def parse(cls, args: dict[str, Any]) -> IdentifyQuery:
        """From request arguments (``q``, ``year``, ``kind``, ``provider``, ``id``); InvalidInput names the field."""
        text = (args.get("q") or "").strip() or None
        if text is not None and len(text) > 300:
            raise InvalidInput("q must be at most 300 characters")
        year = _year(args.get("year"))
        kind = args.get("kind") or None
        if kind not in (None, "movie", "show"):
            raise InvalidInput("kind must be movie or show")
        provider, external_id = _provider_id(args.get("provider"), args.get("id"))
        if text is None and external_id is None:
            raise InvalidInput("type a title (q) or an id (provider and id) to search for")
        return cls(text, year, kind, provider, external_id)

    def applied_to(self, parsed: ParsedName) -> ParsedName:
        """``parsed`` (what the file name says) with what the person asked put in its place."""
        kind = {"movie": "movie", "show": "episode"}.get(self.kind or "", parsed.kind)
        changed = replace(parsed, kind=kind, provider_ids={})
        if self.external_id:
            return replace(changed, provider_ids={self.provider: self.external_id})
        return replace(changed, title=self.text, year=self.year, country=None, language=None)


class ItemSearch:
    """``services.library.search``: candidates for an item as a person asked (read-only)."""

    def __init__(self, state, matcher: Matcher, name_for):
        self.state, self.matcher, self.name_for = state, matcher, name_for

    def search(self, media_id: str, query: IdentifyQuery) -> Match:
        item = self.state.get_media(media_id)
        files = [f for f in self.state.list_media_files(media_id) if not f.missing]
        parsed = self.matcher.parse(self.name_for(files[0]) if files else f"{item.title}.mkv")
        match = self.matcher.resolve(query.applied_to(parsed), info_of(files[0]) if files else None)
        if query.external_id and match.decided_by != "provider_id":
            raise NotFound(f"TMDb knows no {query.provider.upper()} id {query.external_id}")
        return match


def typed_name(item: MediaItem | None, parsed: ParsedName) -> ParsedName:
    """``parsed`` with the title and year a person edited on ``item``, when they did. An identified
    episode's title is the episode's own, not the show's: it is not searched for."""
    edited = set((item.extra or {}).get(EDITED_KEY) or ()) if item is not None else set()
    if not edited & {"title", "year"} or (item.kind == "episode" and item.status == "identified"):
        return parsed
    title = item.title if "title" in edited else parsed.title
    year = item.year if "year" in edited else parsed.year
    return replace(parsed, title=title, year=year, provider_ids={})


def info_of(file: MediaFile) -> MediaInfo:
    """The stored media facts of a file (no probe)."""
    return MediaInfo(duration_s=file.duration_s, container=file.container, video_codec=file.video_codec,
                     width=file.width, height=file.height, audio_codecs=list(file.audio_codecs))


def _year(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if not text.isdigit() or not 1800 <= int(text) <= 3000:
        raise InvalidInput("year must be a whole number between 1800 and 3000")
    return int(text)


def _provider_id(provider: Any, external_id: Any) -> tuple[str | None, str | None]:
    value = str(external_id or "").strip().lower()
    if not value:
        return None, None
    if provider is None and value.startswith("tt"):
        provider = "imdb"
    if provider not in PROVIDER_ID_FORMS:
        raise InvalidInput("provider must be tmdb, imdb or tvdb")
    if not PROVIDER_ID_FORMS[provider].fullmatch(value):
        example = "tt0110912" if provider == "imdb" else "680"
        raise InvalidInput(f"id is not a {provider.upper()} id (like {example})")
    return provider, value
