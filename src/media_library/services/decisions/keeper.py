"""Carrying out a keep: ask Radarr for the film (add it, or search for it), or note that our own
library already holds it; then follow Radarr's command to its end.

Never twice: a film whose file Radarr has on disk is never added or searched; a film with a
trigger in flight (a decision whose Radarr command has not ended) is not triggered again
(``claim_trigger``, one write transaction), and Radarr itself answers an identical queued
command with the same id. Dry run stops before any of this.
"""

from __future__ import annotations

import logging
import time

from ...clients.radarr import AddOptions, RadarrClient, RadarrCommand, RadarrFilm
from ...errors import MediaLibraryError
from ...models.decisions import RADARR_FOLLOW, Decision, FollowPayload

log = logging.getLogger(__name__)


class Keeper:
    def __init__(self, state, settings, *, radarr, enqueue):
        self.state, self.settings, self.radarr, self.enqueue = state, settings, radarr, enqueue

    @property
    def options(self):
        return self.settings.decisions

    def keep(self, decision: Decision, film: RadarrFilm | None, our_copy: bool) -> Decision:
        """Act on a ``keep`` decision; the decision with its outcome."""
        if decision.via in ("own", "auto") and our_copy:
            return self.state.update_decision(decision.id, outcome="in_library")
        if decision.via == "own":
            return self.state.update_decision(decision.id, outcome="failed",
                                              error="this film is not one of our own STRM exports, so our downloader has no source for it")
        client = self.radarr()
        if client is None or film is None:
            return self.state.update_decision(decision.id, outcome="not_configured",
                                              error="Radarr is not configured (decisions.radarr_url, decisions.radarr_api_key)"
                                              if client is None else "the film has no TMDb id, so Radarr cannot find it")
        if film.has_file:
            return self.state.update_decision(decision.id, outcome="on_disk", radarr_movie_id=film.id)
        live = self.state.claim_trigger(decision.film_key, decision.id)
        if live is not None:
            return self.state.update_decision(decision.id, outcome="already_pending", radarr_movie_id=live.radarr_movie_id,
                                              command_id=live.command_id)
        return self._trigger(client, decision, film)

    def _trigger(self, client: RadarrClient, decision: Decision, film: RadarrFilm) -> Decision:
        try:
            if film.id is None:
                added = client.add(film, self._add_options(client))
                command = _search_of(client, added.id)
                changes = {"outcome": "added", "radarr_movie_id": added.id}
            else:
                command = client.search(film.id)
                changes = {"outcome": "searched", "radarr_movie_id": film.id}
        except MediaLibraryError as exc:
            return self.state.update_decision(decision.id, outcome="failed", error=exc.message)
        if command is not None:
            changes.update(command_id=command.id, command_status=command.status)
        decision = self.state.update_decision(decision.id, **changes)
        self.enqueue(RADARR_FOLLOW, FollowPayload(decision.id), idempotency_key=f"radarr-follow:{decision.id}")
        return decision

    def _add_options(self, client: RadarrClient) -> AddOptions:
        profile, folder = self.options.radarr_quality_profile_id, self.options.radarr_root_folder
        if not profile or not folder:
            first_profile, first_folder = client.first_choices()
            profile, folder = profile or first_profile, folder or first_folder
        return AddOptions(profile, folder, client.tag_ids(list(self.options.radarr_tags)), self.options.radarr_minimum_availability)

    def follow(self, decision_id: int, ctx) -> Decision:
        """Poll the decision's Radarr command until it ends (or the timeout); the outcome follows it."""
        decision = self.state.get_decision(decision_id)
        client = self.radarr()
        if client is None or decision.radarr_movie_id is None:
            return decision
        deadline = time.monotonic() + self.options.command_timeout_seconds
        while True:
            command = self._current(client, decision)
            if command is not None:
                decision = self.state.update_decision(decision.id, command_id=command.id, command_status=command.status)
                if command.finished:
                    outcome = "completed" if command.status == "completed" else "failed"
                    return self.state.update_decision(decision.id, outcome=outcome, error=command.message if outcome == "failed" else None)
            if time.monotonic() >= deadline:
                return self.state.update_decision(decision.id, error="Radarr's command is still running; see Radarr's queue")
            if ctx.cancel_event.wait(self.options.command_poll_seconds):
                ctx.check_cancelled()

    def _current(self, client: RadarrClient, decision: Decision) -> RadarrCommand | None:
        if decision.command_id is not None:
            return client.command(decision.command_id)
        return _search_of(client, decision.radarr_movie_id)


def _search_of(client: RadarrClient, movie_id: int | None) -> RadarrCommand | None:
    """The search Radarr started for a film it was asked to add with ``searchForMovie``."""
    if movie_id is None:
        return None
    for body in client.commands():
        if body.get("name") == "MoviesSearch" and movie_id in ((body.get("body") or {}).get("movieIds") or []):
            return RadarrCommand.of(body)
    return None
