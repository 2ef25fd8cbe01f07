"""ffmpeg as an HLS segmenter: the argv that turns part of a library file into MPEG-TS segments
``<n>.ts`` cut at given times, for the player's remux and transcode paths.

Timestamps stay the source's (``-copyts``), so a segmenter restarted at segment ``n`` (a seek)
writes segments whose times line up with those written before; the cut times are absolute
source times, and a re-encoded video gets a keyframe forced at each of them, so every segment
starts with one. A stream copy can only start at a keyframe, so its cut times are keyframes
(``ffprobe.keyframe_times``). Each finished segment is appended by ffmpeg to the run's list,
``segments-<run>.csv``, which is how a reader knows a segment is whole.

Like ``tools/ffprobe``, the input is ``file:/absolute/path`` behind a protocol and demuxer
whitelist, so a file name is never an option and a playlist in disguise opens nothing else.

Must not: use a shell, write outside the one output folder it is given.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import proc
from .ffprobe import file_url, safe_demuxers


def list_name(run: int) -> str:
    return f"segments-{run}.csv"


@dataclass(frozen=True)
class Encode:
    """What to do with each stream: ``video`` is ``copy``, ``h264`` or None (no video stream);
    ``audio`` is ``copy`` or ``aac`` for the chosen audio stream (None: no audio)."""

    video: str | None
    audio: str | None
    audio_stream: int = 0  # ordinal among the file's audio streams
    burn_subtitle: int | None = None  # ordinal among its subtitle streams (image subtitles)
    preset: str = "veryfast"
    crf: int = 23
    max_height: int = 1080
    audio_bitrate_k: int = 192


def segmenter_argv(path: str | os.PathLike, out_dir: Path, encode: Encode, *, start: float, start_number: int,
                   cuts: Sequence[float], run: int = 1, ffmpeg: str | None = None) -> list[str]:
    """Segments ``start_number``, ``start_number + 1`` … from source time ``start``, cut at ``cuts``
    (the absolute times of the following segments' starts)."""
    ffmpeg = ffmpeg or proc.which("ffmpeg")
    argv = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-protocol_whitelist", "file,crypto", "-format_whitelist", safe_demuxers(proc.which("ffprobe"))]
    if start > 0:
        argv += ["-ss", f"{start:.6f}"]
    argv += ["-copyts", "-i", file_url(path)]
    argv += _video_args(encode, start, cuts) + _audio_args(encode)
    argv += ["-sn", "-dn", "-max_muxing_queue_size", "4096",
             "-f", "segment", "-segment_format", "mpegts", "-segment_start_number", str(start_number),
             "-segment_list", file_url(out_dir / list_name(run)), "-segment_list_type", "csv"]
    if cuts:
        argv += ["-segment_times", ",".join(f"{t:.6f}" for t in cuts)]
    return argv + [file_url(out_dir / "%d.ts")]


def _video_args(encode: Encode, start: float, cuts: Sequence[float]) -> list[str]:
    if encode.video is None:
        return ["-vn"]
    if encode.video == "copy":
        return ["-map", "0:v:0", "-c:v", "copy"]
    scale = f"scale=-2:'min({encode.max_height},ih)'"
    if encode.burn_subtitle is not None:
        graph = f"[0:v:0][0:s:{encode.burn_subtitle}]overlay=eof_action=pass,{scale},format=yuv420p[v]"
        mapping = ["-filter_complex", graph, "-map", "[v]"]
    else:
        mapping = ["-map", "0:v:0", "-vf", f"{scale},format=yuv420p"]
    keyframes = ",".join(f"{t:.6f}" for t in [start, *cuts])
    return mapping + ["-c:v", "libx264", "-preset", encode.preset, "-crf", str(encode.crf),
                      "-profile:v", "high", "-force_key_frames", keyframes, "-sc_threshold", "0"]


def _audio_args(encode: Encode) -> list[str]:
    if encode.audio is None:
        return ["-an"]
    mapping = ["-map", f"0:a:{encode.audio_stream}"]
    if encode.audio == "copy":
        return mapping + ["-c:a", "copy"]
    return mapping + ["-c:a", "aac", "-ac", "2", "-b:a", f"{encode.audio_bitrate_k}k"]


def finished_segments(out_dir: Path, run: int = 1) -> set[int]:
    """The numbers of the segments ffmpeg's run ``run`` has closed (listed in its csv)."""
    try:
        text = (out_dir / list_name(run)).read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return set()
    done = set()
    for line in text.splitlines():
        name = line.split(",", 1)[0]
        stem = name[:-3] if name.endswith(".ts") else ""
        if stem.isdigit():
            done.add(int(stem))
    return done
