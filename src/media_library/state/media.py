"""Library items, their files, external ids, artwork and match candidates.

Item ids are random (never derived from a path), so they cannot be guessed or enumerated.
Listing pages by key, never by OFFSET.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, select, update

from ..db.schema import artwork, external_ids, match_candidates, media, media_files
from ..errors import InvalidInput, NotFound
from ..models import Artwork, Candidate, MediaFile, MediaItem
from ..models.library import MEDIA_KINDS
from .base import dumps, loads

_JSON_FIELDS = {"genres": [], "extra": {}}
_ITEM_FIELDS = {c.name for c in media.c} - {"id", "added_at", "updated_at"}
_FILE_FIELDS = {c.name for c in media_files.c} - {"id", "added_at", "updated_at"}


def new_media_id() -> str:
    return secrets.token_hex(8)


def _item(row, ids: Mapping[str, str] | None = None) -> MediaItem:
    m = dict(row._mapping)
    for name, default in _JSON_FIELDS.items():
        m[name] = loads(m[name], default)
    m["match_locked"] = bool(m["match_locked"])
    return MediaItem(**m, external_ids=dict(ids or {}))


def _file(row) -> MediaFile:
    m = dict(row._mapping)
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


class MediaRepository:
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

    def find_media_by_external_id(self, provider: str, value: str, kind: str | None = None) -> MediaItem | None:
        query = select(external_ids.c.media_id).where(external_ids.c.provider == provider, external_ids.c.value == str(value))
        if kind:
            query = query.join(media, media.c.id == external_ids.c.media_id).where(media.c.kind == kind)
        with self.db.read() as conn:
            media_id = conn.execute(query.limit(1)).scalar()
        return self.get_media(media_id) if media_id else None

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

    def get_file_by_path(self, path: str) -> MediaFile | None:
        with self.db.read() as conn:
            row = conn.execute(select(media_files).where(media_files.c.path == path)).first()
        return _file(row) if row else None

    def list_media_files(self, media_id: str) -> list[MediaFile]:
        with self.db.read() as conn:
            return [_file(r) for r in conn.execute(select(media_files).where(media_files.c.media_id == media_id).order_by(media_files.c.id))]

    def delete_media_file(self, file_id: int) -> None:
        with self.db.write() as conn:
            conn.execute(delete(media_files).where(media_files.c.id == file_id))

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
        rows = [{"media_id": media_id, **c.__dict__} for c in candidates]
        with self.db.write() as conn:
            conn.execute(delete(match_candidates).where(match_candidates.c.media_id == media_id))
            if rows:
                conn.execute(match_candidates.insert(), rows)

    def list_candidates(self, media_id: str) -> list[Candidate]:
        with self.db.read() as conn:
            rows = conn.execute(select(match_candidates).where(match_candidates.c.media_id == media_id).order_by(match_candidates.c.rank)).all()
        return [Candidate(**{k: v for k, v in r._mapping.items() if k != "media_id"}) for r in rows]


def sort_title(title: str) -> str:
    """``The Godfather`` sorts as ``godfather``."""
    lowered = title.strip().lower()
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            return lowered[len(article):]
    return lowered
