"""The clean-up of films we had Radarr download that nobody watches (what Maintainerr and
Janitorr users ask for).

A film kept by one of ``decisions.cleanup_rules`` (by default "Keep after rewatch") and not played
for ``cleanup_unwatched_days`` goes on the *leaving soon* list for ``cleanup_leaving_days``; played
again meanwhile, it leaves the list. When its time is up Radarr is asked to delete it (files
included). **Mass-deletion guard**: a run that would delete more than ``cleanup_max_deletions``
films deletes none and says so (a wrong clock, a lost history or a mistaken rule should not empty
the disk), like the STRM clean-up that refuses to remove most of a tree. Dry run lists and
reports what it would delete and deletes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from ...errors import MediaLibraryError, NotConfigured
from ...models.decisions import KEEP_CLEANUP, CleanupPayload, Decision
from ...models.payloads import to_json

log = logging.getLogger(__name__)
DAY = 86400.0
SCHEDULE_NAME = "keep.cleanup"


def install_schedule(settings, scheduler) -> None:
    """Keep the ``keep.cleanup`` schedule in step with ``decisions.cleanup_schedule`` (empty: none)."""
    scheduler.keep(SCHEDULE_NAME, KEEP_CLEANUP, settings.decisions.cleanup_schedule, to_json(CleanupPayload()))


class KeepCleanup:
    def __init__(self, state, settings, *, radarr):
        self.state, self.settings, self.radarr = state, settings, radarr

    def run(self, dry_run: bool | None = None) -> dict[str, Any]:
        options = self.settings.decisions
        dry = options.dry_run if dry_run is None else dry_run
        listed = self._list_unwatched(options)
        due = [f for f in self.state.list_leaving("listed") if f.delete_after <= self.state.now()]
        if len(due) > options.cleanup_max_deletions:
            message = (f"{len(due)} films are due for deletion, more than decisions.cleanup_max_deletions "
                       f"({options.cleanup_max_deletions}); nothing was deleted. Check the leaving-soon list, then raise the limit.")
            log.warning("Clean-up refused: %s", message)
            return {"dry_run": dry, "listed": listed, "deleted": [], "refused": message}
        if dry:
            return {"dry_run": True, "listed": listed, "deleted": [], "would_delete": [f.title for f in due], "refused": None}
        return {"dry_run": False, "listed": listed, "deleted": [f.title for f in due if self._delete(f)], "refused": None}

    def _list_unwatched(self, options) -> list[str]:
        now, listed = self.state.now(), []
        on_list = {f.film_key: f for f in self.state.list_leaving("listed")}
        for decision in self.state.kept_films(options.cleanup_rules):
            last = self._last_played(decision)
            current = on_list.get(decision.film_key)
            if current is not None and last > current.listed_at:
                self.state.drop_leaving(decision.film_key)  # played again: it stays
            elif current is None and now - last >= options.cleanup_unwatched_days * DAY:
                self.state.list_as_leaving({"film_key": decision.film_key, "tmdb_id": decision.tmdb_id,
                                            "radarr_movie_id": decision.radarr_movie_id, "title": decision.title,
                                            "rule_name": decision.rule_name, "last_watched_at": last,
                                            "delete_after": now + options.cleanup_leaving_days * DAY})
                listed.append(decision.title)
        return listed

    def _last_played(self, decision: Decision) -> float:
        rows = self.state.watch_history_of(item_id=decision.item_id, tmdb_id=decision.tmdb_id, limit=1)
        return max([decision.created_at, *(r.watched_at for r in rows)])

    def _delete(self, film) -> bool:
        client = self.radarr()
        if client is None:
            raise NotConfigured("Radarr is not configured: set decisions.radarr_url and decisions.radarr_api_key")
        try:
            if film.radarr_movie_id is not None:
                client.delete(film.radarr_movie_id)
        except MediaLibraryError as exc:
            self.state.set_leaving_status(film.film_key, "listed", f"Radarr refused the deletion: {exc.message}")
            return False
        self.state.set_leaving_status(film.film_key, "deleted", "deleted in Radarr with its files")
        return True
