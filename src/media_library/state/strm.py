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

_BATCH = 500  # rows per statement: SQLite caps bound parameters per statement


def _row(row) -> ManifestRow:
    m = row._mapping
    return ManifestRow(path=m["path"], item_key=m["item_key"], content_hash=m["content_hash"],
                       source_hash=m["source_hash"], url=m["url"], size=m["size"], mtime_ns=m["mtime_ns"],
                       written_at=m["written_at"])


class StrmRepository:
    def list_strm_manifest(self, root: str) -> dict[str, ManifestRow]:
        """Every row of ``root``, by relative path."""
        query = select(strm_manifest).where(strm_manifest.c.root == root)
        with self.db.read() as conn:
            return {r._mapping["path"]: _row(r) for r in conn.execute(query)}

    def count_strm_manifest(self, root: str) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(strm_manifest).where(strm_manifest.c.root == root)).scalar_one()

    def upsert_strm_manifest(self, root: str, rows: Iterable[ManifestRow]) -> int:
        """Insert or replace rows of ``root`` in one transaction; returns how many."""
        values = [{"root": root, **r.__dict__, "written_at": r.written_at or self.now()} for r in rows]
        if not values:
            return 0
        with self.db.write() as conn:
            for start in range(0, len(values), _BATCH):
                stmt = insert(strm_manifest).values(values[start:start + _BATCH])
                excluded = stmt.excluded
                conn.execute(stmt.on_conflict_do_update(
                    index_elements=[strm_manifest.c.root, strm_manifest.c.path],
                    set_={name: excluded[name] for name in ("item_key", "content_hash", "source_hash", "url", "size", "mtime_ns", "written_at")},
                ))
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
