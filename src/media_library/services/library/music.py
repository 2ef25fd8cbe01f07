"""Music: fpcalc → AcoustID → MusicBrainz → Cover Art Archive → Picard's tags (mutagen) → the library.

Owns identifying audio files and recording them as artist → album → track items:

1. ``fpcalc`` fingerprints a file; AcoustID answers with scored results. A result without
   recordings is skipped; an id-only recording (``{"id"}``) and any recording without a release
   are looked up at MusicBrainz, whose answer carries the *canonical* id when the one AcoustID
   knows was merged (we keep the canonical one).
2. When the fingerprint finds nothing, the file's own tags (or its name, ``music_names``) are
   searched at MusicBrainz; its 0-100 relevance becomes the confidence. Such a name match must
   agree with the file's duration (``music.duration_tolerance_seconds``) or the file waits in
   review: a 20 s tone named ``Intro`` never takes the 30 s ``Intro``'s place.
3. A folder of several files is matched as one album (``music_folder.py``): one release for all,
   missing tracks reported, extra files to review; a folder nothing identifies is one album item
   in review, not one item per file.
4. Tags are written as Picard writes them, with the front cover embedded (``music_tags``), on a
   copy that then replaces the file; the row's size, mtime and quick hash follow so a rescan sees
   no change. After organize the cover is also saved as ``cover.jpg`` in the album folder.
5. A second copy of a track the library already holds (or a name match and a fingerprint match
   for the same recording) waits in review as a duplicate: keep both, replace or discard
   (``duplicates.py``), never silently.

Below ``library.identify_threshold`` the track waits in review like a film. Must not: make HTTP
calls except through the clients, or move files (organize names them with ``music_names``).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ... import events
from ...errors import ExternalServiceError, NotFound
from ...models import MediaFile, MediaItem
from ...models.metadata import Recording, Release, Track
from ...tools import fpcalc
from ..files import write_atomic
from .artwork import ALLOWED_IMAGES, sniff_image
from .duplicates import Duplicate, DuplicateFinder
from .music_album import ReleasePreference, duration_agrees
from .music_names import parse_track_name
from .music_tags import duration_of, picard_tags, read_tags, write_tags
from .scan import quick_hash

log = logging.getLogger(__name__)
MIN_ACOUSTID_SCORE = 0.5
SEARCH_CONFIDENCE = 0.9  # a text search is never as sure as a fingerprint
KNOWN_KEY = "music_known"  # in a file's ``tech``: size and mtime when it was last identified
_FOLDER_LOCKS: dict[str, threading.Lock] = {}  # one per folder, process-wide (workers are threads)
_LOCKS_GUARD = threading.Lock()

__all__ = ["MusicMatch", "MusicOptions", "MusicService", "build_music_service", "read_tags"]


@dataclass(frozen=True)
class MusicOptions:
    """The ``music.*`` settings the pipeline reads."""

    duration_tolerance_s: float = 7.0
    album_threshold: float = 0.7
    preference: ReleasePreference = field(default_factory=ReleasePreference)
    cover_size: int = 500
    cover_max_bytes: int = 1024 * 1024


@dataclass(frozen=True)
class MusicMatch:
    recording: Recording | None
    release: Release | None = None
    track: Track | None = None
    confidence: float = 0.0
    acoustid_id: str | None = None
    decided_by: str = "none"  # acoustid | search | album | manual | none
    tags: dict = field(default_factory=dict)
    problem: str | None = None  # why a found match was not taken (a duration that disagrees)

    @property
    def album_year(self) -> int | None:
        return self.release.year if self.release else None

    def to_public(self) -> dict:
        r, rel = self.recording, self.release
        return {"kind": "track", "title": r.title if r else self.tags.get("title"), "artist": r.artist if r else None,
                "album": rel.title if rel else None, "year": self.album_year, "musicbrainz_recording": r.mbid if r else None,
                "musicbrainz_release": rel.mbid if rel else None, "track": self.track.position if self.track else None,
                "disc": self.track.disc if self.track else None, "acoustid": self.acoustid_id,
                "confidence": round(self.confidence, 4), "decided_by": self.decided_by, "problem": self.problem,
                "candidates": []}


def recording_of(release: Release, track: Track) -> Recording:
    """The recording on ``track`` as the release lists it (its own credit, else the release's)."""
    return Recording(track.recording_id or "", track.title, track.length_ms, track.artists or release.artists)


class MusicService:
    def __init__(self, state, *, acoustid, musicbrainz, coverart, cache_dir: Path, threshold: float,
                 options: MusicOptions | None = None, bus: events.EventBus | None = None,
                 after_match: Callable[[MediaItem], None] | None = None,
                 hold: Callable[[MediaFile, MediaItem | None, MediaItem, Duplicate], MediaItem] | None = None,
                 fingerprint: Callable[[str], fpcalc.Fingerprint] = fpcalc.fingerprint, loose_folders: tuple[str, ...] = ()):
        self.state = state
        self.acoustid, self.musicbrainz, self.coverart = acoustid, musicbrainz, coverart
        self.cache_dir = Path(cache_dir) / "artwork"
        self.threshold = threshold
        self.options = options or MusicOptions()
        self.bus = bus
        self.after_match = after_match
        self.hold = hold
        self.fingerprint = fingerprint
        self.loose_folders = {os.path.normpath(str(folder)) for folder in loose_folders}  # never an album (uploads)
        self.duplicates = DuplicateFinder(state, lambda _file: None)

    # --- read-only identification of one file ------------------------------------------------
    def identify_path(self, path: str, name: str | None = None) -> MusicMatch:
        tags = read_tags(path)
        match = self.by_fingerprint(path)
        if match is None:
            match = self._by_search(path, tags, name or os.path.basename(path))
        return replace(match, tags=tags) if match else MusicMatch(None, tags=tags)

    def by_fingerprint(self, path: str) -> MusicMatch | None:
        fp = self.fingerprint(path)
        for result in self.acoustid.lookup(fp.fingerprint, fp.duration_s):
            if result.score < MIN_ACOUSTID_SCORE:
                break
            for recording in result.recordings:  # a result without recordings gives nothing
                full = self._complete(recording)
                if full is not None:
                    return self.with_release(full, result.score, "acoustid", result.acoustid_id)
        return None

    def _complete(self, recording: Recording) -> Recording | None:
        """An id-only or release-less recording, looked up (the answer's id is canonical after a merge)."""
        if recording.title and recording.releases:
            return recording
        try:
            return self.musicbrainz.recording(recording.mbid)
        except NotFound:
            return None

    def _by_search(self, path: str, tags: dict, name: str) -> MusicMatch | None:
        hints = parse_track_name(name)
        return self.identify_by_name(path, tags.get("title") or hints.title, tags.get("artist") or hints.artist,
                                     tags.get("album"))

    def identify_by_name(self, path: str, title: str | None, artist: str | None, album: str | None) -> MusicMatch | None:
        """A recording search by title and artist (or album); the match must agree with the file's duration."""
        if not title or not (artist or album):
            return None  # a bare title is too little to search the whole of MusicBrainz by
        hits = self.musicbrainz.search_recordings(title, artist=artist, release=album, limit=5)
        if not hits:
            return None
        best = self._complete(hits[0]) or hits[0]
        match = self.with_release(best, (hits[0].score or 0) / 100.0 * SEARCH_CONFIDENCE, "search", None, album=album)
        return self.checked_duration(match, duration_of(path))

    def checked_duration(self, match: MusicMatch, duration_s: float | None) -> MusicMatch:
        """A name match whose length disagrees with the file's by more than the tolerance is no match."""
        length = match.track.length_ms if match.track and match.track.length_ms else match.recording.length_ms
        if duration_agrees(duration_s, length, self.options.duration_tolerance_s) is False:
            log.info("%r found by name lasts %.0f s, the file %.0f s: left for review", match.recording.title,
                     length / 1000, duration_s)
            return replace(match, confidence=0.0, problem="duration")
        return match

    def with_release(self, recording: Recording, confidence: float, decided_by: str, acoustid_id: str | None,
                     album: str | None = None) -> MusicMatch:
        release = self._pick_release(recording.releases, album)
        if release is not None and not _track_of(release, recording):
            release = self.full_release(release)
        track = _track_of(release, recording) if release else None
        if release is not None and track is None:
            recording = self._canonical(recording)
            track = _track_of(release, recording)
        return MusicMatch(recording, release, track, confidence, acoustid_id, decided_by)

    def _pick_release(self, releases, album: str | None) -> Release | None:
        """The release named by the album tag; else an official one the settings prefer; else the first."""
        releases = list(releases)
        if not releases:
            return None
        if album:
            wanted = album.casefold().strip()
            named = [r for r in releases if r.title.casefold().strip() == wanted]
            if named:
                releases = named
        official = [r for r in releases if r.status == "Official"] or releases
        return min(official, key=self.options.preference.key)

    def _canonical(self, recording: Recording) -> Recording:
        """A merged recording id answers with the surviving one: compare tracks after resolving (beets#5535)."""
        try:
            found = self.musicbrainz.recording(recording.mbid)
        except (NotFound, ExternalServiceError):
            return recording
        return found if found.mbid != recording.mbid else recording

    def full_release(self, release: Release) -> Release:
        try:
            return self.musicbrainz.release(release.mbid)
        except (NotFound, ExternalServiceError) as exc:
            log.info("Release %s kept as AcoustID gave it: %s", release.mbid, exc)
            return release

    # --- recording it ------------------------------------------------------------------------
    def identify_file(self, file_id: int, *, force: bool = False) -> dict:
        """Identify a file, with the other new files of its folder as one album when there are several.
        One folder at a time: the jobs of its other files (running on other workers) wait, then find
        their file already done."""
        from .music_folder import FolderMatcher

        with self._folder_lock(os.path.dirname(self.state.get_media_file(file_id).path)):
            file = self.state.get_media_file(file_id)
            item = self.item_of(file)
            if item is not None and item.match_locked and not force:
                return {"file_id": file_id, "media_id": item.id, "status": "locked"}
            if not force and item is not None and self.known(file):
                return {"file_id": file_id, "media_id": item.id, "status": item.status, "known": True}
            return FolderMatcher(self).identify(file, item, force=force)

    @staticmethod
    def _folder_lock(folder: str) -> threading.Lock:
        with _LOCKS_GUARD:
            return _FOLDER_LOCKS.setdefault(folder, threading.Lock())

    def identify_single(self, file: MediaFile, item: MediaItem | None) -> dict:
        match = self.identify_path(file.path, (file.tech or {}).get("original_name"))
        target = self.record(file, item, match)
        return {"file_id": file.id, "media_id": target.id, "status": target.status, **match.to_public()}

    def known(self, file: MediaFile) -> bool:
        return (file.tech or {}).get(KNOWN_KEY) == f"{file.size}:{file.mtime}"

    def confident(self, match: MusicMatch) -> bool:
        return match.recording is not None and match.confidence >= self.threshold and match.problem is None

    def record(self, file: MediaFile, item: MediaItem | None, match: MusicMatch, *, locked: bool = False,
               extra: dict | None = None) -> MediaItem:
        """File ``match`` (or, unsure, put the file in review); a second copy of a held track waits as a duplicate."""
        if locked or self.confident(match):
            target = self.track_item(match, locked)
            joined_before = file.media_id == target.id
            write_tags(file.path, picard_tags(match.recording, match.release, match.track, match.acoustid_id),
                       self.cover_for(match.release))
            self.link(file, target)  # the tagged file's hash, size and mtime, before comparing copies
            tagged = self.state.get_media_file(file.id)
            duplicate = None if joined_before or self.hold is None else self.duplicates.find(tagged, target)
            if duplicate is not None:
                return self._hold(tagged, item, target, duplicate)
        else:
            target = self.review_item(file, item, match, extra)
        self.link(file, target)
        self.drop_if_empty(item, target)
        self.publish(target)
        return target

    def _hold(self, file: MediaFile, item: MediaItem | None, original: MediaItem, duplicate: Duplicate) -> MediaItem:
        held = self.hold(file, item, original, duplicate)
        self.drop_if_empty(item, held)
        return held

    def track_item(self, match: MusicMatch, locked: bool = False) -> MediaItem:
        r, rel, track = match.recording, match.release, match.track
        artist_name = (rel.artist if rel and rel.artist else r.artist) or "Unknown Artist"
        artist_id = next((a.mbid for a in (rel.artists if rel and rel.artists else r.artists) if a.mbid), None)
        artist_key = {"provider": "musicbrainz", "value": artist_id} if artist_id else {"title": artist_name, "parent_id": None}
        artist, _ = self.state.ensure_media("artist", artist_name, match=artist_key, status="identified",
                                            external_ids={"musicbrainz": artist_id})
        parent = artist
        if rel is not None:
            parent = self.album_item(rel, artist)
        extra = {"artist": artist_name, "album": rel.title if rel else None, "album_year": match.album_year,
                 "track_number": track.position if track else None, "disc_number": track.disc if track else None,
                 "disc_count": rel.medium_count if rel else None, "release_id": rel.mbid if rel else None,
                 "recording_artist": r.artist, "decided_by": match.decided_by}
        fields = {"parent_id": parent.id, "year": match.album_year, "status": "identified",
                  "confidence": 1.0 if locked else match.confidence,
                  "runtime_minutes": round(r.length_ms / 60000, 2) if r.length_ms else None, "extra": extra}
        if locked:
            fields["match_locked"] = True
        item, created = self.state.ensure_media("track", r.title or "Untitled", match={"provider": "musicbrainz", "value": r.mbid},
                                                external_ids={"musicbrainz": r.mbid, "acoustid": match.acoustid_id}, **fields)
        if not created and (locked or not item.match_locked):
            item = self.state.update_media(item.id, title=r.title or item.title, **fields)
        return item

    def album_item(self, release: Release, artist: MediaItem, extra: dict | None = None) -> MediaItem:
        album, _ = self.state.ensure_media("album", release.title or "Unknown Album",
                                           match={"provider": "musicbrainz", "value": release.mbid},
                                           parent_id=artist.id, year=release.year, status="identified",
                                           external_ids={"musicbrainz": release.mbid})
        if extra is not None:
            album = self.state.update_media(album.id, extra={**(album.extra or {}), **extra})
        return album

    def review_item(self, file: MediaFile, item: MediaItem | None, match: MusicMatch, extra: dict | None = None) -> MediaItem:
        title = match.tags.get("title") or (item.title if item else None) or Path(file.path).stem
        fields = {"status": "review", "confidence": match.confidence,
                  "extra": {"tags": match.tags, "problem": match.problem, **(extra or {}),
                            "suggested": match.to_public() if match.recording else None}}
        if item is None or item.kind not in ("unknown", "track", "album") or self.state.count_media_files(item.id) > 1:
            return self.state.add_media("track", title, **fields)
        return self.state.update_media(item.id, kind="track", title=title, **fields)

    def link(self, file: MediaFile, target: MediaItem) -> None:
        st = os.stat(file.path)
        tech = {**(file.tech or {}), "quick_hash": quick_hash(file.path, st.st_size), KNOWN_KEY: f"{st.st_size}:{st.st_mtime}"}
        self.state.update_media_file(file.id, media_id=target.id, size=st.st_size, mtime=st.st_mtime,
                                     duration_s=duration_of(file.path), tech=tech)

    def item_of(self, file: MediaFile) -> MediaItem | None:
        try:
            return self.state.get_media(file.media_id) if file.media_id else None
        except NotFound:
            return None

    def drop_if_empty(self, item: MediaItem | None, target: MediaItem) -> None:
        if item is not None and item.id != target.id and self.state.count_media_files(item.id) == 0:
            self.state.delete_media(item.id)

    def publish(self, target: MediaItem) -> None:
        if self.bus is not None:
            self.bus.publish(events.LibraryUpdated([target.id], target.status))
        if target.status == "identified" and target.kind == "track" and self.after_match:
            self.after_match(target)

    # --- cover art ---------------------------------------------------------------------------
    def cover_for(self, release: Release | None) -> tuple[bytes, str] | None:
        """The release's front cover to embed (fetched once per release and cached), or None: no
        cover, or larger than ``music.cover_max_kb`` (then it is only saved as ``cover.jpg``)."""
        path = self._cached_cover(release) if release is not None else None
        if path is None:
            return None
        data = path.read_bytes()
        if len(data) > self.options.cover_max_bytes:
            log.info("The cover of %s is %d KiB, over music.cover_max_kb: saved beside the files, not embedded",
                     release.title, len(data) // 1024)
            return None
        return data, sniff_image(data) or "image/jpeg"

    def _cached_cover(self, release: Release) -> Path | None:
        folder = self.cache_dir / "release" / release.mbid
        cached = next((folder / f"front{ext}" for ext in ALLOWED_IMAGES.values() if (folder / f"front{ext}").is_file()), None)
        if cached is not None or self.coverart is None:
            return cached
        try:
            data = self.coverart.front_image(release.mbid, self.options.cover_size or None)
        except ExternalServiceError as exc:
            log.warning("No cover for %s: %s", release.title, exc.message)
            return None
        mime = sniff_image(data) if data else None
        if mime is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"front{ALLOWED_IMAGES[mime]}"
        write_atomic(target, data)
        return target

    def after_organize(self, item: MediaItem, file: MediaFile) -> None:
        """A filed track's album folder gets ``cover.jpg`` (once); the album item shows it as its poster."""
        release_id = (item.extra or {}).get("release_id")
        cached = self._cached_cover(Release(release_id, (item.extra or {}).get("album") or "")) if release_id else None
        if cached is None:
            return
        target = Path(file.path).parent / f"cover{cached.suffix}"
        if not target.exists():
            shutil.copyfile(cached, target)
        for owner_id in {item.id, item.parent_id} - {None}:
            self.state.set_artwork(owner_id, "poster", str(target), f"coverartarchive:release/{release_id}/front")


def _track_of(release: Release, recording: Recording) -> Track | None:
    for track in release.tracks:
        if track.recording_id == recording.mbid:
            return track
    return release.tracks[0] if len(release.tracks) == 1 else None


def build_music_service(lib) -> MusicService:
    """The music pipeline on the library's settings and the process's clients (one MusicBrainz limiter)."""
    s, clients = lib.settings, lib.clients
    m = s.music
    options = MusicOptions(m.duration_tolerance_seconds, m.album_threshold,
                           ReleasePreference(tuple(m.preferred_countries), tuple(m.preferred_formats), m.prefer_original),
                           m.cover_size, m.cover_max_kb * 1024)
    return MusicService(lib.state, acoustid=clients.acoustid, musicbrainz=clients.musicbrainz, coverart=clients.coverart,
                        cache_dir=s.cache_dir, threshold=s.library.identify_threshold, options=options, bus=lib.bus,
                        after_match=lib.queue_organize, hold=lib.identification.hold,
                        loose_folders=(str(s.uploads_dir),))
