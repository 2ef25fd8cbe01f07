"""Music file names, both ways: what a file's name says (``parse_track_name``) and where an
identified track goes (``MusicPaths``, from ``music.path_template``).

Reading a name: ``01 - Intro``, ``01. Intro`` and ``2-01 Intro`` are a track number (and disc)
and a title, never an artist called "01"; ``The Testers - Intro`` is an artist and a title;
``01 - The Testers - Intro`` all three.

Writing one: the template (default ``{albumartist}/{album_folder}/{disc_track} - {title}``, which
gives ``The Testers/Sine Waves (2011)/2-01 - Intro.flac``) is split on ``/``; each part is filled
in and made one safe path component (``naming.safe_component``), and ``naming.join_inside`` proves
the result stays inside the music root. With ``music.disc_subfolders`` a release of several discs
gets a ``Disc N`` folder per disc. Must not: touch the disk or the database.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from ...errors import ConfigError
from .. import naming

_NUMBERED = re.compile(r"^\s*(?:(?P<disc>\d{1,2})\s*-\s*)?(?P<track>\d{1,3})(?:\s*[-._)]\s*|\s+)(?P<rest>.+?)\s*$")
_ONLY_NUMBER = re.compile(r"^\s*(?:track\s*)?(?P<track>\d{1,3})\s*$", re.IGNORECASE)
_ARTIST_TITLE = re.compile(r"^(?P<artist>.+?)\s+-\s+(?P<title>.+)$")
DEFAULT_TEMPLATE = "{albumartist}/{album_folder}/{disc_track} - {title}"  # as ``music.path_template``
FIELDS = ("albumartist", "artist", "album", "year", "album_folder", "disc", "track", "disc_track", "title")


@dataclass(frozen=True)
class NameHints:
    """What a file name says about the track in it (each part may be missing)."""

    title: str | None = None
    artist: str | None = None
    track: int | None = None
    disc: int | None = None


def parse_track_name(name: str) -> NameHints:
    """``NN - Title`` → track and title; ``Artist - Title`` → artist and title; ``NN - Artist - Title`` all."""
    stem = Path(name).stem.replace("_", " ").strip()
    only = _ONLY_NUMBER.match(stem)
    if only:
        return NameHints(track=int(only["track"]))
    numbered = _NUMBERED.match(stem)
    track = disc = None
    if numbered:
        track, disc = int(numbered["track"]), int(numbered["disc"]) if numbered["disc"] else None
        stem = numbered["rest"]
    pair = _ARTIST_TITLE.match(stem)
    if pair:
        return NameHints(pair["title"].strip(), pair["artist"].strip(), track, disc)
    return NameHints(stem or None, None, track, disc)


class MusicPaths:
    """Where a track goes inside the music root, from the template in the settings."""

    def __init__(self, root: Path, template: str, disc_subfolders: bool = False):
        self.root, self.disc_subfolders = root, disc_subfolders
        self.parts = [part for part in template.split("/") if part.strip()]
        check_template(template)

    def target(self, fields: dict, extension: str, root: Path | None = None) -> Path:
        """``fields``: artist, albumartist, album, year, title, track, disc, discs (count);
        ``root``: another folder to file it in (a library folder a person added), else the music root."""
        values = self._values(fields)
        folders = [naming.safe_component(part.format(**values), fallback="Unknown") for part in self.parts[:-1]]
        if self._subfolder(fields):
            folders.append(f"Disc {int(fields['disc'])}")
        stem = self.parts[-1].format(**values)
        return naming.join_inside(root or self.root, *folders, naming.safe_filename(stem, extension, fallback="Untitled"))

    def _subfolder(self, fields: dict) -> bool:
        return self.disc_subfolders and (fields.get("discs") or 1) > 1 and bool(fields.get("disc"))

    def _values(self, fields: dict) -> dict[str, str]:
        track = f"{int(fields.get('track') or 0):02d}"
        disc = int(fields.get("disc") or 1)
        later_disc = disc > 1 and not self._subfolder(fields)
        album = fields.get("album") or "Unknown Album"
        values = {"albumartist": fields.get("albumartist") or fields.get("artist") or "Unknown Artist",
                  "artist": fields.get("artist") or "Unknown Artist", "album": album,
                  "year": str(fields.get("year") or ""), "album_folder": naming.titled(album, fields.get("year")),
                  "disc": str(disc), "track": track, "disc_track": f"{disc}-{track}" if later_disc else track,
                  "title": fields.get("title") or "Untitled"}
        return {key: naming.safe_component(value, fallback="Unknown").replace("/", "_") for key, value in values.items()}


def check_template(template: str) -> None:
    """A template names only known fields and ends with a file name: else a ConfigError at start."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"music.path_template is not a valid template: {exc}") from exc
    unknown = names - set(FIELDS)
    if unknown:
        raise ConfigError(f"music.path_template uses unknown fields {sorted(unknown)}; known: {', '.join(FIELDS)}")
    if not template.strip("/ ") or "title" not in names and "track" not in names and "disc_track" not in names:
        raise ConfigError("music.path_template must name the file with {title} or {track}")
