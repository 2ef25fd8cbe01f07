"""cdparanoia (Debian's ``cdparanoia``): argv for reading the TOC and ripping, pure parsers.

``cdparanoia -Q`` prints the table of contents on stderr; ``-B`` writes ``trackNN.cdda.wav``
files into the current folder (the caller passes the job's work folder as ``cwd``) and reports
``outputting to trackNN.cdda.wav`` as it starts each track.

Must not: run a shell, name the output files (the audio CD service decides where they go).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREGAP = 150  # CD frames before track 1 that the TOC's ``begin`` column leaves out
_TRACK = re.compile(r"^\s*(\d+)\.\s+(\d+)\s+\[[\d:.]+\]\s+(\d+)\s+\[")
_OUTPUT = re.compile(r"outputting to track(\d+)\.cdda\.wav")


@dataclass(frozen=True)
class Toc:
    first: int
    last: int
    offsets: tuple[int, ...]  # absolute frame offsets (pregap included), one per track
    leadout: int

    @property
    def durations_s(self) -> list[float]:
        ends = list(self.offsets[1:]) + [self.leadout]
        return [(end - start) / 75 for start, end in zip(self.offsets, ends, strict=True)]


def toc_argv(device: str, cdparanoia: str = "cdparanoia") -> list[str]:
    return [cdparanoia, "-Q", "-d", _device(device)]


def rip_argv(device: str, cdparanoia: str = "cdparanoia") -> list[str]:
    """All tracks, one WAV each, into the working directory."""
    return [cdparanoia, "-B", "-d", _device(device), "--", "1-"]


def _device(device: str) -> str:
    if not device.startswith("/"):
        raise ValueError(f"the drive must be an absolute device path: {device!r}")
    return device


def parse_toc(text: str) -> Toc:
    """Pure: ``cdparanoia -Q`` output → ``Toc``; ``ValueError`` when it lists no track."""
    rows = [(int(m[1]), int(m[2]), int(m[3])) for m in map(_TRACK.match, text.splitlines()) if m]
    if not rows:
        raise ValueError("cdparanoia listed no audio track")
    number, length, begin = rows[-1]
    return Toc(
        first=rows[0][0],
        last=number,
        offsets=tuple(b + PREGAP for _, _, b in rows),
        leadout=begin + length + PREGAP,
    )


def parse_track_started(line: str) -> int | None:
    """Pure: the track number from ``outputting to track03.cdda.wav``, else None."""
    match = _OUTPUT.search(line)
    return int(match[1]) if match else None
