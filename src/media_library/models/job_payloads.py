"""Job kinds and their payloads: the contract between whoever queues a job and its handler.

Each kind's name is a constant here and its payload a frozen dataclass. Services queue with the
dataclass (``jobs.enqueue(DISC_RIP, DiscPayload(disc_id=7))``); the API, the app and the CLI send
JSON, which ``JobService.enqueue`` parses into the kind's dataclass (``models.payloads.from_json``)
before anything is stored, so a malformed payload is refused with 400 naming the field instead of
failing later in a worker. The database keeps ``to_json(payload)``; the handler gets the dataclass
back. The handler declares which dataclass it takes (``JobHandler.payload``), and the registry
maps kind → payload type. A field added later needs a default, so that jobs already queued still
parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .payloads import PayloadError

SYSTEM_CHECK = "system.check"
DATABASE_BACKUP = "database.backup"
ACTIVITY_PRUNE = "activity.prune"
LIBRARY_SCAN = "library.scan"
LIBRARY_IDENTIFY = "library.identify"
MUSIC_IDENTIFY = "music.identify"
LIBRARY_ORGANIZE = "library.organize"
LIBRARY_ORGANIZE_UNDO = "library.organize_undo"
LIBRARY_REIDENTIFY = "library.reidentify"
LIBRARY_VERIFY = "library.verify"
STRM_EXPORT = "strm.export"
DISC_RIP = "disc.rip"
DISC_IMAGE = "disc.image"
DISC_AUDIO_CD = "disc.audio_cd"


@dataclass(frozen=True)
class NoPayload:
    """A kind that takes nothing: send ``{}``."""


@dataclass(frozen=True)
class IdentifyPayload:
    """``library.identify`` and ``music.identify``: one file; ``force`` also redoes a locked match,
    ``again`` looks afresh at a file identified before from the same inputs (a person asked)."""

    file_id: int
    force: bool = False
    again: bool = False


@dataclass(frozen=True)
class ScanPayload:
    """``library.scan``: one library folder (its id), or (None) every folder and the media folder's own files."""

    folder_id: int | None = None


@dataclass(frozen=True)
class MediaIdsPayload:
    """``library.organize`` and ``library.reidentify``: these items, or (None) every one."""

    media_ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class VerifyPayload:
    """``library.verify``: an optional read-rate cap in MiB/s."""

    max_mb_per_second: float | None = None

    def __post_init__(self) -> None:
        if self.max_mb_per_second is not None and self.max_mb_per_second <= 0:
            raise PayloadError("max_mb_per_second", "must be a positive number")


@dataclass(frozen=True)
class StrmExportPayload:
    """``strm.export``: overrides of the ``strm.*`` settings for one run. ``auto`` and
    ``scheduled`` only record who queued it (the library watcher, the schedule)."""

    output_dir: str | None = None
    style: str | None = None
    dry_run: bool = False
    cleanup: Literal["off", "preview", "apply"] | None = None
    force: bool = False
    auto: bool = False
    scheduled: bool = False


@dataclass(frozen=True)
class DiscPayload:
    """``disc.rip``, ``disc.image`` and ``disc.audio_cd``: the disc (``discs`` table) to rip."""

    disc_id: int


__all__ = [
    "ACTIVITY_PRUNE", "DISC_AUDIO_CD", "DISC_IMAGE", "DISC_RIP", "LIBRARY_IDENTIFY", "LIBRARY_ORGANIZE", "LIBRARY_ORGANIZE_UNDO",
    "LIBRARY_REIDENTIFY", "LIBRARY_SCAN", "LIBRARY_VERIFY", "MUSIC_IDENTIFY", "STRM_EXPORT", "SYSTEM_CHECK", "DATABASE_BACKUP",
    "DiscPayload", "IdentifyPayload", "MediaIdsPayload", "NoPayload", "ScanPayload", "StrmExportPayload", "VerifyPayload",
]
