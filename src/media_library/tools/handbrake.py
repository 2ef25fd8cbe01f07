"""HandBrakeCLI: scan a disc (folder with VIDEO_TS, an ISO, a device) and encode one title.

Owns the argv for both and the parsing of HandBrake's output, tested on output captured from the
real HandBrakeCLI 1.6.1 (tests/tools/data/). Things learnt from that output:
- ``--scan --json`` prints ``Version: {…}``, libdvdread's banners (on *stdout*), then
  ``JSON Title Set: {…}``; only that block is parsed.
- titles shorter than ``--min-duration`` (default 10 s) are dropped and HandBrake exits 2 with
  "No title found."; ``MainFeature`` is -1 on discs without a first-play hint, so we fall back to
  the longest title.
- encode progress comes on stdout as ``\\r``-separated ``Encoding: task 1 of 1, 45.67 %`` lines;
  the ``(… fps, avg … fps, ETA …)`` part only appears after HandBrake has a rate estimate.

Must not: use a shell (a title or a path would become shell syntax), decide where the
output is published (the rip service writes ``*.partial.mkv`` and renames after checking it is not truncated).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from media_library.errors import ToolError
from media_library.tools import proc

SCAN_TIMEOUT_S = 600.0
DEFAULT_PRESET = "Fast 1080p30"
_TITLE_SET_MARKER = "JSON Title Set:"
_TICKS_PER_S = 90000
_PROGRESS = re.compile(
    r"Encoding: task (?P<task>\d+) of (?P<count>\d+), (?P<pct>\d+(?:\.\d+)?) %"
    r"(?: \((?P<fps>\d+(?:\.\d+)?) fps, avg (?P<avg>\d+(?:\.\d+)?) fps, ETA (?P<h>\d+)h(?P<m>\d+)m(?P<s>\d+)s\))?"
)


@dataclass(frozen=True)
class AudioTrack:
    track_number: int
    language_code: str | None
    codec: str | None
    channels: int | None
    description: str = ""


@dataclass(frozen=True)
class SubtitleTrack:
    track_number: int
    language_code: str | None
    format: str | None  # "bitmap" | "text"
    source: str | None  # "VOBSUB", "PGS", "CC608", …
    forced: bool = False


@dataclass(frozen=True)
class Title:
    index: int
    duration_s: float
    chapters: list[float] = field(default_factory=list)  # chapter durations in seconds
    audio_tracks: list[AudioTrack] = field(default_factory=list)
    subtitle_tracks: list[SubtitleTrack] = field(default_factory=list)
    is_main_feature: bool = False
    width: int | None = None
    height: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class DiscScan:
    titles: list[Title]
    main_feature: int | None  # a title index, or None when the disc has no titles

    def title(self, index: int) -> Title | None:
        return next((t for t in self.titles if t.index == index), None)


@dataclass(frozen=True)
class Progress:
    percent: float  # of the current task (pass)
    fps: float | None = None
    eta_s: int | None = None
    task: int = 1
    task_count: int = 1

    @property
    def overall_percent(self) -> float:
        return ((self.task - 1) * 100.0 + self.percent) / max(self.task_count, 1)


def scan_argv(
    source: str | os.PathLike, *, min_duration: int = 0, handbrake: str = "HandBrakeCLI"
) -> list[str]:
    """Scan all titles of ``source`` (absolute path: a disc named ``-o`` is still a path)."""
    return [
        handbrake, "--scan", "--json", "-t", "0", "--min-duration", str(int(min_duration)),
        "--previews", "1:0",  # titles, durations and tracks need no preview frames (10 by default)
        "-i", os.path.abspath(os.fspath(source)),
    ]  # fmt: skip


def encode_argv(
    source: str | os.PathLike,
    title_index: int,
    output: str | os.PathLike,
    preset: str = DEFAULT_PRESET,
    quality: float | None = None,
    audio_all: bool = True,
    subtitles_all: bool = True,
    *,
    handbrake: str = "HandBrakeCLI",
) -> list[str]:
    """Encode one title to ``output``; every value is its own argv element, paths absolute."""
    argv = [
        handbrake, "-i", os.path.abspath(os.fspath(source)), "-t", str(int(title_index)),
        "-o", os.path.abspath(os.fspath(output)), "--preset", preset, "--markers",
    ]  # fmt: skip
    if quality is not None:
        argv += ["--quality", f"{float(quality):g}"]
    if audio_all:
        argv.append("--all-audio")
    if subtitles_all:
        argv.append("--all-subtitles")
    return argv


def scan(
    source: str | os.PathLike,
    *,
    min_duration: int = 0,
    timeout: float = SCAN_TIMEOUT_S,
    cancel: threading.Event | None = None,
) -> DiscScan:
    """Scan a disc; ``ToolError`` when HandBrake finds nothing to scan (its exit 2 "No title found")."""
    argv = scan_argv(source, min_duration=min_duration, handbrake=proc.which("HandBrakeCLI"))
    done = proc.run(argv, timeout=timeout, cancel=cancel, check=False)
    if _TITLE_SET_MARKER not in done.stdout:
        raise ToolError("HandBrakeCLI", done.returncode, done.stderr_tail, message="scan found no titles")
    try:
        return parse_scan_json(done.stdout)
    except ValueError as exc:
        raise ToolError("HandBrakeCLI", done.returncode, done.stderr_tail, message=str(exc)) from exc


def encode(
    source: str | os.PathLike,
    title_index: int,
    output: str | os.PathLike,
    *,
    preset: str = DEFAULT_PRESET,
    quality: float | None = None,
    timeout: float | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_start: Callable[[subprocess.Popen], None] | None = None,
) -> proc.Completed:
    """Run one encode at low priority, reporting parsed progress; ``ToolError`` on a non-zero exit."""
    argv = encode_argv(source, title_index, output, preset, quality, handbrake=proc.which("HandBrakeCLI"))

    def on_line(line: str) -> None:
        progress = parse_progress(line)
        if progress is not None and on_progress is not None:
            on_progress(progress)

    return proc.run(
        argv, timeout=timeout, cancel=cancel, on_start=on_start, on_line=on_line,
        line_source="stdout", low_priority=True,
    )  # fmt: skip


def parse_progress(line: str) -> Progress | None:
    """Pure: one ``Encoding: task …`` line (text mode) or a ``Progress: {…}`` JSON block → ``Progress``."""
    match = _PROGRESS.search(line)
    if match:
        eta = None
        if match["h"] is not None:
            eta = int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"])
        return Progress(
            percent=float(match["pct"]),
            fps=float(match["fps"]) if match["fps"] else None,
            eta_s=eta,
            task=int(match["task"]),
            task_count=int(match["count"]),
        )
    if line.lstrip().startswith("Progress:"):
        return _json_progress(line.split(":", 1)[1])
    return None


def _json_progress(text: str) -> Progress | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    working = data.get("Working") if isinstance(data, dict) else None
    if not isinstance(working, dict):
        return None
    rate = working.get("Rate")
    eta = working.get("ETASeconds")
    return Progress(
        percent=round(float(working.get("Progress") or 0.0) * 100.0, 2),
        fps=float(rate) if rate else None,
        eta_s=int(eta) if eta and eta > 0 else None,
        task=int(working.get("Pass") or 1),
        task_count=int(working.get("PassCount") or 1),
    )


def parse_scan_json(text: str) -> DiscScan:
    """Pure: the whole stdout of ``--scan --json`` → ``DiscScan``. ``ValueError`` without a title set."""
    start = text.find(_TITLE_SET_MARKER)
    if start < 0:
        raise ValueError("no 'JSON Title Set' in HandBrake output")
    brace = text.find("{", start)
    try:
        data, _ = json.JSONDecoder().raw_decode(text, brace)
    except (json.JSONDecodeError, ValueError) as exc:
        raise ValueError(f"HandBrake title set is not JSON: {exc}") from exc
    raw_titles = [t for t in data.get("TitleList") or [] if isinstance(t, dict) and "Index" in t]
    titles = [_title(t) for t in raw_titles]
    main = _main_feature(data.get("MainFeature"), titles)
    titles = [dataclasses.replace(t, is_main_feature=t.index == main) for t in titles]
    return DiscScan(titles=titles, main_feature=main)


def _main_feature(declared, titles: list[Title]) -> int | None:
    if any(t.index == declared for t in titles):
        return declared
    if not titles:
        return None
    return max(titles, key=lambda t: (t.duration_s, -t.index)).index


def _title(raw: dict) -> Title:
    geometry = raw.get("Geometry") or {}
    return Title(
        index=int(raw["Index"]),
        duration_s=_duration_s(raw.get("Duration")),
        chapters=[
            _duration_s(c.get("Duration")) for c in raw.get("ChapterList") or [] if isinstance(c, dict)
        ],
        audio_tracks=[
            _audio(i, a) for i, a in enumerate(raw.get("AudioList") or [], 1) if isinstance(a, dict)
        ],
        subtitle_tracks=[
            _subtitle(i, s) for i, s in enumerate(raw.get("SubtitleList") or [], 1) if isinstance(s, dict)
        ],
        width=_int(geometry.get("Width")),
        height=_int(geometry.get("Height")),
        name=raw.get("Name"),
    )


def _audio(position: int, raw: dict) -> AudioTrack:
    return AudioTrack(
        track_number=_int(raw.get("TrackNumber")) or position,
        language_code=_language(raw.get("LanguageCode")),
        codec=raw.get("CodecName"),
        channels=_int(raw.get("ChannelCount")),
        description=str(raw.get("Description") or ""),
    )


def _subtitle(position: int, raw: dict) -> SubtitleTrack:
    attributes = raw.get("Attributes") or {}
    return SubtitleTrack(
        track_number=_int(raw.get("TrackNumber")) or position,
        language_code=_language(raw.get("LanguageCode")),
        format=raw.get("Format"),
        source=raw.get("SourceName"),
        forced=bool(attributes.get("Forced")),
    )


def _duration_s(raw) -> float:
    """HandBrake durations: ``Ticks`` at 90 kHz, with Hours/Minutes/Seconds as a rounded fallback."""
    if not isinstance(raw, dict):
        return 0.0
    ticks = _int(raw.get("Ticks"))
    if ticks is not None and ticks >= 0:
        return ticks / _TICKS_PER_S
    parts = [_int(raw.get(k)) or 0 for k in ("Hours", "Minutes", "Seconds")]
    return float(parts[0] * 3600 + parts[1] * 60 + parts[2])


def _language(code) -> str | None:
    return None if code in (None, "", "und") else str(code)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
