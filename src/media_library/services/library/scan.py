"""Library scan: what changed in the library folders since the last scan.

Owns walking the roots (the library folders of ``folders.py``, and the media folder's own files),
reporting progress while it walks, the incremental comparison by size and mtime, and
telling new, changed, moved and removed files apart. A file that disappeared from one place and
appeared in another with the same size and name, or the same size and quick hash (first and last
MiB), is a *move*: its row, its item and a manual match stay. New files get an identify job.

Audio files are probed as they are found (new or changed), in-process with libmediainfo
(``tools.mediainfo``, read from the headers only: a few milliseconds a file), so a track's
``duration_s``, container and codec are known before it is identified; an audio file indexed
before this existed (``duration_s`` still null) is probed by the next scan, which is how older
libraries are backfilled. Video files are probed when they are identified (``apply.py``).

Symlinks whose target lies outside every root are skipped (no escape through a symlink): a ``passwd.mkv`` link
to ``/etc/passwd`` or a ``lib -> /`` folder link is never indexed. In-root file links are kept;
folder links are not followed (an in-root folder is walked by its real path, so no loops).

Must not: identify, move or rename anything, or write the database except through ``state``
(one transaction per scan).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ...models import MediaFile
from ...state.media import IndexedFile
from ...tools.mediainfo import MediaInfo, media_info

log = logging.getLogger(__name__)

VIDEO_EXTENSIONS = frozenset({".mkv", ".mp4", ".m4v", ".avi", ".mov", ".ts", ".m2ts", ".webm", ".wmv",
                              ".mpg", ".mpeg", ".flv", ".ogv", ".vob"})
AUDIO_EXTENSIONS = frozenset({".flac", ".mp3", ".ogg", ".opus", ".m4a", ".wav", ".aac", ".wma", ".aiff", ".alac"})
MEDIA_EXTENSIONS = VIDEO_EXTENSIONS | AUDIO_EXTENSIONS
QUICK_HASH_BYTES = 1024 * 1024
ROOT_KINDS = ("movies", "shows", "music")


@dataclass(frozen=True)
class Root:
    kind: str  # movies | shows | music | mixed (recorded as a found file's ``tech.root``)
    path: Path
    recursive: bool = True  # False: only the files lying directly in the folder (the media folder)
    create: bool = True  # False: a folder that is not there (an unmounted share) is skipped, its files left alone


def library_roots(settings) -> list[Root]:
    """The configured root of each kind (defaults under the media folder)."""
    lib = settings.library
    configured = {"movies": lib.movies_dir, "shows": lib.shows_dir, "music": lib.music_dir}
    default = {"movies": "Movies", "shows": "Shows", "music": "Music"}
    return [Root(kind, Path(configured[kind]).expanduser().resolve() if configured[kind] else settings.media_dir / default[kind])
            for kind in ROOT_KINDS]


def is_audio(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in AUDIO_EXTENSIONS


def audio_facts(path: str, probe: Callable[[str], MediaInfo] = media_info) -> dict:
    """An audio file's duration, container and codecs for its row; empty when it cannot be read
    (the next scan tries again; identification does not need them). Uploads are probed the same
    way (``Publisher.accept``)."""
    try:
        info = probe(path)
    except Exception as exc:  # noqa: BLE001 - only a hint: an odd file (libmediainfo raises many types) must not stop a scan or an upload
        log.info("Could not read the duration of %s: %s", os.path.basename(path), getattr(exc, "message", exc))
        return {}
    if not info.duration_s:
        return {}
    return {"duration_s": round(info.duration_s, 3), "container": info.container, "audio_codecs": list(info.audio_codecs)}


def quick_hash(path: str | os.PathLike, size: int | None = None) -> str:
    """SHA-256 of the size, the first and the last MiB: cheap and enough to recognise a moved file."""
    size = os.path.getsize(path) if size is None else size
    digest = hashlib.sha256(str(size).encode())
    with open(path, "rb") as fh:
        digest.update(fh.read(QUICK_HASH_BYTES))
        if size > QUICK_HASH_BYTES:
            fh.seek(max(QUICK_HASH_BYTES, size - QUICK_HASH_BYTES))
            digest.update(fh.read(QUICK_HASH_BYTES))
    return digest.hexdigest()


class SeenFile(NamedTuple):
    path: str
    size: int
    mtime: float
    root_kind: str


@dataclass
class ScanReport:
    new: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    unchanged: int = 0
    skipped_links: int = 0
    found: int = 0

    def to_dict(self) -> dict:
        """The job's result; ``found``, ``new``, ``changed`` and ``removed`` are the summary the app shows."""
        return {"found": self.found, "removed": len(self.missing), "new": len(self.new), "changed": len(self.changed),
                "moved": len(self.moved), "missing": len(self.missing), "unchanged": self.unchanged, "skipped_links": self.skipped_links,
                "new_file_ids": self.new[:1000]}


class _Walker:
    """Depth-first ``scandir`` of one root that keeps symlinks inside the roots only."""

    def __init__(self, roots: list[str]):
        self.roots = [r.rstrip("/") + "/" for r in roots]
        self.skipped_links = 0

    def inside_roots(self, real: str) -> bool:
        return any((real + "/").startswith(root) for root in self.roots)

    def walk(self, root: Root) -> Iterator[SeenFile]:
        """Inlined on purpose: a rescan of 10,000 files is mostly this loop."""
        stack, kind, media, recursive = [str(root.path)], root.kind, MEDIA_EXTENSIONS, root.recursive
        while stack:
            try:
                entries = os.scandir(stack.pop())
            except OSError:
                continue
            with entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        continue  # hidden files, our temporaries, macOS droppings
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if recursive:
                                stack.append(entry.path)
                        elif entry.is_symlink():
                            yield from self._link(entry, kind)
                        elif "." + name.rpartition(".")[2].lower() in media:
                            st = entry.stat(follow_symlinks=False)
                            yield SeenFile(entry.path, st.st_size, st.st_mtime, kind)
                    except OSError:
                        continue  # vanished while we looked; the next scan will see

    def _link(self, entry: os.DirEntry, kind: str) -> Iterator[SeenFile]:
        real = os.path.realpath(entry.path)
        if not self.inside_roots(real):
            self.skipped_links += 1
            return
        if os.path.isdir(real):
            return  # an in-root folder is walked through its real path already (and loops cannot start)
        if os.path.splitext(entry.name)[1].lower() in MEDIA_EXTENSIONS and os.path.isfile(real):
            st = os.stat(real)
            yield SeenFile(entry.path, st.st_size, st.st_mtime, kind)


Progress = Callable[[float, str], None]
RootsOf = Callable[[int | None], list[Root]]  # folder id (None: everything) -> the roots to scan


class Scanner:
    """Compares the roots with the database and records the difference in one transaction.
    ``roots`` is a list, or a function of a library folder's id (None: every folder)."""

    def __init__(self, state, roots: list[Root] | RootsOf, *, queue_identify: Callable[[MediaFile], object] | None = None,
                 probe: Callable[[str], MediaInfo] = media_info):
        self.state = state
        self.roots_of: RootsOf = roots if callable(roots) else (lambda _folder_id: list(roots))
        self.queue_identify = queue_identify
        self.probe = probe

    def scan(self, cancelled: Callable[[], bool] = lambda: False, *, folder_id: int | None = None,
             progress: Progress = lambda _percent, _message: None) -> ScanReport:
        roots = self.roots_of(folder_id)
        walker = _Walker([str(r.path) for r in roots] + [os.path.realpath(r.path) for r in roots])
        index: dict[str, IndexedFile] = {}
        seen: dict[str, SeenFile] = {}
        for number, root in enumerate(roots):
            progress(80.0 * number / len(roots), f"Reading {root.path} ({len(seen)} files found)")
            if not root.create and not root.path.is_dir():
                log.warning("library folder %s is not there (unmounted?): skipped, its files are left as they were", root.path)
                continue
            root.path.mkdir(parents=True, exist_ok=True)
            index.update(self._known_in(root))
            for found in walker.walk(root):
                seen[found.path] = found
            if cancelled():
                return ScanReport()
        progress(85.0, f"Comparing {len(seen)} files with the library")
        report = ScanReport(skipped_links=walker.skipped_links, found=len(seen))
        self._record(index, seen, report)
        self._queue_identify(report)
        progress(100.0, f"{report.found} found, {len(report.new)} new, {len(report.changed)} changed, "
                        f"{len(report.missing)} removed")
        return report

    def _known_in(self, root: Root) -> dict[str, IndexedFile]:
        known = self.state.file_index(str(root.path))
        if root.recursive:
            return known
        folder = str(root.path)
        return {path: file for path, file in known.items() if os.path.dirname(path) == folder}

    def _record(self, index: dict[str, IndexedFile], seen: dict[str, SeenFile], report: ScanReport) -> None:
        changed: list[tuple[int, dict]] = []
        backfill: list[tuple[int, dict]] = []
        fresh: list[SeenFile] = []
        for path, found in seen.items():
            known = index.get(path)
            if known is None:
                fresh.append(found)
            elif known.size == found.size and known.mtime == found.mtime and not known.missing:
                report.unchanged += 1
                if known.duration_s is None and is_audio(path):
                    self._backfill(known.id, path, backfill)
            else:
                values = {"size": found.size, "mtime": found.mtime, "missing": False}
                if known.size != found.size or known.mtime != found.mtime:
                    report.changed.append(known.id)
                    values.update(self.facts(path))
                changed.append((known.id, values))
        all_seen = len(index) == report.unchanged + len(changed)  # skip the 10,000-row sweep when nothing can be gone
        gone = {} if all_seen else {path: known for path, known in index.items() if path not in seen}
        new_rows = self._match_moves(fresh, gone, changed, report)
        report.missing = [known.id for known in gone.values() if not known.missing]
        added = self.state.apply_scan(new=new_rows, changed=changed + backfill, missing=report.missing)
        report.new = [f.id for f in added]

    def _match_moves(self, fresh: list[SeenFile], gone: dict[str, IndexedFile], changed: list, report: ScanReport) -> list[dict]:
        """Pair new paths with vanished rows; what stays unpaired is new. Mutates ``gone``."""
        by_size: dict[int, list[str]] = {}
        for path, known in gone.items():
            by_size.setdefault(known.size, []).append(path)
        hashes = self.state.quick_hashes([gone[p].id for f in fresh for p in by_size.get(f.size, [])]) if fresh and gone else {}
        new_rows = []
        for found in fresh:
            digest = quick_hash(found.path, found.size) if _readable(found.path) else None
            old_path = self._moved_from(found, digest, by_size.get(found.size, []), gone, hashes)
            if old_path is None:
                new_rows.append({"path": found.path, "size": found.size, "mtime": found.mtime,
                                 "tech": {"quick_hash": digest, "root": found.root_kind}, **self.facts(found.path)})
                continue
            known = gone.pop(old_path)
            by_size[found.size].remove(old_path)
            changed.append((known.id, {"path": found.path, "size": found.size, "mtime": found.mtime, "missing": False}))
            report.moved.append(known.id)
        return new_rows

    def facts(self, path: str) -> dict:
        """What a probe tells of an audio file (nothing for video: identification probes those)."""
        return audio_facts(path, self.probe) if is_audio(path) else {}

    def _backfill(self, file_id: int, path: str, backfill: list[tuple[int, dict]]) -> None:
        """An audio row indexed before scans probed audio: its duration, once it can be read."""
        facts = self.facts(path)
        if facts:
            backfill.append((file_id, facts))

    @staticmethod
    def _moved_from(found: SeenFile, digest: str | None, same_size: list[str], gone: dict[str, IndexedFile],
                    hashes: dict[int, str]) -> str | None:
        name = os.path.basename(found.path)
        for old_path in same_size:
            if os.path.basename(old_path) == name:
                return old_path
        for old_path in same_size:
            if digest and hashes.get(gone[old_path].id) == digest:
                return old_path
        return None

    def _queue_identify(self, report: ScanReport) -> None:
        if self.queue_identify is None:
            return
        for file_id in dict.fromkeys(report.new + report.changed):
            self.queue_identify(self.state.get_media_file(file_id))


def _readable(path: str) -> bool:
    return os.access(path, os.R_OK)
