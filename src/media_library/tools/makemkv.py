"""MakeMKV's ``makemkvcon`` (optional, never required): for Blu-rays HandBrake cannot decrypt.

Owns the argv for ``info`` and ``mkv`` in robot mode (``-r``, progress on the same stream) and the
parsing of robot-mode lines, in the format of MakeMKV's ``usage.txt`` and ``apdefs.h``:

- ``TINFO:<title>,<attribute>,<code>,"<value>"``: attribute 9 is the duration (``h:mm:ss``),
  27 the name of the file ``mkv`` will write into the output folder, 2 the title's name;
- ``CINFO:<attribute>,<code>,"<value>"``: the disc (2 is its name);
- ``MSG:<code>,<flags>,<count>,"<text>","<format>",<params…>``: messages ("Failed to open disc");
- ``PRGV:<current>,<total>,<max>``: progress of the current and the whole operation.

Title numbers depend on ``--minlength``, so ``info`` and ``mkv`` are always given the same one.
Used only when ``makemkvcon`` is on PATH.

Must not: run a shell, download keys, or be assumed present.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from dataclasses import dataclass

_TINFO = re.compile(r'^TINFO:(\d+),(\d+),\d+,"(.*)"$')
_MSG = re.compile(r"^MSG:(\d+),\d+,\d+,(.*)$")
_PRGV = re.compile(r"^PRGV:(\d+),(\d+),(\d+)$")
NAME_ATTR = 2  # ap_ItemAttributeId.Name
DURATION_ATTR = 9  # ap_ItemAttributeId.Duration, "h:mm:ss"
OUTPUT_FILE_ATTR = 27  # ap_ItemAttributeId.OutputFileName, "FILM_t00.mkv"


@dataclass(frozen=True)
class MkvTitle:
    index: int
    duration_s: float
    output_name: str | None = None  # the file ``mkv`` writes for this title
    name: str | None = None


def available() -> str | None:
    return shutil.which("makemkvcon")


def source_arg(source: str | os.PathLike) -> str:
    """``dev:/dev/sr0`` for a drive, ``iso:/abs.iso`` or ``file:/abs/folder`` for images."""
    path = os.path.abspath(os.fspath(source))
    if path.startswith("/dev/"):
        return f"dev:{path}"
    return f"iso:{path}" if path.lower().endswith(".iso") or os.path.isfile(path) else f"file:{path}"


def info_argv(source: str | os.PathLike, makemkvcon: str = "makemkvcon", *, min_length: int = 0) -> list[str]:
    return [makemkvcon, "-r", "--progress=-same", f"--minlength={int(min_length)}", "info", source_arg(source)]


def rip_argv(
    source: str | os.PathLike, title: int, out_dir: str | os.PathLike, makemkvcon: str = "makemkvcon",
    *, min_length: int = 0,
) -> list[str]:  # fmt: skip
    return [
        makemkvcon,
        "-r",
        "--progress=-same",
        f"--minlength={int(min_length)}",
        "mkv",
        source_arg(source),
        str(int(title)),
        os.path.abspath(os.fspath(out_dir)),
    ]


def parse_titles(text: str) -> list[MkvTitle]:
    """Pure: the titles of ``info`` output (those with a duration), in title order."""
    attrs: dict[int, dict[int, str]] = {}
    for line in text.splitlines():
        m = _TINFO.match(line.strip())
        if m:
            attrs.setdefault(int(m[1]), {})[int(m[2])] = m[3]
    return [
        MkvTitle(index, _seconds(values[DURATION_ATTR]), values.get(OUTPUT_FILE_ATTR) or None, values.get(NAME_ATTR))
        for index, values in sorted(attrs.items())
        if DURATION_ATTR in values
    ]  # fmt: skip


def parse_durations(text: str) -> dict[int, float]:
    """Pure: title index → seconds from ``TINFO:<title>,9,0,"1:32:10"`` lines."""
    return {t.index: t.duration_s for t in parse_titles(text)}


def _seconds(clock: str) -> float:
    seconds = 0
    for part in (p for p in clock.split(":") if p.isdigit()):
        seconds = seconds * 60 + int(part)
    return float(seconds)


def parse_message(line: str) -> tuple[int, str] | None:
    """Pure: ``MSG:5010,0,0,"Failed to open disc",…`` → ``(5010, "Failed to open disc")``."""
    m = _MSG.match(line.strip())
    if not m:
        return None
    fields = next(csv.reader([m[2]], escapechar="\\"), [""])
    return int(m[1]), fields[0] if fields else ""


def parse_progress(line: str) -> float | None:
    """Pure: ``PRGV:current,total,max`` → percent of the whole job."""
    m = _PRGV.match(line.strip())
    if not m or int(m[3]) <= 0:
        return None
    return 100.0 * int(m[2]) / int(m[3])
