"""Ripping a video disc with HandBrakeCLI: plan, encode, verify, publish.

- **Plan**: HandBrake's scan (``--scan --json``, one preview per title, titles too short to rip
  not scanned: ``scan_floor``); titles shorter than ``disc.min_title_seconds``
  are ignored and at most ``disc.max_outputs`` files come out of one disc, so a disc with dozens
  of fake titles cannot turn into dozens of encodes. The main feature is HandBrake's pick when it
  agrees with the TMDb runtime (within ``disc.runtime_tolerance``), else the title closest to it.
- **Encode**: argv lists only; preset, quality and extra arguments from settings. Each output is
  written as ``*.partial.mkv`` in a staging folder *inside the media folder* (same filesystem, so
  publishing is a rename), and is accepted only when HandBrake exited 0 **and** MediaInfo (read
  in-process, no child program) finds at least ``disc.min_duration_ratio`` of the scanned title's
  duration (HandBrake can exit 0 on a truncated encode). Progress, fps and ETA go to ``progress``.
  MediaInfo remembers the file by identity, so the publish step's identify does not read it again.
- **Publish**: a film or an episode goes through the publish step (``ingest.Publisher.adopt``): identified under
  its intended name (``Title (Year) [tmdbid-N].mkv``, so the chosen TMDb id is decisive; ``Series
  (Year) SNNEMM.mkv``), recorded, given artwork, and moved into place by the library's organizer,
  which writes the NFO files. Without a confident match (or without a library) it is renamed
  atomically into ``Movies/Title (Year) [tmdbid-N]/…`` or ``Shows/Series (Year)/Season NN/…`` with
  a plain library upsert. Extras go to ``extras/`` beside their film and are files of no item
  (so they never become "versions" of the film).

Must not: run a shell, publish an unverified file, or leave partial files behind (cancel and
start-up clean them).
"""

from __future__ import annotations

import logging
import math
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InvalidInput, ToolError
from ...tools import handbrake, mediainfo
from .. import naming
from ..files import fsync_dir
from . import tv
from .durations import TOLERANCE_S, lasts_at_least, shown

log = logging.getLogger(__name__)
STAGING = ".incoming"
PARTIAL_SUFFIX = ".partial.mkv"

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class RipOptions:
    preset: str = handbrake.DEFAULT_PRESET
    quality: float | None = None
    extra_args: tuple[str, ...] = ()
    min_title_seconds: float = 120.0
    max_outputs: int = 4
    runtime_tolerance: float = 0.15
    min_duration_ratio: float = 0.98

    @classmethod
    def from_settings(cls, disc) -> RipOptions:
        return cls(preset=disc.preset, quality=disc.quality or None, extra_args=tuple(disc.extra_args),
                   min_title_seconds=disc.min_title_seconds, max_outputs=disc.max_outputs,
                   runtime_tolerance=disc.runtime_tolerance, min_duration_ratio=disc.min_duration_ratio)  # fmt: skip


@dataclass(frozen=True)
class Planned:
    title_index: int
    duration_s: float
    role: str  # main | extra | episode
    number: int = 1  # episode number, or the extra's ordinal


# --- plan (pure) ---------------------------------------------------------------------------------
def scan_floor(opts: RipOptions) -> int:
    """Whole seconds below which HandBrake need not scan a title: none shorter could be ripped
    (``disc.min_title_seconds`` less the tolerance). HandBrake reads a title's length from the
    disc's tables and skips the short ones, so a disc of many menu or fake titles scans quickly."""
    return max(0, math.floor(opts.min_title_seconds - TOLERANCE_S))


def choose_main_title(scan: handbrake.DiscScan, runtime_minutes: float | None, opts: RipOptions, among: list | None = None):
    """The main feature among the titles long enough to rip (of ``among``, the titles a person
    ticked, when given: then a short one counts too when nothing ticked is long enough)."""
    candidates = scan.titles if among is None else among
    usable = [t for t in candidates if lasts_at_least(t.duration_s, opts.min_title_seconds)] or (among or [])
    if not usable:
        longest = f"longest: {shown(max(t.duration_s for t in scan.titles))}" if scan.titles else "none long enough was scanned"
        raise InvalidInput(f"no title lasts {shown(opts.min_title_seconds)} or more, allowing {shown(TOLERANCE_S)} "
                           f"({longest}); lower disc.min_title_seconds if this disc is short")  # fmt: skip
    picked = next((t for t in usable if t.index == scan.main_feature), None)
    if not runtime_minutes:
        return picked or max(usable, key=lambda t: (t.duration_s, -t.index))
    target = runtime_minutes * 60.0
    if picked and abs(picked.duration_s - target) <= opts.runtime_tolerance * target:
        return picked
    return min(usable, key=lambda t: (abs(t.duration_s - target), t.index != scan.main_feature, t.index))


def chosen_titles(scan: handbrake.DiscScan, choice: dict[str, Any], opts: RipOptions) -> list | None:
    """The titles a person ticked (``choice["titles"]``), in disc order; None when the plan decides."""
    if not choice.get("titles"):
        return None
    numbers = sorted({int(n) for n in choice["titles"]})
    check_ticked_count(len(numbers), opts.max_outputs)
    titles = []
    for number in numbers:
        title = scan.title(number)
        if title is None:
            raise InvalidInput(f"the disc has no title {number}")
        titles.append(title)
    return titles


def check_ticked_count(count: int, most: int) -> None:
    """``InvalidInput`` when more titles are ticked than one disc may give (``disc.max_outputs``)."""
    if count > most:
        raise InvalidInput(f"{count} titles are ticked; at most {most} come out of one disc (the setting disc.max_outputs)")


def plan_outputs(scan: handbrake.DiscScan, choice: dict[str, Any], opts: RipOptions) -> list[Planned]:
    """The files a rip makes: the ticked titles (``choice["titles"]``) when a person chose them, else
    the episodes of a TV disc, or the main feature (plus the other titles as extras)."""
    ticked = chosen_titles(scan, choice, opts)
    if choice.get("mode") == "tv":
        first = int(choice.get("first_episode") or 1)
        titles = ticked or tv.episode_titles(scan.titles, min_seconds=opts.min_title_seconds, max_outputs=opts.max_outputs)
        if not titles:
            raise InvalidInput("no titles on this disc look like episodes")
        return [Planned(t.index, t.duration_s, "episode", first + n) for n, t in enumerate(titles)]  # numbered in disc order
    title = main_title(scan, choice, opts, ticked)
    if ticked is not None:
        extras = [t for t in ticked if t.index != title.index]
    elif choice.get("include_extras"):
        extras = [t for t in scan.titles if t.index != title.index and lasts_at_least(t.duration_s, opts.min_title_seconds)]
    else:
        extras = []
    planned = [Planned(title.index, title.duration_s, "main")]
    planned += [Planned(t.index, t.duration_s, "extra", n) for n, t in enumerate(extras, 1)]
    return planned[: opts.max_outputs]


def main_title(scan: handbrake.DiscScan, choice: dict[str, Any], opts: RipOptions, ticked: list | None = None):
    """The film's title: the one a person named (``title_index``, kept when it is ticked too), else
    the main feature among the ticked titles or the whole disc."""
    forced = choice.get("title_index")
    if forced and (ticked is None or any(t.index == int(forced) for t in ticked)):
        title = scan.title(int(forced))
        if title is None:
            raise InvalidInput(f"the disc has no title {forced}")
        return title
    return choose_main_title(scan, choice.get("runtime_minutes"), opts, among=ticked)


def target_parts(choice: dict[str, Any], planned: Planned, style: str = "jellyfin") -> tuple[str, ...]:
    """Where an output goes, relative to the media folder (each part already a safe component)."""
    if choice.get("mode") == "tv":
        series, year, season = choice.get("series") or choice.get("title") or "Unknown Series", choice.get("year"), int(choice.get("season") or 1)
        stem = naming.episode_name(series, year, season, planned.number)
        return ("Shows", naming.show_folder(series, year, None, style), naming.season_folder(season), f"{stem}.mkv")
    ids = {"tmdb": choice["tmdb_id"]} if choice.get("tmdb_id") else None
    name = naming.movie_name(choice.get("title") or "Unknown Disc", choice.get("year"), ids, style)
    if planned.role == "extra":
        return ("Movies", name, "extras", naming.safe_component(f"{name} - Title {planned.title_index:02d}") + ".mkv")
    return ("Movies", name, f"{name}.mkv")


# --- encode and verify ---------------------------------------------------------------------------
def encode_argv(source: str, title_index: int, output: Path, opts: RipOptions) -> list[str]:
    argv = handbrake.encode_argv(source, title_index, output, opts.preset, opts.quality,
                                 handbrake=shutil.which("HandBrakeCLI") or "HandBrakeCLI")  # fmt: skip
    return argv + ["--format", "av_mkv", *opts.extra_args]


def progress_text(p: handbrake.Progress, n: int, count: int) -> str:
    text = f"encoding title {n}/{count}: {p.percent:.1f} %"
    if p.fps:
        text += f", {p.fps:.0f} fps"
    if p.eta_s is not None:
        text += f", ETA {p.eta_s // 3600}:{p.eta_s // 60 % 60:02d}:{p.eta_s % 60:02d}"
    return text


def verify_duration(path: Path, expected_s: float, ratio: float, probe=mediainfo.duration, tool: str = "HandBrakeCLI") -> float:
    """The output's duration, or ``ToolError`` when it is shorter than ``ratio`` of the title."""
    try:
        got = probe(path)
    except ToolError as exc:
        raise ToolError(tool, 0, message=f"the output of {tool} is not a readable video ({exc.message})") from exc
    if not lasts_at_least(got, ratio * expected_s):
        raise ToolError(tool, 0, message=f"the output of {tool} is truncated: {shown(got)} of {shown(expected_s)} "
                                         f"(at least {shown(ratio * expected_s)} wanted); not published")
    return got


def encode_outputs(source: str, planned: list[Planned], staging: Path, opts: RipOptions, *, run,
                   progress: Progress, check_cancelled: Callable[[], None]) -> list[tuple[Planned, Path, float]]:  # fmt: skip
    """Encode each planned title into ``staging``; reuse outputs verified by an earlier attempt."""
    staging.mkdir(parents=True, exist_ok=True)
    clean_partials(staging)
    done = []
    for n, item in enumerate(planned, 1):
        check_cancelled()
        final = staged_output(staging, item)
        reused = reuse_verified(final, item, opts)
        if reused is not None:
            done.append((item, final, reused))
            continue

        def on_progress(parsed: handbrake.Progress, n=n) -> None:
            overall = 100.0 * (n - 1 + parsed.overall_percent / 100.0) / len(planned)
            progress(overall, progress_text(parsed, n, len(planned)))

        done.append((item, final, encode_title(source, item.title_index, item, final, opts, run=run, on_progress=on_progress)))
    return done


def staged_output(staging: Path, item: Planned) -> Path:
    return staging / f"title-{item.title_index:02d}.mkv"


def reuse_verified(final: Path, item: Planned, opts: RipOptions) -> float | None:
    """The duration of an output an earlier attempt verified and staged; None (and removed) otherwise."""
    if not final.exists():
        return None
    try:
        return verify_duration(final, item.duration_s, opts.min_duration_ratio)
    except ToolError:
        final.unlink()
        return None


def encode_title(source: str, title_index: int, item: Planned, final: Path, opts: RipOptions, *, run,
                 on_progress: Callable[[handbrake.Progress], None]) -> float:  # fmt: skip
    """HandBrake ``source``'s title into ``final`` (through ``*.partial.mkv``); the verified duration."""
    partial = final.with_name(final.name.removesuffix(".mkv") + PARTIAL_SUFFIX)

    def on_line(line: str) -> None:
        parsed = handbrake.parse_progress(line)
        if parsed is not None:
            on_progress(parsed)

    try:
        run(encode_argv(source, title_index, partial, opts), on_line=on_line, line_source="stdout",
            timeout=None, low_priority=True)  # fmt: skip
        duration = verify_duration(partial, item.duration_s, opts.min_duration_ratio)
    except BaseException:
        partial.unlink(missing_ok=True)  # cancel, failure or truncation: nothing half-done stays
        raise
    os.replace(partial, final)
    return duration


def clean_partials(folder: Path) -> int:
    """Remove ``*.partial.mkv`` under ``folder`` (left by a killed encoder)."""
    removed = 0
    if folder.exists():
        for path in folder.rglob(f"*{PARTIAL_SUFFIX}"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def staging_dir(media_dir: Path, key: str) -> Path:
    return Path(media_dir) / STAGING / naming.safe_component(key)


# --- publish -------------------------------------------------------------------------------------
def publish_file(media_dir: Path, staged: Path, parts: tuple[str, ...]) -> Path:
    """Atomic rename of a verified file into the library (same filesystem)."""
    return move_into(staged, naming.join_inside(media_dir, *parts))


def move_into(staged: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    fsync_dir(target.parent)
    return target


def adopt_name(choice: dict[str, Any], planned: Planned, parts: tuple[str, ...]) -> str:
    """The name the library identifies an output by: the file name, plus the show's TMDb id for TV."""
    if choice.get("mode") == "tv" and choice.get("tmdb_id"):
        stem, ext = os.path.splitext(parts[-1])
        series = naming.show_folder(choice.get("series") or "Unknown Series", choice.get("year"), None)
        return f"{series} [tmdbid-{int(choice['tmdb_id'])}] {stem.removeprefix(series).strip()}{ext}"
    return parts[-1]


def record_in_library(state, choice: dict[str, Any], planned: Planned, path: Path, duration: float) -> str | None:
    """Upsert the item(s) and the file; returns the media id (None for an extra, a file of no item)."""
    stat = path.stat()
    if planned.role == "extra":
        state.upsert_media_file(str(path), size=stat.st_size, mtime=stat.st_mtime, duration_s=duration,
                                container="matroska", tech={"role": "extra"})  # fmt: skip
        return None
    if choice.get("mode") == "tv":
        series, year, season = choice.get("series") or "Unknown Series", choice.get("year"), int(choice.get("season") or 1)
        ids = {"tmdb": str(choice["tmdb_id"])} if choice.get("tmdb_id") else {}
        show, _ = state.ensure_media("show", series, match={"title": series, "year": year}, year=year, external_ids=ids)
        item, _ = state.ensure_media(
            "episode", f"{series} {naming.episode_code(season, planned.number)}",
            match={"parent_id": show.id, "season_number": season, "episode_number": planned.number},
            parent_id=show.id, season_number=season, episode_number=planned.number, year=year,
        )  # fmt: skip
    else:
        title, year = choice.get("title") or "Unknown Disc", choice.get("year")
        match = {"provider": "tmdb", "value": str(choice["tmdb_id"])} if choice.get("tmdb_id") else {"title": title, "year": year}
        ids = {"tmdb": str(choice["tmdb_id"])} if choice.get("tmdb_id") else {}
        item, _ = state.ensure_media("movie", title, match=match, year=year, external_ids=ids)
    state.upsert_media_file(str(path), media_id=item.id, size=stat.st_size, mtime=stat.st_mtime,
                            duration_s=duration, container="matroska")  # fmt: skip
    return item.id


def publish_outputs(state, media_dir: Path, choice: dict[str, Any], outputs, *, style: str = "jellyfin",
                    publisher=None, film_folder: Path | None = None,
                    on_published: Callable[[dict], Any] = lambda entry: None) -> list[dict]:  # fmt: skip
    """Each verified output into the library (main feature first: its extras follow its folder, or
    ``film_folder`` when an earlier attempt published it), through the ingestion publish step
    (``services/ingest.py``) when there is one; ``on_published`` hears of each at once."""
    published = []
    for planned, staged, duration in outputs:
        parts = target_parts(choice, planned, style)
        adopted = publisher.adopt(staged, adopt_name(choice, planned, parts)) if publisher and planned.role != "extra" else None
        if adopted is not None:
            target, media_id = adopted.path, adopted.media_id
        elif planned.role == "extra" and film_folder is not None:
            target = move_into(staged, naming.join_inside(film_folder, "extras", parts[-1]))
            media_id = record_in_library(state, choice, planned, target, duration)
        else:
            target = publish_file(media_dir, staged, parts)
            media_id = record_in_library(state, choice, planned, target, duration)
        if planned.role == "main":
            film_folder = target.parent
        entry = {"path": shown_path(target, media_dir), "media_id": media_id, "title_index": planned.title_index,
                 "duration_s": round(duration, 2), "role": planned.role}  # fmt: skip
        on_published(entry)
        published.append(entry)
    return published


def remove_staging(folder: Path) -> None:
    """A rip's staging folder and what it holds (a discarded rip)."""
    if folder.is_dir():
        shutil.rmtree(folder)


def remove_empty(*folders: Path) -> None:
    """Remove each folder that is empty (and missing ones are fine): nothing is left behind a rip."""
    for folder in folders:
        try:
            Path(folder).rmdir()
        except OSError:
            pass


def shown_path(path: Path, media_dir: Path) -> str:
    """A published path relative to the media folder (absolute when a library root lies elsewhere)."""
    try:
        return Path(path).relative_to(media_dir).as_posix()
    except ValueError:
        return str(path)
