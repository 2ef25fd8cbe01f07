"""A sync of one Plex server: its enabled film and show libraries (or one library, or one show),
page by page, into our library.

- **Two-level progress**: ``ctx.progress`` (the job's percent and a message) and a
  ``plex_sync_progress`` event per page with the library count and the item count in it.
- **Paged**: ``PlexServerClient.pages`` sends ``X-Plex-Container-Start``/``-Size`` every time.
- **Tolerant**: an item that cannot be parsed (``BadItem``) is skipped and counted (``bad``).
- **Incremental**: every page is fetched (deletions need the full ``ratingKey`` set), but an
  item is parsed and written only when its stamp (``updatedAt``, else ``addedAt``: many listings
  lack ``updatedAt``) differs from the one stored; a re-sync with nothing changed writes no rows.
  Changed items are written ``WRITE_BATCH`` at a time, each batch one transaction in which the
  items imported before are written together (``apply_plex_batch``: one ``executemany`` per
  statement shape, not a few statements per item).
- **Relinking**: when a library's mappings, or whether their local folders exist, changed since
  its last sync (a mapping added or removed, a disk mounted), the Parts of the items that did
  not change are checked against them and the disk; those whose local path or presence differs
  from what is stored are written again, so their files play without waiting for Plex to change
  the item. Otherwise (the usual re-sync) this step reads nothing.
- **Deletions**: the ``ratingKey``s stored for a library but no longer listed are removed for
  this server only (``delete_plex_items``), unless they are more than ``plex.max_delete_share``
  of the library's items: then none are (``held_back``) until a forced sync. A listing that
  fails half-way raises before this step, so a partial listing never deletes.
- Watched state follows for the mapped users (``watched``).
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import NotFound
from ...models.plex import PlexItem, PlexLibrary, PlexServer, PlexSyncPayload, ResolvedPart
from .artwork import PlexArtwork
from .events import PlexSyncProgress
from .parse import BadItem, listing_stamp, parse_item
from .paths import PathMapper

log = logging.getLogger(__name__)
KINDS = {"movie": ("movie",), "show": ("show", "episode")}
WRITE_BATCH = 500  # changed items written per transaction: a 1 % re-sync commits (and fsyncs) once or twice


@dataclass
class LibraryReport:
    library_id: int
    title: str
    listed: int = 0
    unchanged: int = 0
    created: int = 0
    updated: int = 0
    files: int = 0
    bad: int = 0
    skipped: int = 0
    deleted: int = 0
    held_back: int = 0
    relinked: int = 0  # unchanged items whose files came into reach or went out of it
    thumbs: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, counts: dict[str, int]) -> None:
        for name, value in counts.items():
            setattr(self, name, getattr(self, name) + value)

    def to_public(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "thumbs"}


@dataclass
class Progress:
    """Both levels of where a sync is, reported to the job and as an event."""

    server_id: int
    job_id: int | None
    libraries_total: int
    report: Callable[[PlexSyncProgress], None]
    ctx: Any
    libraries_done: int = 0
    library: str = ""
    items_done: int = 0
    items_total: int = 0

    def items(self, done: int, total: int) -> None:
        self.items_done, self.items_total = done, total
        share = (self.libraries_done + (done / total if total else 0)) / max(1, self.libraries_total)
        self.ctx.progress(min(99.0, 100 * share), f"Library {self.libraries_done + 1}/{self.libraries_total} "
                                                  f"{self.library}: {done}/{total} items")
        self.publish()

    def publish(self, done: bool = False) -> None:
        self.report(PlexSyncProgress(self.server_id, self.job_id, self.library, self.libraries_done, self.libraries_total,
                                     self.items_done, self.items_total, done))


class PlexSync:
    def __init__(self, state, settings, bus, plex, watched, artwork: PlexArtwork):
        self.state, self.settings, self.bus = state, settings, bus
        self.plex, self.watched, self.artwork = plex, watched, artwork

    def run(self, payload: PlexSyncPayload, ctx) -> dict[str, Any]:
        server = self.state.get_plex_server(payload.server_id)
        libraries = self._libraries(server, payload.library_id)
        job = getattr(ctx, "job", None)
        progress = Progress(server.id, job.id if job else None, len(libraries), self.bus.publish, ctx)
        mapper, client = PathMapper(self.state.list_plex_mappings(server.id)), self.plex.client(server)
        reports = []
        for library in libraries:
            progress.library, progress.items_done, progress.items_total = library.title, 0, 0
            reports.append(self.sync_library(client, server, library, mapper, progress, payload))
            progress.libraries_done += 1
        progress.publish(done=True)
        self.state.update_plex_server(server.id, last_sync_at=self.state.now())
        watched = self.watched.import_all(server, only_keep_in_step=not payload.watched, ctx=ctx)
        return {"server_id": server.id, "libraries": [r.to_public() for r in reports], "watched": watched}

    def _libraries(self, server: PlexServer, library_id: int | None) -> list[PlexLibrary]:
        if library_id is not None:
            library = self.state.get_plex_library(library_id)
            if library.server_id != server.id:
                raise NotFound(f"library {library_id} is not one of Plex server {server.id}'s")
            return [library]
        return [lib for lib in self.state.list_plex_libraries(server.id) if lib.enabled and lib.importable]

    def sync_library(self, client, server: PlexServer, library: PlexLibrary, mapper: PathMapper, progress: Progress,
                     payload: PlexSyncPayload) -> LibraryReport:
        report, stored = LibraryReport(library.id, library.title), self.state.plex_stamps(server.id, library.id)
        seen: set[str] = set()
        for kind in KINDS.get(library.type, ()):
            done, pending = 0, []
            for raw_items, total in _pages(client, library, kind, payload.show_key):
                progress.ctx.check_cancelled()
                pending += self._changed(raw_items, kind, stored, seen, report, mapper, library.id)
                if len(pending) >= WRITE_BATCH:
                    report.add(self.state.apply_plex_batch(server.id, library.id, pending))
                    pending = []
                done += len(raw_items)
                progress.items(done, total)
            if pending:  # a kind's last items are written before the next kind (episodes need their shows)
                report.add(self.state.apply_plex_batch(server.id, library.id, pending))
        if not payload.show_key:
            report.relinked = self._relink(server.id, library.id, mapper, first=not stored)
            self._reconcile(server.id, stored, seen, report, payload.force)
        if self.settings.plex.artwork:
            self.artwork.fill(client, server.id, report.thumbs)
        return report

    def _changed(self, raw_items: list, kind: str, stored: dict[str, int], seen: set[str], report: LibraryReport,
                 mapper: PathMapper, library_id: int) -> list[tuple[PlexItem, list[ResolvedPart]]]:
        changed = []
        for raw in raw_items:
            try:
                rating_key, stamp = listing_stamp(raw)
                item = None if stored.get(rating_key) == stamp else parse_item(raw, kind)
            except BadItem as exc:
                report.bad += 1
                log.info("Skipped a Plex item: %s", exc)
                continue
            report.listed += 1
            seen.add(rating_key)
            if item is None:  # unchanged since the last sync: not parsed further
                report.unchanged += 1
                continue
            changed.append((item, [self._resolve(part, mapper, library_id) for part in item.parts]))
            if item.thumb:
                report.thumbs[item.rating_key] = item.thumb
        return changed

    def _relink(self, server_id: int, library_id: int, mapper: PathMapper, *, first: bool) -> int:
        """When the library's mappings or the presence of their local folders changed since the
        last sync (a mapping added or removed, a disk mounted or gone), the items whose stored
        files no longer match are linked again, whatever their stamp; how many. Otherwise nothing
        is read: a re-sync stays a listing compared in memory."""
        key, reach = f"plex.reach:{server_id}:{library_id}", mapper.reach(library_id)
        if self.state.get_app_setting(key) == reach:
            return 0
        relinked = 0 if first else self._relink_items(server_id, library_id, mapper)
        self.state.set_app_setting(key, reach)
        return relinked

    def _relink_items(self, server_id: int, library_id: int, mapper: PathMapper) -> int:
        parts: dict[int, list[ResolvedPart]] = defaultdict(list)
        media_ids, stale = {}, set()
        for item_id, media_id, part, local_path, missing in self.state.plex_part_paths(server_id, library_id):
            resolved = self._resolve(part, mapper, library_id)
            parts[item_id].append(resolved)
            media_ids[item_id] = media_id
            if resolved.local_path != local_path or (local_path is not None and resolved.exists == bool(missing)):
                stale.add(item_id)
        if stale:
            self.state.relink_plex_parts([(item_id, media_ids[item_id], parts[item_id]) for item_id in sorted(stale)])
        return len(stale)

    @staticmethod
    def _resolve(part, mapper: PathMapper, library_id: int) -> ResolvedPart:
        local = mapper.local_path(part.file, library_id)
        return ResolvedPart(part, local, bool(local) and os.path.isfile(local))

    def _reconcile(self, server_id: int, stored: dict[str, int], seen: set[str], report: LibraryReport, force: bool) -> None:
        gone = set(stored) - seen
        if not gone:
            return
        if not force and len(gone) > self.settings.plex.max_delete_share * len(stored):
            report.held_back = len(gone)
            log.warning("Plex sync of %s: %d of %d items are gone from Plex; none removed (mass-deletion guard, "
                        "sync with force to remove them)", report.title, len(gone), len(stored))
            return
        report.deleted = self.state.delete_plex_items(server_id, sorted(gone))


def _pages(client, library: PlexLibrary, kind: str, show_key: str | None):
    """The pages to read for ``kind``: the whole section's, or only one show's."""
    if show_key is None:
        return client.section_items(library.section_key, kind)
    if kind == "episode":
        return client.show_episodes(show_key)
    return iter([([client.item(show_key) or {}], 1)])
