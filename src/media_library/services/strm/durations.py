"""Runtimes for NFOs where the library knows none, so a media server's "watched 90%" logic has one.

When an item has no runtime and none of its files has a stored duration, its first file is probed
with ``tools.ffprobe.duration`` while the source is read, and the duration is stored on the file
(``media_files.duration_s``, through the state layer), so the next run does not probe it again.

Bounded: only such items are probed, at most ``budget`` files per run (the rest on later runs); a
file ffprobe cannot read is remembered (``tech["strm_probe_failed"]`` = its mtime) and not probed
again until it changes; without ffprobe the run stops probing.

Must not: fail the export: any probe error only means "runtime unknown".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ...errors import MediaLibraryError, ToolMissing
from ...tools import ffprobe

log = logging.getLogger(__name__)
PROBE_BUDGET = 200  # files per run: ffprobe takes ~0.1-0.2 s each
FAILED_KEY = "strm_probe_failed"


class DurationProbe:
    def __init__(self, state, *, probe: Callable[[str], float] = ffprobe.duration, budget: int = PROBE_BUDGET):
        self.state, self.probe, self.budget = state, probe, budget
        self.probed = 0
        self.available = True

    def minutes(self, files: Sequence) -> float | None:
        """Minutes of the first file worth probing (probed now and stored), or None."""
        file = next((f for f in files if not _failed_before(f)), None)
        if file is None or not self.available or self.probed >= self.budget:
            return None
        self.probed += 1
        seconds = self._probe(file)
        if seconds is None:
            return None
        self.state.update_media_file(file.id, duration_s=seconds)
        return seconds / 60.0

    def _probe(self, file) -> float | None:
        try:
            seconds = self.probe(file.path)
        except ToolMissing:
            self.available = False
            log.info("STRM export: ffprobe is not installed; runtimes stay unknown where the library has none")
            return None
        except (MediaLibraryError, OSError) as exc:
            log.info("STRM export: no duration for %s: %s", file.path, exc)
            seconds = None
        if not seconds or seconds <= 0:
            self.state.update_media_file(file.id, tech={**_tech(file), FAILED_KEY: file.mtime})
            return None
        return float(seconds)


def _tech(file) -> dict:
    return dict(file.tech) if isinstance(file.tech, dict) else {}


def _failed_before(file) -> bool:
    """ffprobe found no duration in this very file (same mtime) on an earlier run."""
    return _tech(file).get(FAILED_KEY) == file.mtime
