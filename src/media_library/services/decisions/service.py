"""The decisions use cases: take a webhook delivery, decide on it as a job, what-if, rules,
overrides, Radarr's test connection.

``receive`` is what the web route calls: it parses, stores the event once per event key (one
durable write) and makes sure a ``watch.decide`` job will see it; nothing slow happens before the
answer. ``decide_pending`` (that job) takes the waiting events in batches: it records each one's
playback and, for PlaybackStart, PlaybackStop and UserDataSaved, decides (``batch.py``: lookups
shared by the batch, its decisions stored in one transaction), then acts on the keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...clients.mediaserver import JellyfinClient
from ...clients.radarr import RadarrClient, RadarrFilm
from ...errors import InvalidInput, MediaLibraryError, NotConfigured
from ...models.decisions import (
    DECIDING_TYPES,
    OVERRIDE_MODES,
    WATCH_DECIDE,
    DecidePayload,
    Decision,
    WatchEvent,
    WhatIf,
)
from . import facts as fact_sources
from .batch import BatchFacts
from .facts import Film
from .history import WatchHistory
from .keeper import Keeper
from .own import OwnCopy, OwnSources
from .rules import DEFAULT_RULES, check_rule
from .webhook import event_key, parse_delivery

log = logging.getLogger(__name__)
BATCH = 100  # events per batch: one transaction for their decisions, shared lookups
STALE_CLAIM_SECONDS = 300.0  # an event taken by a drain that died is taken again after this


@dataclass(frozen=True)
class Received:
    status: str  # queued | recorded (a progress report) | duplicate | ignored
    event: WatchEvent | None = None


class DecisionService:
    def __init__(self, state, settings, *, jobs, http, downloads: Callable[[], Any | None] = lambda: None):
        self.state, self.settings, self.jobs, self.http = state, settings, jobs, http
        self.history = WatchHistory(state, jellyfin=self.jellyfin)
        self.own = OwnSources(state, jellyfin=self.jellyfin)
        self.keeper = Keeper(state, settings, radarr=self.radarr, enqueue=jobs.enqueue, downloads=downloads, own=self.own)

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
        self.wake_decider()
        return Received("queued", event)

    def wake_decider(self) -> None:
        """Make sure a ``watch.decide`` job will see the events stored so far: one waiting to be
        claimed will (it reads them when it runs); a running one may have looked already, so
        another is queued behind it. Racing receivers may queue two; the second finds little.
        ``jobs.concurrency`` runs one at a time (two drains would race for the same film's keep)."""
        if not self.state.job_queued(WATCH_DECIDE):
            self.jobs.enqueue(WATCH_DECIDE, DecidePayload(), priority=5)

    def resume_waiting(self) -> None:
        """At start: events a stopped process left undecided get their job."""
        if self.state.watch_events_waiting():
            self.wake_decider()

    def decide_pending(self, ctx=None) -> dict[str, Any]:
        """The ``watch.decide`` job: every waiting event, ``BATCH`` at a time, each batch with
        shared lookups (``batch.py``) and its decisions stored in one transaction."""
        events = decided = 0
        while batch := self.state.claim_watch_events(BATCH, stale_after=STALE_CLAIM_SECONDS):
            decided += len(self._drain(batch))
            events += len(batch)
            if ctx is not None:
                ctx.check_cancelled()
        return {"events": events, "decisions": decided}

    def _drain(self, batch: list[WatchEvent]) -> list[Decision]:
        """One batch; when it fails, its events one at a time, so one bad event holds up no other
        (it is marked ``failed`` with the error, the rest are decided)."""
        try:
            return self._decide_batch(batch)
        except Exception:  # noqa: BLE001 - isolated and retried per event below
            log.exception("A batch of %d watch events failed; deciding them one at a time", len(batch))
        decided = []
        for event in batch:
            try:
                decided += self._decide_batch([event])
            except Exception as exc:  # noqa: BLE001 - recorded on the event, shown on the Decisions page
                log.exception("Watch event %s could not be decided", event.id)
                self.state.set_watch_event_status(event.id, "failed", str(exc)[:500])
        return decided

    def process_event(self, event_id: int) -> dict[str, Any]:
        """The ``watch.event`` job of releases before ``watch.decide``: one event, as a batch of one."""
        event = self.state.get_watch_event(event_id)
        if event.status == "processed":
            return {"event_id": event_id, "decision_id": None}
        decision = next(iter(self._decide_batch([event])), None)
        return {"event_id": event_id, "decision_id": decision.id if decision else None,
                "action": decision.action if decision else None}

    def _decide_batch(self, events: list[WatchEvent]) -> list[Decision]:
        """Record each event's playback, decide on those that call for it, store the decisions and
        mark the events processed (one transaction), then carry out the keeps and mark theirs. An
        event taken again after a crash keeps its decision, carried out if it was not yet."""
        asks = []
        records = self.state.write_watches([self.history.plan(event) for event in events])
        for event, record in zip(events, records, strict=True):
            if event.type in DECIDING_TYPES and event.item_id and (record is not None or event.type != "UserDataSaved"):
                asks.append((event, _film_of(event), record))
        lookups = self._lookups([film for _, film, _ in asks])
        rows, context = [], {}
        for event, film, record in asks:
            until = record.watched_at if record is not None else None
            verdict, facts, radarr_film, own = lookups.verdict(film, user=event.user_name, user_id=event.user_id,
                                                               completion=record.completion if record else None, until=until)
            rows.append(self._decision_row(film, verdict, facts, radarr_film, user=event.user_name, event_id=event.id))
            context[event.id] = (radarr_film, own)
        acting = {row["event_id"] for row in rows if row["action"] == "keep" and not row["dry_run"]}
        stored = self.state.store_decisions(rows, [e.id for e in events if e.id not in acting])
        decided = [self._act(d, *context[d.event_id]) if d.outcome == "none" else d for d in stored]
        self.state.mark_watch_events_processed(acting)  # after the keeps were carried out
        return decided

    def _lookups(self, films: list[Film]) -> BatchFacts:
        return BatchFacts(self.state, self.options, films=films, now=self.state.now(), radarr_film=self._radarr_film,
                          own=self.own.by_tmdb(f.movie_tmdb for f in films if f.movie_tmdb))

    def _decision_row(self, film: Film, verdict, facts, radarr_film: RadarrFilm | None, *, user: str | None,
                      event_id: int | None) -> dict[str, Any]:
        dry = self.options.dry_run
        return {"event_id": event_id, "film_key": film.key, "item_id": film.item_id, "tmdb_id": film.tmdb_id,
                "title": film.title or (radarr_film.title if radarr_film else ""), "user_name": user, "action": verdict.action,
                "rule_id": verdict.rule_id, "rule_name": verdict.rule_name, "via": verdict.via, "reason": verdict.reason,
                "facts": fact_sources.stored(facts), "dry_run": dry,
                "outcome": "dry_run" if dry and verdict.action == "keep" else "none"}

    def _act(self, decision: Decision, radarr_film: RadarrFilm | None, own: OwnCopy | None) -> Decision:
        """Log a new decision; carry out a keep (unless dry run)."""
        log.info("Decision %s on %s for %s: %s (%s: %s)%s", decision.id, decision.title, decision.user_name or "-",
                 decision.action, decision.rule_name, decision.reason, " [dry run]" if decision.dry_run else "")
        if decision.action == "keep" and not decision.dry_run:
            return self.keeper.keep(decision, radarr_film, own)
        return decision

    # --- deciding ---------------------------------------------------------------------------------
    def what_if(self, film: Film, *, user: str | None, completion: float | None = None) -> WhatIf:
        """The decision this film would get now, without storing or doing anything."""
        verdict, facts, _, _ = self._lookups([film]).verdict(film, user=user, user_id=None, completion=completion)
        return WhatIf(verdict.action, verdict.rule_name, verdict.reason, fact_sources.stored(facts), verdict.via)

    def _radarr_film(self, film: Film) -> RadarrFilm | None:
        client = self.radarr()
        if client is None or not film.movie_tmdb:
            return None
        try:
            return client.film(film.tmdb_id)
        except MediaLibraryError as exc:
            log.warning("Radarr could not describe TMDb film %s: %s", film.tmdb_id, exc.message)
            return None

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


def _film_of(event: WatchEvent) -> Film:
    fields = event.fields
    return Film(title=fields.get("title") or "", item_id=event.item_id, item_type=event.item_type or "Movie",
                tmdb_id=fields.get("tmdb_id"), year=fields.get("year"), genres=list(fields.get("genres") or []))
