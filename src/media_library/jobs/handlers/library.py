"""Library jobs: scan, identify (video and music), organize, undo, bulk re-identify.

Each handler is a thin call into ``services.library`` (built once by the runtime). Identify is
idempotent: running it twice for a file gives the same item; organize records every move so the
batch can be undone; a locked (manually matched) item is never re-identified by these jobs.
"""

from __future__ import annotations

from ...models.job_payloads import (
    LIBRARY_IDENTIFY,
    LIBRARY_ORGANIZE,
    LIBRARY_ORGANIZE_UNDO,
    LIBRARY_REIDENTIFY,
    LIBRARY_SCAN,
    MUSIC_IDENTIFY,
    IdentifyPayload,
    MediaIdsPayload,
    ScanPayload,
)
from ..base import JobHandler


class LibraryScan(JobHandler):
    """Scan every library folder (or the one ``folder_id`` names), with progress and a summary."""

    kind = LIBRARY_SCAN
    payload = ScanPayload

    def run(self, ctx, payload: ScanPayload):
        report = self.services.library.scanner.scan(ctx.cancelled, folder_id=payload.folder_id,
                                                    progress=lambda percent, message: ctx.progress(percent, message))
        ctx.check_cancelled()
        return report.to_dict()


class LibraryIdentify(JobHandler):
    """Identify one video file."""

    kind = LIBRARY_IDENTIFY
    payload = IdentifyPayload

    def run(self, ctx, payload: IdentifyPayload):
        return self.services.library.identification.identify_file(payload.file_id, force=payload.force,
                                                                   again=payload.again)


class MusicIdentify(JobHandler):
    """Identify and tag one audio file."""

    kind = MUSIC_IDENTIFY
    payload = IdentifyPayload

    def run(self, ctx, payload: IdentifyPayload):
        return self.services.library.music.identify_file(payload.file_id, force=payload.force)


class LibraryOrganize(JobHandler):
    """Move identified files into place (these items, or everything)."""

    kind = LIBRARY_ORGANIZE
    payload = MediaIdsPayload

    def run(self, ctx, payload: MediaIdsPayload):
        return self.services.library.organize(payload.media_ids, ctx.cancelled)


class LibraryOrganizeUndo(JobHandler):
    kind = LIBRARY_ORGANIZE_UNDO
    resumable = False  # half an undo wants a person to look

    def run(self, ctx, payload):
        return self.services.library.organizer.undo_last().to_dict()


class LibraryReidentify(JobHandler):
    """Bulk re-identify: queue identify for every file of the given (or all unlocked) items."""

    kind = LIBRARY_REIDENTIFY
    payload = MediaIdsPayload

    def run(self, ctx, payload: MediaIdsPayload):
        return {"queued": self.services.library.identify_jobs.everything(payload.media_ids, ctx.check_cancelled)}


HANDLERS = [LibraryScan, LibraryIdentify, MusicIdentify, LibraryOrganize, LibraryOrganizeUndo, LibraryReidentify]
