"""What deciding on a batch of films reads, fetched once for the batch.

The ``watch.decide`` job decides on every waiting event in batches; per event it only records
the playback and applies the rules. Everything else is read once per batch: the rules, the
overrides of the batch's films, the tracked users' views of those films (one query), our own
copies and sources of them (``own.py``, two queries) and Radarr's view of each film (one request
per TMDb id, cached for the batch). A single decision (what-if, or one event) is a batch of one.

Views are counted **up to the playback decided on** (``until``): a batch holding two plays of a
film decides on the first as if the second had not happened yet, as one job per event did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ...clients.radarr import RadarrFilm
from ...models.decisions import WatchRecord
from . import facts as fact_sources
from .facts import Film
from .own import OwnCopy
from .rules import Verdict, decide

HISTORY_DAYS = 400


class BatchFacts:
    def __init__(self, state, options, *, films: Sequence[Film], now: float, own: dict[int, OwnCopy],
                 radarr_film: Callable[[Film], RadarrFilm | None]):
        self.options, self.now, self.own = options, now, own
        self.rules = state.list_rules()
        self.overrides = state.overrides_of(f.key for f in films)
        self._by_item: dict[str, list[WatchRecord]] = defaultdict(list)
        self._by_tmdb: dict[int, list[WatchRecord]] = defaultdict(list)
        for row in state.watch_views_of(item_ids=[f.item_id for f in films if f.item_id],
                                        tmdb_ids=[f.movie_tmdb for f in films if f.movie_tmdb],
                                        since=now - HISTORY_DAYS * 86400.0):
            self._by_item[row.item_id].append(row)
            if row.tmdb_id:
                self._by_tmdb[row.tmdb_id].append(row)
        self._radarr_film = radarr_film
        self._radarr: dict[int, RadarrFilm | None] = {}

    def verdict(self, film: Film, *, user: str | None, user_id: str | None, completion: float | None,
                until: float | None = None) -> tuple[Verdict, dict[str, Any], RadarrFilm | None, OwnCopy | None]:
        """The rules' verdict on ``film`` for this playback, with the facts it was made on."""
        radarr_film = self.radarr(film)
        if radarr_film is not None and not film.title:
            film = Film(radarr_film.title, film.item_id, film.item_type, film.tmdb_id, film.year, film.genres)
        own = self.own.get(film.movie_tmdb) if film.movie_tmdb else None
        is_tracked = fact_sources.tracked(user, user_id, self.options.tracked_users, self.options.guest_users)
        facts = fact_sources.gather(film, user=user, is_tracked=is_tracked, completion=completion, radarr=radarr_film,
                                    views=self.views_of(film, until), own=own, now=self.now)
        override = self.overrides.get(film.key)
        return decide(self.rules, facts, override.mode if override else None), facts, radarr_film, own

    def radarr(self, film: Film) -> RadarrFilm | None:
        if not film.movie_tmdb:
            return None
        if film.movie_tmdb not in self._radarr:
            self._radarr[film.movie_tmdb] = self._radarr_film(film)
        return self._radarr[film.movie_tmdb]

    def views_of(self, film: Film, until: float | None) -> list[tuple[float, float]]:
        """Tracked users' finished playbacks of ``film`` as ``(watched_at, share)``, up to ``until``."""
        options = self.options
        rows = {r.id: r for r in (*self._by_item.get(film.item_id or "", ()), *self._by_tmdb.get(film.movie_tmdb or 0, ()))}
        return [(r.watched_at, r.completion if r.completion is not None else (1.0 if r.completed else 0.0))
                for r in sorted(rows.values(), key=lambda r: r.watched_at, reverse=True)
                if (until is None or r.watched_at <= until) and not r.session_key.startswith("live:")
                and fact_sources.tracked(r.user_name, r.user_id, options.tracked_users, options.guest_users)]
