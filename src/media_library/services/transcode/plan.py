"""How a file reaches a browser, decided from what the file holds and what the browser says it
plays (pure: no I/O).

Four ways, cheapest first, as Jellyfin's player chooses them:

- ``direct``: the file as it is, through the stream endpoint (Range requests);
- ``remux``: the container is the problem (Matroska, AVI, MPEG-TS…) or the viewer chose an audio
  track other than the first; video and audio are copied into HLS segments;
- ``audio``: the video plays but the audio does not (AC-3, DTS, TrueHD…); the audio becomes AAC
  and the video is copied;
- ``video``: the video does not play (MPEG-2, HEVC, VC-1…) or image subtitles are burned in; the
  video becomes H.264 and the audio AAC.

HLS is MPEG-TS segments played by hls.js through Media Source Extensions, which can only take
H.264 video and AAC or MP3 audio from TS, so those are the only codecs ever copied into it.

The segment plan is the list of segment start times (seconds from the start of the file): every
``segment_s`` for a re-encode (keyframes are forced there), or the first keyframe at least
``segment_s`` after the previous start for a copy (a copy can only be cut at keyframes).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# ffprobe's format names → the container names the browser reports.
CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2": "mp4", "matroska,webm": "matroska", "avi": "avi", "mpegts": "mpegts",
              "mpeg": "mpeg", "ogg": "ogg", "mp3": "mp3", "flac": "flac", "wav": "wav", "asf": "asf"}
WEBM_CODECS = frozenset({"vp8", "vp9", "av1", "opus", "vorbis"})
HLS_VIDEO = frozenset({"h264"})
HLS_AUDIO = frozenset({"aac", "mp3"})
IMAGE_SUBTITLES = frozenset({"hdmv_pgs_subtitle", "dvd_subtitle", "dvb_subtitle", "xsub"})
TEXT_SUBTITLES = frozenset({"subrip", "ass", "ssa", "mov_text", "webvtt", "text"})
NAMES = {
    "h264": "H.264", "hevc": "HEVC (H.265)", "mpeg2video": "MPEG-2", "mpeg4": "MPEG-4 Part 2 (DivX/Xvid)",
    "vc1": "VC-1", "vp8": "VP8", "vp9": "VP9", "av1": "AV1", "wmv3": "Windows Media", "msmpeg4v3": "DivX 3",
    "aac": "AAC", "mp3": "MP3", "ac3": "Dolby Digital (AC-3)", "eac3": "Dolby Digital Plus (E-AC-3)", "dts": "DTS",
    "truehd": "Dolby TrueHD", "flac": "FLAC", "opus": "Opus", "vorbis": "Vorbis", "pcm_s16le": "PCM", "wmav2": "WMA",
    "mp4": "MP4", "webm": "WebM", "matroska": "Matroska (MKV)", "avi": "AVI", "mpegts": "MPEG-TS", "mpeg": "MPEG-PS",
    "asf": "Windows Media (ASF)", "ogg": "Ogg",
}


@dataclass(frozen=True)
class Capabilities:
    """What the browser says it plays (``canPlayType`` / ``MediaSource.isTypeSupported``), in
    ffprobe's names: containers ``mp4``, ``webm``…, codecs ``h264``, ``aac``…"""

    containers: frozenset[str] = frozenset({"mp4"})
    video: frozenset[str] = frozenset({"h264"})
    audio: frozenset[str] = frozenset({"aac", "mp3"})

    @classmethod
    def parse(cls, raw: object) -> Capabilities:
        if not isinstance(raw, dict):
            return cls()
        def names(key: str, default: frozenset[str]) -> frozenset[str]:
            value = raw.get(key)
            if not isinstance(value, list):
                return default
            return frozenset(str(v).lower()[:20] for v in value[:40] if isinstance(v, str))
        return cls(names("containers", cls.containers), names("video", cls.video), names("audio", cls.audio))


@dataclass(frozen=True)
class Track:
    ordinal: int  # among the streams of its type
    codec: str | None
    language: str | None = None
    title: str | None = None
    channels: int | None = None
    default: bool = False

    def label(self, kind: str) -> str:
        parts = [self.title or (self.language or "").upper() or f"{kind} {self.ordinal + 1}", name_of(self.codec)]
        if self.channels:
            parts.append({1: "mono", 2: "stereo", 6: "5.1", 8: "7.1"}.get(self.channels, f"{self.channels} ch"))
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class FileStreams:
    """What ffprobe found: the container, the first video stream, every audio and subtitle stream."""

    container: str
    duration_s: float
    start_s: float = 0.0
    video: str | None = None
    height: int | None = None
    audio: tuple[Track, ...] = ()
    subtitles: tuple[Track, ...] = ()

    @classmethod
    def from_probe(cls, probe) -> FileStreams:
        videos = [s for s in probe.of_type("video") if s.codec not in ("mjpeg", "png")]  # cover art is not video
        def tracks(kind: str) -> tuple[Track, ...]:
            return tuple(Track(i, s.codec, s.language, s.title, s.channels, s.default) for i, s in enumerate(probe.of_type(kind)))
        return cls(container=container_of(probe.format_name, [s.codec for s in probe.streams]),
                   duration_s=probe.duration_s or 0.0, start_s=probe.start_s,
                   video=videos[0].codec if videos else None, height=videos[0].height if videos else None,
                   audio=tracks("audio"), subtitles=tracks("subtitle"))


@dataclass(frozen=True)
class Decision:
    method: str  # direct | remux | audio | video
    reason: str
    audio_stream: int | None = None
    burn_subtitle: int | None = None

    @property
    def video_mode(self) -> str | None:
        return {"video": "h264"}.get(self.method, "copy")

    @property
    def audio_mode(self) -> str:
        return "copy" if self.method == "remux" else "aac"


@dataclass(frozen=True)
class SegmentPlan:
    starts: tuple[float, ...]  # seconds from the start of the file
    duration_s: float
    origin_s: float = 0.0  # the file's first timestamp: starts[i] + origin_s is the source time

    def durations(self) -> list[float]:
        ends = [*self.starts[1:], self.duration_s]
        return [max(end - start, 0.001) for start, end in zip(self.starts, ends, strict=True)]

    def segment_at(self, seconds: float) -> int:
        index = 0
        for i, start in enumerate(self.starts):
            if start > seconds:
                break
            index = i
        return index

    def source_time(self, index: int) -> float:
        return self.starts[index] + self.origin_s

    def cuts_after(self, index: int) -> list[float]:
        return [start + self.origin_s for start in self.starts[index + 1:]]


@dataclass(frozen=True)
class Choice:
    """What the viewer asked for: an audio track and a subtitle to burn in (image subtitles)."""

    audio: int | None = None
    burn: int | None = None


def name_of(codec: str | None) -> str:
    return NAMES.get(codec or "", (codec or "unknown").upper())


def container_of(format_name: str | None, codecs: Iterable[str | None]) -> str:
    name = CONTAINERS.get(format_name or "", (format_name or "unknown").split(",")[0])
    if name == "matroska" and all(c in WEBM_CODECS for c in codecs if c):
        return "webm"
    return name


def decide(streams: FileStreams, caps: Capabilities, choice: Choice = Choice()) -> Decision:
    audio = _chosen_audio(streams, choice.audio)
    track = streams.audio[audio] if audio is not None else None
    burn = choice.burn if choice.burn is not None and _is_image(streams, choice.burn) else None
    video_plays = streams.video is None or streams.video in caps.video
    audio_plays = track is None or track.codec in caps.audio
    first_audio = audio in (None, 0)
    if burn is None and first_audio and streams.container in caps.containers and video_plays and audio_plays:
        return Decision("direct", f"This browser plays {_describe(streams, track)} as it is.", audio)
    why_not_direct = _why_not_direct(streams, caps, track, first_audio, video_plays, audio_plays)
    if burn is not None:
        return Decision("video", f"The chosen subtitles are images; they are drawn into the video, which is converted to H.264. {why_not_direct}".strip(),
                        audio, burn)
    video_copies = streams.video is None or (video_plays and streams.video in HLS_VIDEO)
    if not video_copies:
        return Decision("video", f"{why_not_direct} The video is converted to H.264{'' if track is None else ' and the audio to AAC'}.".strip(), audio)
    if track is None or (audio_plays and track.codec in HLS_AUDIO):
        return Decision("remux", f"{why_not_direct} The streams are copied into HLS unchanged.".strip(), audio)
    return Decision("audio", f"{why_not_direct} The audio is converted to AAC; the video is copied.".strip(), audio)


def _chosen_audio(streams: FileStreams, wanted: int | None) -> int | None:
    if not streams.audio:
        return None
    if wanted is not None and 0 <= wanted < len(streams.audio):
        return wanted
    return 0


def _is_image(streams: FileStreams, ordinal: int) -> bool:
    return 0 <= ordinal < len(streams.subtitles) and streams.subtitles[ordinal].codec in IMAGE_SUBTITLES


def _describe(streams: FileStreams, track: Track | None) -> str:
    parts = [name_of(streams.container)]
    if streams.video:
        parts.append(f"{name_of(streams.video)} video")
    if track is not None:
        parts.append(f"{name_of(track.codec)} audio")
    return " with ".join(parts[:2]) + (f" and {parts[2]}" if len(parts) > 2 else "")


def _why_not_direct(streams: FileStreams, caps: Capabilities, track: Track | None, first_audio: bool,
                    video_plays: bool, audio_plays: bool) -> str:
    if not video_plays:
        return f"This browser does not play {name_of(streams.video)} video."
    if not audio_plays and track is not None:
        return f"This browser does not play {name_of(track.codec)} audio."
    if streams.container not in caps.containers:
        return f"Browsers do not play the {name_of(streams.container)} container."
    if not first_audio:
        return "Only the server can switch to another audio track."
    return ""


def plan_segments(streams: FileStreams, decision: Decision, segment_s: float, keyframes: Sequence[float] = ()) -> SegmentPlan:
    """Segment starts: every ``segment_s`` for a re-encode or audio-only file, else at keyframes."""
    duration = max(streams.duration_s, 0.001)
    if decision.video_mode == "copy" and streams.video is not None and keyframes:
        relative = [k - streams.start_s for k in keyframes]
        starts = [0.0]
        for k in relative:
            if k >= starts[-1] + segment_s and k < duration - 0.5:
                starts.append(k)
    else:
        count = max(1, math.ceil(duration / segment_s))
        starts = [i * segment_s for i in range(count)]
        if len(starts) > 1 and duration - starts[-1] < 0.5:
            starts.pop()  # no half-second tail segment
    return SegmentPlan(tuple(starts), duration, streams.start_s)


def playlist(plan: SegmentPlan, segment_url) -> str:
    """The HLS VOD playlist of the whole file; ``segment_url(i)`` names segment ``i``."""
    durations = plan.durations()
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{math.ceil(max(durations))}",
             "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-PLAYLIST-TYPE:VOD"]
    for index, length in enumerate(durations):
        lines += [f"#EXTINF:{length:.6f},", segment_url(index)]
    return "\n".join([*lines, "#EXT-X-ENDLIST", ""])
