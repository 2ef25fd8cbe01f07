"""The Plex source's own event: ``plex_sync_progress``, the two levels of a sync's progress
(libraries, then items of the current library), forwarded to the app by Socket.IO."""

from __future__ import annotations

from dataclasses import dataclass

from ...events import Event


@dataclass(frozen=True)
class PlexSyncProgress(Event, name="plex_sync_progress", forwarded=True):
    """Where a ``plex.sync`` job is: library ``libraries_done + 1`` of ``libraries_total``,
    ``items_done`` of ``items_total`` in it; ``done`` on the last one."""

    server_id: int
    job_id: int | None
    library: str
    libraries_done: int
    libraries_total: int
    items_done: int
    items_total: int
    done: bool = False
