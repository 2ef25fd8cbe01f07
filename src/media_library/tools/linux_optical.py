"""Linux optical drives without root: ``/sys/block/sr*`` and the standard tools' output.

Owns finding drives (``/sys/block/srN`` → ``/dev/srN``), telling whether a disc is in (the
kernel's ``size`` of the block device is non-zero only with media), and parsing the ``KEY=VALUE``
output of ``udevadm info --query=property`` and ``blkid -o export`` into a disc kind and label.

Must not: use ioctls that need root, run a shell, or open the device for writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SYS_BLOCK = Path("/sys/block")


@dataclass(frozen=True)
class LinuxDrive:
    name: str  # "sr0"
    device: str  # "/dev/sr0"


def list_drives(sys_block: Path = SYS_BLOCK, dev: Path = Path("/dev")) -> list[LinuxDrive]:
    """Every ``sr*`` block device the kernel knows, sorted by name."""
    try:
        names = sorted(p.name for p in sys_block.iterdir() if p.name.startswith("sr"))
    except OSError:
        return []
    return [LinuxDrive(name=n, device=str(dev / n)) for n in names]


def media_present(drive: LinuxDrive, sys_block: Path = SYS_BLOCK) -> bool:
    """A drive's block size is 0 while it is empty or the tray is open."""
    try:
        return int((sys_block / drive.name / "size").read_text().strip() or 0) > 0
    except (OSError, ValueError):
        return False


def udevadm_argv(device: str, udevadm: str = "udevadm") -> list[str]:
    return [udevadm, "info", "--query=property", f"--name={_device(device)}"]


def blkid_argv(device: str, blkid: str = "blkid") -> list[str]:
    return [blkid, "-o", "export", _device(device)]


def eject_argv(device: str, eject: str = "eject") -> list[str]:
    return [eject, _device(device)]


def _device(device: str) -> str:
    if not device.startswith("/dev/"):
        raise ValueError(f"not a device node: {device!r}")
    return device


def parse_properties(text: str) -> dict[str, str]:
    """Pure: ``KEY=VALUE`` lines (udevadm ``--query=property``, ``blkid -o export``) → dict."""
    props = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and key.replace("_", "").isalnum():
            props[key] = value
    return props


def kind_from_properties(props: dict[str, str]) -> str | None:
    """``audio_cd``, ``bluray``, ``dvd``, ``data``, or None when the drive holds no disc."""
    if props.get("ID_CDROM_MEDIA") != "1":
        return None
    audio = int(props.get("ID_CDROM_MEDIA_TRACK_COUNT_AUDIO") or 0)
    data = int(props.get("ID_CDROM_MEDIA_TRACK_COUNT_DATA") or 0)
    if audio and not data:
        return "audio_cd"
    if any(k.startswith("ID_CDROM_MEDIA_BD") and v == "1" for k, v in props.items()):
        return "bluray"
    if any(k.startswith("ID_CDROM_MEDIA_DVD") and v == "1" for k, v in props.items()):
        return "dvd"
    return "data"


def label_from_properties(props: dict[str, str]) -> str:
    return props.get("ID_FS_LABEL") or props.get("LABEL") or ""
