"""Library jobs: scan, identify (video and music), organize, undo, bulk re-identify.

Each handler is a thin call into ``services.library`` (built once by the runtime). Identify is
idempotent: running it twice for a file gives the same item; organize records every move so the
batch can be undone; a locked (manually matched) item is never re-identified by these jobs.
"""

from __future__ import annotations

from ...errors import InvalidInput
from ..base import JobHandler


def _file_id(payload: dict) -> int:
    value = payload.get("file_id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput("payload needs an integer file_id")
    return value


class LibraryScan(JobHandler):
    kind = "library.scan"

    def run(self, ctx, payload):
        report = self.services.library.scanner.scan(ctx.cancelled)
        ctx.check_cancelled()
        return report.to_dict()


class LibraryIdentify(JobHandler):
    """Identify one video file (``{"file_id": N, "force": false}``)."""

    kind = "library.identify"

    def run(self, ctx, payload):
        return self.services.library.identification.identify_file(_file_id(payload), force=bool(payload.get("force")))


class MusicIdentify(JobHandler):
    """Identify and tag one audio file (``{"file_id": N}``)."""

    kind = "music.identify"

    def run(self, ctx, payload):
        return self.services.library.music.identify_file(_file_id(payload), force=bool(payload.get("force")))


class LibraryOrganize(JobHandler):
    """Move identified files into place (``{"media_ids": [...]}``, or everything)."""

    kind = "library.organize"

    def run(self, ctx, payload):
        ids = payload.get("media_ids")
        if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)):
            raise InvalidInput("media_ids must be a list of item ids")
        return self.services.library.organizer.organize(ids, ctx.cancelled).to_dict()


class LibraryOrganizeUndo(JobHandler):
    kind = "library.organize_undo"
    resumable = False  # half an undo wants a person to look

    def run(self, ctx, payload):
        return self.services.library.organizer.undo_last().to_dict()


class LibraryReidentify(JobHandler):
    """Bulk re-identify: queue identify for every file of the given (or all unlocked) items."""

    kind = "library.reidentify"

    def run(self, ctx, payload):
        lib = self.services.library
        ids = payload.get("media_ids") or lib.state.list_media_ids_with_files(include_locked=False)
        queued = 0
        for media_id in ids:
            ctx.check_cancelled()
            for file in lib.state.list_media_files(media_id):
                kind = "music.identify" if lib.state.get_media(media_id).kind == "track" else "library.identify"
                lib.enqueue(kind, {"file_id": file.id}, f"identify:{file.id}")
                queued += 1
        return {"queued": queued}


HANDLERS = [LibraryScan, LibraryIdentify, MusicIdentify, LibraryOrganize, LibraryOrganizeUndo, LibraryReidentify]
