"""A library folder: one folder the scan reads, with the kind that steers identification."""

from __future__ import annotations

from dataclasses import dataclass

FOLDER_KINDS = ("films", "shows", "music", "mixed")


@dataclass(frozen=True)
class LibraryFolder:
    id: int
    kind: str  # films | shows | music | mixed
    path: str | None  # None for a builtin row: the configured root of that kind
    builtin: str | None  # movies | shows | music, or None for a folder a person added
    created_at: float
