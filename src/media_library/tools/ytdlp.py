"""yt-dlp, the download engine: its argv, its progress lines, its errors, its version and its update.

yt-dlp runs as a child process of the app's own Python (``python -m yt_dlp``), so the version the
app shows is the one it runs and ``media-library ytdlp update`` upgrades it in the same
environment. The argv is built here and only here, always as a list, always with
``--ignore-config`` (no user or system config can add ``--exec``), always with ``--proxy`` (the
guarded forward proxy, ``clients/forward_proxy.py``), with a fixed output template inside the
job's work folder, and with ``--`` before the URL, so a "URL" such as ``--exec rm`` can never be
read as an option. Never ``--allow-unsafe-ext`` / ``--compat-options allow-unsafe-ext``, never
``--enable-file-urls``.

Progress comes from ``--progress-template`` as one ``ML-PROGRESS`` line per update (bytes, total,
estimate, speed, ETA, fragment index and count; ``NA`` when unknown). Errors are yt-dlp's own
``ERROR:`` lines, so a bot check or a 403 is shown in yt-dlp's words.

Must not: use a shell, import the database, Flask or any service.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import proc

OUTPUT_STEM = "media"  # every download lands as <work>/media.<ext> (one video per job)
DONE_FILE = "done.txt"  # yt-dlp writes the final path here after its post-processing
PROGRESS_MARK = "ML-PROGRESS"
PROGRESS_TEMPLATE = (f"download:{PROGRESS_MARK} %(progress.downloaded_bytes)s %(progress.total_bytes)s "
                     "%(progress.total_bytes_estimate)s %(progress.speed)s %(progress.eta)s "
                     "%(progress.fragment_index)s %(progress.fragment_count)s")
VERSION_TIMEOUT_S = 60.0
UPDATE_TIMEOUT_S = 600.0
PROBE_TIMEOUT_S = 300.0

_VIDEO_SORT = "vcodec:h264,acodec:aac,ext:mp4:m4a"
# preset name → (format selection, extra arguments). mp4 presets prefer H.264 + AAC (plays in Safari).
PRESETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "best_mp4": ("bv*+ba/b", ("-S", _VIDEO_SORT, "--merge-output-format", "mp4", "--remux-video", "mp4")),
    "mp4_1080": ("bv*[height<=?1080]+ba/b[height<=?1080]/bv*+ba/b",
                 ("-S", _VIDEO_SORT, "--merge-output-format", "mp4", "--remux-video", "mp4")),
    "mp4_720": ("bv*[height<=?720]+ba/b[height<=?720]/bv*+ba/b",
                ("-S", _VIDEO_SORT, "--merge-output-format", "mp4", "--remux-video", "mp4")),
    "mp4_480": ("bv*[height<=?480]+ba/b[height<=?480]/bv*+ba/b",
                ("-S", _VIDEO_SORT, "--merge-output-format", "mp4", "--remux-video", "mp4")),
    "audio_m4a": ("ba/b", ("-x", "--audio-format", "m4a")),
    "audio_mp3": ("ba/b", ("-x", "--audio-format", "mp3")),
}
AUDIO_PRESETS = ("audio_m4a", "audio_mp3")


@dataclass(frozen=True)
class Options:
    """What a download asks of yt-dlp besides the preset (from the ``downloads`` settings)."""

    subtitles: bool = False
    subtitle_langs: str = "en.*"
    thumbnails: bool = True
    chapters: bool = True
    sponsorblock: str = "off"  # off | mark | remove
    sponsorblock_categories: str = "sponsor"
    sponsorblock_api: str = ""
    rate_limit: str = ""
    retries: int = 10
    cookies: Path | None = None


@dataclass(frozen=True)
class Progress:
    downloaded: int
    total: int | None
    speed: float | None
    eta: int | None
    fragment: int | None
    fragments: int | None

    @property
    def percent(self) -> float | None:
        if self.total:
            return min(100.0, 100.0 * self.downloaded / self.total)
        if self.fragments:
            return min(100.0, 100.0 * (self.fragment or 0) / self.fragments)
        return None


def command() -> list[str]:
    """How yt-dlp is started: the app's own interpreter, so its version is the app's."""
    return [sys.executable, "-m", "yt_dlp"]


def _common(proxy: str) -> list[str]:
    return ["--ignore-config", "--no-color", "--proxy", proxy, "--socket-timeout", "30", "--no-cache-dir"]


def probe_argv(url: str, *, proxy: str, playlist_index: int | None = None) -> list[str]:
    """List what ``url`` is (one video or a playlist's entries) as one JSON document on stdout."""
    argv = [*command(), *_common(proxy), "--dump-single-json", "--flat-playlist"]
    if playlist_index is not None:
        argv += ["--playlist-items", str(playlist_index)]
    return [*argv, "--", url]


def download_argv(url: str, work_dir: Path, *, proxy: str, preset: str, options: Options,
                  playlist_index: int | None = None) -> list[str]:
    """Download one video (or a playlist's entry ``playlist_index``) into ``work_dir``."""
    selection, preset_args = PRESETS[preset]
    argv = [*command(), *_common(proxy), "--newline", "--progress", "--progress-template", PROGRESS_TEMPLATE,
            "-P", str(work_dir), "-o", f"{OUTPUT_STEM}.%(ext)s", "--continue", "--no-mtime",
            "--write-info-json", "--print-to-file", "after_move:%(filepath)s", str(work_dir / DONE_FILE),
            "-f", selection, *preset_args, "--retries", str(options.retries), "--fragment-retries", str(options.retries),
            "--retry-sleep", "exp=1:30", "--hls-prefer-native"]
    argv += _option_args(options, audio=preset in AUDIO_PRESETS)
    argv += ["--playlist-items", str(playlist_index)] if playlist_index is not None else ["--no-playlist"]
    return [*argv, "--", url]


def _option_args(options: Options, *, audio: bool) -> list[str]:
    argv: list[str] = []
    if options.subtitles and not audio:
        argv += ["--write-subs", "--sub-langs", options.subtitle_langs, "--convert-subs", "srt"]
    if options.thumbnails:
        argv += ["--write-thumbnail", "--convert-thumbnails", "jpg"]
    if options.chapters:
        argv += ["--embed-chapters"]
    if options.sponsorblock in ("mark", "remove"):
        argv += [f"--sponsorblock-{options.sponsorblock}", options.sponsorblock_categories]
        if options.sponsorblock_api:
            argv += ["--sponsorblock-api", options.sponsorblock_api]
    if options.rate_limit:
        argv += ["--limit-rate", options.rate_limit]
    if options.cookies is not None:
        argv += ["--cookies", str(options.cookies)]
    return argv


def parse_progress(line: str) -> Progress | None:
    """A ``ML-PROGRESS`` line as numbers; None for any other line."""
    fields = line.split()
    if len(fields) != 8 or fields[0] != PROGRESS_MARK:
        return None
    values = [_number(f) for f in fields[1:]]
    downloaded, total, estimate, speed, eta, fragment, fragments = values
    return Progress(int(downloaded or 0), int(total or estimate or 0) or None, speed,
                    int(eta) if eta is not None else None,
                    int(fragment) if fragment is not None else None, int(fragments) if fragments else None)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def error_lines(output: str) -> str:
    """yt-dlp's own ``ERROR:`` lines (its words for a 403, a bot check, a missing video), else the tail."""
    errors = [line.strip() for line in output.splitlines() if line.strip().startswith("ERROR:")]
    return "\n".join(errors[-3:]) if errors else output.strip()[-600:]


def version(run: Callable[..., proc.Completed] = proc.run) -> str:
    """The installed yt-dlp version (``2025.10.22``)."""
    return run([*command(), "--version"], timeout=VERSION_TIMEOUT_S, line_source="stdout").stdout.strip()


def update_argv() -> list[str]:
    """Upgrade yt-dlp inside the app's environment with pip."""
    return [sys.executable, "-m", "pip", "install", "--upgrade", "--disable-pip-version-check", "yt-dlp"]
