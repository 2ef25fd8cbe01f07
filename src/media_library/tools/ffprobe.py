"""ffprobe: what a media file contains (duration, container, streams).

Owns the ffprobe argv and the parsing of its JSON. Every path goes in as ``file:/absolute/path``
behind ``-protocol_whitelist file,crypto`` and a demuxer whitelist without playlist/reference
demuxers (hls, concat, dash, imf, image2 patterns, devices), so a file named ``-i.mkv`` or
``concat:/etc/passwd|a.mp4`` is just a file, and a playlist disguised as ``.mp4`` cannot make
ffprobe open anything else.

Must not: use a shell, read outside the one file it is given, touch the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

from media_library.errors import ToolError
from media_library.tools import proc

PROBE_TIMEOUT_S = 60.0

# Demuxers that open other files or URLs named inside the input, or that are devices/filters.
UNSAFE_DEMUXERS = frozenset(
    {
        "hls", "applehttp", "concat", "dash", "imf", "image2", "sdp", "rtsp", "rtp", "srtp", "sap",
        "lavfi", "avisynth", "vapoursynth", "ffmetadata", "webm_dash_manifest",
        # devices: never something a library file should be read as
        "alsa", "fbdev", "iec61883", "jack", "kmsgrab", "openal", "oss", "pulse", "sndio",
        "v4l2", "video4linux2", "x11grab", "xcbgrab", "dv1394", "libcdio", "libdc1394", "decklink",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Stream:
    index: int
    type: str  # "video" | "audio" | "subtitle" | "data" | "attachment"
    codec: str | None
    language: str | None = None
    width: int | None = None
    height: int | None = None
    channels: int | None = None
    title: str | None = None
    default: bool = False


@dataclass(frozen=True)
class ProbeResult:
    duration_s: float | None
    format_name: str | None
    streams: list[Stream] = field(default_factory=list)
    bit_rate: int | None = None
    start_s: float = 0.0  # the container's first timestamp (MPEG-TS often starts far from 0)

    @property
    def container(self) -> str | None:
        return self.format_name

    def of_type(self, kind: str) -> list[Stream]:
        return [s for s in self.streams if s.type == kind]


def probe_argv(
    path: str | os.PathLike, *, ffprobe: str = "ffprobe", demuxers: str | None = None
) -> list[str]:
    """The argv that probes ``path``; the path is absolute and behind ``file:`` so it is never an option."""
    argv = [ffprobe, "-hide_banner", "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
    argv += ["-protocol_whitelist", "file,crypto"]
    if demuxers:
        argv += ["-format_whitelist", demuxers]
    return argv + ["-i", file_url(path)]


def file_url(path: str | os.PathLike) -> str:
    """``file:/abs/path``; ffmpeg's file protocol takes the rest literally (no %-decoding)."""
    return "file:" + os.path.abspath(os.fspath(path))


def probe(path: str | os.PathLike, *, timeout: float = PROBE_TIMEOUT_S) -> ProbeResult:
    """Probe one file; ``ToolError`` when ffprobe cannot read it, ``ToolMissing`` without ffprobe."""
    binary = proc.which("ffprobe")
    argv = probe_argv(path, ffprobe=binary, demuxers=safe_demuxers(binary))
    done = proc.run(argv, timeout=timeout)
    try:
        return parse_probe_json(done.stdout)
    except ValueError as exc:
        raise ToolError("ffprobe", done.returncode, done.stderr_tail, message=str(exc)) from exc


def duration(path: str | os.PathLike) -> float:
    """Duration in seconds; ``ToolError`` when the file has none (not media, or truncated to nothing)."""
    result = probe(path)
    if result.duration_s is None:
        raise ToolError("ffprobe", 0, message=f"no duration for {os.fspath(path)!r}")
    return result.duration_s


@lru_cache(maxsize=4)
def safe_demuxers(ffprobe: str) -> str:
    """Comma list for ``-format_whitelist``: every demuxer this ffprobe has, minus the unsafe ones."""
    done = proc.run([ffprobe, "-hide_banner", "-demuxers"], timeout=30)
    return ",".join(filter_demuxers(parse_demuxers(done.stdout)))


def parse_demuxers(text: str) -> list[str]:
    """Names from ``ffprobe -demuxers`` (``mov,mp4,m4a`` rows become three names)."""
    names: list[str] = []
    past_header = False
    for line in text.splitlines():
        if line.strip() == "--":
            past_header = True
            continue
        parts = line.split()
        if past_header and len(parts) >= 2 and "D" in parts[0].upper():
            names.extend(n for n in parts[1].split(",") if n)
    return names


def filter_demuxers(names: list[str]) -> list[str]:
    return [n for n in dict.fromkeys(names) if n not in UNSAFE_DEMUXERS]


def parse_probe_json(text: str) -> ProbeResult:
    """Pure: ffprobe ``-print_format json`` output → ``ProbeResult``. ``ValueError`` on non-JSON."""
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        raise ValueError(f"ffprobe printed invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError("ffprobe JSON is not an object")
    fmt = data.get("format") or {}
    streams = [s for s in (_stream(raw) for raw in data.get("streams") or []) if s is not None]
    return ProbeResult(
        duration_s=_duration(fmt, data.get("streams") or []),
        format_name=fmt.get("format_name") or None,
        streams=streams,
        bit_rate=_int(fmt.get("bit_rate")),
        start_s=_float(fmt.get("start_time")) or 0.0,
    )


def _stream(raw: dict) -> Stream | None:
    if not isinstance(raw, dict) or _int(raw.get("index")) is None:
        return None
    tags = {str(k).lower(): v for k, v in (raw.get("tags") or {}).items()}
    language = tags.get("language")
    return Stream(
        index=_int(raw["index"]),
        type=raw.get("codec_type") or "unknown",
        codec=raw.get("codec_name"),
        language=None if language in (None, "", "und") else str(language),
        width=_int(raw.get("width")),
        height=_int(raw.get("height")),
        channels=_int(raw.get("channels")),
        title=str(tags["title"]) if tags.get("title") else None,
        default=bool((raw.get("disposition") or {}).get("default")),
    )


def _duration(fmt: dict, streams: list) -> float | None:
    """The container duration, else the longest stream duration (some muxers leave format empty)."""
    value = _float(fmt.get("duration"))
    if value is not None:
        return value
    durations = [_float(s.get("duration")) for s in streams if isinstance(s, dict)]
    durations = [d for d in durations if d is not None]
    return max(durations) if durations else None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if result >= 0 and result == result else None  # drop NaN / negative


def keyframes_argv(path: str | os.PathLike, *, ffprobe: str = "ffprobe", demuxers: str | None = None) -> list[str]:
    """The argv listing the first video stream's packets (time and flags) without decoding them."""
    argv = [ffprobe, "-hide_banner", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "packet=pts_time,dts_time,flags", "-of", "csv=p=0", "-protocol_whitelist", "file,crypto"]
    if demuxers:
        argv += ["-format_whitelist", demuxers]
    return argv + ["-i", file_url(path)]


def keyframe_times(path: str | os.PathLike, *, timeout: float = PROBE_TIMEOUT_S * 5) -> list[float]:
    """Sorted times (s) of the first video stream's keyframes, read from packet flags: the only
    places a stream copy can start, so a remux's segments are cut there."""
    binary = proc.which("ffprobe")
    done = proc.run(keyframes_argv(path, ffprobe=binary, demuxers=safe_demuxers(binary)), timeout=timeout)
    return parse_keyframes(done.stdout)


def parse_keyframes(csv_text: str) -> list[float]:
    """``pts,dts,flags`` lines → keyframe times; AVI has no pts, so its dts stands in."""
    times = set()
    for line in csv_text.splitlines():
        parts = line.split(",")
        if len(parts) < 3 or "K" not in parts[2]:
            continue
        stamp = next((value for value in parts[:2] if value not in ("", "N/A")), None)
        if stamp is not None:
            times.add(round(float(stamp), 6))
    return sorted(times)
