"""Two small files beside the database that protect it from being silently replaced.

- The **data sentinel** ``<db>.holds-data``: written (and fsynced) once the database holds its
  first account. A database whose data lived only in its write-ahead log loses all of it when
  ``<db>-wal`` is deleted or not copied along; SQLite then opens what is left — an empty file, or
  a schema without rows — and the daemon would start as a fresh install (setup open again, 0
  users). With the sentinel present, an empty database is refused at start instead
  (``DatabaseEmptied``), naming the way back (a backup) and the way forward (delete the sentinel).
- The **use lock** ``<db>.lock``: every process that opens the database holds a shared
  ``flock`` on it; ``media-library db restore`` takes it exclusively, so a restore never replaces
  the file under a running server, and no server starts during a restore.

Accounts are the high-water mark because nothing a person does can remove the last one (the last
admin cannot be deleted), while media, jobs and collections may legitimately be emptied.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import DatabaseEmptied, DatabaseInUse

SENTINEL_SUFFIX = ".holds-data"
LOCK_SUFFIX = ".lock"


class DataSentinel:
    """``<db>.holds-data``: this database has held accounts."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + SENTINEL_SUFFIX)

    def recorded(self) -> bool:
        return self.path.exists()

    def record(self) -> None:
        """Write the sentinel durably (file and folder fsynced) if it is not there yet."""
        if self.recorded():
            return
        partial = self.path.with_name(self.path.name + ".partial")
        text = (f"{self.db_path.name} has held accounts since {time.strftime('%Y-%m-%d %H:%M:%S %z')}.\n"
                "Media Library refuses to start on an empty database while this file exists.\n")
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)
        _fsync_folder(self.path.parent)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def refuse(self, what_is_left: str, backups: list[Path]) -> DatabaseEmptied:
        """The error that stops the start, with the ways out."""
        newest = f"; the newest backup is {backups[0]}" if backups else "; no backup was found"
        return DatabaseEmptied(
            f"the database {self.db_path} is {what_is_left}, but {self.path} says it held accounts: its data is gone "
            f"(most often its write-ahead log {self.db_path.name}-wal was deleted or not copied with it, or "
            f"--data-dir / database.path point at the wrong place). Refusing to start so that nothing is "
            f"overwritten. Restore a backup with `media-library db restore FILE`{newest}; or, to start afresh "
            f"on purpose, delete {self.path}."
        )


class DatabaseLock:
    """``<db>.lock``: shared while a process uses the database, exclusive during a restore."""

    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + LOCK_SUFFIX)
        self._fd: int | None = None

    def hold_shared(self) -> DatabaseLock:
        return self._take(fcntl.LOCK_SH, "a restore of the database is under way; start again when it has finished")

    def hold_exclusive(self) -> DatabaseLock:
        return self._take(fcntl.LOCK_EX, "the database is in use: stop the server (and any other media-library "
                                         "command using this data folder) first")

    def _take(self, mode: int, busy: str) -> DatabaseLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseInUse(busy) from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
