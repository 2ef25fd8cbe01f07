"""Organize: move identified files into the library's naming, with a preview and an undo.

Owns where an identified file belongs (``services.naming`` builds each name; ``join_inside``
proves it stays in its root) and how it gets there:

- the root is the configured one of the item's kind (``Movies/``, ``Shows/``, ``Music/``), except
  for a file inside a library folder a person added (``folder_of``, ``folders.py``): it is named
  inside that folder and never leaves it;

- ``plan`` lists every move without touching the disk (the preview), marking collisions: a
  target that exists already, or two files heading for one name;
- a move never overwrites. On one filesystem it is ``link`` + ``unlink`` (``link`` refuses an
  existing target atomically), or a checked ``rename`` where hard links are not supported;
  across filesystems (``EXDEV``) it copies to a hidden temporary file beside the target,
  verifies size and SHA-256 against the source, publishes with ``link``, then deletes the source;
- each move commits with its ``file_moves`` row; ``undo_last`` moves the newest batch back;
- an item with several files names them as versions (``version_labels``: the edition or the
  resolution, numbered when two share one), so two copies never head for one name;
- a moved file leaves nothing stale behind: the old place's per-file sidecars (NFO, JSON) are
  removed (``after_move`` writes new ones beside the target), and a folder left holding only the
  library's folder files (poster, fanart, ``tvshow.nfo``, ``season.nfo``) is removed with them,
  up to (never including) a root. A folder with anything else in it (another file, ``extras/``)
  stays as it is. So a re-identified or renamed item's files and metadata follow it.

Must not: decide what a file is (identify), write metadata (``metadata.py``, called through
``after_move``), or write the database other than through ``state``.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import Conflict, InvalidInput, NotFound
from ...models import MediaFile, MediaItem
from .. import naming
from ..files import TEMP_PREFIX, TEMP_SUFFIX, fsync_dir, sha256_of
from .music_names import DEFAULT_TEMPLATE, MusicPaths

log = logging.getLogger(__name__)
ORGANIZED_KINDS = ("movie", "episode", "track")
COPY_CHUNK = 1024 * 1024
STYLE_FOR_TAG = {"jellyfin": "jellyfin", "plex": "plex", "none": "kodi"}


@dataclass(frozen=True)
class PlannedMove:
    file_id: int
    media_id: str
    source: str
    target: str
    status: str  # move | in_place | collision
    reason: str = ""

    def to_dict(self) -> dict:
        return {"file_id": self.file_id, "media_id": self.media_id, "source": self.source, "target": self.target,
                "status": self.status, "reason": self.reason}


@dataclass
class OrganizeResult:
    batch_id: str | None = None
    moved: list[dict] = field(default_factory=list)
    collisions: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    in_place: int = 0

    def to_dict(self) -> dict:
        return {"batch_id": self.batch_id, "moved": self.moved, "collisions": self.collisions,
                "errors": self.errors, "in_place": self.in_place}


# --- moving without overwriting ----------------------------------------------------------------


def same_fs_move(source: str, target: str) -> None:
    """Move within one filesystem, never replacing ``target``; ``OSError(EXDEV)`` across filesystems."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(target):  # no hard links here (FAT, some shares): check, then rename
            raise FileExistsError(errno.EEXIST, "target exists", target) from exc
        os.rename(source, target)
        return
    os.unlink(source)


def copy_verified(source: str, target: str) -> None:
    """Cross-filesystem move: copy beside the target, verify size and hash, publish, delete the source."""
    temp = os.path.join(os.path.dirname(target), f"{TEMP_PREFIX}{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        copied_hash = _copy(source, temp)
        if os.path.getsize(temp) != os.path.getsize(source) or sha256_of(temp) != copied_hash:
            raise OSError(errno.EIO, "copy does not match its source", target)
        st = os.stat(source)
        os.utime(temp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.link(temp, target)  # FileExistsError if something appeared meanwhile: nothing overwritten
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)
    fsync_dir(os.path.dirname(target))
    os.unlink(source)


def _copy(source: str, temp: str) -> str:
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(temp, "xb") as dst:
        while chunk := src.read(COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


# --- the organizer ------------------------------------------------------------------------------


class Organizer:
    def __init__(self, state, roots: dict[str, Path], *, id_tag: str = "jellyfin",
                 move: Callable[[str, str], None] = same_fs_move, copy: Callable[[str, str], None] = copy_verified,
                 after_move: Callable[[MediaItem, MediaFile], None] | None = None,
                 sidecars: Callable[[str], list[str]] = lambda path: [],
                 folder_file: Callable[[str], bool] = lambda name: False, music_paths: MusicPaths | None = None,
                 folder_of: Callable[[str], Path | None] = lambda path: None):
        self.state = state
        self.roots = roots
        self.folder_of = folder_of  # the library folder a person added that holds a path: files stay in it
        self.style = STYLE_FOR_TAG.get(id_tag, "jellyfin")
        self.move_fn, self.copy_fn = move, copy
        self.after_move = after_move
        self.sidecars = sidecars
        self.folder_file = folder_file
        self.music_paths = music_paths or (MusicPaths(roots["music"], DEFAULT_TEMPLATE) if "music" in roots else None)

    # --- where things belong -------------------------------------------------------------------
    def root_for(self, file: MediaFile, kind: str) -> Path:
        """Where a file of ``kind`` is filed: inside the library folder a person added that holds it
        (it never leaves that folder), else the configured root of the kind."""
        return self.folder_of(file.path) or self.roots[kind]

    def target_for(self, item: MediaItem, file: MediaFile, label: str | None = None) -> Path | None:
        ext = Path(file.path).suffix.lower()
        if item.kind == "movie" and item.external_ids.get("tmdb"):
            base = naming.movie_name(item.title, item.year, item.external_ids, self.style)
            return naming.join_inside(self.root_for(file, "movies"), base, naming.safe_filename(naming.version_stem(base, label), ext))
        if item.kind == "episode":
            return self._episode_target(item, file, ext, label)
        if item.kind == "track":
            return self._track_target(item, file, ext, label)
        return None

    def _episode_target(self, item: MediaItem, file: MediaFile, ext: str, label: str | None) -> Path | None:
        show = self._show_of(item)
        if show is None or item.episode_number is None:
            return None
        folder = naming.show_folder(show.title, show.year, show.external_ids, self.style)
        stem = naming.episode_name(show.title, show.year, item.season_number, item.episode_number, item.episode_end)
        return naming.join_inside(self.root_for(file, "shows"), folder, naming.season_folder(item.season_number),
                                  naming.safe_filename(naming.version_stem(stem, label), ext))

    def _show_of(self, item: MediaItem) -> MediaItem | None:
        parent = item
        while parent.parent_id:
            parent = self.state.get_media(parent.parent_id)
            if parent.kind == "show":
                return parent
        return None

    def _track_target(self, item: MediaItem, file: MediaFile, ext: str, label: str | None) -> Path | None:
        """``music.path_template`` filled in from the track's item (a second kept copy gets its label),
        inside the library folder that holds the file, else the music root."""
        extra = item.extra or {}
        if not extra.get("artist") or not extra.get("album") or self.music_paths is None:
            return None
        fields = {"albumartist": extra["artist"], "artist": extra.get("recording_artist") or extra["artist"],
                  "album": extra["album"], "year": extra.get("album_year") or item.year, "title": item.title,
                  "track": extra.get("track_number"), "disc": extra.get("disc_number"), "discs": extra.get("disc_count")}
        if label:
            fields["title"] = naming.version_stem(item.title, label)
        return self.music_paths.target(fields, ext, root=self.root_for(file, "music"))

    # --- preview -------------------------------------------------------------------------------
    def plan(self, media_ids: Iterable[str] | None = None, file_ids: set[int] | None = None) -> list[PlannedMove]:
        """Every move (or only those of ``file_ids``; an item's other files still count as versions)."""
        planned: list[PlannedMove] = []
        taken: set[str] = set()
        for item in self._items(media_ids):
            files = [f for f in self.state.list_media_files(item.id) if not f.missing]
            labels = version_labels(files)
            for file in files:
                if file_ids is None or file.id in file_ids:
                    planned.append(self._plan_one(item, file, labels.get(file.id), taken))
        return planned

    def _items(self, media_ids: Iterable[str] | None) -> Iterable[MediaItem]:
        if media_ids is not None:
            for media_id in media_ids:
                try:
                    item = self.state.get_media(media_id)
                except NotFound:
                    continue
                if item.kind in ORGANIZED_KINDS and item.status == "identified":
                    yield item
            return
        for kind in ORGANIZED_KINDS:
            after = None
            while page := self.state.list_media(kind=kind, status="identified", after_id=after, limit=500):
                yield from page
                after = page[-1].id

    def _plan_one(self, item: MediaItem, file: MediaFile, label: str | None, taken: set[str]) -> PlannedMove:
        try:
            target = self.target_for(item, file, label)
        except InvalidInput as exc:
            return PlannedMove(file.id, item.id, file.path, "", "collision", str(exc))
        if target is None:
            return PlannedMove(file.id, item.id, file.path, "", "collision", "not enough metadata to name it")
        target_s = str(target)
        if target_s == file.path:
            taken.add(target_s)
            return PlannedMove(file.id, item.id, file.path, target_s, "in_place")
        if target_s in taken:
            return PlannedMove(file.id, item.id, file.path, target_s, "collision", "another file goes to the same name")
        if os.path.lexists(target_s) and not _same_file(target_s, file.path):
            return PlannedMove(file.id, item.id, file.path, target_s, "collision", "a different file exists there")
        taken.add(target_s)
        return PlannedMove(file.id, item.id, file.path, target_s, "move")

    # --- doing it ------------------------------------------------------------------------------
    def organize(self, media_ids: Iterable[str] | None = None, cancelled: Callable[[], bool] = lambda: False,
                 file_ids: set[int] | None = None) -> OrganizeResult:
        result = OrganizeResult(batch_id=secrets.token_hex(8))
        for planned in self.plan(media_ids, file_ids):
            if cancelled():
                break
            if planned.status == "in_place":
                result.in_place += 1
                self._after(planned)
            elif planned.status == "collision":
                result.collisions.append(planned.to_dict())
            else:
                self._execute(planned, result)
        if not result.moved:
            result.batch_id = None
        return result

    def _execute(self, planned: PlannedMove, result: OrganizeResult) -> None:
        try:
            self.place(planned.source, planned.target)
        except FileExistsError:
            result.collisions.append({**planned.to_dict(), "status": "collision", "reason": "a file appeared there"})
            return
        except OSError as exc:
            result.errors.append({**planned.to_dict(), "status": "error", "reason": exc.strerror or str(exc)})
            return
        self.state.record_file_move(result.batch_id, planned.file_id, planned.source, planned.target)
        result.moved.append(planned.to_dict())
        self._leave(planned.source)
        self._after(planned)

    def place(self, source: str, target: str) -> None:
        """Move one file without ever overwriting; copies and verifies across filesystems."""
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            self.move_fn(source, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            self.copy_fn(source, target)

    def retire(self, source: str, target: str) -> None:
        """Move a file out of the library (to the trash) without overwriting; its sidecars and the
        folders it leaves empty go with it."""
        self.place(source, target)
        self._leave(source)

    def _after(self, planned: PlannedMove) -> None:
        if self.after_move is None:
            return
        try:
            self.after_move(self.state.get_media(planned.media_id), self.state.get_media_file(planned.file_id))
        except Exception:  # metadata is rewritable later; the move itself stands
            log.exception("Writing metadata for %s failed", planned.target)

    # --- undo ----------------------------------------------------------------------------------
    def undo_last(self) -> OrganizeResult:
        moves = self.state.last_move_batch()
        if not moves:
            raise Conflict("there is no organize batch to undo")
        result = OrganizeResult(batch_id=moves[0].batch_id)
        for move in moves:
            entry = {"file_id": move.media_file_id, "source": move.target, "target": move.source}
            try:
                self.place(move.target, move.source)
            except FileExistsError:
                result.collisions.append({**entry, "status": "collision", "reason": "a file exists at the old place"})
                continue
            except OSError as exc:
                result.errors.append({**entry, "status": "error", "reason": exc.strerror or str(exc)})
                continue
            self.state.undo_file_move(move)
            self._leave(move.target)
            result.moved.append(entry)
        return result

    def _leave(self, old_path: str) -> None:
        """After a file left ``old_path``: its sidecars go, then the folders it leaves empty."""
        try:
            self._remove_sidecars(old_path)
            self._prune(os.path.dirname(old_path))
        except OSError as exc:  # leftovers are untidy, never a failed move
            log.warning("Could not tidy up after moving %s: %s", old_path, exc)

    def _remove_sidecars(self, path: str) -> None:
        for sidecar in self.sidecars(path):
            if os.path.isfile(sidecar):
                os.unlink(sidecar)

    def _prune(self, folder: str) -> None:
        """Remove folders holding nothing but the library's folder files, up to (never including) a root."""
        roots = {str(r) for r in self.roots.values()}
        while folder not in roots and any(folder.startswith(r + os.sep) for r in roots):
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                folder = os.path.dirname(folder)
                continue
            if not all(self.folder_file(n) and os.path.isfile(os.path.join(folder, n)) for n in names):
                return
            for name in names:
                os.unlink(os.path.join(folder, name))
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def version_labels(files: list[MediaFile]) -> dict[int, str]:
    """Jellyfin's versions naming (``Title (Year) - 1080p.mkv``) when an item has several files: the
    edition (``Director's Cut``) or the resolution, numbered when two would share one (``720p 2``)."""
    if len(files) < 2:
        return {}
    labels: dict[int, str] = {}
    seen: dict[str, int] = {}
    for file in files:
        base = _version_label(file)
        seen[base] = seen.get(base, 0) + 1
        labels[file.id] = base if seen[base] == 1 else f"{base} {seen[base]}"
    return labels


def _version_label(file: MediaFile) -> str:
    edition = file.tech.get("edition") if isinstance(file.tech, dict) else None
    if edition:
        return str(edition)
    return f"{file.height}p" if file.height else f"v{file.id}"
