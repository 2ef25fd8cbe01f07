"""The decisions use cases: take a webhook delivery, decide on it as a job, what-if, rules,
overrides, Radarr's test connection.

``receive`` is what the web route calls: it parses, stores the event once per event key and
queues ``watch.event``; nothing slow happens before the answer. ``process_event`` (the job)
records the history and, for PlaybackStart, PlaybackStop and UserDataSaved, decides and acts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ...clients.mediaserver import JellyfinClient
from ...clients.radarr import RadarrClient, RadarrFilm
from ...errors import InvalidInput, MediaLibraryError, NotConfigured
from ...models.decisions import (
    DECIDING_TYPES,
    OVERRIDE_MODES,
    WATCH_EVENT,
    Decision,
    WatchEvent,
    WatchEventPayload,
    WhatIf,
)
from . import facts as fact_sources
from .facts import Film
from .history import WatchHistory
from .keeper import Keeper
from .rules import DEFAULT_RULES, check_rule, decide
from .webhook import event_key, parse_delivery

log = logging.getLogger(__name__)
HISTORY_DAYS = 400


@dataclass(frozen=True)
class Received:
    status: str  # queued | recorded (a progress report) | duplicate | ignored
    event: WatchEvent | None = None


class DecisionService:
    def __init__(self, state, settings, *, jobs, http):
        self.state, self.settings, self.jobs, self.http = state, settings, jobs, http
        self.history = WatchHistory(state, jellyfin=self.jellyfin)
        self.keeper = Keeper(state, settings, radarr=self.radarr, enqueue=jobs.enqueue)

    @property
    def options(self):
        return self.settings.decisions

    # --- clients (None when not configured) -------------------------------------------------------
    def radarr(self) -> RadarrClient | None:
        if not self.options.radarr_url:
            return None
        return RadarrClient(self.http, self.options.radarr_url, self.options.radarr_api_key)

    def jellyfin(self) -> JellyfinClient | None:
        url = self.options.jellyfin_url or self.settings.strm.refresh_jellyfin_url
        key = self.options.jellyfin_api_key or self.settings.strm.refresh_jellyfin_api_key
        return JellyfinClient(self.http, url, key) if url and key else None

    # --- the webhook ------------------------------------------------------------------------------
    def receive(self, raw: bytes) -> Received:
        delivery = parse_delivery(raw)
        if not delivery.understood:
            return Received("ignored")
        event, created = self.state.add_watch_event(event_key(delivery), delivery.type, delivery.stored_fields(),
                                                    **delivery.columns())
        if not created:
            return Received("duplicate", event)
        if event.type == "PlaybackProgress":  # every ~10 s per player: one write here, no job
            self.history.progress(event)
            self.state.set_watch_event_status(event.id, "processed")
            return Received("recorded", event)
        self.jobs.enqueue(WATCH_EVENT, WatchEventPayload(event.id), idempotency_key=f"watch-event:{event.id}", priority=5)
        return Received("queued", event)

    def process_event(self, event_id: int) -> dict[str, Any]:
        event = self.state.get_watch_event(event_id)
        if event.status == "processed":
            return {"event_id": event_id, "decision_id": None}
        record = self.history.record(event)
        decision = None
        if event.type in DECIDING_TYPES and event.item_id and (record is not None or event.type != "UserDataSaved"):
            decision = self._decide_event(event, record.completion if record else None)
        self.state.set_watch_event_status(event_id, "processed")
        return {"event_id": event_id, "decision_id": decision.id if decision else None,
                "action": decision.action if decision else None}

    def _decide_event(self, event: WatchEvent, completion: float | None) -> Decision:
        fields = event.fields
        film = Film(title=fields.get("title") or "", item_id=event.item_id, item_type=event.item_type or "Movie",
                    tmdb_id=fields.get("tmdb_id"), year=fields.get("year"), genres=list(fields.get("genres") or []))
        return self.decide(film, user=event.user_name, user_id=event.user_id, completion=completion, event_id=event.id)

    # --- deciding ---------------------------------------------------------------------------------
    def decide(self, film: Film, *, user: str | None, user_id: str | None = None, completion: float | None = None,
               event_id: int | None = None) -> Decision:
        """Decide on ``film`` for this playback, store the decision and act on it (unless dry run)."""
        verdict, facts, radarr_film = self._verdict(film, user, user_id, completion)
        dry = self.options.dry_run
        decision = self.state.add_decision(
            event_id=event_id, film_key=film.key, item_id=film.item_id, tmdb_id=film.tmdb_id,
            title=film.title or (radarr_film.title if radarr_film else ""), user_name=user, action=verdict.action,
            rule_id=verdict.rule_id, rule_name=verdict.rule_name, via=verdict.via, reason=verdict.reason,
            facts=fact_sources.stored(facts), dry_run=dry, outcome="dry_run" if dry and verdict.action == "keep" else "none")
        log.info("Decision %s on %s for %s: %s (%s: %s)%s", decision.id, decision.title, user or "-", verdict.action,
                 verdict.rule_name, verdict.reason, " [dry run]" if dry else "")
        if verdict.action == "keep" and not dry:
            decision = self.keeper.keep(decision, radarr_film, bool(facts.get("our_strm")))
        return decision

    def what_if(self, film: Film, *, user: str | None, completion: float | None = None) -> WhatIf:
        """The decision this film would get now, without storing or doing anything."""
        verdict, facts, _ = self._verdict(film, user, None, completion)
        return WhatIf(verdict.action, verdict.rule_name, verdict.reason, fact_sources.stored(facts), verdict.via)

    def _verdict(self, film: Film, user: str | None, user_id: str | None, completion: float | None):
        now = self.state.now()
        radarr_film = self._radarr_film(film)
        if radarr_film is not None and not film.title:
            film = Film(radarr_film.title, film.item_id, film.item_type, film.tmdb_id, film.year, film.genres)
        is_tracked = fact_sources.tracked(user, user_id, self.options.tracked_users, self.options.guest_users)
        facts = fact_sources.gather(film, user=user, is_tracked=is_tracked, completion=completion, radarr=radarr_film,
                                    views=self._views(film, now), our_copy=self._our_copy(film), now=now)
        override = self.state.get_override(film.key)
        verdict = decide(self.state.list_rules(), facts, override.mode if override else None)
        return verdict, facts, radarr_film

    def _radarr_film(self, film: Film) -> RadarrFilm | None:
        client = self.radarr()
        if client is None or not film.movie_tmdb:
            return None
        try:
            return client.film(film.tmdb_id)
        except MediaLibraryError as exc:
            log.warning("Radarr could not describe TMDb film %s: %s", film.tmdb_id, exc.message)
            return None

    def _views(self, film: Film, now: float) -> list[tuple[float, float]]:
        rows = self.state.watch_history_of(item_id=film.item_id, tmdb_id=film.movie_tmdb, since=now - HISTORY_DAYS * 86400.0)
        options = self.options
        return [(r.watched_at, r.completion if r.completion is not None else (1.0 if r.completed else 0.0))
                for r in rows if not r.session_key.startswith("live:")
                and fact_sources.tracked(r.user_name, r.user_id, options.tracked_users, options.guest_users)]

    def _our_copy(self, film: Film) -> bool:
        return bool(film.movie_tmdb) and self.state.library_film_with_tmdb(film.movie_tmdb) is not None

    def follow(self, decision_id: int, ctx) -> dict[str, Any]:
        decision = self.keeper.follow(decision_id, ctx)
        return {"decision_id": decision.id, "outcome": decision.outcome, "command_status": decision.command_status}

    # --- rules ------------------------------------------------------------------------------------
    def ensure_default_rules(self) -> None:
        """The seed's three tiers as editable rules, when there are none yet."""
        if self.state.count_rules() == 0:
            self.state.add_rules(DEFAULT_RULES)

    def add_rule(self, body: dict[str, Any]):
        return self.state.add_rule(check_rule(body))

    def update_rule(self, rule_id: int, body: dict[str, Any]):
        if not body:
            raise InvalidInput("send at least one rule field to change")
        return self.state.update_rule(rule_id, check_rule(body, partial=True))

    # --- overrides --------------------------------------------------------------------------------
    def set_override(self, tmdb_id: int, mode: str, user_id: int | None, title: str = ""):
        if mode not in OVERRIDE_MODES:
            raise InvalidInput(f"mode must be one of {', '.join(OVERRIDE_MODES)}")
        return self.state.set_override(Film(title, tmdb_id=tmdb_id).key, mode, title, user_id)

    # --- Radarr -----------------------------------------------------------------------------------
    def test_radarr(self) -> dict[str, Any]:
        """Radarr's version, quality profiles and root folders (to choose from in the settings)."""
        client = self.radarr()
        if client is None:
            raise NotConfigured("Radarr is not configured: set decisions.radarr_url and decisions.radarr_api_key")
        status = client.status() or {}
        return {"version": str(status.get("version", "")), "quality_profiles": client.quality_profiles(),
                "root_folders": client.root_folders()}

    def public_settings(self) -> dict[str, Any]:
        """The section's values for the app; a secret only as whether it is set."""
        values = dict(self.options.__dict__)
        for name in ("webhook_secret", "radarr_api_key", "jellyfin_api_key", "jellystat_api_key"):
            values[name] = bool(values[name])
        return values
