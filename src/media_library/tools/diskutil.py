"""macOS ``diskutil``: argv builders and pure parsers of ``diskutil list -plist`` / ``info -plist``.

Owns turning Apple's property lists (the documented plist format, read with ``plistlib``) into
``MacDrive`` and ``MacDisc`` records, and the argv for listing, inspecting and ejecting. Disk
identifiers are checked (``disk4``, ``disk4s1``) before they reach an argv, so a volume name can
never become an option.

Must not: run a shell, mount or unmount anything, or decide what to do with a disc.
"""

from __future__ import annotations

import plistlib
import re
from dataclasses import dataclass

_IDENTIFIER = re.compile(r"disk\d+(s\d+)?")


@dataclass(frozen=True)
class MacDisk:
    """One whole disk from ``diskutil list -plist``."""

    identifier: str
    volume_name: str | None
    mount_point: str | None
    content: str
    size: int


@dataclass(frozen=True)
class MacDrive:
    identifier: str
    device_type: str  # "DVD-ROM", "BD-ROM", "CD-ROM", "DVD-RW" …
    bus: str


@dataclass(frozen=True)
class MacDisc:
    identifier: str
    device_node: str
    label: str
    mount_point: str | None
    media_type: str  # OpticalMediaType: "DVD-ROM", "BD-ROM", "CD-ROM" …
    filesystem: str
    content: str
    size: int


def check_identifier(identifier: str) -> str:
    if not isinstance(identifier, str) or not _IDENTIFIER.fullmatch(identifier):
        raise ValueError(f"not a disk identifier: {identifier!r}")
    return identifier


def list_argv(diskutil: str = "diskutil") -> list[str]:
    return [diskutil, "list", "-plist"]


def info_argv(identifier: str, diskutil: str = "diskutil") -> list[str]:
    return [diskutil, "info", "-plist", check_identifier(identifier)]


def eject_argv(identifier: str, diskutil: str = "diskutil") -> list[str]:
    return [diskutil, "eject", check_identifier(identifier)]


def _load(data: bytes) -> dict:
    try:
        value = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError) as exc:
        raise ValueError(f"diskutil output is not a property list: {exc}") from exc
    if not isinstance(value, dict):
        raise ValueError("diskutil output is not a dictionary")
    return value


def parse_list(data: bytes) -> list[MacDisk]:
    """Pure: the whole disks of ``diskutil list -plist`` (partitions folded into their disk)."""
    disks = []
    for entry in _load(data).get("AllDisksAndPartitions") or []:
        if not isinstance(entry, dict) or not _IDENTIFIER.fullmatch(str(entry.get("DeviceIdentifier", ""))):
            continue
        volume, mount = entry.get("VolumeName"), entry.get("MountPoint")
        for part in entry.get("Partitions") or []:  # an audio CD's tracks, a hybrid disc's session
            if isinstance(part, dict) and not mount and part.get("MountPoint"):
                volume, mount = part.get("VolumeName"), part.get("MountPoint")
        disks.append(
            MacDisk(
                identifier=entry["DeviceIdentifier"],
                volume_name=_text(volume),
                mount_point=_text(mount),
                content=str(entry.get("Content") or ""),
                size=_int(entry.get("Size")),
            )
        )
    return disks


def parse_info(data: bytes) -> MacDrive | MacDisc | None:
    """Pure: ``diskutil info -plist`` of a whole disk → a disc (media present), a drive, or None."""
    info = _load(data)
    device_type = _text(info.get("OpticalDeviceType"))
    identifier = str(info.get("DeviceIdentifier") or "")
    if device_type is None or not _IDENTIFIER.fullmatch(identifier):
        return None  # not an optical drive
    media_type = _text(info.get("OpticalMediaType"))
    size = _int(info.get("TotalSize") or info.get("Size"))
    if media_type is None and not size:
        return MacDrive(
            identifier=identifier, device_type=device_type, bus=str(info.get("BusProtocol") or "")
        )
    return MacDisc(
        identifier=identifier,
        device_node=str(info.get("DeviceNode") or f"/dev/{identifier}"),
        label=_text(info.get("VolumeName")) or "",
        mount_point=_text(info.get("MountPoint")),
        media_type=media_type or "",
        filesystem=str(info.get("FilesystemType") or ""),
        content=str(info.get("Content") or ""),
        size=size,
    )


def disc_kind(disc: MacDisc, root_names: set[str] | None = None) -> str:
    """``audio_cd``, ``bluray``, ``dvd`` or ``data`` from the media type and the root folder names."""
    names = {n.upper() for n in root_names or ()}
    if disc.content == "CD_partition_scheme" or disc.filesystem == "cddafs":
        return "audio_cd"
    if "BDMV" in names or ("BD" in disc.media_type.upper() and not names):
        return "bluray"
    if "VIDEO_TS" in names or ("DVD" in disc.media_type.upper() and not names):
        return "dvd"
    return "data"


def _text(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
