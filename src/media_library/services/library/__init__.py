"""The library: scanning the roots, identifying, organizing, metadata and artwork, music, uploads.

``LibraryServices`` composes them once per runtime (``services.library``) from the settings, the
state, the event bus, the job service and the process's external clients; the job handlers
(``jobs/handlers/library.py``), the CLI and the web routes all use that one object. Sources hand
their finished files to its ``publisher`` (``services/ingest.py``). ``matcher`` finds a file's
match (read-only); ``identification`` records it. Must not: import Flask or the job worker.
"""

from __future__ import annotations

import logging
import os

from ... import events
from ...clients.external import ExternalClients
from ...errors import Conflict, MediaLibraryError
from ...models import Job, MediaFile, MediaItem
from ...models.job_payloads import LIBRARY_ORGANIZE, LIBRARY_SCAN, MediaIdsPayload
from ..ingest import Publisher
from .adopt import Adopter
from .apply import IdentificationService
from .artwork import ArtworkService
from .duplicates import DuplicateDecisions
from .folders import LibraryFolders
from .identify import Match, Matcher
from .identify_jobs import IdentifyJobs
from .metadata import MetadataWriter, is_folder_file, sidecars
from .music_names import MusicPaths
from .organize import Organizer
from .scan import Scanner, library_roots
from .search import ItemSearch

log = logging.getLogger(__name__)


class LibraryServices:
    """Everything the library needs, wired once. ``jobs`` may be None (``identify`` on the CLI
    never queues, and has no ``state`` either: it uses only the read-only ``matcher`` and music)."""

    def __init__(self, settings, state, bus, jobs=None, *, clients: ExternalClients, scheduler=None):
        self.settings, self.state, self.bus, self.jobs = settings, state, bus, jobs
        self.clients = clients
        self.tmdb = clients.tmdb
        self.roots = {r.kind: r.path for r in library_roots(settings)}
        self.identify_jobs = IdentifyJobs(state, jobs)
        self.folders = LibraryFolders(state, settings) if state is not None else None
        self.scanner = Scanner(state, self.folders.roots if self.folders else library_roots(settings),
                               queue_identify=self.identify_jobs.queue if jobs else None)
        self.matcher = Matcher(self.tmdb)
        self.identification = IdentificationService(state, self.matcher, threshold=settings.library.identify_threshold, bus=bus,
                                        roots=self.roots, after_match=self._after_match)
        self.search = ItemSearch(state, self.matcher, self.identification.name_for)
        self.artwork = ArtworkService(state, self.tmdb, settings.cache_dir, tuple(self.roots.values()))
        self.metadata = MetadataWriter(state)
        self.organizer = Organizer(state, self.roots, id_tag=settings.library.id_tag, after_move=self._after_move,
                                   sidecars=sidecars, folder_file=is_folder_file,
                                   music_paths=MusicPaths(self.roots["music"], settings.music.path_template,
                                                          settings.music.disc_subfolders),
                                   folder_of=self.folders.added_folder_of if self.folders else lambda _path: None)
        self.duplicates = DuplicateDecisions(state, self.organizer, trash_dir=settings.data_dir / "trash",
                                             uploads_dir=settings.uploads_dir, hold=self.identification.hold,
                                             after_decision=self._after_decision)
        self.adopter = Adopter(state, self.matcher, self.identification, self.organizer, self.fetch_artwork)
        self.publisher = Publisher(state, self.adopter, self.identify_jobs.queue, probe=self.scanner.facts)
        self._music = None
        self._uploads = None
        if scheduler is not None and settings.library.scan_schedule:
            scheduler.add(LIBRARY_SCAN, LIBRARY_SCAN, settings.library.scan_schedule)

    @property
    def music(self):
        if self._music is None:
            from .music import build_music_service

            self._music = build_music_service(self)
        return self._music

    @property
    def music_match(self):
        """Manual music matching (search, the file's tags, applying a release or recording)."""
        from .music_manual import MusicMatching

        return MusicMatching(self.music)

    @property
    def uploads(self):
        if self._uploads is None:
            from .upload import UploadService

            self._uploads = UploadService(self)
        return self._uploads

    def queue_organize(self, item: MediaItem) -> Job | None:
        """Organize one item soon (after a match), when ``library.organize`` is on."""
        if self.jobs is None or not self.settings.library.organize:
            return None
        job, _ = self.jobs.enqueue(LIBRARY_ORGANIZE, MediaIdsPayload((item.id,)), idempotency_key=f"organize:{item.id}")
        return job

    def organize(self, media_ids=None, cancelled=lambda: False) -> dict:
        """The organize job: move files into place; a file another one keeps from its name waits in
        the review queue as a duplicate, and the job fails saying so rather than "done" with a file
        left behind (in ``uploads/`` or anywhere)."""
        result = self.organizer.organize(media_ids, cancelled)
        held = self.duplicates.hold_collisions(result.collisions)
        left = result.collisions + result.errors
        if left:
            names = ", ".join(os.path.basename(entry["source"]) for entry in left[:3])
            waiting = f"; {len(held)} wait in the review queue: keep both, replace or discard" if held else ""
            raise Conflict(f"{len(result.moved)} moved, {len(left)} not placed ({names}: "
                           f"{left[0].get('reason')}){waiting}")
        return result.to_dict()

    def _after_decision(self, item: MediaItem) -> None:
        self.bus.publish(events.LibraryUpdated([item.id], "duplicate"))
        self.queue_organize(item)

    def fetch_artwork(self, item: MediaItem) -> None:
        """Cache the artwork of ``item``'s film or show; a failure leaves it without, never fails."""
        owner = self._artwork_owner(item)
        try:
            if self.artwork.fetch_for(owner):  # tell the app again: the poster is there now
                self.bus.publish(events.LibraryUpdated([owner.id], "artwork"))
        except MediaLibraryError as exc:
            log.warning("Artwork for %s skipped: %s", owner.title, exc.message)

    def _after_match(self, item: MediaItem, match: Match) -> None:
        self.fetch_artwork(item)
        self.queue_organize(item)

    def _artwork_owner(self, item: MediaItem) -> MediaItem:
        while item.kind in ("episode", "season") and item.parent_id:
            item = self.state.get_media(item.parent_id)
        return item

    def _after_move(self, item: MediaItem, file: MediaFile) -> None:
        self.metadata.write(item, file)
        if item.kind == "track":
            self.music.after_organize(item, file)


__all__ = ["LibraryServices"]
