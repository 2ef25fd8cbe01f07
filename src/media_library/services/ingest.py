"""The ingestion contract: how media comes into the library, whatever brings it in.

A *source* is one way media arrives: discs (``services/discs``), uploads
(``services/library/upload.py``), and later IPTV downloads, URLs, podcasts… Every source does
the same three things, and only the first two are its own:

1. **Discover** the items it can bring in, in its own way: the disc monitor polls drives and a
   watch folder, the upload route receives a request. A discovered item is recorded in the
   source's own table (``discs``) or not at all (an upload is fetched at once); anything that
   takes time is queued as a job of the source's own kind (``disc.rip``), whose payload names the
   item. Discovery never writes into the library.

2. **Fetch** each item into a folder the source owns and nobody else reads: its job's work folder
   (``ctx.work_dir``, deterministic per job, so a retry finds what an earlier attempt left) or,
   for a fetch without a job, a hidden part file in its own folder (``.upload-<random>.part`` in
   the uploads folder). A file is only finished when it is complete and checked (a rip's
   duration, an upload's magic bytes); a source cleans up what it did not finish.

3. **Publish** each finished file through the one publish step, ``Publisher`` below, and through
   nothing else. Publishing identifies the file, records it (the item, the file, the external
   ids), fetches its artwork and lets the organizer move it into the library layout (which writes
   the NFO and sidecar files) — the same steps a scanned file goes through, so a file looks the
   same whoever brought it in. Two ways, by what the source knows:

   - ``adopt(path, name)``: the source knows what the file is (a rip's intended name,
     ``Title (Year) [tmdbid-N].mkv``): identified, recorded, given artwork and organized at
     once. ``None`` means no confident match; the source then publishes the file under its own
     name (``services/discs/rip.py``) and nothing in the library changed.
   - ``accept(path, title, ...)``: the source knows little (a client's file name): the file is
     recorded as a new item and its identify job is queued, which records the match, fetches the
     artwork and organizes, or leaves the item in the review queue.

Rules: publishing is the only step that writes the library (a source's own table is the
source's); it is idempotent for a file already recorded; it never overwrites a file (the
organizer refuses collisions and reports them). A source's job handlers stay thin: parse the
payload, fetch, publish, report progress (``jobs/base.py`` is the handler contract).

How a source is declared (its settings section, state, tables, handlers, routes, events) is
``media_library/sources``; the walk-through is "Adding a source" in docs/ARCHITECTURE.md.
Must not: import Flask or the job worker; know any particular source.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import MediaFile, MediaItem

if TYPE_CHECKING:  # the library builds its Publisher; no import cycle at run time
    from .library.adopt import Adopted, Adopter

QueueIdentify = Callable[[MediaFile], Any]  # queues the file's identify job; None when nothing queues


@dataclass(frozen=True)
class Accepted:
    """A file recorded as a new item, waiting for its identify job (``job_id`` None: not queued)."""

    item: MediaItem
    file: MediaFile
    job_id: int | None

    def to_public(self) -> dict:
        return {"id": self.item.id, "kind": self.item.kind, "title": self.item.title, "status": self.item.status,
                "file_id": self.file.id, "size": self.file.size, "job_id": self.job_id}


class Publisher:
    """The one publish step every source hands its finished files to (see the module doc)."""

    def __init__(self, state, adopter: Adopter, queue_identify: QueueIdentify,
                 probe: Callable[[str], dict[str, Any]] = lambda _path: {}):
        self.state, self.adopter, self.queue_identify = state, adopter, queue_identify
        self.probe = probe  # a file's facts for its row (an audio file's duration), as a scan records them

    def adopt(self, path: str | os.PathLike, name: str) -> Adopted | None:
        """Identify ``path`` read as ``name`` now; record, fetch artwork, organize. None: no confident match."""
        return self.adopter.adopt(path, name)

    def accept(self, path: Path, title: str, *, tech: dict[str, Any]) -> Accepted:
        """Record ``path`` as a new item called ``title`` and queue its identification."""
        st = path.stat()
        item = self.state.add_media("unknown", title, status="new")
        file = self.state.upsert_media_file(str(path), media_id=item.id, size=st.st_size, mtime=st.st_mtime, tech=tech,
                                            **self.probe(str(path)))
        job = self.queue_identify(file)  # the one rule picks the job (``library/identify_jobs.py``)
        return Accepted(item, file, job.id if job else None)
