"""Everything only SQLite has, in one place: ``SqliteBackend``, the ``Backend`` for ``sqlite://`` URLs.

- WAL journal (readers never wait on the writer), refused on network and virtual filesystems
  where WAL's shared memory does not work (nfs, cifs/smb, 9p, virtiofs, fuse): there we use the
  rollback journal and say so.
- Write transactions start with ``BEGIN IMMEDIATE``: the write lock is taken before the first
  read, so a read-then-write can never fail half-way with "database is locked". Writers inside
  this process take turns on a Python lock first (``writer_turn``).
- ``foreign_keys=ON``, a busy timeout, ``synchronous`` from settings (``NORMAL`` for
  non-durable writes), a bounded WAL and ``wal_checkpoint(TRUNCATE)``.
- Online backups with SQLite's backup API (a plain file copy can be torn); ``integrity_check``.
- SQL constructs: ``INSERT … ON CONFLICT`` from ``sqlalchemy.dialects.sqlite`` (PostgreSQL's
  ``sqlalchemy.dialects.postgresql.insert`` has the same ``on_conflict_do_update`` /
  ``on_conflict_do_nothing`` API), the JSON1 functions, and the FTS5 search index
  ``media_search`` with its vocabulary ``media_search_vocab`` (created by migration 0004, kept
  in step with ``media`` by triggers).

This module and the migrations are the only places in ``src/`` with SQL text; a test checks it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Table,
    column,
    create_engine,
    event,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.sqlite import Insert, insert
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import ColumnElement, FromClause
from sqlalchemy.sql.compiler import Compiled

from ..models.search import Term, TextQuery
from .backend import DatabaseOptions

log = logging.getLogger(__name__)

# Filesystems on which SQLite's WAL (shared memory + locks) is not safe.
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "virtiofs", "afs", "ceph", "glusterfs"}
MIN_SQLITE_FOR_RETURNING = (3, 35, 0)
BULK_CACHE_KIB = 64 * 1024  # page cache of a bulk write transaction (``bulk_writes``)

# The FTS5 index and its vocabulary (virtual tables made by migration 0004, not in db/schema.py).
SEARCH_TABLE = table("media_search", column("media_id"), column("rank"))
SEARCH_VOCABULARY = table("media_search_vocab", column("term"), column("col"))
# The full texts' index (articles' bodies, books' text; migration ``articles``), searched apart
# from the titles so a body never outranks a title and each hit gets a snippet.
TEXT_SEARCH_TABLE = table("media_search_text", column("media_id"), column("rank"))
TEXT_VOCABULARY = table("media_search_text_vocab", column("term"))  # its terms (migration ``books``), for typos
TITLE_COLUMNS = ("title", "original_title", "compact")
GLUED_COLUMN = "compact"


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


# --- FTS5 query syntax -----------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def _fts5_group(group: tuple[Term, ...]) -> str:
    if len(group) == 1:
        return _fts5_term(group[0])
    return "(" + " OR ".join(_fts5_term(t) for t in group) + ")"


def fts5_query(query: TextQuery) -> str:
    """``query`` in FTS5's ``MATCH`` syntax: every term quoted, so no word is an operator."""
    text = " AND ".join(_fts5_group(g) for g in query.groups)
    if query.glued is not None:
        text = f"({text}) OR {GLUED_COLUMN} : {_fts5_term(query.glued)}"
    if query.titles_only:
        text = "{" + " ".join(TITLE_COLUMNS) + "} : (" + text + ")"
    return text


def _one_transaction(driver: sqlite3.Connection, sql: str, args: list) -> list[tuple]:
    driver.execute("BEGIN IMMEDIATE")
    try:
        rows = driver.execute(sql, args).fetchall()  # every row read: the statement is done before COMMIT
        driver.execute("COMMIT")
    except BaseException:
        if driver.in_transaction:
            driver.execute("ROLLBACK")
        raise
    return rows


class SqliteBackend:
    """SQLite, tuned for one writer and many readers (see the module docstring)."""

    name = "sqlite"

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
        # Writers of this process queue here instead of in SQLite's busy handler, whose sleeps
        # (up to 100 ms each) would cut throughput tenfold; other processes still wait on the
        # busy timeout.
        self._write_lock = threading.Lock()

    # --- connections and transactions -----------------------------------------------------------
    def create_engine(self) -> Engine:
        engine = create_engine(
            self.options.url,
            poolclass=QueuePool,
            pool_size=self.options.pool_size,
            max_overflow=32,
            pool_timeout=60,
            connect_args={"check_same_thread": False, "timeout": self.options.busy_timeout_ms / 1000},
        )
        event.listen(engine, "connect", self._on_connect)
        event.listen(engine, "begin", self._on_begin)
        return engine

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
        # Straight to the driver: BEGIN needs no statement cache, events or result handling, and
        # through exec_driver_sql it cost more than a small claim's own UPDATE (see bench/jobs.py).
        statement = "BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN"
        conn.connection.driver_connection.execute(statement)

    def writer_turn(self) -> AbstractContextManager[bool]:
        return self._write_lock

    def prepare_write(self, conn: Connection, *, durable: bool) -> None:
        """``synchronous`` for this transaction (set outside it), and ``BEGIN IMMEDIATE``.

        ``durable=False`` commits with ``synchronous=NORMAL``: safe against a crash or a kill,
        but the last such commits may be lost in a power cut.
        """
        self._set_synchronous(conn.info, conn.connection.driver_connection, durable)
        conn.execution_options(immediate=True)

    def write_one(self, engine: Engine, statement: Compiled, params: dict[str, Any], *, durable: bool) -> list[tuple]:
        """One compiled statement in its own ``BEGIN IMMEDIATE`` … ``COMMIT`` on a pooled driver
        connection, in the writer turn like every write. Same transaction, same durability level,
        same pragmas as ``write()``; it skips SQLAlchemy's per-execution work (events, statement
        cache lookup, result wrapping), which cost several times the statement itself."""
        values = statement.construct_params(params)
        args = [values[name] for name in statement.positiontup or ()]
        with self._write_lock:
            fairy = engine.raw_connection()
            try:
                self._set_synchronous(fairy.info, fairy.driver_connection, durable)
                return _one_transaction(fairy.driver_connection, statement.string, args)
            finally:
                fairy.close()

    def read_one(self, engine: Engine, statement: Compiled, params: dict[str, Any]) -> list[tuple]:
        """One compiled ``SELECT`` on a pooled driver connection in autocommit: a single statement
        reads one snapshot of the WAL, so it needs no ``BEGIN`` and never waits for the writer."""
        values = statement.construct_params(params)
        args = [values[name] for name in statement.positiontup or ()]
        fairy = engine.raw_connection()
        try:
            return fairy.driver_connection.execute(statement.string, args).fetchall()
        finally:
            fairy.close()

    @contextmanager
    def bulk_writes(self, conn: Connection) -> Iterator[None]:
        """``cache_size`` raised to ``BULK_CACHE_KIB`` for one bulk transaction, then put back: with
        the default 2 MiB, inserting 100,000 catalog rows (three b-trees) spilled pages to the WAL
        in the middle of the transaction and took 1.6 times as long (bench/xtream.py)."""
        driver = conn.connection.driver_connection
        before = int(driver.execute("PRAGMA cache_size").fetchone()[0])
        driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            driver.execute(f"PRAGMA cache_size = {before}")

    def executemany(self, conn: Connection, statement: Compiled, rows: Sequence[Sequence[Any]]) -> None:
        conn.connection.driver_connection.executemany(statement.string, rows)

    def _set_synchronous(self, info: dict, driver, durable: bool) -> None:
        level = self.options.synchronous.upper() if durable else "NORMAL"
        if info.get("synchronous") != level:
            driver.execute(f"PRAGMA synchronous = {level}")  # outside any transaction
            info["synchronous"] = level

    # --- maintenance -----------------------------------------------------------------------------
    def checkpoint(self, engine: Engine) -> None:
        """Fold the WAL back into the database (called periodically so the WAL stays bounded)."""
        if self.journal_mode == "wal":
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_ok(self, engine: Engine) -> bool:
        with engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    def backup(self, target: Path) -> Path:
        """An online, consistent copy (SQLite's backup API; a plain file copy can be torn)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(self.options.path)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dest.close()
            source.close()
        return target

    def check_copy(self, copy: Path) -> str | None:
        """``integrity_check`` on the copy, read-only, and its schema revision (Alembic's table)."""
        if not copy.is_file():
            return f"{copy} is not a file"
        try:
            conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            return f"{copy} cannot be opened: {exc}"
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                return f"{copy} is damaged: {verdict}"
            if not conn.execute("SELECT version_num FROM alembic_version").fetchone():
                return f"{copy} holds no schema revision"
        except sqlite3.DatabaseError as exc:  # not a database, or no Alembic table
            return f"{copy} is not a Media Library database: {exc}"
        finally:
            conn.close()
        return None

    def replace_with(self, copy: Path, aside: Path) -> None:
        """Move the database with its ``-wal``/``-shm`` to ``aside`` (together, so the WAL still
        belongs to it), then put a fresh copy of ``copy`` in place, written and fsynced first."""
        live = self.options.path
        for suffix in ("", "-wal", "-shm"):
            current = live.with_name(live.name + suffix)
            if current.exists():
                os.replace(current, aside.with_name(aside.name + suffix))
        partial = live.with_name(live.name + ".restoring")
        shutil.copyfile(copy, partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, live)

    # --- SQL constructs that differ between products ------------------------------------------------
    def insert(self, table: Table) -> Insert:
        return insert(table)

    def skip_locked(self, query: Select) -> Select:
        # Every claim is one UPDATE inside BEGIN IMMEDIATE: SQLite's single writer makes it atomic.
        return query

    def json_text(self, column: ColumnElement, *path: str) -> ColumnElement:
        return func.json_extract(column, "$." + ".".join(path))

    def json_valid(self, column: ColumnElement) -> ColumnElement[bool]:
        return func.json_valid(column)

    def json_list_contains(self, column: ColumnElement, value: str) -> ColumnElement[bool]:
        # The lists are compact JSON written by json.dumps: an element's exact JSON string is a
        # token of the text (and cheaper to find than unpacking the list).
        return func.instr(column, json.dumps(value, ensure_ascii=False)) > 0

    def json_list_values(self, column: ColumnElement) -> FromClause:
        return func.json_each(column).table_valued("value").alias("j")

    # --- full-text search over media titles ----------------------------------------------------------
    def search_ids(self, query: TextQuery, limit: int) -> Select:
        """FTS5 ``MATCH``, ranked inside the index (``ORDER BY rank``: bm25 weighted per column, set
        by migration 0004)."""
        match = literal_column("media_search").op("MATCH")(fts5_query(query))
        return select(SEARCH_TABLE.c.media_id).where(match).order_by(SEARCH_TABLE.c.rank).limit(limit)

    def search_text_hits(self, query: TextQuery, limit: int, marks: tuple[str, str]) -> Select:
        """``(media_id, snippet)`` of the full texts matching ``query``, best first; the snippet is a
        few words around the match with each matched word between ``marks``."""
        match = literal_column("media_search_text").op("MATCH")(fts5_query(query))
        snippet = func.snippet(literal_column("media_search_text"), 1, marks[0], marks[1], "…", 16)
        t = TEXT_SEARCH_TABLE.c
        return select(t.media_id, snippet).where(match).order_by(t.rank).limit(limit)

    def search_terms_between(self, low: str, high: str, limit: int, *, texts: bool = False) -> Select:
        """Title terms in ``[low, high)``; with ``texts``, the full texts' terms instead."""
        if texts:
            v = TEXT_VOCABULARY.c
            return select(v.term).where(v.term >= low, v.term < high).limit(limit)
        v = SEARCH_VOCABULARY.c
        return select(v.term).where(v.term >= low, v.term < high, v.col.in_(TITLE_COLUMNS)).distinct().limit(limit)

    def search_term_known(self, term: str, *, prefix: bool, texts: bool = False) -> Select:
        v = (TEXT_VOCABULARY if texts else SEARCH_VOCABULARY).c
        condition = (v.term >= term) & (v.term < term + "\U0010ffff") if prefix else v.term == term
        return select(v.term).where(condition).limit(1)
