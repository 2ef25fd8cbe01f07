"""The seam between portable SQL and one database product: the ``Backend`` contract.

Everything in ``state/`` is SQLAlchemy Core that runs on any database SQLAlchemy supports. What a
product does its own way is asked of the backend instead: how connections are tuned, how a write
transaction starts and who waits for whom, maintenance (checkpoint, integrity check, online
backup), the ``INSERT … ON CONFLICT`` construct, JSON functions and the full-text search index.
``db/sqlite.py`` is the implementation today; ``db/engine.py`` picks one from the database URL's
scheme. A PostgreSQL backend is a new module beside ``sqlite.py`` that implements this contract
(and a branch in the migrations that create the search index); see docs/ARCHITECTURE.md
("The database").
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Select, Table
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, FromClause
from sqlalchemy.sql.compiler import Compiled

from ..models.search import TextQuery


@dataclass(frozen=True)
class DatabaseOptions:
    path: Path
    synchronous: str = "FULL"
    busy_timeout_ms: int = 10000
    journal_size_limit_mb: int = 64
    pool_size: int = 8

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database; its scheme picks the backend."""
        return f"sqlite:///{self.path}"


class Backend(Protocol):
    """What ``Database`` and the repositories ask of one database product."""

    name: str

    # --- connections and transactions -----------------------------------------------------------
    def create_engine(self) -> Engine:
        """The pooled engine, with the product's connection settings applied on connect."""

    def writer_turn(self) -> AbstractContextManager[Any]:
        """Held around every write transaction (a lock where the product has one writer)."""

    def prepare_write(self, conn: Connection, *, durable: bool) -> None:
        """Ready ``conn`` for a write transaction, before it begins (durability, locking mode)."""

    def write_one(self, engine: Engine, statement: Compiled, params: dict[str, Any], *, durable: bool) -> list[tuple]:
        """Run one compiled statement as a write transaction of its own, straight through the
        driver, and return its rows (the hot path of the job queue; see ``Database.write_one``)."""

    def read_one(self, engine: Engine, statement: Compiled, params: dict[str, Any]) -> list[tuple]:
        """Run one compiled ``SELECT`` straight through the driver and return its rows."""

    def bulk_writes(self, conn: Connection) -> AbstractContextManager[Any]:
        """Held around a ``bulk`` write transaction, outside it (more page cache for that
        connection where the product has one per connection)."""

    def executemany(self, conn: Connection, statement: Compiled, rows: Sequence[Sequence[Any]]) -> None:
        """Run one compiled statement once per row (values in ``statement.positiontup`` order)
        inside ``conn``'s write transaction, straight through the driver (bulk writes; see
        ``Database.executemany``)."""

    # --- maintenance -----------------------------------------------------------------------------
    def checkpoint(self, engine: Engine) -> None:
        """Periodic housekeeping of the write-ahead log."""

    def integrity_ok(self, engine: Engine) -> bool:
        """The product's own consistency check passed."""

    def backup(self, target: Path) -> Path:
        """A consistent copy of the live database at ``target``."""

    def check_copy(self, copy: Path) -> str | None:
        """None when the copy at ``copy`` is sound and holds a migrated schema, else what is wrong."""

    def replace_with(self, copy: Path, aside: Path) -> None:
        """Put the checked ``copy`` in place of the (stopped) database; the old one moves to ``aside``."""

    # --- SQL constructs that differ between products ------------------------------------------------
    def insert(self, table: Table) -> Any:
        """An INSERT with ``on_conflict_do_update`` / ``on_conflict_do_nothing`` (an upsert)."""

    def skip_locked(self, query: Select) -> Select:
        """``query`` choosing a row to claim, so that two claimers never pick the same one."""

    def json_text(self, column: ColumnElement, *path: str) -> ColumnElement:
        """The value at ``path`` inside a JSON text column."""

    def json_valid(self, column: ColumnElement) -> ColumnElement[bool]:
        """True where the column holds valid JSON."""

    def json_list_contains(self, column: ColumnElement, value: str) -> ColumnElement[bool]:
        """True where the JSON list of strings in ``column`` holds ``value``."""

    def json_list_values(self, column: ColumnElement) -> FromClause:
        """A table-valued function: one row (column ``value``) per element of the JSON list."""

    # --- full-text search over media titles ----------------------------------------------------------
    def search_ids(self, query: TextQuery, limit: int) -> Select:
        """Ids of the media items matching ``query``, best first."""

    def search_text_hits(self, query: TextQuery, limit: int, marks: tuple[str, str]) -> Select:
        """``(media_id, snippet)`` of the items whose full text (``media_texts``) matches, best first."""

    def search_terms_between(self, low: str, high: str, limit: int) -> Select:
        """Distinct indexed title terms in ``[low, high)``."""

    def search_term_known(self, term: str, *, prefix: bool) -> Select:
        """A row when ``term`` (or, with ``prefix``, a term starting with it) is an indexed title term."""
