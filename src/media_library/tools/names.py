"""Filename parsing: what a file name says it is (movie or episode, title, year, S/E, provider ids).

Owns the guessit call and the corrections we make around it:
- provider ids written in the name (``[tmdbid-680]``, ``{imdb-tt0110912}``, ``[tvdbid-123]``) are
  decisive; they are taken out before guessit so they cannot become part of the title;
- the country (``The.Office.US``) and language (``FRENCH``) a name states become two-letter codes,
  which identification uses to break ties between equally good candidates;
- a bare 4-digit number that guessit reads as season+episode (``Blade.Runner.2049.720p`` →
  S20E49) is a title number when the name has no episode marker at all.

Must not: look anything up online (that is identify's job with the clients), touch the disk or the
database. Results are cached: guessit costs ~15 ms per name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Kind = Literal["movie", "episode"]

# [tmdbid-680] {tmdb-680} [imdbid-tt0110912] {imdb-tt…} [tvdbid-123] {tvdb=123} (Jellyfin/Plex/Emby)
_PROVIDER_ID = re.compile(
    r"[\[{]\s*(?P<key>tmdb|imdb|tvdb)(?:id)?\s*[-=:]\s*(?P<value>[A-Za-z0-9]+)\s*[\]}]", re.IGNORECASE
)
_VALID_ID = {"tmdb": re.compile(r"\d+"), "tvdb": re.compile(r"\d+"), "imdb": re.compile(r"tt\d{5,}")}
# Anything that says "this is an episode" in so many words.
_EPISODE_MARKER = re.compile(
    r"(?:\bS\d{1,4}[ ._-]?E\d{1,4}|\b\d{1,2}x\d{1,3}\b|\bseason\b|\bepisode\b|\bep[ ._-]?\d|\bE\d{1,4}\b)",
    re.IGNORECASE,
)
_BARE_4_DIGITS = re.compile(r"(?<![0-9])([12]\d{3})(?![0-9])")


@dataclass(frozen=True)
class ParsedName:
    kind: Kind
    title: str | None
    year: int | None = None
    season: int | None = None
    episodes: list[int] = field(default_factory=list)
    is_special: bool = False
    air_date: dt.date | None = None
    provider_ids: dict[str, str] = field(default_factory=dict)
    release_group: str | None = None
    screen_size: str | None = None
    source: str | None = None
    episode_title: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 the name states ("The.Office.US" → "US", "(UK)" → "GB")
    language: str | None = None  # ISO 639-1 the name states ("FRENCH" → "fr")
    edition: str | None = None  # "Director's Cut", "Extended", …


def parse_name(filename: str) -> ParsedName:
    """Parse a file name (or a relative path, which gives guessit folder context)."""
    cached = _parse_cached(filename)
    # A fresh copy: the cached object is shared, its list and dict must not be mutated by callers.
    return dataclasses.replace(cached, episodes=list(cached.episodes), provider_ids=dict(cached.provider_ids))


def extract_provider_ids(name: str) -> tuple[dict[str, str], str]:
    """Pure: ``({"tmdb": "680"}, name without the id tags)``; malformed ids are left in the name."""
    ids: dict[str, str] = {}

    def take(match: re.Match) -> str:
        key, value = match["key"].lower(), match["value"]
        value = value.lower() if key == "imdb" else value
        if not _VALID_ID[key].fullmatch(value):
            return match.group(0)
        ids.setdefault(key, value)
        return " "

    stripped = _PROVIDER_ID.sub(take, name)
    return ids, re.sub(r"\s{2,}", " ", stripped).strip()


@lru_cache(maxsize=4096)
def _parse_cached(filename: str) -> ParsedName:
    from guessit import guessit  # heavy import (rebulk rules); only when a name is parsed

    ids, cleaned = extract_provider_ids(filename)
    guess = dict(guessit(cleaned))
    if _is_misread_title_number(cleaned, guess):
        guess = dict(guessit(cleaned, {"type": "movie"}))
    return from_guess(guess, ids)


def _is_misread_title_number(name: str, guess: dict) -> bool:
    """guessit made S/E out of a bare 4-digit number (``2049`` → S20E49) with no episode marker."""
    if guess.get("type") != "episode" or guess.get("date") or _EPISODE_MARKER.search(name):
        return False
    season, episode = guess.get("season"), guess.get("episode")
    if not isinstance(season, int) or not isinstance(episode, int):
        return False
    return any(m.group(1) == f"{season}{episode:02d}" for m in _BARE_4_DIGITS.finditer(name))


def from_guess(guess: dict, provider_ids: dict[str, str] | None = None) -> ParsedName:
    """Pure: a guessit result dict → ``ParsedName``."""
    air_date = guess.get("date") if isinstance(guess.get("date"), dt.date) else None
    season = _first_int(guess.get("season"))
    episodes = _int_list(guess.get("episode"))
    kind: Kind = "episode" if guess.get("type") == "episode" or air_date or episodes else "movie"
    details = guess.get("episode_details")
    return ParsedName(
        kind=kind,
        title=_text(guess.get("title")),
        year=_first_int(guess.get("year")),
        season=season,
        episodes=episodes,
        is_special=kind == "episode" and (season == 0 or _mentions(details, "Special")),
        air_date=air_date,
        provider_ids=dict(provider_ids or {}),
        release_group=_text(guess.get("release_group")),
        screen_size=_text(guess.get("screen_size")),
        source=_text(guess.get("source")),
        episode_title=_text(guess.get("episode_title")),
        country=_code(guess.get("country")),
        language=_code(guess.get("language")),
        edition=_text(guess.get("edition")),
    )


def _text(value) -> str | None:
    if isinstance(value, list):  # guessit returns a list when it saw several candidates
        value = value[0] if value else None
    return str(value).strip() or None if value is not None else None


def _code(value) -> str | None:
    """The two-letter code of a babelfish Country or Language guessit found (the first of several)."""
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return str(value.alpha2) if value is not None else None
    except Exception:  # babelfish raises for languages without a two-letter code ("und", "mul")
        return None


def _first_int(value) -> int | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, int) else None


def _int_list(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return sorted({v for v in values if isinstance(v, int)})


def _mentions(value, word: str) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(str(v) == word for v in values if v is not None)
