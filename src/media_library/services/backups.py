"""Verified backups of the database, kept N deep, and restoring one.

- ``create()``: an online copy through the ``Backend`` seam (SQLite's backup API: consistent
  while the daemon writes), written under a temporary name, checked (``integrity_check`` and a
  schema revision) and only then renamed to ``media-library-YYYYmmdd-HHMMSS.db``; the oldest
  beyond ``database.backups_kept`` are deleted. A copy that fails its check is deleted and the
  job fails with the reason, so the folder only ever holds copies that passed.
- The ``database.backup`` job runs it on ``database.backup_schedule`` (``install_schedule``);
  ``media-library db backup`` runs it at once.
- ``restore(copy)``: ``media-library db restore FILE``; refused while any process uses the
  database (the use lock of ``db/sentinel.py``); checks the copy, keeps the current database
  beside it as ``<db>.before-restore-<time>``, and clears the data sentinel (the next start
  records it again from what the restored copy holds). The next start migrates the copy if it
  is older than the program.

Backups made before a migration (``before-<revision>-<time>.db``) share the folder and are not
counted or pruned here.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from ..db.engine import Database
from ..db.sentinel import DatabaseLock, DataSentinel
from ..errors import BackupFailed, InvalidInput
from ..models.job_payloads import DATABASE_BACKUP, NoPayload
from ..models.payloads import to_json

log = logging.getLogger(__name__)
SCHEDULE_NAME = "database.backup"
NAME_PATTERN = re.compile(r"^media-library-\d{8}-\d{6}(?:-\d+)?\.db$")


class DatabaseBackups:
    def __init__(self, db: Database, folder: Path, *, keep: int, clock=time.time):
        self.db, self.folder, self.keep, self._clock = db, folder, max(1, keep), clock

    def create(self) -> Path:
        """A new verified copy in the backup folder; older ones beyond ``keep`` removed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self._free_name()
        partial = final.with_name(f".{final.name}.partial")
        try:
            self.db.backup_to(partial)
            problem = self.db.check_copy(partial)
            if problem:
                raise BackupFailed(f"the backup copy failed its check, so it was not kept: {problem}")
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
        log.info("Backed up the database to %s", final)
        self.prune()
        return final

    def _free_name(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self._clock()))
        candidate, n = self.folder / f"media-library-{stamp}.db", 1
        while candidate.exists():
            candidate, n = self.folder / f"media-library-{stamp}-{n}.db", n + 1
        return candidate

    def list(self) -> list[Path]:
        """The kept backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.iterdir() if NAME_PATTERN.match(p.name)]
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)

    def prune(self) -> list[Path]:
        removed = self.list()[self.keep:]
        for path in removed:
            path.unlink(missing_ok=True)
            log.info("Removed the old backup %s (database.backups_kept is %s)", path, self.keep)
        return removed

    def restore(self, copy: Path) -> Path:
        """Put ``copy`` in place of the database; returns where the replaced database was kept."""
        lock = DatabaseLock(self.db.options.path).hold_exclusive()
        try:
            problem = self.db.check_copy(copy)
            if problem:
                raise InvalidInput(f"not restoring: {problem}")
            live = self.db.options.path
            aside = live.with_name(f"{live.name}.before-restore-{time.strftime('%Y%m%d-%H%M%S')}")
            self.db.replace_with(copy, aside)
            DataSentinel(live).clear()
        finally:
            lock.release()
        log.warning("Restored the database from %s; the replaced one is kept as %s", copy, aside)
        return aside


def backup_dir(settings) -> Path:
    """``database.backup_dir``, or ``<data_dir>/backups`` when it is empty."""
    if settings.database.backup_dir:
        return Path(settings.database.backup_dir).expanduser().resolve()
    return settings.data_dir / "backups"


def backups_for(settings, db: Database) -> DatabaseBackups:
    return DatabaseBackups(db, backup_dir(settings), keep=settings.database.backups_kept)


def install_schedule(settings, scheduler) -> None:
    """Keep the ``database.backup`` schedule in step with ``database.backup_schedule`` (empty: none)."""
    scheduler.keep(SCHEDULE_NAME, DATABASE_BACKUP, settings.database.backup_schedule, to_json(NoPayload()))
