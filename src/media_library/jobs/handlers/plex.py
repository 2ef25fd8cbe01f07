"""Plex jobs: ``plex.sync`` (one server's libraries, one library or one show, then watched
state); the work is ``PlexSync.run`` (``services/plex/sync.py``). Resumable: a sync killed
half-way runs again and skips what it already wrote (same stamps)."""

from __future__ import annotations

from ...models.plex import PLEX_SYNC, PlexSyncPayload
from ..base import JobHandler


class PlexSyncJob(JobHandler):
    kind = PLEX_SYNC
    payload = PlexSyncPayload

    def run(self, ctx, payload: PlexSyncPayload):
        return self.services.plex_sync.run(payload, ctx)


HANDLERS = [PlexSyncJob]
