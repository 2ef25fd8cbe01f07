"""The STRM export run: read the source, plan the tree, clean up, then write what changed.

Order matters (vod2strm learnt it the hard way): the whole source is read first, so a source that
fails or comes back empty is known before anything is deleted; cleanup runs *before* generation,
so a new file can never be taken for a stale one.

- Cleanup (``off`` | ``preview`` | ``apply``) only ever deletes files the manifest owns, and only
  when they are still as the export left them; folders left empty by those deletions are pruned
  before the rows are forgotten, so a run killed half-way prunes them the next time.
  The mass-deletion guard holds every deletion back (and says why in the report) when the source
  is empty or failed, or when the run would delete more than ``max_delete_share`` of the exported
  files, unless ``force``. A file whose item is still exported under another path (a new
  ``style``, ``genre_folders`` switched, a retitled item) is a move, not a loss: it does not count
  towards the share, so changing the layout replaces the old tree instead of leaving two.
- Generation skips unchanged files without rendering them (manifest + stat), adopts identical
  content, and writes the rest atomically through the adaptive throttle, in batches: intents are
  recorded before a batch is written and the final rows after, one transaction each.
- A dry run does all the deciding and reports it, and writes nothing (no file, no row).
- Speed: the cyclic GC is held back while the plan and the manifest are built, and the run's
  long-lived objects are frozen out of its sight before it runs again (see docs/STRM.md, Performance).

Must not: build URLs (sources do), talk HTTP (``refresh`` does, after the run) or write any file
outside ``output_dir`` (every folder is proved inside it with ``naming.join_inside``).
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISLNK

from ...errors import InvalidInput, JobCancelled, MediaLibraryError
from ...models.strm import ManifestRow
from .. import files, naming
from . import manifest
from .plan import PlannedFile, Planner
from .report import ReportRow, counts
from .sources import ExportEntry, Source
from .write_throttle import AdaptiveThrottle, ThrottledRunner

log = logging.getLogger(__name__)
CLEANUP_MODES = ("off", "preview", "apply")
BATCH = 500
WRITE_CHUNK = 25  # files per writer task (each file still timed on its own by the throttle)
MIN_GUARDED_DELETIONS = 10  # the share rule ignores tiny cleanups (2 files of a 3-film library is 33%)


@dataclass(frozen=True)
class ExportOptions:
    output_dir: Path
    style: str = "jellyfin"
    dry_run: bool = False
    cleanup: str = "apply"
    force: bool = False
    max_delete_share: float = 0.2
    max_writers: int = 4
    write_nfo: bool = True
    genre_folders: bool = False
    fsync: bool = True

    def checked(self) -> ExportOptions:
        naming.check_style(self.style)
        if self.cleanup not in CLEANUP_MODES:
            raise InvalidInput(f"cleanup must be one of {', '.join(CLEANUP_MODES)} (got {self.cleanup!r})")
        if not 0.0 <= self.max_delete_share <= 1.0:
            raise InvalidInput("max_delete_share must be between 0 and 1")
        return self


@dataclass
class ExportResult:
    root: str
    rows: list[ReportRow] = field(default_factory=list)
    dry_run: bool = False
    guard: str | None = None
    source_error: str | None = None
    planned: int = 0
    writers: list[int] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.rows)

    @property
    def changed(self) -> bool:
        c = self.counts
        return not self.dry_run and (c["created"] + c["updated"] + c["deleted"]) > 0

    def to_dict(self) -> dict:
        return {"root": self.root, "dry_run": self.dry_run, "counts": self.counts, "planned_files": self.planned,
                "guard": self.guard, "source_error": self.source_error, "writers": self.writers}


class Exporter:
    """One export run into ``options.output_dir``. ``writer(path, data)`` is injectable (tests)."""

    def __init__(self, state, options: ExportOptions, *, writer: Callable[[Path, bytes], None] | None = None,
                 throttle: AdaptiveThrottle | None = None, progress: Callable[[float, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None):
        self.state, self.options = state, options.checked()
        self.writer = writer or (lambda path, data: files.write_atomic(path, data, fsync=self.options.fsync))
        self.throttle = throttle or AdaptiveThrottle(self.options.max_writers)
        self.progress = progress or (lambda percent, message: None)
        self.cancelled = cancelled or (lambda: False)
        self.root = Path(self.options.output_dir).expanduser().resolve()
        self.key = str(self.root)
        self._dirs: set[tuple[str, ...]] = set()

    # --- the run ---------------------------------------------------------------------------------
    def run(self, source: Source) -> ExportResult:
        result = ExportResult(self.key, dry_run=self.options.dry_run)
        try:
            entries = list(source.entries())
        except Exception as exc:  # any failure of the source: say so, delete nothing, write nothing
            result.source_error = exc.message if isinstance(exc, MediaLibraryError) else f"{type(exc).__name__}: {exc}"
            result.guard = f"the source {getattr(source, 'name', '')!r} failed ({result.source_error}); nothing was deleted"
            log.warning("STRM export: %s", result.guard)
            return result
        if not self.options.dry_run:
            self.root.mkdir(parents=True, exist_ok=True)
            self._begin()
        with _collector_held_back() as planned:
            owned = self.state.list_strm_manifest(self.key)
            plan = Planner(self.options.style, write_nfo=self.options.write_nfo, genre_folders=self.options.genre_folders,
                           held={rel: row.item_key for rel, row in owned.items()}).plan(entries)
            planned()  # the plan and the manifest live as long as the run: GC passes skip them from here on
            result.planned = len(plan)
            self.progress(1.0, f"{len(entries)} items, {len(plan)} files planned")
            self._cleanup(plan, owned, entries, result)
            self._generate(plan, owned, result)
        result.writers = list(self.throttle.history)
        if not self.options.dry_run:
            self._end()
        self.progress(100.0, _summary(result))
        return result

    def _begin(self) -> None:
        """A run that did not end cleanly may have left temporary files: sweep them once."""
        marker = f"strm.run_started:{self.key}"
        if self.state.get_app_setting(marker):
            removed = files.remove_stale_temps(self.root)
            log.info("STRM export: the previous run into %s did not finish; removed %d temporary files", self.root, removed)
        self.state.set_app_setting(marker, time.time())

    def _end(self) -> None:
        self.state.set_app_setting(f"strm.run_started:{self.key}", None)

    # --- cleanup ---------------------------------------------------------------------------------
    def _cleanup(self, plan: list[PlannedFile], owned: dict[str, ManifestRow], entries: list[ExportEntry],
                 result: ExportResult) -> None:
        planned, planned_items = {p.rel for p in plan}, {p.item_key for p in plan}
        stale = sorted(rel for rel in owned if rel not in planned)
        if not stale or self.options.cleanup == "off":
            return
        gone = sum(1 for rel in stale if owned[rel].item_key not in planned_items)  # the rest moved
        result.guard = self._guard(gone, len(owned), empty_source=not entries)
        if result.guard and not self.options.force:
            result.rows.extend(ReportRow(rel, "skipped", owned[rel].item_key, f"guard: {result.guard}") for rel in stale)
            log.warning("STRM export: %s", result.guard)
            return
        if self.options.cleanup == "preview" or self.options.dry_run:
            why = "dry run: would be deleted" if self.options.dry_run and self.options.cleanup == "apply" else "cleanup preview: would be deleted"
            result.rows.extend(ReportRow(rel, "stale", owned[rel].item_key, why) for rel in stale)
            return
        self._delete(stale, owned, planned_items, result)

    def _guard(self, stale: int, total: int, *, empty_source: bool) -> str | None:
        if empty_source:
            return f"the source returned no items; refusing to delete all {stale} exported files"
        share = stale / total if total else 1.0
        if stale > MIN_GUARDED_DELETIONS and share > self.options.max_delete_share:
            return (f"cleanup would delete {stale} of {total} exported files ({share:.0%}), more than the "
                    f"{self.options.max_delete_share:.0%} allowed by strm.max_delete_share; run with force to apply it")
        return None

    def _delete(self, stale: list[str], owned: dict[str, ManifestRow], planned_items: set[str],
                result: ExportResult) -> None:
        """Delete what is still as we wrote it, prune the folders that leaves empty, and only then
        forget the rows: a kill at any point leaves rows, so the next run prunes their folders."""
        gone: list[str] = []
        folders: set[Path] = set()
        for rel in stale:
            row, path = owned[rel], self.root.joinpath(*rel.split("/"))
            stat = manifest.disk_stat(path)
            folders.add(path.parent)
            if stat is not None and not self._still_ours(path, row, stat):
                result.rows.append(ReportRow(rel, "skipped", row.item_key, "changed since the export wrote it; left alone"))
                gone.append(rel)  # no longer ours: forget it
                continue
            if stat is not None:
                path.unlink()
            why = ("moved: its item is now exported under another name or folder" if row.item_key in planned_items
                   else "no longer in the source")
            result.rows.append(ReportRow(rel, "deleted", row.item_key, why if stat else "already gone"))
            gone.append(rel)
        self._prune(folders)
        self.state.delete_strm_manifest(self.key, gone)

    def _still_ours(self, path: Path, row: ManifestRow, stat: manifest.DiskStat) -> bool:
        if stat.size < 0:  # a folder or symlink now stands there
            return False
        if manifest.stat_matches(row, stat):
            return True
        try:
            return manifest.content_hash(path.read_bytes()) == row.content_hash
        except OSError:
            return False

    def _prune(self, folders: Iterable[Path]) -> None:
        """Remove folders emptied by our deletions, walking up to (never including) the root."""
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            while folder != self.root and self.root in folder.parents:
                try:
                    folder.rmdir()  # fails on a folder that still holds anything
                except OSError:
                    break
                folder = folder.parent

    # --- generation ------------------------------------------------------------------------------
    def _generate(self, plan: list[PlannedFile], owned: dict[str, ManifestRow], result: ExportResult) -> None:
        total = max(1, len(plan))
        with ThrottledRunner(self.throttle) as runner:
            for start in range(0, len(plan), BATCH):
                if self.cancelled():
                    raise JobCancelled("the export was cancelled; the files written so far are recorded")
                self._batch(plan[start:start + BATCH], owned, result, runner)
                done = min(len(plan), start + BATCH)
                self.progress(1.0 + 98.0 * done / total, f"{done} of {len(plan)} files checked")

    def _batch(self, batch: list[PlannedFile], owned: dict[str, ManifestRow], result: ExportResult,
               runner: ThrottledRunner) -> None:
        writes: list[tuple[PlannedFile, bytes, str, str]] = []
        adopted: list[ManifestRow] = []
        for planned in batch:
            decision = self._decide(planned, owned.get(planned.rel))
            action, reason, data = decision
            if action in ("created", "updated"):
                writes.append((planned, data, action, reason))
            else:
                result.rows.append(ReportRow(planned.rel, action, planned.item_key, reason))
                if action == "unchanged" and data is not None:
                    adopted.append(self._row(planned, data, manifest.disk_stat(self._path(planned))))
        if self.options.dry_run:
            result.rows.extend(ReportRow(p.rel, action, p.item_key, f"dry run: {reason}") for p, _, action, reason in writes)
            return
        self.state.upsert_strm_manifest(self.key, adopted + [self._row(p, data, None) for p, data, _, _ in writes])
        self._write_all(writes, result, runner)

    def _decide(self, planned: PlannedFile, row: ManifestRow | None) -> tuple[str, str, bytes | None]:
        """``(action, reason, rendered content or None)`` for one planned file."""
        path = self._path(planned)
        stat = manifest.disk_stat(path)
        if manifest.fresh(row, stat, planned.source_hash):
            return "unchanged", "", None
        data = planned.render()
        if stat is None:
            return "created", "missing on disk" if row else "new", data
        digest = manifest.content_hash(data)
        if row is not None and row.content_hash == digest and manifest.stat_matches(row, stat):
            return "unchanged", "", data
        if manifest.same_content_on_disk(path, data, stat):
            return "unchanged", "already up to date on disk", data
        if row is None and not self.options.force:
            return "skipped", "a file the export does not own is in the way (run with force to replace it)", None
        return "updated", "content changed" if row else "replaced a file the export did not own", data

    def _write_all(self, writes, result: ExportResult, runner: ThrottledRunner) -> None:
        calls = []
        for planned, data, _, _ in writes:
            self._ensure_dir(planned.parts[:-1])
            calls.append((self._path(planned), data))
        futures = [runner.submit_each(self.writer, calls[start:start + WRITE_CHUNK]) for start in range(0, len(calls), WRITE_CHUNK)]
        outcomes = [outcome for future in futures for outcome in future.result()]
        done: list[ManifestRow] = []
        failure: OSError | None = None
        for (planned, data, action, reason), (path, _), error in zip(writes, calls, outcomes, strict=True):
            if error is not None:  # keep the intent row: the file is ours, the next run retries it
                failure = failure or error
                result.rows.append(ReportRow(planned.rel, "skipped", planned.item_key, f"write failed: {error.strerror or error}"))
                continue
            done.append(self._row(planned, data, manifest.disk_stat(path)))
            result.rows.append(ReportRow(planned.rel, action, planned.item_key, reason))
        self.state.upsert_strm_manifest(self.key, done)
        if failure is not None and failure.errno in (28, 122):  # ENOSPC, EDQUOT
            raise failure

    def _ensure_dir(self, parts: tuple[str, ...]) -> None:
        """Create ``root/parts`` one component at a time, proving each step stays inside the root:
        a component that already exists as a symlink is resolved and checked (``join_inside``)."""
        if not parts or parts in self._dirs:
            return
        self._ensure_dir(parts[:-1])
        naming.check_component(parts[-1])
        folder = self.root.joinpath(*parts)
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            os.mkdir(folder)
        else:
            if S_ISLNK(st.st_mode):
                naming.join_inside(self.root, *parts)
            elif not S_ISDIR(st.st_mode):
                raise InvalidInput(f"{folder} is in the way of the export: it is not a folder")
        self._dirs.add(parts)

    def _path(self, planned: PlannedFile) -> str:
        return f"{self.key}/{planned.rel}"

    @staticmethod
    def _row(planned: PlannedFile, data: bytes, stat: manifest.DiskStat | None) -> ManifestRow:
        return ManifestRow(
            path=planned.rel, item_key=planned.item_key, content_hash=manifest.content_hash(data),
            source_hash=planned.source_hash, url=planned.url,
            size=stat.size if stat else None, mtime_ns=stat.mtime_ns if stat else None,
        )


@contextmanager
def _collector_held_back() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector during a run. Held back while the plan and the manifest are
    built (~10^5 new objects in a burst of pure CPU work: its passes would walk them again and
    again); then, when the block calls the function it is given, every object alive is moved out
    of its sight (``gc.freeze``) *before* it runs again, so its passes over what cleanup and
    generation allocate do not walk the long-lived plan either. Re-enabling it without the freeze
    cost a third of an unchanged re-run: its first young-generation pass walked the whole plan.
    Reference counting frees as usual; at the end the objects go back to the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()

    def planned() -> None:
        gc.freeze()
        if was_enabled:
            gc.enable()

    try:
        yield planned
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _summary(result: ExportResult) -> str:
    c = result.counts
    text = f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, {c['deleted']} deleted"
    return text + (f" ({result.guard})" if result.guard else "")
