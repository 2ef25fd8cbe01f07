"""ISO 9660 images and discs read directly: volume label and root folder names, in pure Python.

Owns reading the primary volume descriptor (sector 16) and the root directory of an ISO image or
an optical device node, which is enough to tell a DVD-Video (``VIDEO_TS``), a Blu-ray (``BDMV``,
``AACS`` when encrypted) and a data disc apart without mounting anything (no root needed).

Must not: write anything, follow paths named inside the image, or trust sizes it reads (every
length is bounded before it is used).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

SECTOR = 2048
PVD_SECTOR = 16
MAX_ROOT_BYTES = 64 * SECTOR  # a root folder bigger than this is not a disc we care about


@dataclass(frozen=True)
class IsoVolume:
    label: str
    root_names: tuple[str, ...]
    fingerprint: str  # sha256 of the volume descriptor: the same pressing gives the same value


def read_volume(path: str | os.PathLike) -> IsoVolume | None:
    """The label and root names of an ISO image or device; None if it is not ISO 9660."""
    try:
        with open(path, "rb") as handle:
            handle.seek(PVD_SECTOR * SECTOR)
            pvd = handle.read(SECTOR)
            volume = parse_pvd(pvd)
            if volume is None:
                return None
            extent, size = volume
            handle.seek(extent * SECTOR)
            root = handle.read(min(size, MAX_ROOT_BYTES))
    except OSError:
        return None
    return IsoVolume(
        label=pvd_label(pvd),
        root_names=tuple(parse_directory(root)),
        fingerprint=hashlib.sha256(pvd).hexdigest(),
    )


def parse_pvd(pvd: bytes) -> tuple[int, int] | None:
    """Pure: ``(root extent sector, root size)`` from a primary volume descriptor, or None."""
    if len(pvd) < SECTOR or pvd[0] != 1 or pvd[1:6] != b"CD001":
        return None
    root = pvd[156:190]
    return int.from_bytes(root[2:6], "little"), int.from_bytes(root[10:14], "little")


def pvd_label(pvd: bytes) -> str:
    return pvd[40:72].decode("ascii", errors="replace").strip()


def parse_directory(data: bytes) -> list[str]:
    """Pure: the names in one directory extent (``.``/``..`` and version suffixes dropped)."""
    names, pos = [], 0
    while pos < len(data):
        length = data[pos]
        if length == 0:  # records never cross a sector: skip to the next one
            pos = (pos // SECTOR + 1) * SECTOR
            continue
        record = data[pos : pos + length]
        name_len = record[32] if len(record) > 32 else 0
        raw = record[33 : 33 + name_len]
        if raw not in (b"\x00", b"\x01") and raw:
            names.append(raw.decode("ascii", errors="replace").split(";")[0].rstrip("."))
        pos += length
    return names
