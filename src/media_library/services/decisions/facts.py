"""The facts a decision is made on, gathered from the event, Radarr, our history and our library.

Radarr gives the IMDb rating and votes (``ratings.imdb``), original language, genres, keywords
and whether the file is on disk; without Radarr those facts are unknown and the rules that need
them do not hold. ``views`` lists tracked users' finished playbacks of the film as
``(watched_at, share)`` for the rules' ``completed_views``. ``our_strm``, ``in_library`` and
``iptv_vod`` say whether the film is one of our STRM exports and which kind (``own.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ...clients.radarr import RadarrFilm
from .own import OwnCopy

EDITION_WORDS = ("criterion", "director's cut", "directors cut", "restored", "uncut", "remastered", "extended")


@dataclass(frozen=True)
class Film:
    """Which film an event or a person names."""

    title: str
    item_id: str | None = None
    item_type: str = "Movie"
    tmdb_id: int | None = None
    year: int | None = None
    genres: list[str] = field(default_factory=list)

    @property
    def movie_tmdb(self) -> int | None:
        """The TMDb id as a film's (an episode's TMDb id is of another namespace)."""
        return self.tmdb_id if self.item_type == "Movie" else None

    @property
    def key(self) -> str:
        return f"tmdb:{self.movie_tmdb}" if self.movie_tmdb else f"jellyfin:{self.item_id}"


def tracked(user: str | None, user_id: str | None, tracked_users: Iterable[str], guest_users: Iterable[str]) -> bool:
    names = {n for n in (user, user_id) if n}
    lowered = {n.lower() for n in names}
    if lowered & {g.lower() for g in guest_users}:
        return False
    wanted = {t.lower() for t in tracked_users}
    return bool(lowered & wanted) if wanted else bool(names)


def gather(film: Film, *, user: str | None, is_tracked: bool, completion: float | None, radarr: RadarrFilm | None,
           views: list[tuple[float, float]], own: OwnCopy | None, now: float) -> dict[str, Any]:
    year = film.year or (radarr.year if radarr else None)
    facts: dict[str, Any] = {
        "item_type": film.item_type, "user": user, "tracked_user": is_tracked, "title": film.title, "year": year,
        "age_years": (datetime.fromtimestamp(now, UTC).year - year) if year else None, "completion": completion,
        "genres": list(film.genres), "keywords": _edition_words(film.title), "our_strm": own is not None,
        "in_library": own is not None and own.held, "iptv_vod": own is not None and own.kind == "iptv",
        "in_radarr": None, "has_file": None, "imdb_rating": None, "imdb_votes": None, "original_language": None,
        "views": views, "now": now,
    }
    if radarr is not None:
        facts.update(in_radarr=radarr.id is not None, has_file=radarr.has_file, imdb_rating=radarr.imdb_rating,
                     imdb_votes=radarr.imdb_votes, original_language=radarr.original_language,
                     genres=sorted(set(radarr.genres) | set(film.genres)),
                     keywords=sorted(set(radarr.keywords) | set(_edition_words(film.title))))
    return facts


def stored(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts as a decision keeps them (the views as a count with their dates)."""
    out = {k: v for k, v in facts.items() if k not in ("views", "now")}
    out["views"] = [{"watched_at": at, "share": round(share, 3)} for at, share in facts.get("views", ())]
    return out


def _edition_words(title: str) -> list[str]:
    lowered = (title or "").lower()
    return [word for word in EDITION_WORDS if word in lowered]
