"""What a disc's rip will make, shown before it starts (``GET /api/discs/<id>/plan``).

For a film or TV disc: the disc's titles as HandBrake's scan lists them (scanned once per disc and
kept in memory, so choosing titles or switching to TV does not scan again) and the outputs the rip
would make with the current choice — the same ``rip.plan_outputs`` the rip job runs — each with the
place it lands in the library and, for a TV disc, the episode's name from TMDb (the choice's show
``tmdb_id``, else the first TMDb show found for the series and year). For an audio CD: its tracks
from ``cdparanoia -Q``. A disc a monitor-mode process holds is read on that machine, so the server
lists nothing for it and says so; a disc no longer waiting (ripping, done) is not scanned again.

Must not: start a rip, write to the disc record, or fail the page: what cannot be read is a ``note``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ...errors import InvalidInput, MediaLibraryError
from ...tools import cdparanoia, handbrake, proc
from .. import naming
from . import rip

log = logging.getLogger(__name__)
PLANNABLE = ("waiting", "ripped_before", "review")
TOC_TIMEOUT_S = 60.0


def empty_plan(note: str) -> dict[str, Any]:
    return {"titles": [], "planned": [], "tracks": [], "note": note}


def read_tracks(device: str) -> list[dict[str, Any]]:
    """An audio CD's tracks (number, duration) from ``cdparanoia -Q``."""
    done = proc.run(cdparanoia.toc_argv(device, proc.which("cdparanoia")), timeout=TOC_TIMEOUT_S, check=False)
    toc = cdparanoia.parse_toc(done.stderr_tail)
    return [{"number": toc.first + n, "duration_s": round(d, 2)} for n, d in enumerate(toc.durations_s)]


def public_output(choice: dict[str, Any], planned: rip.Planned, episode_name: str | None, show_id: int | None,
                  style: str) -> dict[str, Any]:
    """One planned output as the page shows it; an episode's show folder carries the TMDb id the
    publish step will give it."""
    parts = list(rip.target_parts(choice, planned, style))
    if planned.role == "episode" and show_id:
        series = choice.get("series") or choice.get("title") or "Unknown Series"
        parts[1] = naming.show_folder(series, choice.get("year"), {"tmdb": show_id}, style)
    return {"title_index": planned.title_index, "duration_s": round(planned.duration_s, 2), "role": planned.role,
            "number": planned.number, "episode_name": episode_name, "target": "/".join(parts)}  # fmt: skip


class RipPreview:
    """The plan of a waiting disc; ``scan`` and ``tracks`` are seams for other readers (tests use the real tools)."""

    def __init__(self, settings, tmdb=None, *, scan: Callable[[str], handbrake.DiscScan] = handbrake.scan,
                 tracks: Callable[[str], list[dict[str, Any]]] = read_tracks):  # fmt: skip
        self.settings, self.tmdb = settings, tmdb
        self._scan, self._tracks = scan, tracks
        self._scans: dict[tuple[int, str], handbrake.DiscScan] = {}
        self._lock = threading.Lock()

    def plan(self, disc) -> dict[str, Any]:
        if disc.origin != "local":
            return empty_plan("this disc is in the drive of a monitor-mode machine; its titles are read there when the rip starts")
        if disc.status not in PLANNABLE:
            return empty_plan(f"the disc is {disc.status}; its plan was shown while it waited")
        try:
            if disc.kind == "audio_cd":
                return {**empty_plan(""), "tracks": self._tracks(disc.device or disc.source)}
            if disc.kind not in ("dvd", "bluray"):
                return empty_plan("a data disc is copied whole as an image")
            return self._video_plan(disc)
        except (MediaLibraryError, ValueError) as exc:
            return empty_plan(f"the disc could not be read: {getattr(exc, 'message', None) or exc}")

    def _video_plan(self, disc) -> dict[str, Any]:
        scan = self.scanned(disc.id, disc.source)
        titles = [{"index": t.index, "duration_s": round(t.duration_s, 2), "main_feature": t.index == scan.main_feature}
                  for t in scan.titles]  # fmt: skip
        choice = disc.choice
        try:
            planned = rip.plan_outputs(scan, choice, rip.RipOptions.from_settings(self.settings.disc))
        except InvalidInput as exc:  # the titles stay listed, so the choice can be put right
            return {"titles": titles, "tracks": [], "planned": [], "note": f"nothing would be ripped: {exc.message}"}
        show_id, names = self.tmdb_show(choice) if choice.get("mode") == "tv" else (None, {})
        style = self.settings.library.id_tag
        return {"titles": titles, "tracks": [], "note": "",
                "planned": [public_output(choice, p, names.get(p.number), show_id, style) for p in planned]}  # fmt: skip

    def scanned(self, disc_id: int, source: str) -> handbrake.DiscScan:
        with self._lock:  # one scan of a disc at a time; a second page waits for the first
            key = (disc_id, source)
            if key not in self._scans:
                self._scans[key] = self._scan(source)
            return self._scans[key]

    def tmdb_show(self, choice: dict[str, Any]) -> tuple[int | None, dict[int, str]]:
        """The TMDb id of the choice's show and its episode names in the season, by number
        (``(None, {})`` when TMDb cannot tell)."""
        if self.tmdb is None or not self.settings.tmdb.api_key:
            return None, {}
        try:
            show_id = choice.get("tmdb_id") or self._show_id(choice.get("series") or "", choice.get("year"))
            if not show_id:
                return None, {}
            season = self.tmdb.season(int(show_id), int(choice.get("season") or 1))
        except MediaLibraryError as exc:
            log.info("No episode names for %r: %s", choice.get("series"), exc.message)
            return None, {}
        return int(show_id), {e.episode: e.title for e in season.episodes if e.title}

    def _show_id(self, series: str, year: int | None) -> int | None:
        found = self.tmdb.search_tv(series, year) if series else []
        return found[0].tmdb_id if found else None
