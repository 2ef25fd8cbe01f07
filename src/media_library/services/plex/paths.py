"""Path mappings: a Plex path becomes a local path by the longest matching prefix.

A mapping belongs to a server and, optionally, one of its libraries; a library's own mappings
are tried before the server-wide ones, and among them the longest Plex prefix wins. Prefixes
match whole path components (``/media/tv`` maps ``/media/tv/x`` but not ``/media/tvshows/x``).
Windows-style Plex paths (``D:\\Movies\\…``) are read with either slash. A path with a ``..``
component maps to nothing, so no Plex answer can point outside a mapped folder. Nothing here touches
the database or the disk, except ``check`` and ``reach``, which say which local folders exist here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ...models.plex import PathMapping


def _norm(path: str) -> str:
    return path.replace("\\", "/").rstrip("/") if len(path) > 1 else path


class PathMapper:
    def __init__(self, mappings: Iterable[PathMapping]):
        ordered = sorted(mappings, key=lambda m: (m.library_id is None, -len(_norm(m.plex_prefix))))
        self.mappings = [(m.library_id, _norm(m.plex_prefix), m.local_prefix.rstrip("/") or "/") for m in ordered]

    def local_path(self, plex_path: str, library_id: int | None = None) -> str | None:
        """The local path of ``plex_path``, or None when no mapping covers it."""
        path = _norm(plex_path)
        for mapped_library, prefix, local in self.mappings:
            if mapped_library is not None and mapped_library != library_id:
                continue
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                rest = path[len(prefix):].lstrip("/")
                return _inside(local, rest)
        return None

    def reach(self, library_id: int) -> list[list]:
        """The mappings ``library_id`` uses, each with whether its local folder is there now: when
        this differs from the last sync's, files may have come into reach or gone out of it."""
        return [[prefix, local, os.path.isdir(local)] for mapped_library, prefix, local in self.mappings
                if mapped_library in (None, library_id)]

    def plex_path(self, local_path: str, library_id: int | None = None) -> str | None:
        """The Plex path of a local path (the mapping read backwards), or None."""
        path = local_path.rstrip("/") or "/"
        for mapped_library, prefix, local in sorted(self.mappings, key=lambda m: (m[0] is None, -len(m[2]))):
            if mapped_library is not None and mapped_library != library_id:
                continue
            if path == local or path.startswith(local.rstrip("/") + "/"):
                rest = path[len(local):].lstrip("/")
                return f"{prefix.rstrip('/')}/{rest}" if rest else prefix
        return None


def _inside(local: str, rest: str) -> str | None:
    """``local/rest``, or None when ``rest`` would climb out of ``local`` (``..``): a Plex server
    cannot make us record, and so serve, a file outside the folder the admin mapped."""
    if not rest:
        return local
    if any(part == ".." for part in rest.split("/")):
        return None
    return os.path.normpath(os.path.join(local, rest))


def folder_exists(path: str | None) -> bool:
    return bool(path) and os.path.isdir(path)


def check(mappings: Iterable[PathMapping]) -> list[dict]:
    """Each mapping with whether its local folder exists and can be read here."""
    return [{**m.to_public(), "exists": folder_exists(m.local_prefix), "readable": os.access(m.local_prefix, os.R_OK | os.X_OK)}
            for m in mappings]
