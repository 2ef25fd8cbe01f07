"""Library items, their files, external ids, artwork and match candidates.

Item ids are random (never derived from a path), so they cannot be guessed or enumerated.
Listing pages by key, never by OFFSET. A scan writes its whole batch in one transaction
(``apply_scan``); ``ensure_media`` finds-or-creates in one, so two identify jobs for episodes of
one show cannot create the show twice; a file move and its ``file_moves`` row commit together.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, select, update

from ..db.schema import artwork, external_ids, file_moves, match_candidates, media, media_files
from ..errors import InvalidInput, NotFound
from ..models import Artwork, Candidate, MediaFile, MediaItem
from ..models.library import MEDIA_KINDS
from .base import dumps, loads

_JSON_FIELDS = {"genres": [], "extra": {}}
_ITEM_FIELDS = {c.name for c in media.c} - {"id", "added_at", "updated_at"}
_FILE_FIELDS = {c.name for c in media_files.c} - {"id", "added_at", "updated_at"}
_HOT_READS = {  # read straight through the driver by ``file_with_item`` (see there)
    "file": select(media_files).where(media_files.c.id == bindparam("id")),
    "item": select(media).where(media.c.id == bindparam("id")),
    "ids": select(external_ids.c.provider, external_ids.c.value).where(external_ids.c.media_id == bindparam("id")),
}


def new_media_id() -> str:
    return secrets.token_hex(8)


def _columns(row) -> dict:
    """A result row (or column → value pairs) as a fresh dict."""
    return dict(row._mapping if hasattr(row, "_mapping") else row)


def _item(row, ids: Mapping[str, str] | None = None) -> MediaItem:
    m = _columns(row)
    for name, default in _JSON_FIELDS.items():
        m[name] = loads(m[name], default)
    m["match_locked"] = bool(m["match_locked"])
    return MediaItem(**m, external_ids=dict(ids or {}))


def _file(row) -> MediaFile:
    m = _columns(row)
    m.pop("added_at"), m.pop("updated_at")
    m["audio_codecs"] = loads(m["audio_codecs"], [])
    m["tech"] = loads(m["tech"], {})
    m["missing"] = bool(m["missing"])
    return MediaFile(**m)


def _encode(values: Mapping[str, Any], allowed: set[str]) -> dict[str, Any]:
    unknown = set(values) - allowed
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(sorted(unknown))}")
    out = dict(values)
    for name in ("genres", "extra", "audio_codecs", "tech"):
        if name in out and not isinstance(out[name], str):
            out[name] = dumps(out[name])
    return out


@dataclass(frozen=True)
class FileMove:
    """One row of ``file_moves``: a file organize moved, so the batch can be undone."""

    id: int
    batch_id: str
    media_file_id: int | None
    source: str
    target: str
    moved_at: float
    undone_at: float | None = None


class IndexedFile(NamedTuple):
    """What a scan compares a file on disk with: one tuple per known path, read in one query."""

    id: int
    size: int
    mtime: float
    missing: bool
    media_id: str | None
    duration_s: float | None = None


def _under(column, folder: str):
    """``column`` is a path inside ``folder``: a range on the unique index instead of a LIKE."""
    prefix = folder.rstrip("/") + "/"
    return (column >= prefix) & (column < prefix[:-1] + "0")  # "0" sorts right after "/"


class LibraryRepository:
    """The library's scan, identify and organize bookkeeping (mixed into ``MediaRepository``)."""

    # --- scanning --------------------------------------------------------------------------
    def file_index(self, folder: str) -> dict[str, IndexedFile]:
        """Every known file under ``folder``; plain tuples, because a rescan reads 10,000s of them."""
        query = select(media_files.c.path, media_files.c.id, media_files.c.size, media_files.c.mtime,
                       media_files.c.missing, media_files.c.media_id, media_files.c.duration_s).where(_under(media_files.c.path, folder))
        make = IndexedFile._make
        with self.db.read() as conn:
            return {r[0]: make(r[1:]) for r in conn.execute(query)}

    def quick_hashes(self, file_ids: Iterable[int]) -> dict[int, str]:
        """The stored quick hashes of some files (the ones a scan found gone), for move detection."""
        ids, found = list(file_ids), {}
        with self.db.read() as conn:
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(media_files.c.id, media_files.c.tech).where(media_files.c.id.in_(ids[start:start + 500])))
                for file_id, tech in rows:
                    value = loads(tech, {})
                    if isinstance(value, dict) and value.get("quick_hash"):
                        found[file_id] = value["quick_hash"]
        return found

    def apply_scan(self, *, new: Iterable[Mapping[str, Any]] = (), changed: Iterable[tuple[int, Mapping[str, Any]]] = (),
                   missing: Iterable[int] = ()) -> list[MediaFile]:
        """Write one scan batch in one transaction; returns the files added."""
        now = self.now()
        with self.db.write() as conn:
            added = [_file(conn.execute(media_files.insert().values(added_at=now, updated_at=now, **_encode(v, _FILE_FIELDS))
                                        .returning(*media_files.c)).one()) for v in new]
            for file_id, values in changed:
                conn.execute(update(media_files).where(media_files.c.id == file_id).values(updated_at=now, **_encode(values, _FILE_FIELDS)))
            ids = list(missing)
            for start in range(0, len(ids), 500):
                conn.execute(update(media_files).where(media_files.c.id.in_(ids[start:start + 500])).values(missing=True, updated_at=now))
        return added

    def update_media_file(self, file_id: int, **fields: Any) -> MediaFile:
        values = _encode(fields, _FILE_FIELDS)
        with self.db.write() as conn:
            row = conn.execute(update(media_files).where(media_files.c.id == file_id).values(updated_at=self.now(), **values)
                               .returning(*media_files.c)).first()
        if row is None:
            raise NotFound(f"file {file_id} does not exist")
        return _file(row)

    def count_media_files(self, media_id: str) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(media_files).where(media_files.c.media_id == media_id)).scalar()

    # --- identify --------------------------------------------------------------------------
    def ensure_media(self, kind: str, title: str, *, match: Mapping[str, Any], **fields: Any) -> tuple[MediaItem, bool]:
        """The item matching ``match`` (``{"provider", "value"}`` or columns such as parent and numbers), else a new one."""
        with self.db.write() as conn:
            found = self._find_one(conn, kind, match)
            if found is not None:
                return _item(found, self._read_ids(conn, found._mapping["id"])), False
            ids = fields.pop("external_ids", None) or {}
            values = _encode({"kind": kind, "title": title, **fields}, _ITEM_FIELDS)
            values.setdefault("sort_title", sort_title(title))
            now = self.now()
            row = conn.execute(media.insert().values(id=new_media_id(), added_at=now, updated_at=now, **values).returning(*media.c)).one()
            self._write_ids(conn, row._mapping["id"], ids)
            return _item(row, ids), True

    @staticmethod
    def _find_one(conn, kind: str, match: Mapping[str, Any]):
        query = select(media).where(media.c.kind == kind)
        if "provider" in match:
            query = query.join(external_ids, external_ids.c.media_id == media.c.id).where(
                external_ids.c.provider == match["provider"], external_ids.c.value == str(match["value"]))
        for name, value in match.items():
            if name not in ("provider", "value"):
                query = query.where(media.c[name].is_(None) if value is None else media.c[name] == value)
        return conn.execute(query.limit(1)).first()

    def list_media_ids_with_files(self, *, include_locked: bool = False, kinds: Iterable[str] | None = None) -> list[str]:
        query = select(media.c.id).where(media.c.id.in_(select(media_files.c.media_id))).order_by(media.c.id)
        if not include_locked:
            query = query.where(media.c.match_locked.is_(False))
        if kinds:
            query = query.where(media.c.kind.in_(list(kinds)))
        with self.db.read() as conn:
            return list(conn.execute(query).scalars())

    # --- organize --------------------------------------------------------------------------
    def record_file_move(self, batch_id: str, file_id: int | None, source: str, target: str) -> FileMove:
        """Point the file at its new path and remember the move, in one transaction."""
        now = self.now()
        with self.db.write() as conn:
            if file_id is not None:
                conn.execute(update(media_files).where(media_files.c.id == file_id).values(path=target, missing=False, updated_at=now))
            row = conn.execute(file_moves.insert().values(batch_id=batch_id, media_file_id=file_id, source=source,
                                                          target=target, moved_at=now).returning(*file_moves.c)).one()
        return FileMove(**row._mapping)

    def last_move_batch(self) -> list[FileMove]:
        """The moves of the newest batch not yet undone, newest first."""
        with self.db.read() as conn:
            batch = conn.execute(select(file_moves.c.batch_id).where(file_moves.c.undone_at.is_(None))
                                 .order_by(file_moves.c.id.desc()).limit(1)).scalar()
            if batch is None:
                return []
            rows = conn.execute(select(file_moves).where(file_moves.c.batch_id == batch, file_moves.c.undone_at.is_(None))
                                .order_by(file_moves.c.id.desc())).all()
        return [FileMove(**r._mapping) for r in rows]

    def undo_file_move(self, move: FileMove) -> None:
        now = self.now()
        with self.db.write() as conn:
            if move.media_file_id is not None:
                conn.execute(update(media_files).where(media_files.c.id == move.media_file_id).values(path=move.source, updated_at=now))
            conn.execute(update(file_moves).where(file_moves.c.id == move.id).values(undone_at=now))


class MediaRepository(LibraryRepository):
    # --- items -----------------------------------------------------------------------------
    def add_media(self, kind: str, title: str, **fields: Any) -> MediaItem:
        if kind not in MEDIA_KINDS:
            raise InvalidInput(f"unknown media kind {kind!r}")
        ids = fields.pop("external_ids", None) or {}
        now = self.now()
        values = _encode({"kind": kind, "title": title, **fields}, _ITEM_FIELDS)
        values.setdefault("sort_title", sort_title(title))
        with self.db.write() as conn:
            row = conn.execute(media.insert().values(id=new_media_id(), added_at=now, updated_at=now, **values).returning(*media.c)).one()
            self._write_ids(conn, row._mapping["id"], ids)
        return _item(row, ids)

    def get_media(self, media_id: str) -> MediaItem:
        with self.db.read() as conn:
            row = conn.execute(select(media).where(media.c.id == media_id)).first()
            if row is None:
                raise NotFound(f"media item {media_id} does not exist")
            return _item(row, self._read_ids(conn, media_id))

    def update_media(self, media_id: str, **fields: Any) -> MediaItem:
        ids = fields.pop("external_ids", None)
        values = _encode(fields, _ITEM_FIELDS)
        if "title" in values and "sort_title" not in values:
            values["sort_title"] = sort_title(values["title"])
        with self.db.write() as conn:
            row = conn.execute(update(media).where(media.c.id == media_id).values(updated_at=self.now(), **values).returning(*media.c)).first()
            if row is None:
                raise NotFound(f"media item {media_id} does not exist")
            if ids is not None:
                conn.execute(delete(external_ids).where(external_ids.c.media_id == media_id))
                self._write_ids(conn, media_id, ids)
            return _item(row, self._read_ids(conn, media_id))

    def delete_media(self, media_id: str) -> None:
        with self.db.write() as conn:
            if not conn.execute(delete(media).where(media.c.id == media_id)).rowcount:
                raise NotFound(f"media item {media_id} does not exist")

    def list_media(self, *, kind: str | None = None, parent_id: str | None = None, status: str | None = None,
                   after_id: str | None = None, limit: int = 100) -> list[MediaItem]:
        query = select(media).order_by(media.c.sort_title, media.c.id).limit(max(1, min(limit, 1000)))
        if kind:
            query = query.where(media.c.kind == kind)
        if parent_id:
            query = query.where(media.c.parent_id == parent_id)
        if status:
            query = query.where(media.c.status == status)
        with self.db.read() as conn:
            if after_id:
                anchor = conn.execute(select(media.c.sort_title).where(media.c.id == after_id)).scalar()
                if anchor is not None:
                    query = query.where((media.c.sort_title > anchor) | ((media.c.sort_title == anchor) & (media.c.id > after_id)))
            rows = conn.execute(query).all()
            return [_item(r, self._read_ids(conn, r._mapping["id"])) for r in rows]

    @staticmethod
    def _write_ids(conn, media_id: str, ids: Mapping[str, str]) -> None:
        rows = [{"media_id": media_id, "provider": p, "value": str(v)} for p, v in ids.items() if v not in (None, "", "None")]
        if rows:
            conn.execute(external_ids.insert(), rows)

    @staticmethod
    def _read_ids(conn, media_id: str) -> dict[str, str]:
        return dict(conn.execute(select(external_ids.c.provider, external_ids.c.value).where(external_ids.c.media_id == media_id)).all())

    # --- files -----------------------------------------------------------------------------
    def upsert_media_file(self, path: str, **fields: Any) -> MediaFile:
        """Insert or update the file at ``path`` (the unique key)."""
        values = _encode(fields, _FILE_FIELDS - {"path"})
        now = self.now()
        with self.db.write() as conn:
            existing = conn.execute(select(media_files.c.id).where(media_files.c.path == path)).scalar()
            if existing is None:
                stmt = media_files.insert().values(path=path, added_at=now, updated_at=now, **values)
            else:
                stmt = update(media_files).where(media_files.c.id == existing).values(updated_at=now, **values)
            row = conn.execute(stmt.returning(*media_files.c)).one()
        return _file(row)

    def get_media_file(self, file_id: int) -> MediaFile:
        with self.db.read() as conn:
            row = conn.execute(select(media_files).where(media_files.c.id == file_id)).first()
        if row is None:
            raise NotFound(f"file {file_id} does not exist")
        return _file(row)

    def file_with_item(self, file_id: int) -> tuple[MediaFile, MediaItem | None]:
        """A file and the item it belongs to (None when it has none), in three indexed reads
        straight through the driver: every identify starts here, and for a file identified before
        from the same facts it is nearly all the work, so SQLAlchemy's per-execution cost (several
        times each statement's own) is skipped. Each read is its own snapshot; a concurrent change
        between them reads as the item's newer state, which identify handles like any other."""
        files = self.hot_read(_HOT_READS["file"], id=file_id)
        if not files:
            raise NotFound(f"file {file_id} does not exist")
        file = _file(zip(media_files.c.keys(), files[0], strict=True))
        items = self.hot_read(_HOT_READS["item"], id=file.media_id) if file.media_id else []
        if not items:
            return file, None
        return file, _item(zip(media.c.keys(), items[0], strict=True), dict(self.hot_read(_HOT_READS["ids"], id=file.media_id)))

    def find_media_file(self, path: str) -> MediaFile | None:
        """The file recorded at ``path``, or None."""
        with self.db.read() as conn:
            row = conn.execute(select(media_files).where(media_files.c.path == path)).first()
        return _file(row) if row is not None else None

    def delete_media_file(self, file_id: int) -> None:
        """Forget one file (it was moved to the trash or deleted); its moves keep their history."""
        with self.db.write() as conn:
            conn.execute(delete(media_files).where(media_files.c.id == file_id))

    def list_media_files(self, media_id: str) -> list[MediaFile]:
        with self.db.read() as conn:
            return [_file(r) for r in conn.execute(select(media_files).where(media_files.c.media_id == media_id).order_by(media_files.c.id))]

    # --- artwork and candidates ------------------------------------------------------------
    def set_artwork(self, media_id: str, kind: str, path: str, source_url: str | None = None) -> Artwork:
        with self.db.write() as conn:
            conn.execute(delete(artwork).where(artwork.c.media_id == media_id, artwork.c.kind == kind))
            conn.execute(artwork.insert().values(media_id=media_id, kind=kind, path=path, source_url=source_url))
        return Artwork(media_id, kind, path, source_url)

    def list_artwork(self, media_id: str) -> list[Artwork]:
        with self.db.read() as conn:
            rows = conn.execute(select(artwork).where(artwork.c.media_id == media_id)).all()
        return [Artwork(**r._mapping) for r in rows]

    def set_candidates(self, media_id: str, candidates: Iterable[Candidate]) -> None:
        columns = set(match_candidates.c.keys())
        rows = [{"media_id": media_id, **{k: v for k, v in c.__dict__.items() if k in columns}} for c in candidates]
        with self.db.write() as conn:
            conn.execute(delete(match_candidates).where(match_candidates.c.media_id == media_id))
            if rows:
                conn.execute(match_candidates.insert(), rows)

    def list_candidates(self, media_id: str) -> list[Candidate]:
        with self.db.read() as conn:
            rows = conn.execute(select(match_candidates).where(match_candidates.c.media_id == media_id).order_by(match_candidates.c.rank)).all()
        return [Candidate(**{k: v for k, v in r._mapping.items() if k != "media_id"}) for r in rows]


def sort_title(title: str) -> str:
    """``The Godfather`` sorts as ``godfather``, ``Émile`` as ``emile`` (accents folded)."""
    decomposed = unicodedata.normalize("NFKD", title.strip().casefold())
    lowered = "".join(c for c in decomposed if not unicodedata.combining(c))
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            return lowered[len(article):]
    return lowered
