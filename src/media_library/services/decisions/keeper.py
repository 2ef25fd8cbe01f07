"""Carrying out a keep, the way the rule says (``via``):

- ``download``: our own downloader. Our library holds the film already → ``in_library``; an
  Xtream VOD title is the film (``own.py``: by TMDb id, else by the item's path and the STRM
  manifest) → one ``iptv.download`` job through the IPTV downloader, which publishes the file into
  the library through the one ``Publisher`` (``download_queued``); neither → ``failed`` with why.
- ``radarr``: ask Radarr for the film (add it, or search for it), then follow its command.
- ``auto``: our own downloader when the film is ours (held, or an Xtream VOD title), else Radarr.

Never twice: a film whose file Radarr has on disk is never added or searched; a film with a
trigger in flight (a decision whose Radarr command has not ended) is not triggered again
(``claim_trigger``, one write transaction), and Radarr itself answers an identical queued
command with the same id. An IPTV title has one download row at most (``iptv_downloads`` refuses a
twin in one write transaction): a second keep finds it (``already_pending``, or ``in_library``
once done). Dry run stops before any of this.
"""

from __future__ import annotations

import logging
import time

from ...clients.radarr import AddOptions, RadarrClient, RadarrCommand, RadarrFilm
from ...errors import Conflict, MediaLibraryError
from ...models.decisions import RADARR_FOLLOW, Decision, FollowPayload
from .own import OwnCopy

log = logging.getLogger(__name__)


class Keeper:
    def __init__(self, state, settings, *, radarr, enqueue, downloads, own):
        self.state, self.settings, self.radarr, self.enqueue = state, settings, radarr, enqueue
        self.downloads, self.own = downloads, own  # the IPTV downloader (None without the IPTV source); own.OwnSources

    @property
    def options(self):
        return self.settings.decisions

    def keep(self, decision: Decision, film: RadarrFilm | None, own: OwnCopy | None) -> Decision:
        """Act on a ``keep`` decision; the decision with its outcome."""
        if decision.via in ("download", "auto"):
            own = own or self.own.by_path(decision.item_id, None)
            if own is not None and own.held:
                return self.state.update_decision(decision.id, outcome="in_library")
            if own is not None:
                return self._download(decision, own)
        if decision.via == "download":
            return self.state.update_decision(decision.id, outcome="failed", error=(
                "this film is neither in our library nor an Xtream VOD title of the IPTV catalogs, "
                "so our downloader has no source for it; use a rule that keeps via Radarr"))
        return self._radarr(decision, film)

    def _download(self, decision: Decision, own: OwnCopy) -> Decision:
        """One IPTV download of the title, never a second one while one exists."""
        downloader = self.downloads()
        if downloader is None:
            return self.state.update_decision(decision.id, outcome="not_configured",
                                              error="the IPTV source is not part of this server, so its downloader is missing")
        existing = self.state.find_iptv_download(own.account_id, "movie", own.stream_id)
        if existing is not None and existing.status == "failed":  # a keep again: try once more
            resumed = downloader.resume(existing.id)
            return self.state.update_decision(decision.id, outcome="download_queued", job_id=resumed.job_id)
        if existing is None:
            try:
                download = downloader.queue_movie(own.account_id, own.stream_id)
            except Conflict:  # another decision queued it a moment ago
                existing = self.state.find_iptv_download(own.account_id, "movie", own.stream_id)
            except MediaLibraryError as exc:
                return self.state.update_decision(decision.id, outcome="failed", error=exc.message)
            else:
                return self.state.update_decision(decision.id, outcome="download_queued", job_id=download.job_id)
        return self._existing_download(decision, existing)

    def _existing_download(self, decision: Decision, download) -> Decision:
        if download.status == "done":
            return self.state.update_decision(decision.id, outcome="in_library", job_id=download.job_id)
        if download.status == "cancelled":
            return self.state.update_decision(decision.id, outcome="failed", job_id=download.job_id, error=(
                f"the download of {download.title} was cancelled on the IPTV page; remove it there to allow it again"))
        return self.state.update_decision(decision.id, outcome="already_pending", job_id=download.job_id)

    def _radarr(self, decision: Decision, film: RadarrFilm | None) -> Decision:
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
