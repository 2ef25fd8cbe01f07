"""Free space on the disks the daemon writes to, for ``GET /api/health`` and the app's banner.

The data folder (database, uploads, job work folders, logs, backups) and the library may sit on
different disks; the report is the tightest of them. ``full`` means a write is about to fail or
already fails (the API answers such writes with 507, see ``web/errors.py``); ``low`` means less
than ``paths.low_space_mb`` is left. No paths are reported: health is public.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FULL_BELOW_BYTES = 1024 * 1024  # a SQLite commit or a log line needs pages, not bytes
SpaceState = Literal["ok", "low", "full"]


@dataclass(frozen=True)
class DiskSpace:
    state: SpaceState
    free_bytes: int
    total_bytes: int
    low_space_bytes: int

    def to_public(self) -> dict:
        return {"state": self.state, "free_bytes": self.free_bytes, "total_bytes": self.total_bytes,
                "low_space_bytes": self.low_space_bytes}


def _free_and_total(path: Path) -> tuple[int, int]:
    """Free and total bytes of the disk holding ``path``, or its nearest existing parent (a folder
    not made yet lives on its parent's disk)."""
    while True:
        try:
            stats = os.statvfs(path)
        except FileNotFoundError:
            if path.parent == path:
                raise
            path = path.parent
            continue
        return stats.f_bavail * stats.f_frsize, stats.f_blocks * stats.f_frsize


def state_for(free_bytes: int, low_space_bytes: int) -> SpaceState:
    if free_bytes < FULL_BELOW_BYTES:
        return "full"
    return "low" if free_bytes < low_space_bytes else "ok"


def disk_space(paths: Iterable[Path], *, low_space_mb: int) -> DiskSpace:
    """The space left on the tightest of the disks holding ``paths``."""
    free, total = min(_free_and_total(p) for p in paths)
    low = low_space_mb * 1024 * 1024
    return DiskSpace(state_for(free, low), free, total, low)
