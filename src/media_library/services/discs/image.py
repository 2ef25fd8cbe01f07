"""Eject early: copy the disc into an ISO in the job's work folder, so the drive is free at once
and a retry encodes from the image instead of needing the disc again.

- a device (``/dev/sr0``, ``/dev/disk4``) is read block by block into ``disc.iso.partial`` (the
  system's libdvdcss/dvdread decides what an encrypted DVD allows; nothing here decrypts);
- a ``VIDEO_TS`` folder becomes an image with ``genisoimage -dvd-video``;
- an ISO is already an image and is used where it is.

The image is renamed to ``disc.iso`` only when complete, so a half-copied image is never used.

Must not: run a shell, write outside the work folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ...tools import proc
from ..files import fsync_dir

CHUNK = 4 * 1024 * 1024
IMAGE_NAME = "disc.iso"


def image_path(work_dir: Path) -> Path:
    return Path(work_dir) / IMAGE_NAME


def make_image(source: str, work_dir: Path, *, label: str = "DISC", run=proc.run,
               check_cancelled: Callable[[], None] = lambda: None,
               progress: Callable[[float, str], None] = lambda p, m: None) -> Path:  # fmt: skip
    """The path of a complete image of ``source`` (made now, or found from an earlier attempt)."""
    src = Path(source)
    if src.is_file() and src.suffix.lower() == ".iso":
        return src
    final = image_path(work_dir)
    if final.exists():
        return final
    partial = final.with_name(IMAGE_NAME + ".partial")
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        if src.is_dir():
            argv = [proc.which("genisoimage"), "-quiet", "-dvd-video", "-V", _volume_id(label),
                    "-o", str(partial.resolve()), str(src.resolve())]  # absolute: never an option  # fmt: skip
            run(argv, timeout=None)
        else:
            copy_device(src, partial, check_cancelled=check_cancelled, progress=progress)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, final)
    fsync_dir(final.parent)
    return final


def _volume_id(label: str) -> str:
    """genisoimage volume ids: up to 32 of A–Z, 0–9 and ``_``."""
    cleaned = "".join(ch if ch.isalnum() and ch.isascii() else "_" for ch in label.upper())[:32]
    return cleaned.strip("_") or "DISC"


def copy_device(device: Path, target: Path, *, check_cancelled, progress) -> None:
    total = _size(device)
    copied = 0
    with open(device, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(CHUNK):
            check_cancelled()
            dst.write(chunk)
            copied += len(chunk)
            if total:
                progress(min(100.0, 100.0 * copied / total), f"copying the disc: {copied >> 20} MiB")
        dst.flush()
        os.fsync(dst.fileno())


def _size(device: Path) -> int:
    try:
        with open(device, "rb") as handle:
            return handle.seek(0, os.SEEK_END)
    except OSError:
        return 0
