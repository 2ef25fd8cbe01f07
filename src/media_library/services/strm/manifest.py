"""How the export decides, per file, whether to write: the manifest (in the database, table
``strm_manifest``, see ``state/strm.py``) compared with the disk.

A file is *unchanged*, and is neither rendered nor written, when its manifest row has the same
fingerprint and the file on disk has the size and mtime the row recorded. Otherwise its content
is rendered and hashed: identical content on disk is adopted (recorded, not written); different
content is rewritten atomically when the export owns the path (it has a row), and left alone
when it does not (a file someone else put there), unless the run is forced.

Why a database table rather than vod2strm's JSON file: rows are updated in batches inside a
transaction, a kill -9 cannot tear it, and intents (rows written before the files) make a crashed
run's files owned, so the next run can finish or clean them up.

Must not: write files (the exporter does, through ``services.files``).
"""

from __future__ import annotations

import hashlib
import os
from stat import S_ISREG
from typing import NamedTuple

from ...models.strm import ManifestRow


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class DiskStat(NamedTuple):
    """A tuple, not a dataclass: one is made per file per run, and building a frozen dataclass
    cost as much as the ``lstat`` itself."""

    size: int
    mtime_ns: int


def disk_stat(path: str | os.PathLike) -> DiskStat | None:
    """Size and mtime of a regular file (a symlink or a folder counts as "not ours to trust")."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not S_ISREG(st.st_mode):
        return DiskStat(-1, -1)
    return DiskStat(st.st_size, st.st_mtime_ns)


def stat_matches(row: ManifestRow | None, stat: DiskStat | None) -> bool:
    return bool(row and stat and row.mtime_ns is not None and row.size == stat.size and row.mtime_ns == stat.mtime_ns)


def fresh(row: ManifestRow | None, stat: DiskStat | None, source_hash: str) -> bool:
    """Unchanged without rendering: same fingerprint, and the file is as we left it."""
    return stat_matches(row, stat) and row.source_hash == source_hash


def same_content_on_disk(path: str | os.PathLike, data: bytes, stat: DiskStat | None) -> bool:
    if stat is None or stat.size != len(data):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False
