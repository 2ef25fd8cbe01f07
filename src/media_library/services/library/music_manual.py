"""Manual music matching: what a person needs to pick (a MusicBrainz search, the file's own tags)
and applying their pick (a release to one track or the whole album, or one recording).

``services.library.music_match``; the web routes ``GET /api/music/search``,
``GET /api/media/<id>/tags`` and the music forms of ``POST /api/media/<id>/match`` call it.
Applying a release to an album files every file of the folder as its track of that release,
paired by the same scorer automatic matching uses (``music_folder.FolderMatcher``); the items
are locked against later runs. Must not: import Flask, or talk to MusicBrainz other than through
the music service's client.
"""

from __future__ import annotations

from typing import Any

from ...errors import InvalidInput
from ...models.metadata import Recording, Release
from .music import MusicMatch, MusicService
from .music_album import track_public
from .music_folder import FolderMatcher
from .music_tags import read_tags

SCOPES = ("album", "track")
SEARCH_LIMIT = 10


class MusicMatching:
    def __init__(self, music: MusicService):
        self.music = music
        self.state = music.state

    # --- choosing ------------------------------------------------------------------------------
    def search(self, artist: str | None = None, album: str | None = None, title: str | None = None) -> dict[str, Any]:
        """Releases (by album and artist) and recordings (by title and artist) at MusicBrainz."""
        artist, album, title = (_clean(v) for v in (artist, album, title))
        if not (artist or album or title):
            raise InvalidInput("give an artist, an album or a title to search MusicBrainz for")
        mb = self.music.musicbrainz
        releases = mb.search_releases(album, artist, limit=SEARCH_LIMIT) if album or (artist and not title) else []
        recordings = mb.search_recordings(title, artist=artist, release=album, limit=SEARCH_LIMIT) if title else []
        return {"releases": [release_public(r) for r in releases], "recordings": [recording_public(r) for r in recordings]}

    def tags(self, media_id: str) -> dict[str, Any]:
        """Each file's own tags, as the file holds them (what the identify dialog starts from)."""
        files = self.state.list_media_files(media_id)
        return {"media_id": media_id, "files": [{"file_id": f.id, "name": f.path.rsplit("/", 1)[-1], "duration_s": f.duration_s,
                                                 "tags": read_tags(f.path)} for f in files if not f.missing]}

    # --- applying ------------------------------------------------------------------------------
    def apply(self, media_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """``{"musicbrainz_release_id", "scope"}`` or ``{"musicbrainz_recording_id"}``: the items filed."""
        item = self.state.get_media(media_id)
        if body.get("musicbrainz_recording_id"):
            targets = [self._apply_recording(item, str(body["musicbrainz_recording_id"]))]
        else:
            scope = body.get("scope") or ("album" if item.kind == "album" else "track")
            if scope not in SCOPES:
                raise InvalidInput(f"scope must be one of {', '.join(SCOPES)}")
            targets = FolderMatcher(self.music).apply_release(item, str(body.get("musicbrainz_release_id") or ""), scope)
        filed = [t for t in targets if t.status == "identified"]
        return {"media_id": filed[0].id if filed else media_id, "filed": [t.id for t in filed],
                "review": [t.id for t in targets if t.status != "identified"]}

    def _apply_recording(self, item, recording_id: str):
        files = self.state.list_media_files(item.id)
        if not files:
            raise InvalidInput(f"media item {item.id} has no files to match")
        file = files[0]
        tags = read_tags(file.path)
        recording = self.music.musicbrainz.recording(recording_id)
        match = self.music.with_release(recording, 1.0, "manual", None, album=tags.get("album"))
        return self.music.record(file, item, MusicMatch(match.recording, match.release, match.track, 1.0, None,
                                                        "manual", tags), locked=True)


def release_public(release: Release) -> dict[str, Any]:
    return {"musicbrainz_release": release.mbid, "title": release.title, "artist": release.artist, "year": release.year,
            "date": release.date, "country": release.country, "status": release.status,
            "track_count": release.track_count, "formats": list(release.formats), "label": release.label,
            "score": release.score, "tracks": [track_public(t) for t in release.tracks]}


def recording_public(recording: Recording) -> dict[str, Any]:
    return {"musicbrainz_recording": recording.mbid, "title": recording.title, "artist": recording.artist,
            "length_s": round(recording.length_ms / 1000, 1) if recording.length_ms else None, "score": recording.score,
            "releases": [{"musicbrainz_release": r.mbid, "title": r.title, "year": r.year, "country": r.country}
                         for r in recording.releases[:5]]}


def _clean(value: str | None) -> str | None:
    text = (value or "").strip()
    return text[:200] or None
