"""MakeMKV's ``makemkvcon`` (optional, never required): for Blu-rays HandBrake cannot decrypt.

Owns the argv for ``info`` and ``mkv`` in robot mode (``-r``) and parsing of its ``TINFO``
(title durations) and ``PRGV`` (progress) lines. Used only when ``makemkvcon`` is on PATH.

Must not: run a shell, download keys, or be assumed present.
"""

from __future__ import annotations

import os
import re
import shutil

_TINFO = re.compile(r'^TINFO:(\d+),(\d+),\d+,"(.*)"$')
_PRGV = re.compile(r"^PRGV:(\d+),(\d+),(\d+)$")
DURATION_ATTR = 9  # ap_ItemAttributeId.Duration, "h:mm:ss"


def available() -> str | None:
    return shutil.which("makemkvcon")


def source_arg(source: str | os.PathLike) -> str:
    """``dev:/dev/sr0`` for a drive, ``iso:/abs.iso`` or ``file:/abs/folder`` for images."""
    path = os.path.abspath(os.fspath(source))
    if path.startswith("/dev/"):
        return f"dev:{path}"
    return f"iso:{path}" if path.lower().endswith(".iso") else f"file:{path}"


def info_argv(source: str | os.PathLike, makemkvcon: str = "makemkvcon") -> list[str]:
    return [makemkvcon, "-r", "--cache=1", "info", source_arg(source)]


def rip_argv(
    source: str | os.PathLike, title: int, out_dir: str | os.PathLike, makemkvcon: str = "makemkvcon"
) -> list[str]:
    return [
        makemkvcon,
        "-r",
        "--progress=-same",
        "mkv",
        source_arg(source),
        str(int(title)),
        os.path.abspath(os.fspath(out_dir)),
    ]


def parse_durations(text: str) -> dict[int, float]:
    """Pure: title index → seconds from ``TINFO:<title>,9,0,"1:32:10"`` lines."""
    found = {}
    for line in text.splitlines():
        m = _TINFO.match(line.strip())
        if m and int(m[2]) == DURATION_ATTR:
            parts = [int(p) for p in m[3].split(":") if p.isdigit()]
            seconds = 0
            for part in parts:
                seconds = seconds * 60 + part
            found[int(m[1])] = float(seconds)
    return found


def parse_progress(line: str) -> float | None:
    """Pure: ``PRGV:current,total,max`` → percent of the whole job."""
    m = _PRGV.match(line.strip())
    if not m or int(m[3]) <= 0:
        return None
    return 100.0 * int(m[2]) / int(m[3])
