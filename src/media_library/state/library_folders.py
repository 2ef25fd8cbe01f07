"""The library folders a scan reads (``library_folders``); the rules about them are in
``services/library/folders.py``."""

from __future__ import annotations

from sqlalchemy import select

from ..db.schema import library_folders
from ..errors import NotFound
from ..models.library_folders import LibraryFolder


def _folder(row) -> LibraryFolder:
    m = row._mapping
    return LibraryFolder(id=m["id"], kind=m["kind"], path=m["path"], builtin=m["builtin"], created_at=m["created_at"])


class LibraryFoldersRepository:
    def list_library_folders(self) -> list[LibraryFolder]:
        with self.db.read() as conn:
            return [_folder(r) for r in conn.execute(select(library_folders).order_by(library_folders.c.id))]

    def get_library_folder(self, folder_id: int) -> LibraryFolder:
        with self.db.read() as conn:
            row = conn.execute(select(library_folders).where(library_folders.c.id == folder_id)).first()
        if row is None:
            raise NotFound(f"no library folder {folder_id}")
        return _folder(row)

    def add_library_folder(self, path: str, kind: str) -> LibraryFolder:
        with self.db.write() as conn:
            folder_id = conn.execute(library_folders.insert().values(path=path, kind=kind, created_at=self.now())
                                     .returning(library_folders.c.id)).scalar_one()
            return _folder(conn.execute(select(library_folders).where(library_folders.c.id == folder_id)).one())

    def remove_library_folder(self, folder_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(library_folders.delete().where(library_folders.c.id == folder_id)).rowcount:
                raise NotFound(f"no library folder {folder_id}")
