"""Collections: manual ones with an order, and automatic ones mirroring TMDb's collections."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select

from ..db.schema import collection_items, collections
from ..errors import NotFound


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    kind: str
    tmdb_collection_id: str | None
    owner_id: int | None
    created_at: float


def _collection(row) -> Collection:
    return Collection(**row._mapping)


class CollectionsRepository:
    def add_collection(self, name: str, *, kind: str = "manual", tmdb_collection_id: str | None = None, owner_id: int | None = None) -> Collection:
        with self.db.write() as conn:
            if tmdb_collection_id:
                row = conn.execute(select(collections).where(collections.c.tmdb_collection_id == tmdb_collection_id)).first()
                if row:
                    return _collection(row)
            row = conn.execute(collections.insert().values(
                name=name, kind=kind, tmdb_collection_id=tmdb_collection_id, owner_id=owner_id, created_at=self.now(),
            ).returning(*collections.c)).one()
        return _collection(row)

    def get_collection(self, collection_id: int) -> Collection:
        with self.db.read() as conn:
            row = conn.execute(select(collections).where(collections.c.id == collection_id)).first()
        if row is None:
            raise NotFound(f"collection {collection_id} does not exist")
        return _collection(row)

    def list_collections(self) -> list[Collection]:
        with self.db.read() as conn:
            return [_collection(r) for r in conn.execute(select(collections).order_by(collections.c.name))]

    def delete_collection(self, collection_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(delete(collections).where(collections.c.id == collection_id)).rowcount:
                raise NotFound(f"collection {collection_id} does not exist")

    def add_to_collection(self, collection_id: int, media_id: str) -> None:
        with self.db.write() as conn:
            if conn.execute(select(collection_items).where(collection_items.c.collection_id == collection_id,
                                                           collection_items.c.media_id == media_id)).first():
                return
            last = conn.execute(select(func.max(collection_items.c.position)).where(collection_items.c.collection_id == collection_id)).scalar()
            conn.execute(collection_items.insert().values(collection_id=collection_id, media_id=media_id, position=(last or 0) + 1))

    def remove_from_collection(self, collection_id: int, media_id: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(collection_items).where(collection_items.c.collection_id == collection_id, collection_items.c.media_id == media_id))

    def reorder_collection(self, collection_id: int, media_ids: list[str]) -> None:
        with self.db.write() as conn:
            for position, media_id in enumerate(media_ids, start=1):
                conn.execute(collection_items.update().where(collection_items.c.collection_id == collection_id,
                                                             collection_items.c.media_id == media_id).values(position=position))

    def list_collection_media_ids(self, collection_id: int) -> list[str]:
        with self.db.read() as conn:
            return list(conn.execute(select(collection_items.c.media_id).where(collection_items.c.collection_id == collection_id)
                                     .order_by(collection_items.c.position)).scalars())
