"""Adopting a file another use case made (a disc rip): the publish step's ``adopt`` (``services/ingest.py``).

``Adopter.adopt(path, name)`` identifies a finished file as if it were called ``name`` — a rip's
intended name such as ``Title (Year) [tmdbid-N].mkv`` (the TMDb id chosen for the disc is then
decisive) or ``Series (Year) S02E05.mkv`` — and, when the match is confident, records it like
the identify job would, caches its artwork and lets the organizer move it into place, which
writes the NFO, the JSON sidecar and the folder art. The move is one organize batch, so it can be
undone like any other.

Below the threshold, or with TMDb unreachable, it returns None and changes nothing: the caller
publishes under its own name. Must not: move a file other than through the organizer (which never
overwrites), or write the database other than through ``state`` and ``IdentificationService``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import Conflict, MediaLibraryError
from ...models import MediaItem
from .apply import IdentificationService
from .identify import Matcher
from .organize import Organizer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Adopted:
    media_id: str
    path: Path
    duration_s: float | None


class Adopter:
    def __init__(self, state, matcher: Matcher, identification: IdentificationService, organizer: Organizer,
                 fetch_artwork: Callable[[MediaItem], None]):
        self.state = state
        self.matcher = matcher
        self.identification = identification
        self.organizer = organizer
        self.fetch_artwork = fetch_artwork

    def adopt(self, path: str | os.PathLike, name: str) -> Adopted | None:
        """Identify, record and organize ``path`` read as ``name``; None when no confident match."""
        try:
            match = self.matcher.identify_path(path, name)
        except MediaLibraryError as exc:
            log.warning("%s not identified (%s); published under its own name", name, exc.message)
            return None
        if not self.identification.confident(match):
            log.info("%s has no confident match (%.2f); published under its own name", name, match.confidence)
            return None
        stat = os.stat(path)
        file = self.state.upsert_media_file(os.fspath(path), size=stat.st_size, mtime=stat.st_mtime)
        item = self.identification.record(file, None, match, follow_up=False)
        self.fetch_artwork(item)
        result = self.organizer.organize([item.id], file_ids={file.id})
        if result.collisions or result.errors:
            problem = (result.collisions or result.errors)[0]
            raise Conflict(f"{name} was not placed: {problem.get('reason')} ({problem.get('target')}); "
                           f"it waits in {os.path.dirname(os.fspath(path))}")
        placed = self.state.get_media_file(file.id)
        return Adopted(item.id, Path(placed.path), placed.duration_s)
