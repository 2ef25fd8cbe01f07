"""Eject early: copy the disc into an ISO in the job's work folder, so the drive is free at once
and a retry encodes from the image instead of needing the disc again.

- a folder (``VIDEO_TS``) becomes an image with ``genisoimage -dvd-video``;
- a file named ``*.iso`` is already an image and is used where it is;
- anything else — a drive's device node (``/dev/sr0``, ``/dev/disk4``), or any readable block
  device or file standing in for one — is copied byte for byte (``copy_device``): read in chunks
  with progress and a cancel check between chunks, written to ``disc.iso.partial``, fsynced, and
  checked against the source's size. Plain reads only: what the drive returns for an encrypted
  DVD's protected sectors is up to the drive and the system, nothing here decrypts (libdvdcss
  reads are out of scope), so such an image may still need decrypting when it is encoded.

The image is renamed to ``disc.iso`` only when complete, so a half-copied image is never used, and
an earlier attempt's image is reused before the source is looked at (the disc may be gone).
``discard`` removes it once the rip is published.

Must not: run a shell, write outside the work folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ...errors import ToolError
from ...tools import proc
from ..files import fsync_dir

CHUNK = 4 * 1024 * 1024
IMAGE_NAME = "disc.iso"


def image_path(work_dir: Path) -> Path:
    return Path(work_dir) / IMAGE_NAME


def make_image(source: str, work_dir: Path, *, label: str = "DISC", run=proc.run,
               check_cancelled: Callable[[], None] = lambda: None,
               progress: Callable[[float, str], None] = lambda p, m: None) -> Path:  # fmt: skip
    """The path of a complete image of ``source`` (found from an earlier attempt, or made now)."""
    final = image_path(work_dir)
    if final.exists():
        return final
    src = Path(source)
    if is_image_file(source):
        return src
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


def is_image_file(source: str) -> bool:
    """Whether ``source`` is already an image (a file named ``*.iso``): nothing to copy."""
    src = Path(source)
    return src.is_file() and src.suffix.lower() == ".iso"


def _volume_id(label: str) -> str:
    """genisoimage volume ids: up to 32 of A–Z, 0–9 and ``_``."""
    cleaned = "".join(ch if ch.isalnum() and ch.isascii() else "_" for ch in label.upper())[:32]
    return cleaned.strip("_") or "DISC"


def copy_device(device: Path, target: Path, *, check_cancelled: Callable[[], None] = lambda: None,
                progress: Callable[[float, str], None] = lambda p, m: None) -> int:  # fmt: skip
    """Copy ``device`` (a block device or a file) to ``target``; the bytes copied.

    ``ToolError`` when it cannot be read (a scratched disc) or ends short of its size;
    ``JobCancelled`` from ``check_cancelled``. The caller removes ``target`` on any error.
    """
    total = _size(device)
    copied = 0
    try:
        with open(device, "rb") as src, open(target, "wb") as dst:
            while chunk := src.read(CHUNK):
                check_cancelled()
                dst.write(chunk)
                copied += len(chunk)
                if total:
                    progress(min(100.0, 100.0 * copied / total), f"copying the disc: {copied >> 20} of {total >> 20} MiB")
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        raise ToolError("disc copy", None, message=f"could not read {device} after {copied >> 20} MiB: "
                        f"{exc.strerror or exc}") from exc  # fmt: skip
    if total and copied != total:
        raise ToolError("disc copy", None, message=f"the copy of {device} ended at {copied} of {total} bytes")
    return copied


def _size(device: Path) -> int:
    """The size of a device or file (seeking to the end works for both); 0 when unknown."""
    try:
        with open(device, "rb") as handle:
            return handle.seek(0, os.SEEK_END)
    except OSError:
        return 0


def discard(work_dir: Path) -> None:
    """Remove the job's image (and a partial one): the rip is published, a retry needs none."""
    final = image_path(work_dir)
    for path in (final, final.with_name(IMAGE_NAME + ".partial")):
        path.unlink(missing_ok=True)
