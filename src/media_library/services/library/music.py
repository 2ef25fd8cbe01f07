"""Music: fpcalc → AcoustID → MusicBrainz → Cover Art Archive → tags (mutagen) → the library.

Owns identifying one audio file and recording it as artist → album → track items:

1. ``fpcalc`` fingerprints the file; AcoustID answers with scored results. A result without
   recordings is skipped; an id-only recording (``{"id"}``) and any recording without a release
   are looked up at MusicBrainz, whose answer carries the *canonical* id when the one AcoustID
   knows was merged (we keep the canonical one).
2. When the fingerprint finds nothing, the file's own tags (or an ``Artist - Title`` name) are
   searched at MusicBrainz; its 0-100 relevance becomes the confidence.
3. The release (matching the album tag when there is one, else an official one, else the first)
   gives the track number, disc, album title and year; its front cover is cached as artwork.
4. Tags are written with mutagen on a copy beside the file that then replaces it (never a torn
   file); the row's size, mtime and quick hash follow so a rescan sees no change.

Below ``library.identify_threshold`` the track waits in review like a film. Must not: make HTTP
calls except through the clients, or move files (organize names ``Music/Artist/Album (Year)/NN -
Title.ext`` from the item).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ... import events
from ...errors import ExternalServiceError, NotFound, ToolError
from ...models import MediaFile, MediaItem
from ...models.metadata import Recording, Release, Track
from ...tools import fpcalc
from ..files import TEMP_PREFIX, TEMP_SUFFIX, write_atomic
from .artwork import ALLOWED_IMAGES, sniff_image
from .scan import quick_hash

log = logging.getLogger(__name__)
MIN_ACOUSTID_SCORE = 0.5
SEARCH_CONFIDENCE = 0.9  # a text search is never as sure as a fingerprint
_ARTIST_TITLE = re.compile(r"^\s*(?:\d{1,3}\s*[-._ ]\s*)?(?P<artist>.+?)\s+-\s+(?P<title>.+?)\s*$")


@dataclass(frozen=True)
class MusicMatch:
    recording: Recording | None
    release: Release | None = None
    track: Track | None = None
    confidence: float = 0.0
    acoustid_id: str | None = None
    decided_by: str = "none"  # acoustid | search | none
    tags: dict = field(default_factory=dict)

    @property
    def album_year(self) -> int | None:
        return self.release.year if self.release else None

    def to_public(self) -> dict:
        r, rel = self.recording, self.release
        return {"kind": "track", "title": r.title if r else self.tags.get("title"), "artist": r.artist if r else None,
                "album": rel.title if rel else None, "year": self.album_year, "musicbrainz_recording": r.mbid if r else None,
                "musicbrainz_release": rel.mbid if rel else None, "track": self.track.position if self.track else None,
                "disc": self.track.disc if self.track else None, "acoustid": self.acoustid_id,
                "confidence": round(self.confidence, 4), "decided_by": self.decided_by, "candidates": []}


# --- tags ----------------------------------------------------------------------------------------


def read_tags(path: str) -> dict:
    """Title, artist and album from the file's own tags (empty when it has none or is unreadable)."""
    import mutagen

    try:
        audio = mutagen.File(path, easy=True)
    except Exception:  # mutagen raises many types on odd files; tags are only a hint
        return {}
    if audio is None or audio.tags is None:
        return {}
    return {key: str(audio.tags[key][0]) for key in ("title", "artist", "album") if audio.tags.get(key)}


def tags_for(match: MusicMatch) -> dict[str, str]:
    r, rel, track = match.recording, match.release, match.track
    tags = {"title": r.title, "artist": r.artist, "musicbrainz_trackid": r.mbid}
    if rel is not None:
        tags.update(album=rel.title, albumartist=rel.artist or r.artist, musicbrainz_albumid=rel.mbid)
        if rel.date or rel.year:
            tags["date"] = rel.date or str(rel.year)
    if track is not None and track.position:
        tags["tracknumber"] = f"{track.position}/{rel.track_count}" if rel and rel.track_count else str(track.position)
    if track is not None and track.disc:
        tags["discnumber"] = str(track.disc)
    if match.acoustid_id:
        tags["acoustid_id"] = match.acoustid_id
    return {k: v for k, v in tags.items() if v}


def write_tags(path: str, tags: dict[str, str]) -> None:
    """Tag a copy beside ``path`` and put it in place with one rename."""
    import mutagen

    temp = os.path.join(os.path.dirname(path), f"{TEMP_PREFIX}{secrets.token_hex(4)}{Path(path).suffix}{TEMP_SUFFIX}")
    shutil.copy2(path, temp)
    try:
        audio = mutagen.File(temp, easy=True)
        if audio is None:
            raise ToolError("mutagen", None, message=f"cannot tag {os.path.basename(path)!r}: unknown audio format")
        if audio.tags is None:
            audio.add_tags()
        for key, value in tags.items():
            try:
                audio[key] = value
            except (KeyError, ValueError):
                log.debug("%s cannot hold the tag %s", type(audio).__name__, key)
        audio.save()
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


# --- the service ---------------------------------------------------------------------------------


class MusicService:
    def __init__(self, state, *, acoustid, musicbrainz, coverart, cache_dir: Path, threshold: float,
                 bus: events.EventBus | None = None, after_match: Callable[[MediaItem], None] | None = None,
                 fingerprint: Callable[[str], fpcalc.Fingerprint] = fpcalc.fingerprint):
        self.state = state
        self.acoustid, self.musicbrainz, self.coverart = acoustid, musicbrainz, coverart
        self.cache_dir = Path(cache_dir) / "artwork"
        self.threshold = threshold
        self.bus = bus
        self.after_match = after_match
        self.fingerprint = fingerprint

    # --- read-only identification ------------------------------------------------------------
    def identify_path(self, path: str, name: str | None = None) -> MusicMatch:
        tags = read_tags(path)
        match = self._by_fingerprint(path)
        if match is None:
            match = self._by_search(tags, name or os.path.basename(path))
        return MusicMatch(**{**match.__dict__, "tags": tags}) if match else MusicMatch(None, tags=tags)

    def _by_fingerprint(self, path: str) -> MusicMatch | None:
        fp = self.fingerprint(path)
        for result in self.acoustid.lookup(fp.fingerprint, fp.duration_s):
            if result.score < MIN_ACOUSTID_SCORE:
                break
            for recording in result.recordings:  # a result without recordings gives nothing
                full = self._complete(recording)
                if full is not None:
                    return self._with_release(full, result.score, "acoustid", result.acoustid_id)
        return None

    def _complete(self, recording: Recording) -> Recording | None:
        """An id-only or release-less recording, looked up (the answer's id is canonical after a merge)."""
        if recording.title and recording.releases:
            return recording
        try:
            return self.musicbrainz.recording(recording.mbid)
        except NotFound:
            return None

    def _by_search(self, tags: dict, name: str) -> MusicMatch | None:
        title, artist = tags.get("title"), tags.get("artist")
        if not title:
            parsed = _ARTIST_TITLE.match(os.path.splitext(name)[0].replace("_", " "))
            if parsed is None:
                return None
            title, artist = parsed["title"], parsed["artist"]
        hits = self.musicbrainz.search_recordings(title, artist=artist, release=tags.get("album"), limit=5)
        if not hits:
            return None
        best = self._complete(hits[0]) or hits[0]
        return self._with_release(best, (hits[0].score or 0) / 100.0 * SEARCH_CONFIDENCE, "search", None,
                                  album=tags.get("album"))

    def _with_release(self, recording: Recording, confidence: float, decided_by: str, acoustid_id: str | None,
                      album: str | None = None) -> MusicMatch:
        release = _pick_release(recording.releases, album)
        if release is not None and not _track_of(release, recording):
            release = self._full_release(release)
        track = _track_of(release, recording) if release else None
        if release is not None and track is None:
            recording = self._canonical(recording)
            track = _track_of(release, recording)
        return MusicMatch(recording, release, track, confidence, acoustid_id, decided_by)

    def _canonical(self, recording: Recording) -> Recording:
        """A merged recording id answers with the surviving one: compare tracks after resolving (beets#5535)."""
        try:
            found = self.musicbrainz.recording(recording.mbid)
        except (NotFound, ExternalServiceError):
            return recording
        return found if found.mbid != recording.mbid else recording

    def _full_release(self, release: Release) -> Release:
        try:
            return self.musicbrainz.release(release.mbid)
        except (NotFound, ExternalServiceError) as exc:
            log.info("Release %s kept as AcoustID gave it: %s", release.mbid, exc)
            return release

    # --- recording it ------------------------------------------------------------------------
    def identify_file(self, file_id: int, *, force: bool = False) -> dict:
        file = self.state.get_media_file(file_id)
        item = self.state.get_media(file.media_id) if file.media_id else None
        if item is not None and item.match_locked and not force:
            return {"file_id": file_id, "media_id": item.id, "status": "locked"}
        match = self.identify_path(file.path, (file.tech or {}).get("original_name"))
        target = self.record(file, item, match)
        return {"file_id": file_id, "media_id": target.id, "status": target.status, **match.to_public()}

    def record(self, file: MediaFile, item: MediaItem | None, match: MusicMatch) -> MediaItem:
        if match.recording is None or match.confidence < self.threshold:
            target = self._review(file, item, match)
        else:
            target = self._track_item(match)
            write_tags(file.path, tags_for(match))
            self._cover(target, match)
        self._link(file, target)
        if item is not None and item.id != target.id and self.state.count_media_files(item.id) == 0:
            self.state.delete_media(item.id)
        if self.bus is not None:
            self.bus.publish(events.LibraryUpdated([target.id], target.status))
        if target.status == "identified" and self.after_match:
            self.after_match(target)
        return target

    def _track_item(self, match: MusicMatch) -> MediaItem:
        r, rel, track = match.recording, match.release, match.track
        artist_name = (rel.artist if rel and rel.artist else r.artist) or "Unknown Artist"
        artist_id = next((a.mbid for a in (rel.artists if rel and rel.artists else r.artists) if a.mbid), None)
        artist_key = {"provider": "musicbrainz", "value": artist_id} if artist_id else {"title": artist_name, "parent_id": None}
        artist, _ = self.state.ensure_media("artist", artist_name, match=artist_key, status="identified",
                                            external_ids={"musicbrainz": artist_id})
        parent = artist
        if rel is not None:
            parent, _ = self.state.ensure_media("album", rel.title or "Unknown Album", match={"provider": "musicbrainz", "value": rel.mbid},
                                                parent_id=artist.id, year=rel.year, status="identified",
                                                external_ids={"musicbrainz": rel.mbid})
        extra = {"artist": artist_name, "album": rel.title if rel else None, "album_year": match.album_year,
                 "track_number": track.position if track else None, "disc_number": track.disc if track else None,
                 "release_id": rel.mbid if rel else None, "recording_artist": r.artist}
        fields = {"parent_id": parent.id, "year": match.album_year, "status": "identified", "confidence": match.confidence,
                  "runtime_minutes": round(r.length_ms / 60000, 2) if r.length_ms else None, "extra": extra}
        item, created = self.state.ensure_media("track", r.title or "Untitled", match={"provider": "musicbrainz", "value": r.mbid},
                                                external_ids={"musicbrainz": r.mbid, "acoustid": match.acoustid_id}, **fields)
        if not created and not item.match_locked:
            item = self.state.update_media(item.id, title=r.title or item.title, **fields)
        return item

    def _review(self, file: MediaFile, item: MediaItem | None, match: MusicMatch) -> MediaItem:
        title = match.tags.get("title") or (item.title if item else None) or Path(file.path).stem
        fields = {"status": "review", "confidence": match.confidence, "extra": {"tags": match.tags}}
        if item is None or item.kind not in ("unknown", "track") or self.state.count_media_files(item.id) > 1:
            return self.state.add_media("track", title, **fields)
        return self.state.update_media(item.id, kind="track", title=title, **fields)

    def _link(self, file: MediaFile, target: MediaItem) -> None:
        st = os.stat(file.path)
        tech = {**(file.tech or {}), "quick_hash": quick_hash(file.path, st.st_size)}
        self.state.update_media_file(file.id, media_id=target.id, size=st.st_size, mtime=st.st_mtime, tech=tech)

    def _cover(self, item: MediaItem, match: MusicMatch) -> None:
        if match.release is None or self.coverart is None:
            return
        try:
            data = self.coverart.front_image(match.release.mbid, 500)
        except ExternalServiceError as exc:
            log.warning("No cover for %s: %s", match.release.title, exc.message)
            return
        mime = sniff_image(data) if data else None
        if mime is None:
            return
        folder = self.cache_dir / item.id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"poster{ALLOWED_IMAGES[mime]}"
        write_atomic(target, data)
        self.state.set_artwork(item.id, "poster", str(target), f"coverartarchive:release/{match.release.mbid}/front-500")


def _pick_release(releases, album: str | None) -> Release | None:
    releases = list(releases)
    if not releases:
        return None
    if album:
        wanted = album.casefold().strip()
        for release in releases:
            if release.title.casefold().strip() == wanted:
                return release
    return next((r for r in releases if r.status == "Official"), releases[0])


def _track_of(release: Release, recording: Recording) -> Track | None:
    for track in release.tracks:
        if track.recording_id == recording.mbid:
            return track
    return release.tracks[0] if len(release.tracks) == 1 else None


def build_music_service(lib) -> MusicService:
    """The music pipeline on the library's settings and the process's clients (one MusicBrainz limiter)."""
    s, clients = lib.settings, lib.clients
    return MusicService(lib.state, acoustid=clients.acoustid, musicbrainz=clients.musicbrainz, coverart=clients.coverart,
                        cache_dir=s.cache_dir, threshold=s.library.identify_threshold, bus=lib.bus,
                        after_match=lib.queue_organize)
