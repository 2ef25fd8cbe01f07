"""The STRM export's manifest: the files the export owns under each output root.

Only files listed here are ever deleted by the export's cleanup. Writes come in batches, one
transaction per batch (never a commit per file).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert

from ..db.schema import strm_manifest
from ..models.strm import ManifestRow

_BATCH = 500  # paths per DELETE … IN (…): SQLite caps bound parameters per statement
_UPDATED = ("item_key", "content_hash", "source_hash", "url", "size", "mtime_ns", "written_at")


_COLUMNS = (strm_manifest.c.path, strm_manifest.c.item_key, strm_manifest.c.content_hash, strm_manifest.c.source_hash,
            strm_manifest.c.url, strm_manifest.c.size, strm_manifest.c.mtime_ns, strm_manifest.c.written_at)


def _row(values) -> ManifestRow:
    return ManifestRow(*values)  # positional, in _COLUMNS order (100,000 rows load in well under a second)


class StrmRepository:
    def list_strm_manifest(self, root: str) -> dict[str, ManifestRow]:
        """Every row of ``root``, by relative path."""
        query = select(*_COLUMNS).where(strm_manifest.c.root == root)
        with self.db.read() as conn:
            return {values[0]: _row(values) for values in conn.execute(query)}

    def count_strm_manifest(self, root: str) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(strm_manifest).where(strm_manifest.c.root == root)).scalar_one()

    def upsert_strm_manifest(self, root: str, rows: Iterable[ManifestRow]) -> int:
        """Insert or replace rows of ``root`` in one transaction; returns how many."""
        values = [{"root": root, **r.__dict__, "written_at": r.written_at or self.now()} for r in rows]
        if not values:
            return 0
        stmt = insert(strm_manifest)
        stmt = stmt.on_conflict_do_update(
            index_elements=[strm_manifest.c.root, strm_manifest.c.path],
            set_={name: stmt.excluded[name] for name in _UPDATED},
        )
        with self.db.write() as conn:
            conn.execute(stmt, values)  # one executemany, compiled once
        return len(values)

    def delete_strm_manifest(self, root: str, paths: Iterable[str]) -> int:
        paths = list(paths)
        deleted = 0
        with self.db.write() as conn:
            for start in range(0, len(paths), _BATCH):
                chunk = paths[start:start + _BATCH]
                deleted += conn.execute(strm_manifest.delete().where(
                    strm_manifest.c.root == root, strm_manifest.c.path.in_(chunk))).rowcount
        return deleted
