"""Queueing identification: which identify job a file gets, and identifying again.

``identify_kind`` is the one rule: an audio file (by its extension, or the type an upload was
sniffed as) is identified by ``music.identify`` (AcoustID, MusicBrainz), anything else by
``library.identify`` (TMDb). The scanner, uploads, "Identify again" on an item and the bulk
``library.reidentify`` job all queue through ``IdentifyJobs``. One identify job per file is live
at a time (idempotency key ``identify:<file id>``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ...models import Job, MediaFile
from ...models.job_payloads import LIBRARY_IDENTIFY, MUSIC_IDENTIFY, IdentifyPayload
from .scan import AUDIO_EXTENSIONS


def identify_kind(file: MediaFile) -> str:
    """The job kind that identifies ``file``."""
    audio = str(file.tech.get("mime") or "").startswith("audio/") or Path(file.path).suffix.lower() in AUDIO_EXTENSIONS
    return MUSIC_IDENTIFY if audio else LIBRARY_IDENTIFY


class IdentifyJobs:
    """Queues identify jobs through the job service (``jobs`` None: nothing is queued, as in the CLI)."""

    def __init__(self, state, jobs=None):
        self.state, self.jobs = state, jobs

    def queue(self, file: MediaFile, *, force: bool = False, again: bool = False, created_by: int | None = None) -> Job | None:
        if self.jobs is None:
            return None
        job, _ = self.jobs.enqueue(identify_kind(file), IdentifyPayload(file_id=file.id, force=force, again=again),
                                   idempotency_key=f"identify:{file.id}", created_by=created_by)
        return job

    def again(self, media_id: str, *, created_by: int | None = None) -> list[Job]:
        """Identify an item's files again, releasing a manual match first (a person asked)."""
        item = self.state.get_media(media_id)
        if item.match_locked:
            self.state.update_media(media_id, match_locked=False)
        jobs = [self.queue(f, force=True, again=True, created_by=created_by) for f in self.state.list_media_files(media_id)]
        return [j for j in jobs if j is not None]

    def everything(self, media_ids: Iterable[str] | None, check_cancelled: Callable[[], None] = lambda: None) -> int:
        """Queue identify for every file of these items (none given: every unlocked item); how many."""
        ids = media_ids or self.state.list_media_ids_with_files(include_locked=False)
        queued = 0
        for media_id in ids:
            check_cancelled()
            for file in self.state.list_media_files(media_id):
                self.queue(file, again=True)  # a person asked: files known unchanged are looked at afresh
                queued += 1
        return queued
