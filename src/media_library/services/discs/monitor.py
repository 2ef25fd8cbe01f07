"""Noticing discs: one ``DiscMonitor`` polling backends that each report the discs present now.

Backends (all behind ``DiscBackend.present() -> {key: InsertedDisc}``):

- ``WatchFolderBackend``: an ``.iso`` file or a folder holding ``VIDEO_TS``/``BDMV`` dropped into
  the watch folder counts as an inserted disc once its size stopped changing for one poll (a copy
  still in progress is not ripped half-way). How the tests insert discs.
- ``LinuxOpticalBackend``: ``/sys/block/sr*`` drives, media presence from the kernel's size,
  kind and label from ``udevadm``, root folders read straight off the device (no mount, no root).
- ``MacDiskutilBackend``: ``diskutil list/info -plist`` and the mounted volume's folders.

``DiscMonitor.poll_once`` compares with the previous poll and calls ``on_insert`` for new keys
and ``on_remove`` for keys gone; ``run()`` polls every ``poll_seconds`` (≤ 5, so detection stays
within 10 s) until ``stop()``. A failing backend is logged and skipped, never fatal.

Must not: rip, identify or touch the database (the disc service does that in ``on_insert``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...tools import diskutil, iso9660, linux_optical, proc
from .labels import printable

log = logging.getLogger(__name__)
TOOL_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class InsertedDisc:
    key: str  # stable while the disc stays in: "watch:/abs/path", "linux:/dev/sr0", "mac:disk4"
    source: str  # what HandBrake / cdparanoia read: a folder, an ISO or a device node
    label: str
    kind: str  # dvd | bluray | audio_cd | data
    fingerprint: str
    device: str | None = None  # what to eject; None for the watch folder
    encrypted: bool = False  # a Blu-ray with AACS: HandBrake cannot read it
    backend: str = "watch"


def kind_from_names(names) -> tuple[str, bool]:
    """``(kind, encrypted)`` from a disc's root folder names."""
    upper = {str(n).upper() for n in names}
    if "BDMV" in upper:
        return "bluray", "AACS" in upper
    if "VIDEO_TS" in upper:
        return "dvd", False
    return "data", False


def encrypted_bluray(source: str) -> bool:
    """Whether a Blu-ray source (a folder, an image or a device) carries ``AACS``; one whose root
    cannot be read (a UDF-only device) counts as encrypted, so MakeMKV gets it when installed."""
    path = Path(source)
    if path.is_dir():
        return "AACS" in {p.name.upper() for p in path.iterdir()}
    try:
        volume = iso9660.read_volume(path)
    except OSError:
        return True
    return volume is None or "AACS" in {n.upper() for n in volume.root_names}


def inspect_path(path: Path) -> InsertedDisc | None:
    """An ISO or a disc folder → ``InsertedDisc``; None for anything else."""
    if path.name.startswith(".") or ".partial" in path.name:
        return None
    if path.is_file() and path.suffix.lower() == ".iso":
        volume = iso9660.read_volume(path)
        if volume is None:
            return None
        kind, encrypted = kind_from_names(volume.root_names)
        fingerprint = _digest(volume.fingerprint, str(path.stat().st_size))
        return InsertedDisc(f"watch:{path}", str(path), printable(volume.label) or path.stem, kind, fingerprint,
                            encrypted=encrypted)  # fmt: skip
    if path.is_dir():
        names = [p.name for p in path.iterdir()]
        if path.name.upper() in ("VIDEO_TS", "BDMV"):
            names, path = [path.name], path  # the disc folder itself was dropped in
        kind, encrypted = kind_from_names(names)
        if kind == "data":
            return None
        return InsertedDisc(f"watch:{path}", str(path), printable(path.name), kind, folder_fingerprint(path),
                            encrypted=encrypted)  # fmt: skip
    return None


def folder_fingerprint(folder: Path) -> str:
    """Names and sizes of the disc's files plus the bytes of its small index files."""
    parts = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = file.relative_to(folder).as_posix()
        parts.append(f"{rel}:{file.stat().st_size}")
        if file.suffix.upper() in (".IFO", ".BDMV") and file.stat().st_size <= 1 << 20:
            parts.append(hashlib.sha256(file.read_bytes()).hexdigest())
    return _digest(*parts)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "replace")).hexdigest()


def _tree_size(path: Path) -> tuple[int, float]:
    if path.is_file():
        st = path.stat()
        return st.st_size, st.st_mtime
    total, newest = 0, 0.0
    for root, _dirs, files in os.walk(path):
        for name in files:
            st = (Path(root) / name).stat()
            total, newest = total + st.st_size, max(newest, st.st_mtime)
    return total, newest


class DiscBackend:
    name = "backend"

    def present(self) -> dict[str, InsertedDisc]:  # pragma: no cover - contract
        raise NotImplementedError


class WatchFolderBackend(DiscBackend):
    name = "watch"

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._sizes: dict[Path, tuple[int, float]] = {}
        self._known: dict[Path, InsertedDisc] = {}

    def present(self) -> dict[str, InsertedDisc]:
        found: dict[str, InsertedDisc] = {}
        sizes = {}
        for path in sorted(self.folder.iterdir()):
            try:
                sizes[path] = _tree_size(path)
                if self._sizes.get(path) != sizes[path]:
                    continue  # new or still being copied: look again next poll
                disc = self._known.get(path) or inspect_path(path)
            except OSError:
                continue
            if disc is not None:
                self._known[path] = disc
                found[disc.key] = disc
        self._sizes = sizes
        self._known = {p: d for p, d in self._known.items() if p in sizes}
        return found


class LinuxOpticalBackend(DiscBackend):
    name = "linux"

    def __init__(self, sys_block: Path = linux_optical.SYS_BLOCK, run=proc.run):
        self.sys_block, self.run = sys_block, run

    def present(self) -> dict[str, InsertedDisc]:
        found = {}
        for drive in linux_optical.list_drives(self.sys_block):
            if linux_optical.media_present(drive, self.sys_block):
                disc = self._inspect(drive)
                if disc is not None:
                    found[disc.key] = disc
        return found

    def _inspect(self, drive: linux_optical.LinuxDrive) -> InsertedDisc | None:
        done = self.run(linux_optical.udevadm_argv(drive.device), timeout=TOOL_TIMEOUT_S, check=False,
                        line_source="stdout")  # fmt: skip
        props = linux_optical.parse_properties(done.stdout)
        kind = linux_optical.kind_from_properties(props)
        if kind is None:
            return None
        label = printable(linux_optical.label_from_properties(props))
        encrypted, fingerprint = False, _digest(drive.device, label, props.get("ID_CDROM_MEDIA_TRACK_COUNT", ""))
        volume = iso9660.read_volume(drive.device) if kind != "audio_cd" else None
        if volume is not None:
            kind, encrypted = kind_from_names(volume.root_names) if kind != "bluray" else ("bluray", "AACS" in volume.root_names)
            fingerprint, label = volume.fingerprint, label or printable(volume.label)
        return InsertedDisc(f"linux:{drive.device}", drive.device, label, kind, fingerprint, device=drive.device,
                            encrypted=encrypted, backend=self.name)  # fmt: skip


class MacDiskutilBackend(DiscBackend):
    name = "mac"

    def __init__(self, run=proc.run):
        self.run = run

    def present(self) -> dict[str, InsertedDisc]:
        listing = self.run(diskutil.list_argv(), timeout=TOOL_TIMEOUT_S, line_source="stdout")
        found = {}
        for disk in diskutil.parse_list(listing.stdout.encode("utf-8")):
            info = self.run(diskutil.info_argv(disk.identifier), timeout=TOOL_TIMEOUT_S, check=False,
                            line_source="stdout")  # fmt: skip
            try:
                disc = diskutil.parse_info(info.stdout.encode("utf-8"))
            except ValueError:
                continue
            if isinstance(disc, diskutil.MacDisc):
                found[f"mac:{disc.identifier}"] = self._disc(disc)
        return found

    def _disc(self, disc: diskutil.MacDisc) -> InsertedDisc:
        names: set[str] = set()
        if disc.mount_point:
            try:
                names = set(os.listdir(disc.mount_point))
            except OSError:
                pass
        kind = diskutil.disc_kind(disc, names)
        fingerprint = _digest(disc.identifier, disc.label, str(disc.size), ",".join(sorted(names)))
        source = disc.mount_point if kind == "dvd" and disc.mount_point else disc.device_node
        return InsertedDisc(f"mac:{disc.identifier}", source, printable(disc.label), kind, fingerprint,
                            device=disc.identifier, encrypted="AACS" in {n.upper() for n in names}, backend=self.name)  # fmt: skip


def default_backends(watch_dir: Path, *, drives: bool = True, platform: str = sys.platform) -> list[DiscBackend]:
    backends: list[DiscBackend] = [WatchFolderBackend(watch_dir)]
    if drives and platform == "darwin":
        backends.append(MacDiskutilBackend())
    elif drives and platform.startswith("linux") and linux_optical.list_drives():
        backends.append(LinuxOpticalBackend())
    return backends


class DiscMonitor:
    """Polls its backends; see the module docstring."""

    def __init__(self, backends: list[DiscBackend], on_insert: Callable[[InsertedDisc], None], *,
                 on_remove: Callable[[InsertedDisc], None] | None = None,
                 on_tick: Callable[[], None] | None = None, on_stop: Callable[[], None] | None = None,
                 poll_seconds: float = 2.0):  # fmt: skip
        self.backends = backends
        self.on_stop = on_stop
        self.on_insert, self.on_remove, self.on_tick = on_insert, on_remove, on_tick
        self.poll_seconds = poll_seconds
        self._present: dict[str, InsertedDisc] = {}
        self._stop = threading.Event()

    def poll_once(self) -> list[InsertedDisc]:
        now: dict[str, InsertedDisc] = {}
        failed: set[str] = set()
        for backend in self.backends:
            try:
                now.update(backend.present())
            except Exception as exc:  # one broken backend (diskutil hiccup) must not stop the others
                log.warning("Disc backend %s failed: %s", backend.name, exc)
                failed.add(backend.name)
        new = [d for k, d in now.items() if k not in self._present]
        gone = [d for k, d in self._present.items() if k not in now and d.backend not in failed]
        self._present = {**{k: d for k, d in self._present.items() if d.backend in failed}, **now}
        for disc in new:
            self._call(self.on_insert, disc)
        for disc in gone:
            if self.on_remove:
                self._call(self.on_remove, disc)
        return new

    @staticmethod
    def _call(callback, disc: InsertedDisc) -> None:
        try:
            callback(disc)
        except Exception:
            log.exception("Handling disc %r failed", disc.label)

    def run(self) -> None:
        self._stop.clear()
        while not self._stop.is_set():
            self.poll_once()
            if self.on_tick:
                try:
                    self.on_tick()
                except Exception:
                    log.exception("Disc monitor tick failed")
            self._stop.wait(self.poll_seconds)

    def stop(self) -> None:
        self._stop.set()
        if self.on_stop:
            self.on_stop()
