"""The database connection: ``Database`` owns one SQLAlchemy engine and hands out transactions.

- ``write()`` yields a connection inside a write transaction; writers take turns (on SQLite the
  write lock is held from the first statement, so a read-then-write never fails half-way).
- ``read()`` yields one inside a transaction that only reads; in WAL mode it never waits.
- Never nest ``write()``.
- ``prepare(statement)`` + ``write_one(prepared, params)``: one statement compiled once, run as a
  write transaction of its own straight through the driver (the same writer turn, ``BEGIN
  IMMEDIATE`` and durability as ``write()``), for statements run thousands of times a minute;
  ``read_one(prepared, params)`` is its reading twin (one statement, no transaction of its own).

What one database product does its own way (pragmas, how a write transaction begins, the writer
lock, checkpoints, backups, upserts, JSON and full-text search) is its ``Backend``
(``db/backend.py``), picked from the database URL's scheme in ``BACKENDS``: ``db/sqlite.py`` is
the only one today. This package and ``state/`` are the only places that build SQL.
``close()`` disposes every pooled connection (tracked readers included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.sql.compiler import Compiled

from .backend import Backend, DatabaseOptions
from .sqlite import SqliteBackend

__all__ = ["BACKENDS", "Database", "DatabaseOptions", "backend_for"]

# URL scheme (SQLAlchemy's backend name) → the backend that serves it.
BACKENDS: dict[str, Callable[..., Backend]] = {"sqlite": SqliteBackend}


def backend_for(options: DatabaseOptions, *, fs_type: str | None = None) -> Backend:
    name = make_url(options.url).get_backend_name()
    if name not in BACKENDS:
        raise ValueError(f"no database backend for {name!r} URLs; this build knows {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name](options, fs_type=fs_type)


class Database:
    """Owns the engine. ``read()`` / ``write()`` yield a ``Connection`` inside a transaction."""

    def __init__(self, options: DatabaseOptions, *, fs_type: str | None = None):
        self.options = options
        self.backend: Backend = backend_for(options, fs_type=fs_type)
        self.engine: Engine = self.backend.create_engine()

    @contextmanager
    def write(self, *, durable: bool = True, bulk: bool = False) -> Iterator[Connection]:
        """A write transaction; the backend decides how writers take turns. ``bulk``: a transaction
        writing many thousands of rows (a catalog section), which the backend may give more memory.

        ``durable=False`` may lose the last such commits in a power cut (never in a crash or a
        kill). Only bookkeeping that can be redone uses it (claims, heartbeats, progress, job
        outcomes: a job whose outcome is lost simply runs again, which every job tolerates);
        anything acknowledged to a person, such as an enqueue, stays at the configured level.
        """
        with self.backend.writer_turn(), self.engine.connect() as conn:
            self.backend.prepare_write(conn, durable=durable)
            with self.backend.bulk_writes(conn) if bulk else nullcontext(), conn.begin():
                yield conn

    def prepare(self, statement: Executable) -> Compiled:
        """``statement`` compiled once for ``write_one`` (values left as bound parameters)."""
        return statement.compile(dialect=self.engine.dialect)

    def write_one(self, statement: Compiled, params: dict[str, Any], *, durable: bool = True) -> list[tuple]:
        """Run one prepared statement as a write transaction of its own and return its rows (plain
        tuples, in the order of its columns): the same transaction as ``write()`` without
        SQLAlchemy's per-execution overhead, for statements run thousands of times a minute (the
        job queue's claim and outcome updates). ``durable`` as in ``write()``."""
        return self.backend.write_one(self.engine, statement, params, durable=durable)

    def read_one(self, statement: Compiled, params: dict[str, Any]) -> list[tuple]:
        """Run one prepared ``SELECT`` straight through the driver and return its rows (plain
        tuples, in the order of its columns): one statement sees one consistent snapshot, so it
        needs no transaction of its own. For reads on a hot path (a known file's identify)."""
        return self.backend.read_one(self.engine, statement, params)

    def executemany(self, conn: Connection, statement: Compiled, columns: Sequence[str],
                    rows: Sequence[Sequence[Any]]) -> None:
        """Run a prepared statement once per row inside ``conn``'s write transaction, each row's
        values in the order of ``columns`` (its bound parameters' names): the driver's own
        ``executemany``, without SQLAlchemy building a parameter dict per row, which cost more
        than the writes themselves in a 100,000-row catalog sync (bench/xtream.py)."""
        order = tuple(statement.positiontup or ())
        if order != tuple(columns):
            position = [list(columns).index(name) for name in order]
            rows = [tuple(row[i] for i in position) for row in rows]
        if rows:
            self.backend.executemany(conn, statement, rows)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def checkpoint(self) -> None:
        """Periodic housekeeping of the write-ahead log (keeps it bounded)."""
        self.backend.checkpoint(self.engine)

    def integrity_ok(self) -> bool:
        return self.backend.integrity_ok(self.engine)

    def backup_to(self, target: Path) -> Path:
        """An online, consistent copy of the database at ``target``."""
        return self.backend.backup(target)

    def check_copy(self, copy: Path) -> str | None:
        """None when a copy (a backup) is sound and migrated, else what is wrong with it."""
        return self.backend.check_copy(copy)

    def replace_with(self, copy: Path, aside: Path) -> None:
        """Restore: the checked ``copy`` becomes the database; the old one is kept at ``aside``.
        Only while no process uses the database (``db/sentinel.py``'s ``DatabaseLock``)."""
        self.engine.dispose()
        self.backend.replace_with(copy, aside)

    def close(self) -> None:
        self.engine.dispose()
