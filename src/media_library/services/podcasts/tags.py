"""Tags and cover art in a downloaded episode, and the chapters a file carries, with mutagen.

Text tags go through mutagen's "easy" interface, which speaks ID3 (MP3), MP4 atoms (M4A) and
Vorbis comments (Ogg, Opus, FLAC) alike: title, album (the show), artist, date, genre Podcast.
The cover is written for the two formats phone and desktop players read it from: ID3 ``APIC``
and MP4 ``covr``. A file mutagen cannot tag keeps the feed's bytes as they are.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mutagen
from mutagen.id3 import APIC, ID3, ID3NoHeaderError
from mutagen.mp4 import MP4, MP4Cover

from ...models.podcasts import Episode, Podcast

log = logging.getLogger(__name__)


def write_tags(path: Path, podcast: Podcast, episode: Episode, cover: bytes | None) -> None:
    try:
        _write_text_tags(path, podcast, episode)
        if cover:
            _write_cover(path, cover)
    except (mutagen.MutagenError, OSError, ValueError) as exc:
        log.warning("Episode %s: tags not written: %s", episode.id, exc)


def _write_text_tags(path: Path, podcast: Podcast, episode: Episode) -> None:
    audio = mutagen.File(path, easy=True)
    if audio is None:
        return
    if audio.tags is None:
        audio.add_tags()
    values = {"title": episode.title, "album": podcast.title, "artist": podcast.author or podcast.title, "genre": "Podcast"}
    if episode.published_at:
        values["date"] = datetime.fromtimestamp(episode.published_at, UTC).strftime("%Y-%m-%d")
    for key, value in values.items():
        if value:
            audio[key] = value
    audio.save()


def _write_cover(path: Path, cover: bytes) -> None:
    mime = "image/png" if cover.startswith(b"\x89PNG") else "image/jpeg"
    kind = mutagen.File(path)
    if isinstance(kind, MP4):
        kind.tags["covr"] = [MP4Cover(cover, MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG)]
        kind.save()
    elif kind is not None and isinstance(kind.tags, ID3):
        kind.tags.delall("APIC")
        kind.tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=cover))
        kind.save()


def read_id3_chapters(path: Path) -> list[dict[str, Any]]:
    """The ID3 ``CHAP`` frames of a file, as ``{start_s, title}`` in order ([] when none)."""
    try:
        tags = ID3(path)
    except (ID3NoHeaderError, mutagen.MutagenError, OSError):
        return []
    chapters = []
    for frame in tags.getall("CHAP"):
        title = frame.sub_frames.get("TIT2")
        chapters.append({"start_s": frame.start_time / 1000.0, "title": str(title.text[0]) if title else "", "url": None})
    return sorted(chapters, key=lambda c: c["start_s"])
