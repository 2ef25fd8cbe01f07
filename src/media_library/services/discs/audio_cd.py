"""Audio CDs: cdparanoia → disc id → MusicBrainz (fallback AcoustID per track) → FLAC/MP3 → tags
and cover → ``Music/Artist/Album (Year)/NN - Title.flac``.

The pipeline after the read (``process``) works on a folder of ``trackNN.cdda.wav`` files, which
is what ``cdparanoia -B`` writes; tests hand it WAVs made by ffmpeg. Unidentified CDs are filed
as ``Unknown Artist/Unknown Album [<disc id>]`` so two of them never share a folder, and a name
already taken gets a stable suffix instead of being overwritten.

Must not: run a shell, make HTTP calls except through the clients it is given, publish a file
before it is encoded and tagged completely (``*.partial`` then an atomic rename).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ExternalServiceError, MediaLibraryError
from ...tools import cdparanoia, discid, proc
from .. import naming
from ..files import fsync_dir

log = logging.getLogger(__name__)
_WAV = re.compile(r"track(\d+)\.cdda\.wav$")


@dataclass
class Album:
    artist: str
    title: str
    year: int | None
    tracks: dict[int, str] = field(default_factory=dict)  # number → title
    mbid: str | None = None
    cover: bytes | None = None
    identified: bool = True


def toc_from_wavs(wavs: list[Path]) -> cdparanoia.Toc:
    """A TOC rebuilt from the WAV sizes (44.1 kHz, 16-bit stereo: 2352 bytes per frame)."""
    offsets, position = [], cdparanoia.PREGAP
    for wav in wavs:
        offsets.append(position)
        position += max(0, wav.stat().st_size - 44) // 2352
    return cdparanoia.Toc(first=1, last=len(wavs), offsets=tuple(offsets), leadout=position)


def track_wavs(folder: Path) -> list[tuple[int, Path]]:
    found = [(int(m[1]), p) for p in folder.iterdir() if (m := _WAV.search(p.name))]
    return sorted(found)


class AudioCdRipper:
    def __init__(self, state, settings, *, lookup_release=None, lookup_track=None, fetch_cover=None):
        self.state, self.settings = state, settings
        self.lookup_release = lookup_release or (lambda disc_id, toc: None)
        self.lookup_track = lookup_track or (lambda wav: None)
        self.fetch_cover = fetch_cover or (lambda mbid: None)

    @classmethod
    def from_services(cls, services) -> AudioCdRipper:
        """The ripper on the process's one MusicBrainz client (its rate limiter is shared)."""
        mb = services.clients.musicbrainz

        def lookup_release(disc_id: str, toc: str):
            releases = mb.releases_by_discid(disc_id, toc)
            return releases[0] if releases else None

        return cls(services.state, services.settings, lookup_release=lookup_release)

    # --- the read ----------------------------------------------------------------------------------
    def rip_device(self, device: str, work_dir: Path, *, run, progress, check_cancelled) -> dict[str, Any]:
        done = run(cdparanoia.toc_argv(device), timeout=120, check=False, line_source="stderr")
        toc = cdparanoia.parse_toc(done.stderr_tail)
        wav_dir = work_dir / "wav"
        wav_dir.mkdir(parents=True, exist_ok=True)

        def on_line(line: str) -> None:
            track = cdparanoia.parse_track_started(line)
            if track:
                progress(60.0 * (track - 1) / toc.last, f"reading track {track} of {toc.last}")

        run(cdparanoia.rip_argv(device), cwd=wav_dir, on_line=on_line, timeout=None)
        return self.process(wav_dir, toc, run=run, progress=progress, check_cancelled=check_cancelled)

    # --- everything after the read -------------------------------------------------------------
    def process(self, wav_dir: Path, toc: cdparanoia.Toc | None = None, *, run=proc.run,
                progress: Callable[[float, str], None] = lambda p, m: None,
                check_cancelled: Callable[[], None] = lambda: None) -> dict[str, Any]:  # fmt: skip
        wavs = track_wavs(wav_dir)
        if not wavs:
            raise MediaLibraryError("cdparanoia produced no tracks")
        toc = toc or toc_from_wavs([p for _, p in wavs])
        disc = discid.disc_id(toc.first, toc.last, toc.leadout, toc.offsets)
        album = self.identify(disc, toc, wavs)
        outputs = []
        for n, (number, wav) in enumerate(wavs, 1):
            check_cancelled()
            progress(60.0 + 40.0 * (n - 1) / len(wavs), f"encoding track {number}")
            target = self.encode_track(wav, number, album, disc, run=run)
            outputs.append({"path": str(target.relative_to(self.settings.media_dir)), "track": number})
        return {"disc_id": disc, "artist": album.artist, "album": album.title, "identified": album.identified,
                "outputs": outputs}  # fmt: skip

    def identify(self, disc: str, toc: cdparanoia.Toc, wavs: list[tuple[int, Path]]) -> Album:
        try:
            release = self.lookup_release(disc, discid.toc_string(toc.first, toc.last, toc.leadout, toc.offsets))
        except ExternalServiceError as exc:
            log.warning("MusicBrainz disc lookup failed: %s", exc.message)
            release = None
        if release is not None:
            tracks = {t.position: t.title for t in release.tracks if t.position}
            return Album(release.artist or "Unknown Artist", release.title or "Unknown Album", release.year, tracks,
                         release.mbid, self._cover(release.mbid))  # fmt: skip
        return self._by_fingerprints(disc, wavs)

    def _by_fingerprints(self, disc: str, wavs) -> Album:
        """AcoustID per track; what most tracks agree on names the album."""
        album = Album("Unknown Artist", f"Unknown Album [{disc}]", None, identified=False)
        votes: dict[tuple[str, str, int | None], int] = {}
        for number, wav in wavs:
            try:
                hit = self.lookup_track(wav)
            except ExternalServiceError as exc:
                log.warning("AcoustID lookup failed for track %s: %s", number, exc.message)
                hit = None
            if hit:
                album.tracks[number] = hit.get("title") or ""
                key = (hit.get("artist") or "", hit.get("album") or "", hit.get("year"))
                votes[key] = votes.get(key, 0) + 1
        if votes:
            (artist, title, year), _ = max(votes.items(), key=lambda kv: kv[1])
            if artist and title:
                album.artist, album.title, album.year, album.identified = artist, title, year, True
        return album

    def _cover(self, mbid: str | None) -> bytes | None:
        try:
            return self.fetch_cover(mbid) if mbid else None
        except MediaLibraryError:
            return None

    # --- one track -----------------------------------------------------------------------------
    def encode_track(self, wav: Path, number: int, album: Album, disc: str, *, run) -> Path:
        fmt = self.settings.disc.audio_format
        title = album.tracks.get(number) or f"Track {number:02d}"
        artist, folder, stem = naming.music_parts(album.artist, album.title, album.year, number, title)
        target = naming.join_inside(self.settings.media_dir, "Music", artist, folder, f"{stem}.{fmt}")
        target = self._free_name(target, disc)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.stem}.partial.{fmt}")
        try:
            run(self.encode_argv(wav, partial, fmt), timeout=600)
            tag_file(partial, fmt, artist=album.artist, album=album.title, title=title, track=number,
                     year=album.year, cover=album.cover, disc_id=disc, mbid=album.mbid)  # fmt: skip
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
        fsync_dir(target.parent)
        return target

    def encode_argv(self, wav: Path, output: Path, fmt: str) -> list[str]:
        if fmt == "mp3":
            return [proc.which("ffmpeg"), "-nostdin", "-v", "error", "-y", "-i", f"file:{wav.resolve()}",
                    "-codec:a", "libmp3lame", "-q:a", str(self.settings.disc.mp3_quality), "-f", "mp3",
                    f"file:{output.resolve()}"]  # fmt: skip
        return [proc.which("flac"), "--silent", "--force", "--best", "-o", str(output.resolve()), str(wav.resolve())]

    @staticmethod
    def _free_name(target: Path, disc: str) -> Path:
        """Never overwrite: a taken name gets a suffix from this CD's disc id."""
        if not target.exists():
            return target
        return target.with_name(naming.disambiguate(target.stem, disc) + target.suffix)


def tag_file(path: Path, fmt: str, *, artist: str, album: str, title: str, track: int, year: int | None,
             cover: bytes | None, disc_id: str, mbid: str | None) -> None:  # fmt: skip
    """Tags and an embedded front cover, with mutagen."""
    if fmt == "flac":
        from mutagen.flac import FLAC, Picture

        audio = FLAC(path)
        audio.update({"ARTIST": artist, "ALBUMARTIST": artist, "ALBUM": album, "TITLE": title,
                      "TRACKNUMBER": str(track), "MUSICBRAINZ_DISCID": disc_id})  # fmt: skip
        if year:
            audio["DATE"] = str(year)
        if mbid:
            audio["MUSICBRAINZ_ALBUMID"] = mbid
        if cover:
            picture = Picture()
            picture.type, picture.mime, picture.data = 3, "image/jpeg", cover
            audio.add_picture(picture)
        audio.save()
        return
    from mutagen.id3 import APIC, ID3, TALB, TDRC, TIT2, TPE1, TPE2, TRCK, TXXX

    tags = ID3()
    for frame in (TPE1(encoding=3, text=artist), TPE2(encoding=3, text=artist), TALB(encoding=3, text=album),
                  TIT2(encoding=3, text=title), TRCK(encoding=3, text=str(track)),
                  TXXX(encoding=3, desc="MusicBrainz Disc Id", text=disc_id)):  # fmt: skip
        tags.add(frame)
    if year:
        tags.add(TDRC(encoding=3, text=str(year)))
    if cover:
        tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=cover))
    tags.save(path)
