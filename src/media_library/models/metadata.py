"""What the metadata clients (TMDb, MusicBrainz, AcoustID, Cover Art Archive) hand back.

Small frozen dataclasses, plus the few coercion helpers the clients use to build them from
untrusted upstream JSON/XML the way yt-dlp does: a value of the wrong type or a ``null`` becomes
the field's fallback (``None``, ``""`` or an empty tuple) instead of an exception. Only a missing
identifier makes an item unusable, and then the client skips that item, never the whole answer.

This module imports nothing from the rest of the package and does no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# --- coercion helpers ---------------------------------------------------------------------------


def str_or_none(value: Any) -> str | None:
    """A non-empty stripped string, or None (numbers are not silently turned into titles)."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def int_or_none(value: Any) -> int | None:
    """An int from an int, an integral float or a numeric string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,18}\s*", value):
        return int(value)
    return None


def float_or_none(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def dict_or_empty(value: Any) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def dicts(value: Any) -> list[Mapping]:
    """The dict items of a list; anything else (null, a string, a dict) gives no items."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(text for text in (str_or_none(item) for item in value) if text)


def year_of(date: Any) -> int | None:
    """``1999`` from ``"1999-10-15"``, ``"1999"`` or ``1999``; None from ``""`` or garbage."""
    if isinstance(date, int) and not isinstance(date, bool):
        return date if 1000 <= date <= 9999 else None
    text = str_or_none(date)
    match = re.match(r"(\d{4})(?:-|$)", text or "")
    return int(match.group(1)) if match else None


# --- TMDb ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MovieCandidate:
    """One TMDb search hit. Search results carry no runtime: ask ``movie_details`` for it."""

    tmdb_id: int
    title: str
    original_title: str = ""
    year: int | None = None
    release_date: str = ""
    overview: str = ""
    poster_path: str | None = None
    backdrop_path: str | None = None
    popularity: float = 0.0
    origin_country: tuple[str, ...] = ()
    original_language: str = ""


@dataclass(frozen=True)
class CastMember:
    name: str
    character: str = ""
    order: int = 0


@dataclass(frozen=True)
class Collection:
    tmdb_id: int
    name: str


@dataclass(frozen=True)
class MovieDetails(MovieCandidate):
    runtime: int | None = None  # minutes
    imdb_id: str | None = None
    genres: tuple[str, ...] = ()
    collection: Collection | None = None
    tagline: str = ""
    cast: tuple[CastMember, ...] = ()


@dataclass(frozen=True)
class TvCandidate:
    """One TMDb TV search hit; ``title`` is TMDb's ``name``."""

    tmdb_id: int
    title: str
    original_title: str = ""
    year: int | None = None
    first_air_date: str = ""
    overview: str = ""
    poster_path: str | None = None
    backdrop_path: str | None = None
    popularity: float = 0.0
    origin_country: tuple[str, ...] = ()
    original_language: str = ""


@dataclass(frozen=True)
class SeasonSummary:
    season_number: int
    episode_count: int | None = None
    name: str = ""
    air_date: str = ""
    poster_path: str | None = None


@dataclass(frozen=True)
class TvDetails(TvCandidate):
    number_of_seasons: int | None = None
    number_of_episodes: int | None = None
    seasons: tuple[SeasonSummary, ...] = ()
    genres: tuple[str, ...] = ()
    status: str = ""
    imdb_id: str | None = None
    tvdb_id: int | None = None


@dataclass(frozen=True)
class EpisodeDetails:
    season: int
    episode: int
    title: str = ""
    air_date: str = ""
    overview: str = ""
    runtime: int | None = None  # minutes
    still_path: str | None = None
    tmdb_id: int | None = None
    show_id: int | None = None


@dataclass(frozen=True)
class SeasonDetails:
    """``/tv/{id}/season/{n}``: one season with its episodes (air dates, titles, runtimes)."""

    season_number: int
    name: str = ""
    air_date: str = ""
    overview: str = ""
    poster_path: str | None = None
    episodes: tuple[EpisodeDetails, ...] = ()


@dataclass(frozen=True)
class FindResults:
    """``/find/{external_id}``: what TMDb knows under one external id (IMDb, TVDB, ...)."""

    movies: tuple[MovieCandidate, ...] = ()
    tv: tuple[TvCandidate, ...] = ()
    episodes: tuple[EpisodeDetails, ...] = ()


@dataclass(frozen=True)
class TmdbImageConfig:
    base_url: str  # ends with "/"; URL = base_url + size + file_path
    poster_sizes: tuple[str, ...] = ()
    backdrop_sizes: tuple[str, ...] = ()
    still_sizes: tuple[str, ...] = ()


# --- MusicBrainz / AcoustID ---------------------------------------------------------------------


@dataclass(frozen=True)
class ArtistCredit:
    name: str
    mbid: str | None = None
    joinphrase: str = ""
    sort_name: str = ""


def credit_phrase(artists: tuple[ArtistCredit, ...]) -> str:
    """``"A feat. B"`` from credits with join phrases (what MusicBrainz calls the credit phrase)."""
    return "".join(artist.name + artist.joinphrase for artist in artists).strip()


def sort_phrase(artists: tuple[ArtistCredit, ...]) -> str:
    """The credit with sort names (``"Beatles, The"``), as Picard writes ARTISTSORT."""
    return "".join((artist.sort_name or artist.name) + artist.joinphrase for artist in artists).strip()


@dataclass(frozen=True)
class Track:
    """A track of a release; ``position`` is its place on the medium, ``disc`` the medium's."""

    position: int | None
    title: str = ""
    number: str = ""
    recording_id: str | None = None
    track_id: str | None = None
    length_ms: int | None = None
    disc: int | None = None
    isrcs: tuple[str, ...] = ()
    artists: tuple[ArtistCredit, ...] = ()  # the track's own credit, when it differs from the release's


@dataclass(frozen=True)
class Release:
    mbid: str
    title: str = ""
    date: str = ""
    year: int | None = None
    artist: str = ""
    artists: tuple[ArtistCredit, ...] = ()
    country: str = ""
    status: str = ""
    track_count: int | None = None
    medium_count: int | None = None
    tracks: tuple[Track, ...] = ()
    release_group_id: str | None = None
    release_group_type: str | None = None
    original_date: str = ""  # the release group's first release date
    label: str = ""
    catalog_number: str = ""
    barcode: str = ""
    formats: tuple[str, ...] = ()  # one per medium, in disc order
    disc_track_counts: tuple[int, ...] = ()  # tracks on each medium, in disc order
    score: int | None = None  # search relevance 0-100, only on search results

    def tracks_on_disc(self, disc: int | None) -> int | None:
        """How many tracks the medium ``disc`` holds (Picard's totaltracks is per disc)."""
        if disc and 0 < disc <= len(self.disc_track_counts):
            return self.disc_track_counts[disc - 1]
        return self.track_count


@dataclass(frozen=True)
class Recording:
    """A MusicBrainz recording. From AcoustID it may be id-only: everything but ``mbid`` empty."""

    mbid: str
    title: str = ""
    length_ms: int | None = None
    artists: tuple[ArtistCredit, ...] = ()
    releases: tuple[Release, ...] = ()
    score: int | None = None  # search relevance 0-100, only on search results

    @property
    def artist(self) -> str:
        return credit_phrase(self.artists)


@dataclass(frozen=True)
class AcoustIdMatch:
    acoustid_id: str
    score: float
    recordings: tuple[Recording, ...] = ()


# --- Cover Art Archive --------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverArtImage:
    image_id: str
    url: str
    front: bool = False
    back: bool = False
    types: tuple[str, ...] = ()
    approved: bool = False
    thumbnails: Mapping[str, str] = field(default_factory=dict)

    def thumbnail(self, size: int) -> str:
        """The thumbnail URL for 250/500/1200 px, falling back to old names, then the original."""
        legacy = {250: "small", 500: "large"}.get(size, "")
        return self.thumbnails.get(str(size)) or self.thumbnails.get(legacy) or self.url
