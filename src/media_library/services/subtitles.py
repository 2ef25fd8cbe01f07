"""Sidecar subtitles: ``.srt``/``.vtt`` files next to a video, offered to the player as WebVTT.

``Movie (2020).mkv`` has the sidecars ``Movie (2020).srt``, ``Movie (2020).en.srt``,
``Movie (2020).fr.forced.vtt`` … (same stem, then optional dot-separated tags). They are listed in
a stable order and addressed by their index, never by a name from the client. SubRip is converted
on the fly by ``srt_to_vtt`` (pure): the header, ``,`` → ``.`` in timings, cue numbers dropped,
formatting tags other than WebVTT's ``b``/``i``/``u`` and SSA overrides (``{\\an8}``) removed.
The browser parses cue text as WebVTT, never as HTML.

Must not: read a file outside the media roots (each sidecar's real path is checked), or read
more than ``MAX_BYTES``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidInput, NotFound
from .streaming import is_under

SUFFIXES = (".srt", ".vtt")
MAX_BYTES = 4 * 1024 * 1024
_TIMING = re.compile(r"^\s*(\d{1,3}:)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*-->\s*(\d{1,3}:)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})(.*)$")
_TAG = re.compile(r"</?([a-zA-Z]+)[^>]*>")
_SSA = re.compile(r"\{\\[^}]*\}")
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$", re.IGNORECASE)
_KEPT_TAGS = {"b", "i", "u"}


@dataclass(frozen=True)
class Sidecar:
    index: int
    path: Path
    format: str  # srt | vtt
    language: str | None
    label: str
    forced: bool

    def to_public(self, media_id: str) -> dict:
        return {"index": self.index, "format": self.format, "language": self.language, "label": self.label,
                "forced": self.forced, "url": f"/api/media/{media_id}/subtitles/{self.index}.vtt"}


def _tags(video: Path, candidate: Path) -> list[str] | None:
    """The dot-separated tags between the video's stem and the suffix, or None if not its sidecar."""
    stem, name = video.stem, candidate.stem
    if name == stem:
        return []
    if not name.startswith(stem + "."):
        return None
    return [t for t in name[len(stem) + 1:].split(".") if t]


def describe(index: int, path: Path, tags: list[str]) -> Sidecar:
    lowered = [t.lower() for t in tags]
    language = next((t for t in lowered if _LANG.match(t) and t not in ("sdh", "cc")), None)
    forced = "forced" in lowered
    label = " ".join(filter(None, [language or "Subtitles", "(forced)" if forced else "",
                                   "(SDH)" if "sdh" in lowered or "cc" in lowered else ""]))
    return Sidecar(index, path, path.suffix.lower().lstrip("."), language, label, forced)


def find_sidecars(video: Path, roots: list[Path]) -> list[Sidecar]:
    """The sidecars of ``video`` that lie (really) under one of ``roots``, in a stable order."""
    try:
        names = sorted(os.listdir(video.parent))
    except OSError:
        return []
    found = []
    for name in names:
        candidate = video.parent / name
        tags = _tags(video, candidate) if candidate.suffix.lower() in SUFFIXES else None
        if tags is None or not candidate.is_file() or not is_under(Path(os.path.realpath(candidate)), roots):
            continue
        found.append(describe(len(found), candidate, tags))
    return found


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _timestamp(hours: str | None, minutes: str, seconds: str, millis: str) -> str:
    return f"{int((hours or '0:')[:-1]):02d}:{int(minutes):02d}:{int(seconds):02d}.{millis.ljust(3, '0')[:3]}"


def _clean_text(line: str) -> str:
    line = _SSA.sub("", line)
    line = _TAG.sub(lambda m: m.group(0) if m.group(1).lower() in _KEPT_TAGS else "", line)
    return line.replace("-->", "->")


def _timing(match: re.Match) -> str:
    g = match.groups()
    return f"{_timestamp(*g[0:4])} --> {_timestamp(*g[4:8])}"


def srt_to_vtt(text: str) -> str:
    """SubRip (or loose WebVTT) text → WebVTT text."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
    cues = []
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip() or ln == ""]
        at = next((n for n, ln in enumerate(lines) if _TIMING.match(ln)), None)
        if at is None:
            continue
        body = [_clean_text(ln) for ln in lines[at + 1:] if ln.strip()]
        cues.append("\n".join([_timing(_TIMING.match(lines[at])), *body]))
    return "WEBVTT\n\n" + "\n\n".join(cues) + ("\n" if cues else "")


def to_vtt(data: bytes, fmt: str) -> str:
    text = decode(data)
    if fmt == "vtt" and text.lstrip("\ufeff").startswith("WEBVTT"):
        return text.lstrip("\ufeff")
    return srt_to_vtt(text)


class SubtitleService:
    def __init__(self, state, roots: list[Path]):
        self.state = state
        self.roots = [Path(os.path.realpath(r)) for r in roots]

    def _video(self, media_id: str) -> Path:
        files = [f for f in self.state.list_media_files(media_id) if not f.missing]
        if not files:
            raise NotFound("this item has no file")
        return Path(files[0].path)

    def list(self, media_id: str) -> list[Sidecar]:
        self.state.get_media(media_id)
        return find_sidecars(self._video(media_id), self.roots)

    def vtt(self, media_id: str, index: int) -> str:
        found = [s for s in self.list(media_id) if s.index == index]
        if not found:
            raise NotFound(f"subtitle {index} does not exist for this item")
        path = found[0].path
        if path.stat().st_size > MAX_BYTES:
            raise InvalidInput("that subtitle file is too large to convert")
        with open(path, "rb") as fh:
            return to_vtt(fh.read(MAX_BYTES + 1), found[0].format)
