"""The database connection: one SQLAlchemy engine, SQLite tuned for one writer and many readers.

- WAL journal (readers never wait on the writer), refused on network and virtual filesystems
  where WAL's shared memory does not work (nfs, cifs/smb, 9p, virtiofs, fuse): there we use the
  rollback journal and say so.
- ``write()`` opens a transaction with ``BEGIN IMMEDIATE``: the write lock is taken before the
  first read, so a read-then-write can never fail half-way with "database is locked".
- ``read()`` opens a deferred transaction that only reads; in WAL mode it never waits.
- Writers inside this process take turns on a lock before SQLite's; never nest ``write()``.
- ``foreign_keys=ON``, a busy timeout, ``synchronous`` from settings, a bounded WAL.

This module and ``state/`` are the only places that touch SQL. ``close()`` disposes every pooled
connection (tracked readers included).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)

# Filesystems on which SQLite's WAL (shared memory + locks) is not safe.
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "virtiofs", "afs", "ceph", "glusterfs"}
MIN_SQLITE_FOR_RETURNING = (3, 35, 0)


@dataclass(frozen=True)
class DatabaseOptions:
    path: Path
    synchronous: str = "FULL"
    busy_timeout_ms: int = 10000
    journal_size_limit_mb: int = 64
    pool_size: int = 8


def filesystem_type(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    """The type of the filesystem holding ``path`` (Linux), or None when it cannot be told."""
    try:
        lines = Path(mounts_file).read_text().splitlines()
    except OSError:
        return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def wal_supported(fs_type: str | None) -> bool:
    if fs_type is None:
        return True
    return fs_type not in NETWORK_FILESYSTEMS and not fs_type.startswith("fuse")


class Database:
    """Owns the engine. ``read()`` / ``write()`` yield a ``Connection`` inside a transaction."""

    def __init__(self, options: DatabaseOptions, *, fs_type: str | None = None):
        if sqlite3.sqlite_version_info < MIN_SQLITE_FOR_RETURNING:
            raise RuntimeError(f"SQLite {sqlite3.sqlite_version} is too old; 3.35 or later is needed (UPDATE … RETURNING)")
        self.options = options
        options.path.parent.mkdir(parents=True, exist_ok=True)
        fs_type = fs_type if fs_type is not None else filesystem_type(options.path.parent)
        self.journal_mode = "wal" if wal_supported(fs_type) else "delete"
        if self.journal_mode != "wal":
            log.warning(
                "The database folder is on a %s filesystem, where SQLite's WAL mode is unsafe; "
                "using the rollback journal instead (slower, one process only). Put the data folder on a local disk.",
                fs_type,
            )
        self.engine: Engine = create_engine(
            f"sqlite:///{options.path}",
            poolclass=QueuePool,
            pool_size=options.pool_size,
            max_overflow=32,
            pool_timeout=60,
            connect_args={"check_same_thread": False, "timeout": options.busy_timeout_ms / 1000},
        )
        # Writers of this process queue here instead of in SQLite's busy handler, whose sleeps
        # (up to 100 ms each) would cut throughput tenfold; other processes still wait on the
        # busy timeout.
        self._write_lock = threading.Lock()
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "begin", self._on_begin)

    def _on_connect(self, dbapi_connection, _record) -> None:
        # Autocommit at the driver level: we issue BEGIN ourselves (see _on_begin), which is the
        # SQLAlchemy-documented way to get correct SQLite transactions from pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(self.options.busy_timeout_ms)}")
        cursor.execute(f"PRAGMA journal_mode = {self.journal_mode}")
        cursor.execute(f"PRAGMA synchronous = {self.options.synchronous.upper()}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA journal_size_limit = {int(self.options.journal_size_limit_mb) * 1024 * 1024}")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.close()

    @staticmethod
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    @contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Connection]:
        """A write transaction holding SQLite's write lock from its first statement.

        ``durable=False`` commits with ``synchronous=NORMAL``: safe against a crash or a kill,
        but the last such commits may be lost in a power cut. Only bookkeeping that can be
        redone uses it (claims, heartbeats, progress, job outcomes: a job whose outcome is lost
        simply runs again, which every job tolerates); anything acknowledged to a person, such
        as an enqueue, stays at the configured level.
        """
        level = self.options.synchronous.upper() if durable else "NORMAL"
        with self._write_lock, self.engine.connect() as conn:
            if conn.info.get("synchronous") != level:
                conn.connection.driver_connection.execute(f"PRAGMA synchronous = {level}")  # outside any transaction
                conn.info["synchronous"] = level
            conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def checkpoint(self) -> None:
        """Fold the WAL back into the database (called periodically so the WAL stays bounded)."""
        if self.journal_mode == "wal":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_ok(self) -> bool:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    def backup_to(self, target: Path) -> Path:
        """An online, consistent copy (SQLite's backup API; a plain file copy can be torn)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(self.options.path)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        return target

    def close(self) -> None:
        self.engine.dispose()
