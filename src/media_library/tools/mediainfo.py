"""MediaInfo (through pymediainfo/libmediainfo): a file's technical summary for identify and organize.

Owns the call into libmediainfo and the pure conversion of its track dicts into ``MediaInfo``.
Falls back to ffprobe when libmediainfo is not installed.

Results are remembered by the file's identity and state (device, inode, size, mtime), not its
name, so a file renamed since (a rip's output moving from staging into the library) or looked at
again (a re-identify, a rip's verify then its identify) is not read twice; any change of size or
mtime reads it again.

Must not: follow references out of the file. libmediainfo happily opens every segment named by an
HLS/DASH/XML playlist, so a file whose head is plain text is refused before libmediainfo sees it.
No shell, no database.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from media_library.errors import ToolError
from media_library.tools import ffprobe

SNIFF_BYTES = 4096


@dataclass(frozen=True)
class MediaInfo:
    duration_s: float | None
    container: str | None
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None
    audio_codecs: list[str] = field(default_factory=list)
    audio_languages: list[str] = field(default_factory=list)
    subtitle_languages: list[str] = field(default_factory=list)


class _Remembered:
    """The last ``size`` summaries, by file identity (a small LRU shared by every thread)."""

    def __init__(self, size: int):
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple) -> MediaInfo | None:
        with self._lock:
            info = self._items.get(key)
            if info is not None:
                self._items.move_to_end(key)
            return info

    def put(self, key: tuple, info: MediaInfo) -> None:
        with self._lock:
            self._items[key] = info
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_REMEMBERED = _Remembered(4096)


def media_info(path: str | os.PathLike) -> MediaInfo:
    """Summarise one file. ``ToolError`` if it is a text playlist or unreadable."""
    path = os.path.abspath(os.fspath(path))
    st = os.stat(path)
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    info = _REMEMBERED.get(key)
    if info is None:
        info = _read(path)
        _REMEMBERED.put(key, info)
    return info


def duration(path: str | os.PathLike) -> float:
    """Duration in seconds, read in-process (no child program); ``ToolError`` when there is none."""
    seconds = media_info(path).duration_s
    if seconds is None:
        raise ToolError("mediainfo", 0, message=f"no duration for {os.path.basename(os.fspath(path))!r}")
    return seconds


def _read(path: str) -> MediaInfo:
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if looks_like_text(head):
        raise ToolError(
            "mediainfo", None, message=f"not a media file (text/playlist): {os.path.basename(path)!r}"
        )
    tracks = _pymediainfo_tracks(path)
    if tracks is None:
        return from_probe(ffprobe.probe(path))
    return from_tracks(tracks)


def _pymediainfo_tracks(path: str) -> list[dict] | None:
    """Track dicts from libmediainfo, or ``None`` when pymediainfo/libmediainfo is not installed."""
    try:
        from pymediainfo import MediaInfo as _PyMediaInfo
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    if not _PyMediaInfo.can_parse():
        return None
    # parse_speed=0: headers only, ~10x faster, still enough for codecs, languages and duration.
    parsed = _PyMediaInfo.parse(path, parse_speed=0)
    return [track.to_data() for track in parsed.tracks]


def looks_like_text(head: bytes) -> bool:
    """Pure: True when the first bytes are text (a playlist, XML, subtitle), not a media container."""
    if not head or b"\0" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a multi-byte char cut at the end is still text
            return False
        text = head[: exc.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\r\n\t\f\ufeff" for ch in text)


def from_tracks(tracks: list[dict]) -> MediaInfo:
    """Pure: pymediainfo ``track.to_data()`` dicts → ``MediaInfo``; ``ToolError`` without a General track."""
    general = next((t for t in tracks if t.get("track_type") == "General"), None)
    if general is None:
        raise ToolError("mediainfo", None, message="no General track: not a media file")
    videos = [t for t in tracks if t.get("track_type") == "Video"]
    audios = [t for t in tracks if t.get("track_type") == "Audio"]
    texts = [t for t in tracks if t.get("track_type") == "Text"]
    video = videos[0] if videos else {}
    return MediaInfo(
        duration_s=_seconds(general.get("duration")) or _longest(videos + audios),
        container=general.get("format") or None,
        video_codec=video.get("format") or None,
        width=_int(video.get("width")),
        height=_int(video.get("height")),
        audio_codecs=[str(t["format"]) for t in audios if t.get("format")],
        audio_languages=_languages(audios),
        subtitle_languages=_languages(texts),
    )


def from_probe(result: ffprobe.ProbeResult) -> MediaInfo:
    """Pure: the same summary from an ffprobe result (codec names are ffmpeg's, e.g. ``h264``)."""
    videos = result.of_type("video")
    video = videos[0] if videos else None
    audios = result.of_type("audio")
    return MediaInfo(
        duration_s=result.duration_s,
        container=result.format_name,
        video_codec=video.codec if video else None,
        width=video.width if video else None,
        height=video.height if video else None,
        audio_codecs=[s.codec for s in audios if s.codec],
        audio_languages=list(dict.fromkeys(s.language for s in audios if s.language)),
        subtitle_languages=list(dict.fromkeys(s.language for s in result.of_type("subtitle") if s.language)),
    )


def _languages(tracks: list[dict]) -> list[str]:
    langs = (_language(t) for t in tracks)
    return list(dict.fromkeys(lang for lang in langs if lang))


def _language(track: dict) -> str | None:
    """ISO 639-2 (``eng``) like ffprobe gives; MediaInfo's ``language`` is 639-1 (``en``)."""
    code = track.get("language")
    if code in (None, "", "und", "zxx"):
        return None
    for other in track.get("other_language") or []:
        if isinstance(other, str) and len(other) == 3 and other.isascii() and other.islower():
            return other
    return str(code)


def _seconds(ms) -> float | None:
    """MediaInfo durations are milliseconds, as int or as a string like ``'2000.000000'``."""
    try:
        value = float(ms) / 1000.0
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def _longest(tracks: list[dict]) -> float | None:
    values = [v for v in (_seconds(t.get("duration")) for t in tracks) if v is not None]
    return max(values) if values else None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
