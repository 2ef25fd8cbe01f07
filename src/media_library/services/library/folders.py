"""Library folders: which folders a scan reads, each with the kind that steers identification.

The list lives in the database (``library_folders``). Three rows are seeded by the migration and
stand for the configured roots the organizer files into (``builtin`` movies, shows, music:
``library.movies_dir`` …, by default ``Movies/``, ``Shows/`` and ``Music/`` under the media
folder); a person adds others (``POST /api/library/folders``) and may remove any. The media folder
itself is always scanned too, but only the files lying directly in it (a file dropped there is
found; its other subfolders are read only when they are library folders).

A folder must lie inside the media folder or one of ``library.allowed_folders`` (after resolving
symlinks and ``..``), and may neither contain nor sit inside another library folder (a file would
belong to two kinds). Nothing outside those configured folders is ever read.

The kind goes with each file the scan finds (``tech.root``): ``films`` files are identified as
films, ``shows`` files as episodes, ``music`` and ``mixed`` ones as today (audio by AcoustID and
MusicBrainz, video by the name). The organizer names a file inside the added folder that holds it
(``added_folder_of``): it never leaves that folder; files dropped in the media folder itself go to
the configured roots like uploads.

Must not: walk folders (``scan.py`` does) or import Flask.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ...errors import Conflict, InvalidInput
from ...models.library_folders import FOLDER_KINDS, LibraryFolder
from .scan import Root, library_roots

# The folder kind -> the root kind a scanned file records (``tech.root``), as before folders had kinds.
ROOT_KIND = {"films": "movies", "shows": "shows", "music": "music", "mixed": "mixed"}
MEDIA_ROOT_KIND = "mixed"


class LibraryFolders:
    """``services.library.folders``: list, add and remove library folders; the roots to scan."""

    def __init__(self, state, settings):
        self.state = state
        self.media_root = Path(os.path.realpath(settings.media_dir))
        self.builtin_paths = {root.kind: root.path for root in library_roots(settings)}
        self.allowed = [self.media_root, *(Path(os.path.realpath(os.path.expanduser(p)))
                                           for p in settings.library.allowed_folders)]

    # --- reading -----------------------------------------------------------------------------
    def path_of(self, folder: LibraryFolder) -> Path:
        return self.builtin_paths[folder.builtin] if folder.builtin else Path(folder.path or "")

    def listing(self) -> dict[str, Any]:
        """The folders as the app shows them, and the media folder whose own files are scanned too."""
        return {"media_root": str(self.media_root), "allowed": [str(p) for p in self.allowed],
                "kinds": list(FOLDER_KINDS), "items": [self.public(f) for f in self.state.list_library_folders()]}

    def public(self, folder: LibraryFolder) -> dict[str, Any]:
        path = self.path_of(folder)
        return {"id": folder.id, "kind": folder.kind, "path": str(path), "builtin": folder.builtin,
                "exists": path.is_dir(), "created_at": folder.created_at}

    def roots(self, folder_id: int | None = None) -> list[Root]:
        """What a scan reads: one folder, or every folder and the media folder's own files."""
        if folder_id is not None:
            return [self._root(self.state.get_library_folder(folder_id))]
        return [*(self._root(f) for f in self.state.list_library_folders()),
                Root(MEDIA_ROOT_KIND, self.media_root, recursive=False)]

    def added_folder_of(self, path: str) -> Path | None:
        """The library folder a person added that holds ``path`` (the organizer files it there), or None."""
        for folder in self.state.list_library_folders():
            if folder.builtin is None and folder.path and path.startswith(folder.path.rstrip(os.sep) + os.sep):
                return Path(folder.path)
        return None

    def _root(self, folder: LibraryFolder) -> Root:
        """A configured root is created when missing (as always); an added folder that is gone (an
        unmounted share) is skipped, so its files are not all marked missing."""
        return Root(ROOT_KIND[folder.kind], self.path_of(folder), create=folder.builtin is not None)

    # --- changing ----------------------------------------------------------------------------
    def add(self, path: Any, kind: Any) -> LibraryFolder:
        if kind not in FOLDER_KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(FOLDER_KINDS)}")
        folder = self._checked_path(path)
        self._refuse_overlap(folder)
        if folder.is_relative_to(self.media_root):
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise InvalidInput(f"{folder} is not a folder; create it first")
        return self.state.add_library_folder(str(folder), kind)

    def remove(self, folder_id: int) -> None:
        """Stop scanning a folder; its files and items stay in the library."""
        self.state.remove_library_folder(folder_id)

    def _checked_path(self, raw: Any) -> Path:
        if not isinstance(raw, str) or not raw.strip() or "\x00" in raw:
            raise InvalidInput("path must be a folder: absolute, or relative to the media folder")
        folder = Path(os.path.realpath(self.media_root / raw.strip()))  # an absolute path replaces the base
        if not any(folder.is_relative_to(base) for base in self.allowed):
            raise InvalidInput(f"{folder} is outside the media folder ({self.media_root}) and the allowed folders "
                               "(library.allowed_folders); only folders inside them can be library folders")
        if folder == self.media_root:
            raise InvalidInput("the media folder's own files are always scanned; add a folder inside it")
        return folder

    def _refuse_overlap(self, folder: Path) -> None:
        for existing in self.state.list_library_folders():
            other = Path(os.path.realpath(self.path_of(existing)))
            if folder == other or folder.is_relative_to(other) or other.is_relative_to(folder):
                raise Conflict(f"{folder} overlaps the library folder {other} ({existing.kind}); "
                               "a file can belong to one library folder only")
