"""fpcalc (Chromaprint): the acoustic fingerprint that AcoustID looks up.

Owns the fpcalc argv and parsing of both its ``-json`` output and the classic
``DURATION=``/``FINGERPRINT=`` lines. Must not: call AcoustID (that is ``clients/``), use a shell.
Chromaprint 1.5 built against FFmpeg 5 (Debian bookworm) prints "Error decoding audio frame (End of
file)" and exits 3 for *good* files, after printing the fingerprint; so the output decides, not the
exit status: a fingerprint printed is success, none is a ``ToolError`` carrying the exit status.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from media_library.errors import ToolError
from media_library.tools import proc

FPCALC_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Fingerprint:
    duration_s: int
    fingerprint: str


def fingerprint_argv(path: str | os.PathLike, length: int = 120, *, fpcalc: str = "fpcalc") -> list[str]:
    """Absolute path so a file named ``-length.mp3`` is never an option."""
    return [fpcalc, "-json", "-length", str(int(length)), os.path.abspath(os.fspath(path))]


def fingerprint(
    path: str | os.PathLike, length: int = 120, *, timeout: float = FPCALC_TIMEOUT_S
) -> Fingerprint:
    """Fingerprint the first ``length`` seconds; ``ToolError`` if fpcalc fails or prints none."""
    argv = fingerprint_argv(path, length, fpcalc=proc.which("fpcalc"))
    done = proc.run(argv, timeout=timeout, check=False)
    try:
        return parse_fpcalc(done.stdout)
    except ValueError as exc:
        raise ToolError("fpcalc", done.returncode, done.stderr_tail, message=str(exc)) from exc


def parse_fpcalc(text: str) -> Fingerprint:
    """Pure: JSON (``{"duration": 8.00, "fingerprint": "AQ…"}``) or ``KEY=value`` lines → ``Fingerprint``.

    ``ValueError`` when there is no fingerprint.
    """
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"fpcalc printed invalid JSON: {exc}") from exc
        fields = {"DURATION": data.get("duration"), "FINGERPRINT": data.get("fingerprint")}
    else:
        fields = {}
        for line in stripped.splitlines():
            key, sep, value = line.partition("=")
            if sep:
                fields[key.strip().upper()] = value.strip()
    fp = fields.get("FINGERPRINT")
    if not fp or not isinstance(fp, str):
        raise ValueError("fpcalc printed no fingerprint")
    try:
        duration = round(float(fields.get("DURATION") or 0))
    except (TypeError, ValueError):
        duration = 0
    return Fingerprint(duration_s=duration, fingerprint=fp)
