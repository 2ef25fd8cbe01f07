"""Duplicates: a second copy of something the library already has, caught before it is published.

Owns the rule and a person's three answers:

- a file matched to an item that already holds a present file is a **duplicate** when it has the
  same content (the quick hash: size, first and last MiB) or the same edition (guessit's
  ``edition``; none on both counts as the same). A different edition (``Director's Cut``) is simply
  another version of the item and joins it. A music track has no editions: any second copy of it
  is a duplicate (beets' skip / keep both / replace: ``discard`` / ``keep_both`` / ``replace``);
- a duplicate is not published: its file waits on an item of its own in the review queue
  (``status = "review"``, ``extra.duplicate_of``: which item and files it duplicates, same content or
  not). So does a file the organizer could not place because another file holds its name
  (``hold_collisions``): nothing stays behind in ``uploads/`` unexplained;
- the person answers (``resolve``): ``keep_both`` joins the item as a version (Jellyfin's versions
  naming, ``Title (Year) - 1080p.mkv``, see ``organize.version_labels``), ``replace`` moves the
  item's duplicated copies into ``<data_dir>/trash/`` (never deleted) and puts the new one in their
  place, ``discard`` deletes the new copy (an upload; a file anywhere else goes to the trash).

Must not: decide what a file is (identification), name files (organize), or write the database
other than through ``state``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import Conflict, InvalidInput, NotFound
from ...models import MediaFile, MediaItem
from .scan import quick_hash

log = logging.getLogger(__name__)
DUPLICATE_KEY = "duplicate_of"
ACTIONS = ("keep_both", "replace", "discard")
HELD_KINDS = ("unknown", "movie", "episode", "track")


@dataclass(frozen=True)
class Duplicate:
    """What a held file duplicates: the item, its copies, and whether the bytes are the same."""

    media_id: str
    file_ids: list[int] = field(default_factory=list)
    same_content: bool = False
    path: str | None = None  # a file on disk holding the name that no row describes (organize collision)

    def to_extra(self) -> dict[str, Any]:
        return {"media_id": self.media_id, "file_ids": list(self.file_ids), "same_content": self.same_content,
                "path": self.path}

    @classmethod
    def from_item(cls, item: MediaItem) -> Duplicate | None:
        raw = (item.extra or {}).get(DUPLICATE_KEY)
        if not isinstance(raw, dict) or not raw.get("media_id"):
            return None
        return cls(str(raw["media_id"]), [int(i) for i in raw.get("file_ids") or []], bool(raw.get("same_content")),
                   raw.get("path") or None)


def content_key(file: MediaFile) -> str | None:
    """The file's quick hash (stored when first seen, else read now); None when it cannot be read."""
    stored = file.tech.get("quick_hash") if isinstance(file.tech, dict) else None
    if stored:
        return str(stored)
    try:
        return quick_hash(file.path)
    except OSError:
        return None


class DuplicateFinder:
    """Finds what an item already holds of a file about to join it (``edition_of`` reads a file's edition)."""

    def __init__(self, state, edition_of: Callable[[MediaFile], str | None]):
        self.state, self.edition_of = state, edition_of

    def find(self, file: MediaFile, target: MediaItem, exclude: set[int] = frozenset()) -> Duplicate | None:
        if target.kind not in ("movie", "episode", "track"):
            return None
        others = [f for f in self.state.list_media_files(target.id)
                  if f.id != file.id and f.id not in exclude and not f.missing]
        if not others:
            return None
        mine = content_key(file)
        same = [f.id for f in others if mine is not None and content_key(f) == mine]
        if same:
            return Duplicate(target.id, same, same_content=True)
        if target.kind == "track":  # a track has no editions: any second copy is a duplicate
            return Duplicate(target.id, [f.id for f in others])
        edition = self.edition_of(file)
        same_edition = [f.id for f in others if self.edition_of(f) == edition]
        return Duplicate(target.id, same_edition) if same_edition else None


class DuplicateDecisions:
    """``services.library.duplicates``: holds duplicates and applies a person's answer."""

    def __init__(self, state, organizer, *, trash_dir: Path, uploads_dir: Path,
                 hold: Callable[[MediaFile, MediaItem | None, MediaItem, Duplicate], MediaItem],
                 after_decision: Callable[[MediaItem], None]):
        self.state, self.organizer = state, organizer
        self.trash_dir, self.uploads_dir = trash_dir, uploads_dir
        self.hold, self.after_decision = hold, after_decision

    # --- files the organizer could not place ----------------------------------------------------
    def hold_collisions(self, collisions: list[dict]) -> list[MediaItem]:
        """Each file another one kept from its name waits in review as a duplicate of that one."""
        held = []
        for entry in collisions:
            if not entry.get("target") or entry.get("file_id") is None:
                continue  # not enough metadata to name it: no duplicate to decide about
            file = self.state.get_media_file(entry["file_id"])
            owner = self.state.find_media_file(entry["target"])
            if owner is not None and owner.media_id and owner.id != file.id:
                same = content_key(owner) is not None and content_key(owner) == content_key(file)
                duplicate = Duplicate(owner.media_id, [owner.id], same_content=same)
            else:
                duplicate = Duplicate(entry["media_id"], [], path=entry["target"])
            held.append(self.hold(file, self._item_of(file), self.state.get_media(duplicate.media_id), duplicate))
        return held

    # --- a person's answer ----------------------------------------------------------------------
    def resolve(self, media_id: str, action: str) -> MediaItem:
        """Apply ``keep_both``, ``replace`` or ``discard`` to the held item ``media_id``; the item the
        library keeps is returned (the one it duplicated)."""
        if action not in ACTIONS:
            raise InvalidInput(f"action must be one of {', '.join(ACTIONS)}")
        held = self.state.get_media(media_id)
        duplicate = Duplicate.from_item(held)
        if duplicate is None:
            raise Conflict(f"{held.title!r} is not waiting for a decision about a duplicate")
        try:
            kept = self.state.get_media(duplicate.media_id)
        except NotFound:
            raise Conflict(f"the item {held.title!r} duplicated is gone: identify it again instead") from None
        files = self.state.list_media_files(held.id)
        if action == "discard":
            for file in files:
                self._throw_away(file)
        else:
            if action == "replace":
                self._retire(duplicate)
            for file in files:
                self.state.update_media_file(file.id, media_id=kept.id)
        self.state.delete_media(held.id)
        self.after_decision(kept)
        return kept

    def resolve_album(self, media_id: str, action: str) -> list[MediaItem]:
        """One answer for every held second copy of a track of the same album (beets asks once per
        album): the held item ``media_id`` and its siblings. Not a track: as ``resolve``."""
        held = self.state.get_media(media_id)
        duplicate = Duplicate.from_item(held)
        original = self._get(duplicate.media_id) if duplicate else None
        if original is None or original.kind != "track" or not original.parent_id:
            return [self.resolve(media_id, action)]
        return [self.resolve(item.id, action) for item in self._held_of_album(original.parent_id)]

    def _held_of_album(self, album_id: str) -> list[MediaItem]:
        found, after = [], None
        while page := self.state.list_media(kind="track", status="review", after_id=after, limit=500):
            for item in page:
                duplicate = Duplicate.from_item(item)
                original = self._get(duplicate.media_id) if duplicate else None
                if original is not None and original.parent_id == album_id:
                    found.append(item)
            after = page[-1].id
        return found

    def _get(self, media_id: str) -> MediaItem | None:
        try:
            return self.state.get_media(media_id)
        except NotFound:
            return None

    def _retire(self, duplicate: Duplicate) -> None:
        """The old copies go to the trash (their rows with them), never deleted."""
        for file_id in duplicate.file_ids:
            try:
                old = self.state.get_media_file(file_id)
            except NotFound:
                continue
            self._to_trash(old.path)
            self.state.delete_media_file(old.id)
        if duplicate.path and os.path.lexists(duplicate.path) and self.state.find_media_file(duplicate.path) is None:
            self._to_trash(duplicate.path)

    def _throw_away(self, file: MediaFile) -> None:
        """The new copy: an upload is deleted; a file elsewhere (a library root) goes to the trash."""
        if Path(file.path).parent == self.uploads_dir:
            try:
                os.unlink(file.path)
            except FileNotFoundError:
                pass
        else:
            self._to_trash(file.path)
        self.state.delete_media_file(file.id)

    def _to_trash(self, path: str) -> None:
        if not os.path.lexists(path):
            return
        folder = self.trash_dir
        folder.mkdir(parents=True, exist_ok=True)
        stem, ext = os.path.splitext(os.path.basename(path))
        for n in range(1, 1000):
            target = folder / (f"{stem}{ext}" if n == 1 else f"{stem} ({n}){ext}")
            try:
                self.organizer.retire(path, str(target))
            except FileExistsError:
                continue
            log.info("Moved %s to the trash (%s)", os.path.basename(path), target)
            return
        raise Conflict(f"the trash already holds 999 files named {stem}{ext}: empty {folder}")

    def _item_of(self, file: MediaFile) -> MediaItem | None:
        try:
            return self.state.get_media(file.media_id) if file.media_id else None
        except NotFound:
            return None
