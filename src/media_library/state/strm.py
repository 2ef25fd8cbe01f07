"""The STRM export's manifest (the files the export owns under each output root), and the
library as the export reads it.

Only files listed in the manifest are ever deleted by the export's cleanup. Writes come in
batches, one transaction per batch (never a commit per file). ``strm_library_page`` reads a page
of items with their files, external ids and artwork in four queries, not three per item.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from ..db.schema import artwork, external_ids, media, media_files, strm_manifest
from ..models import Artwork, MediaFile, MediaItem
from ..models.strm import ManifestRow
from .media import _file, _item

LibraryRow = tuple[MediaItem, list[MediaFile], list[Artwork]]

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

    def upsert_strm_manifest(self, root: str, rows: Iterable[ManifestRow]) -> int:
        """Insert or replace rows of ``root`` in one transaction; returns how many."""
        values = [{"root": root, **r.__dict__, "written_at": r.written_at or self.now()} for r in rows]
        if not values:
            return 0
        stmt = self.db.backend.insert(strm_manifest)
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

    # --- the library, as the export reads it -------------------------------------------------------
    def strm_library_page(self, kind: str, *, after: tuple[str, str] | None = None, limit: int = 500) -> list[LibraryRow]:
        """Items of ``kind`` after the keyset cursor ``(sort_title, id)``, each with its files that
        are not missing (by id), its external ids and its artwork: four queries per page."""
        query = select(media).where(media.c.kind == kind).order_by(media.c.sort_title, media.c.id).limit(max(1, min(limit, _BATCH)))
        if after is not None:
            title, last_id = after
            query = query.where((media.c.sort_title > title) | ((media.c.sort_title == title) & (media.c.id > last_id)))
        with self.db.read() as conn:
            rows = conn.execute(query).all()
            ids = [r._mapping["id"] for r in rows]
            files = _grouped(conn, select(media_files).where(media_files.c.media_id.in_(ids), media_files.c.missing.is_(False))
                             .order_by(media_files.c.id), _file)
            art = _grouped(conn, select(artwork).where(artwork.c.media_id.in_(ids)), lambda r: Artwork(**r._mapping))
            known: dict[str, dict[str, str]] = {}
            for media_id, provider, value in conn.execute(select(external_ids.c.media_id, external_ids.c.provider,
                                                                 external_ids.c.value).where(external_ids.c.media_id.in_(ids))):
                known.setdefault(media_id, {})[provider] = value
        return [(_item(r, known.get(r._mapping["id"])), files.get(r._mapping["id"], []), art.get(r._mapping["id"], []))
                for r in rows]


def _grouped(conn, query, convert) -> dict[str, list]:
    out: dict[str, list] = {}
    for row in conn.execute(query):
        out.setdefault(row._mapping["media_id"], []).append(convert(row))
    return out
