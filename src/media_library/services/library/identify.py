"""Identification of a video file: guessit → MediaInfo → TMDb → a scored ``Match``.

Owns the scoring. A provider id written in the name (``[tmdbid-680]``, ``{imdb-tt…}``,
``[tvdbid-81189]``) is decisive (confidence 1); IMDb and TVDB ids go through TMDb's ``/find``. Otherwise TMDb is searched with the title and year (again without the
year when that finds nothing), the top candidates' details give their runtime, and each is scored:

    score = weighted mean of  title similarity (rapidfuzz, 0.60)
                              year  (exact 1, one off 0.5, else 0; 0.25)
                              runtime (within 5 % → 1, falling to 0 at 30 % off; 0.15)

A part that cannot be known (no year in the name, no duration, no runtime at TMDb) leaves the
mean instead of counting as zero. When the runner-up is within ``AMBIGUOUS_MARGIN`` of the best,
the confidence drops by ``AMBIGUITY_PENALTY``: two equally good answers mean a person should pick.

Episodes: the show is searched and scored the same way (title and first-air year); the season
and episode numbers come from the name (multi-episode files, specials in season 0); episode
details are fetched for titles. A date-based name (``Show.2024.03.14``) is placed by its air date:
the show's seasons are listed nearest in year first (``find_dated_episode``) until an episode
aired that day; a date no season lists keeps only its air date.

Must not: write the database, move files or make HTTP calls except through the TMDb client.
``IdentificationService`` in ``apply.py`` turns a ``Match`` into library state.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, utils

from ...errors import ExternalServiceError, InvalidInput, NotFound, ToolError
from ...models import Candidate
from ...models.metadata import EpisodeDetails, MovieDetails, SeasonSummary, TvCandidate, TvDetails, year_of
from ...tools.mediainfo import MediaInfo, media_info
from ...tools.names import ParsedName, parse_name

log = logging.getLogger(__name__)

TOP_CANDIDATES = 5
WEIGHTS = {"title": 0.60, "year": 0.25, "runtime": 0.15}
AMBIGUOUS_MARGIN = 0.03
RUNTIME_EXACT = 0.05
RUNTIME_NONE = 0.30
MAX_DATE_SEASONS = 6  # seasons listed to place one air date; the right one is nearly always the first


@dataclass(frozen=True)
class Match:
    """What identification concluded about one file (no database ids in here)."""

    kind: str  # movie | episode | unknown
    title: str | None
    year: int | None = None
    tmdb_id: int | None = None
    confidence: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    season: int | None = None
    episodes: list[int] = field(default_factory=list)
    air_date: str | None = None
    movie: MovieDetails | None = None
    show: TvDetails | None = None
    episode_details: list[EpisodeDetails] = field(default_factory=list)
    parsed: ParsedName | None = None
    info: MediaInfo | None = None
    decided_by: str = "score"  # provider_id | score | country | language | manual | none
    tied: bool = False  # the best candidates scored alike and nothing in the name told them apart

    @property
    def is_special(self) -> bool:
        return self.kind == "episode" and self.season == 0

    def to_public(self) -> dict[str, Any]:
        out = {"kind": self.kind, "title": self.title, "year": self.year, "tmdb_id": self.tmdb_id,
               "confidence": round(self.confidence, 4), "decided_by": self.decided_by, "tied": self.tied,
               "candidates": [candidate_public(c) for c in self.candidates]}
        if self.kind == "episode":
            out.update(season=self.season, episodes=list(self.episodes), air_date=self.air_date,
                       episode_titles=[e.title for e in self.episode_details])
        if self.info is not None:
            out["duration_s"] = self.info.duration_s
        return out


def candidate_public(c: Candidate) -> dict[str, Any]:
    return {"rank": c.rank, "provider": c.provider, "provider_id": c.provider_id, "kind": c.kind, "title": c.title,
            "year": c.year, "runtime_minutes": c.runtime_minutes, "poster_url": c.poster_url, "score": round(c.score, 4),
            "overview": c.overview}


# --- scoring (pure) ----------------------------------------------------------------------------


def title_similarity(wanted: str | None, *offered: str | None) -> float:
    """0-1: the best rapidfuzz ``token_sort_ratio`` against any of the offered titles."""
    if not wanted:
        return 0.0
    scores = [fuzz.token_sort_ratio(wanted, title, processor=utils.default_process) for title in offered if title]
    return max(scores, default=0.0) / 100.0


def year_score(wanted: int | None, offered: int | None) -> float | None:
    if wanted is None:
        return None
    if offered is None:
        return 0.0
    return {0: 1.0, 1: 0.5}.get(abs(wanted - offered), 0.0)


def runtime_score(duration_s: float | None, runtime_min: float | None) -> float | None:
    if not duration_s or not runtime_min:
        return None
    off = abs(duration_s / 60.0 - runtime_min) / runtime_min
    if off <= RUNTIME_EXACT:
        return 1.0
    return max(0.0, 1.0 - (off - RUNTIME_EXACT) / (RUNTIME_NONE - RUNTIME_EXACT))


def combine(parts: dict[str, float | None]) -> float:
    """The weighted mean of the parts that are known."""
    known = {name: value for name, value in parts.items() if value is not None}
    total = sum(WEIGHTS[name] for name in known)
    return sum(WEIGHTS[name] * value for name, value in known.items()) / total if total else 0.0


@dataclass(frozen=True)
class Ranking:
    """Scored candidates in the order identification trusts them, and how sure it is of the first."""

    ordered: list[tuple[float, int, Any]]  # (score, search position, candidate)
    confidence: float
    decided_by: str  # score | country | language
    tied: bool


def stated_by_name(parsed: ParsedName, candidate: Any) -> str | None:
    """``country`` or ``language`` when the name states what the candidate is (its origin country,
    its original language), else None. Country first: ``The.Office.US`` names the show; a language
    tag is weaker (``FRENCH`` is often a dub), so it only ever breaks a tie, never outweighs a score."""
    if parsed.country and parsed.country in getattr(candidate, "origin_country", ()):
        return "country"
    if parsed.language and parsed.language == getattr(candidate, "original_language", ""):
        return "language"
    return None


def rank(parsed: ParsedName, scored: list[tuple[float, int, Any]]) -> Ranking:
    """Order ``scored`` (best first) and break a tie of the best (within ``AMBIGUOUS_MARGIN``) with the
    country or language the name states. A tie nothing breaks is ``tied``: a person chooses, and the
    confidence is the best score shared among the tied candidates (two equally good answers: half)."""
    if not scored:
        return Ranking([], 0.0, "none", False)
    best = scored[0][0]
    tied = [entry for entry in scored if best - entry[0] < AMBIGUOUS_MARGIN]
    if len(tied) == 1:
        return Ranking(scored, best, "score", False)
    for rule in ("country", "language"):
        chosen = [entry for entry in tied if stated_by_name(parsed, entry[2]) == rule]
        if len(chosen) == 1:
            winner = chosen[0]
            return Ranking([winner, *[e for e in scored if e is not winner]], winner[0], rule, False)
    return Ranking(scored, best / len(tied), "score", True)


def seasons_by_nearness(seasons: tuple[SeasonSummary, ...], day: dt.date) -> list[int]:
    """Season numbers to search for an episode aired on ``day``: seasons that had begun by then and
    nearest in year first, then those starting later or without a date, specials (season 0) last."""

    def key(season: SeasonSummary):
        start = year_of(season.air_date)
        later = bool(season.air_date) and season.air_date > day.isoformat()
        distance = abs(start - day.year) if start is not None else 10_000
        return season.season_number == 0, start is None, later, distance, -season.season_number

    return [season.season_number for season in sorted(seasons, key=key)]


# --- the matcher ---------------------------------------------------------------------------------


class Matcher:
    """Finds the best TMDb match for a path (or a parsed name and its MediaInfo): a ``Match``; writes
    nothing. ``services.library.matcher``; ``IdentificationService`` records what it finds."""

    def __init__(self, tmdb, *, probe: Callable[[str], MediaInfo] = media_info,
                 parse: Callable[[str], ParsedName] = parse_name):
        self.tmdb = tmdb
        self.probe = probe
        self.parse = parse

    def identify_path(self, path: str | os.PathLike, name: str | None = None) -> Match:
        """``name`` (an upload's original name, a path relative to its root) is what guessit reads."""
        info = self.inspect(path)
        return self.resolve(self.parse(name or os.path.basename(os.fspath(path))), info)

    def inspect(self, path: str | os.PathLike) -> MediaInfo:
        """MediaInfo; a file without an audio or video stream is not media (a failed job, not a retry)."""
        try:
            info = self.probe(os.fspath(path))
        except OSError as exc:
            raise InvalidInput(f"cannot read {os.path.basename(os.fspath(path))!r}: {exc.strerror or exc}") from exc
        if not info.video_codec and not info.audio_codecs:
            raise ToolError("mediainfo", None, message=f"{os.path.basename(os.fspath(path))!r} has no audio or video: not a media file")
        return info

    def resolve(self, parsed: ParsedName, info: MediaInfo | None) -> Match:
        if parsed.provider_ids:
            decided = self._by_provider_id(parsed, info)
            if decided is not None:
                return decided
        if not parsed.title:
            return Match("unknown", None, parsed=parsed, info=info, decided_by="none")
        if parsed.kind == "episode":
            return self._episode(parsed, info)
        return self._movie(parsed, info)

    # --- movies ------------------------------------------------------------------------------
    def _movie(self, parsed: ParsedName, info: MediaInfo | None) -> Match:
        hits = self.tmdb.search_movie(parsed.title, parsed.year) if parsed.year else []
        if not hits:
            hits = self.tmdb.search_movie(parsed.title)
        details = [d for d in (self._movie_details(h.tmdb_id) for h in hits[:TOP_CANDIDATES]) if d is not None]
        duration = info.duration_s if info else None
        scored = sorted(((self.score_movie(parsed, duration, d), n, d) for n, d in enumerate(details)),
                        key=lambda t: (-t[0], t[1]))
        if not scored:
            return Match("movie", parsed.title, parsed.year, parsed=parsed, info=info, decided_by="none")
        ranking = rank(parsed, scored)
        candidates = [self._movie_candidate(n, score, d) for n, (score, _, d) in enumerate(ranking.ordered, 1)]
        best = self._movie_match(ranking.ordered[0][2], ranking.confidence, candidates, parsed, info, ranking.decided_by)
        return replace(best, tied=ranking.tied)

    @staticmethod
    def score_movie(parsed: ParsedName, duration_s: float | None, d: MovieDetails) -> float:
        return combine({"title": title_similarity(parsed.title, d.title, d.original_title),
                        "year": year_score(parsed.year, d.year), "runtime": runtime_score(duration_s, d.runtime)})

    def _movie_details(self, tmdb_id: int) -> MovieDetails | None:
        try:
            return self.tmdb.movie_details(tmdb_id)
        except NotFound:
            return None
        except ExternalServiceError as exc:
            if exc.transient:
                raise
            log.warning("TMDb movie %s skipped: %s", tmdb_id, exc.message)
            return None

    def _movie_candidate(self, rank: int, score: float, d: MovieDetails) -> Candidate:
        return Candidate(rank, "tmdb", str(d.tmdb_id), "movie", d.title, d.year, d.runtime, self._poster(d.poster_path), score,
                         overview=d.overview)

    @staticmethod
    def _movie_match(d: MovieDetails, confidence: float, candidates: list[Candidate], parsed, info, decided_by="score") -> Match:
        return Match("movie", d.title, d.year, d.tmdb_id, confidence, candidates, movie=d, parsed=parsed, info=info,
                     decided_by=decided_by)

    # --- episodes ----------------------------------------------------------------------------
    def _episode(self, parsed: ParsedName, info: MediaInfo | None) -> Match:
        hits = self.tmdb.search_tv(parsed.title, parsed.year) if parsed.year else []
        if not hits:
            hits = self.tmdb.search_tv(parsed.title)
        scored = sorted(((self.score_show(parsed, h), n, h) for n, h in enumerate(hits[:TOP_CANDIDATES])),
                        key=lambda t: (-t[0], t[1]))
        if not scored:
            return self._bare_episode(parsed, info)
        ranking = rank(parsed, scored)
        candidates = [Candidate(n, "tmdb", str(h.tmdb_id), "show", h.title, h.year, None, self._poster(h.poster_path), s,
                                overview=h.overview) for n, (s, _, h) in enumerate(ranking.ordered, 1)]
        show = self.tmdb.tv_details(ranking.ordered[0][2].tmdb_id)
        best = self._episode_match(show, ranking.confidence, candidates, parsed, info, ranking.decided_by)
        return replace(best, tied=ranking.tied)

    @staticmethod
    def score_show(parsed: ParsedName, hit: TvCandidate) -> float:
        return combine({"title": title_similarity(parsed.title, hit.title, hit.original_title),
                        "year": year_score(parsed.year, hit.year)})

    def _episode_match(self, show: TvDetails, confidence: float, candidates, parsed: ParsedName, info,
                       decided_by: str = "score") -> Match:
        dated = self.find_dated_episode(show, parsed.air_date) if parsed.air_date and not parsed.episodes else None
        if dated is not None:
            season, episodes, details = dated.season, [dated.episode], [dated]
        else:
            season = parsed.season if parsed.season is not None else (None if parsed.air_date else 1)
            episodes = list(parsed.episodes)
            details = self._episode_details(show.tmdb_id, season, episodes)
        return Match("episode", show.title, show.year, show.tmdb_id, confidence, candidates, season=season, episodes=episodes,
                     air_date=parsed.air_date.isoformat() if parsed.air_date else None, show=show,
                     episode_details=details, parsed=parsed, info=info, decided_by=decided_by)

    def find_dated_episode(self, show: TvDetails, day: dt.date) -> EpisodeDetails | None:
        """The episode of ``show`` that aired on ``day``, from its season listings (nearest first)."""
        wanted = day.isoformat()
        for number in seasons_by_nearness(show.seasons, day)[:MAX_DATE_SEASONS]:
            try:
                season = self.tmdb.season(show.tmdb_id, number)
            except NotFound:
                continue
            found = next((e for e in season.episodes if e.air_date == wanted), None)
            if found is not None:
                return found
        log.info("No episode of %s aired on %s in its nearest seasons", show.title, wanted)
        return None

    def _episode_details(self, tv_id: int, season: int | None, episodes: list[int]) -> list[EpisodeDetails]:
        if season is None:
            return []
        found = []
        for number in episodes:
            try:
                found.append(self.tmdb.episode(tv_id, season, number))
            except NotFound:
                found.append(EpisodeDetails(season=season, episode=number, show_id=tv_id))
        return found

    @staticmethod
    def _bare_episode(parsed: ParsedName, info) -> Match:
        return Match("episode", parsed.title, parsed.year, season=parsed.season, episodes=list(parsed.episodes),
                     air_date=parsed.air_date.isoformat() if parsed.air_date else None, parsed=parsed, info=info,
                     decided_by="none")

    # --- provider ids in the name ------------------------------------------------------------
    def _by_provider_id(self, parsed: ParsedName, info) -> Match | None:
        ids = parsed.provider_ids
        try:
            if "tmdb" in ids:
                return self._by_tmdb_id(int(ids["tmdb"]), parsed, info)
            if "imdb" in ids:
                return self._by_external_id(ids["imdb"], "imdb_id", parsed, info)
            if "tvdb" in ids:
                return self._by_external_id(ids["tvdb"], "tvdb_id", parsed, info)
        except NotFound:
            log.info("Provider id %s in %r is unknown to TMDb; searching instead", ids, parsed.title)
        return None

    def _by_tmdb_id(self, tmdb_id: int, parsed: ParsedName, info) -> Match:
        if parsed.kind == "episode":
            show = self.tmdb.tv_details(tmdb_id)
            candidate = Candidate(1, "tmdb", str(tmdb_id), "show", show.title, show.year, None, self._poster(show.poster_path), 1.0,
                                  overview=show.overview)
            return self._episode_match(show, 1.0, [candidate], parsed, info, decided_by="provider_id")
        movie = self.tmdb.movie_details(tmdb_id)
        return self._movie_match(movie, 1.0, [self._movie_candidate(1, 1.0, movie)], parsed, info, "provider_id")

    def _by_external_id(self, external_id: str, source: str, parsed: ParsedName, info) -> Match | None:
        """An IMDb or TVDB id: what TMDb files under it (a film, a show, or one episode of a show)."""
        found = self.tmdb.find(external_id, source)
        if found.movies and parsed.kind != "episode":
            return self._by_tmdb_id(found.movies[0].tmdb_id, parsed, info)
        if found.tv:
            return self._by_tmdb_id(found.tv[0].tmdb_id, replace(parsed, kind="episode"), info)
        episode = found.episodes[0] if found.episodes else None
        if episode is not None and episode.show_id:
            numbered = replace(parsed, kind="episode", season=episode.season, episodes=[episode.episode], air_date=None)
            return self._by_tmdb_id(episode.show_id, numbered, info)
        if found.movies:
            return self._by_tmdb_id(found.movies[0].tmdb_id, replace(parsed, kind="movie"), info)
        return None

    def _poster(self, path: str | None) -> str | None:
        try:
            return self.tmdb.image_url(path, "w342") if path else None
        except ExternalServiceError:
            return None
