"""What every repository mixin may use from its host, ``AppState``.

The contract: a mixin uses ``self.db`` (``read()`` / ``write()`` transactions), ``self.now()``
for timestamps and the JSON helpers below; it returns dataclasses from ``models``, never rows;
it publishes no events (callers do that after the commit). Anything that reads then writes runs
inside ``self.db.write()`` (the write lock from the first statement) or is a single
``UPDATE … RETURNING``. Queries are SQLAlchemy Core; what one database product does its own way
(upserts, JSON functions, full-text search) is asked of ``self.db.backend`` (``db/backend.py``),
never written here as SQL text. A read on every request's path (a session's or token's identity,
a known file's identify) may use ``hot_read`` instead: one statement compiled once, straight
through the driver.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.sql import Executable

from ..db.engine import Database


class StateBase:
    def __init__(self, db: Database, *, clock: Callable[[], float] = time.time):
        self.db = db
        self._clock = clock

    def now(self) -> float:
        return self._clock()

    def hot_read(self, statement: Executable, **params: Any) -> list[tuple]:
        """``statement``'s rows as plain tuples (its columns in order), compiled on first use and run
        straight through the driver (``Database.read_one``): SQLAlchemy's per-execution work costs
        several times a small indexed read. ``statement`` must be a module-level constant."""
        prepared = self.__dict__.setdefault("_hot_statements", {})
        compiled = prepared.get(statement)
        if compiled is None:
            compiled = prepared[statement] = self.db.prepare(statement)
        return self.db.read_one(compiled, params)

    def close(self) -> None:
        self.db.close()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any = None) -> Any:
    if text is None or text == "":
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default
