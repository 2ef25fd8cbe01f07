"""A folder of audio files matched as one album, as beets and Picard do (``music_album`` scores).

``FolderMatcher.identify`` takes the file a job asked about and the other files of its folder
that nothing has identified yet (a disc's rip, an album copied in; never in the uploads folder,
where unrelated uploads sit side by side). One file alone is identified
on its own (``MusicService.identify_single``). Several:

1. each file's facts: its duration, tags and name (``music_names``), and what its fingerprint
   names at AcoustID;
2. candidate releases: those the fingerprints' recordings appear on (most votes first), a
   MusicBrainz release search by the album and artist the tags (or the folder's name) agree on,
   and the releases of a name search for files that have a title and an artist;
3. each candidate, looked up in full, is scored (``score_release``) and the settings' preference
   breaks near-ties; at or above ``music.album_threshold`` every paired file is filed as its
   track of that one release, the release's missing tracks are recorded on the album item
   (``extra.missing``), and each extra file waits in review;
4. below it, files sure on their own are filed one by one (a fingerprint beats a name match for
   the same recording: the name match waits in review), and the rest wait in review together
   as ONE album item holding their files (``kind = "album"``, candidates: the scored releases).

``apply_release`` files a folder (or one file) to a release a person chose, by the same scorer.
Must not: talk to MusicBrainz or AcoustID other than through ``MusicService``'s clients.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from ...errors import ExternalServiceError, InvalidInput, NotFound
from ...models import Candidate, MediaFile, MediaItem
from ...models.metadata import Release
from .music import MusicMatch, MusicService, recording_of
from .music_album import AlbumMatch, FileFacts, common_hint, preferred, score_release, track_distance
from .music_names import parse_track_name
from .music_tags import duration_of, read_tags
from .scan import AUDIO_EXTENSIONS

log = logging.getLogger(__name__)
MAX_CANDIDATES = 5
MAX_NAME_SEARCHES = 3  # recording searches per folder when tags name no album (MusicBrainz: 1 request/s)


class FolderMatcher:
    def __init__(self, music: MusicService):
        self.music = music
        self.state = music.state
        self.scored: list[AlbumMatch] = []  # the last folder's releases, best first (review candidates)

    # --- a job's file and its folder ---------------------------------------------------------
    def identify(self, file: MediaFile, item: MediaItem | None, *, force: bool = False) -> dict:
        group = self.folder_files(file, item, force)
        if len(group) < 2:
            return self.music.identify_single(file, item)
        facts, matches = self.gather(group)
        album = self.best_album(facts, matches)
        if album is not None and album.score >= self.music.options.album_threshold:
            targets = self.file_album(group, album, decided_by="album", matches=matches)
        else:
            targets = self.file_apart(group, facts, matches, album)
        mine = targets[file.id]
        return {"file_id": file.id, "media_id": mine.id, "status": mine.status, "kind": mine.kind,
                "album": album.to_public() if album else None, "folder_files": len(group)}

    def folder_files(self, file: MediaFile, item: MediaItem | None, force: bool) -> list[MediaFile]:
        """``file`` and the audio files beside it that are new (or, identifying again, share its item)."""
        folder = os.path.dirname(file.path)
        group = [file]
        if os.path.normpath(folder) in self.music.loose_folders:  # uploads are unrelated files side by side
            return group
        for path, row in sorted(self.state.file_index(folder).items()):
            if row.id == file.id or row.missing or os.path.dirname(path) != folder:
                continue
            if Path(path).suffix.lower() not in AUDIO_EXTENSIONS:
                continue
            other = self.state.get_media_file(row.id)
            if self._open(other) or (force and item is not None and other.media_id == item.id):
                group.append(other)
        return group

    def _open(self, file: MediaFile) -> bool:
        """Not identified yet, and not something a person decided."""
        owner = self.music.item_of(file)
        return not self.music.known(file) and (owner is None or not owner.match_locked)

    # --- what is known -----------------------------------------------------------------------
    def gather(self, group: list[MediaFile]) -> tuple[list[FileFacts], dict[int, MusicMatch]]:
        facts, matches = [], {}
        for file in group:
            tags = read_tags(file.path)
            match = self.music.by_fingerprint(file.path)
            if match is not None:
                matches[file.id] = match
            facts.append(facts_of(file, tags, match))
        return facts, matches

    def best_album(self, facts: list[FileFacts], matches: dict[int, MusicMatch]) -> AlbumMatch | None:
        album_hint, artist_hint = self.hints(facts)
        scored = [score_release(facts, release, self.music.options.duration_tolerance_s, album_hint, artist_hint)
                  for release in self.candidates(facts, matches, album_hint, artist_hint)]
        self.scored = sorted(scored, key=lambda m: -m.score)
        return preferred(scored, self.music.options.preference)

    def hints(self, facts: list[FileFacts]) -> tuple[str | None, str | None]:
        """The album and artist most tags agree on, else an ``Artist - Album`` folder name."""
        album, artist = common_hint([f.album for f in facts]), common_hint([f.artist for f in facts])
        if album is None and facts:
            named = parse_track_name(Path(facts[0].path).parent.name)
            album, artist = (named.title, artist or named.artist) if named.artist else (None, artist)
        return album, artist

    def candidates(self, facts, matches, album_hint, artist_hint) -> list[Release]:
        votes: dict[str, int] = {}
        for match in matches.values():
            for release in match.recording.releases:
                votes[release.mbid] = votes.get(release.mbid, 0) + 1
        ids = sorted(votes, key=lambda mbid: -votes[mbid])[:MAX_CANDIDATES]
        for release in self._searched(facts, album_hint, artist_hint):
            if release.mbid not in ids:
                ids.append(release.mbid)
        return [r for r in (self._lookup(mbid) for mbid in ids[:MAX_CANDIDATES * 2]) if r is not None and r.tracks]

    def _searched(self, facts, album_hint, artist_hint) -> list[Release]:
        try:
            if album_hint:
                return self.music.musicbrainz.search_releases(album_hint, artist_hint, limit=MAX_CANDIDATES)
            return self._by_names(facts)
        except ExternalServiceError as exc:
            if exc.transient:
                raise
            log.warning("MusicBrainz search skipped: %s", exc.message)
            return []

    def _by_names(self, facts: list[FileFacts]) -> list[Release]:
        found: list[Release] = []
        for fact in [f for f in facts if f.title and f.artist and not f.recording_ids][:MAX_NAME_SEARCHES]:
            for hit in self.music.musicbrainz.search_recordings(fact.title, artist=fact.artist, limit=3):
                found.extend(hit.releases)
        return found

    def _lookup(self, mbid: str) -> Release | None:
        try:
            return self.music.musicbrainz.release(mbid)
        except NotFound:
            return None

    # --- filing ------------------------------------------------------------------------------
    def file_album(self, group: list[MediaFile], album: AlbumMatch, *, decided_by: str,
                   matches: dict[int, MusicMatch] | None = None, locked: bool = False) -> dict[int, MediaItem]:
        """Every paired file as its track of ``album.release``; extra files to review; missing recorded."""
        by_id = {f.id: f for f in group}
        release, targets = album.release, {}
        for facts, track, _distance in album.pairs:
            fingerprinted = (matches or {}).get(facts.file_id)
            match = MusicMatch(recording_of(release, track), release, track, album.score,
                               fingerprinted.acoustid_id if fingerprinted else None, decided_by, read_tags(facts.path))
            file = self.state.get_media_file(facts.file_id)
            targets[file.id] = self.music.record(file, self.music.item_of(file), match, locked=locked)
        for facts in album.extra:
            file = by_id[facts.file_id]
            targets[file.id] = self.music.record(file, self.music.item_of(file), MusicMatch(None, tags=read_tags(file.path)),
                                                 extra={"extra_of_release": release.mbid, "problem": "extra"})
        self._note_album(album, targets)
        return targets

    def _note_album(self, album: AlbumMatch, targets: dict[int, MediaItem]) -> None:
        """The album item records what the folder lacks (``extra.missing``) and which files were extra."""
        filed = next((t for t in targets.values() if t.status == "identified" and t.parent_id), None)
        if filed is None:
            return
        parent = self.state.get_media(filed.parent_id)
        public = album.to_public()
        extra = {**(parent.extra or {}), "missing": public["missing"], "extra_file_ids": public["extra_file_ids"],
                 "track_count": public["track_count"], "album_score": public["score"]}
        self.state.update_media(parent.id, extra=extra)

    def file_apart(self, group, facts, matches, album: AlbumMatch | None) -> dict[int, MediaItem]:
        """No release fits the folder: sure files are filed alone, the rest wait together as one album."""
        found = self._own_matches(group, facts, matches)
        sure = self._sure(found)
        targets = {}
        for file in group:
            if file.id in sure:
                targets[file.id] = self.music.record(file, self.music.item_of(file), sure[file.id])
        rest = [f for f in group if f.id not in targets]
        if len(rest) == 1:  # alone it is a track to review, with what was found for it
            file = rest[0]
            match = found.get(file.id) or MusicMatch(None, tags=read_tags(file.path))
            if self.music.confident(match):  # it lost its recording to a surer file (a fingerprint)
                match = replace(match, problem="another file is this recording")
            targets[file.id] = self.music.record(file, self.music.item_of(file), match)
        elif rest:
            held = self.album_review(rest, facts)
            targets.update({f.id: held for f in rest})
        return targets

    def _own_matches(self, group, facts, matches) -> dict[int, MusicMatch]:
        """Each file's own match: its fingerprint's, else a name search's (checked against its duration)."""
        found: dict[int, MusicMatch] = dict(matches)
        for file, fact in zip(group, facts, strict=True):
            if file.id not in found:
                match = self.music.identify_by_name(file.path, fact.title, fact.artist, fact.album)
                if match is not None:
                    found[file.id] = match
        return found

    def _sure(self, found: dict[int, MusicMatch]) -> dict[int, MusicMatch]:
        """The confident matches; of two for one recording the fingerprint's (then the surer) wins."""
        sure = {fid: m for fid, m in found.items() if self.music.confident(m)}
        by_recording: dict[str, int] = {}
        for fid in sorted(sure, key=lambda f: (sure[f].decided_by != "acoustid", -sure[f].confidence)):
            recording = sure[fid].recording.mbid
            if recording in by_recording:
                log.info("Two files are %r: the one %s found waits in review", sure[fid].recording.title,
                         sure[fid].decided_by)
                del sure[fid]
            else:
                by_recording[recording] = fid
        return sure

    def album_review(self, files: list[MediaFile], facts: list[FileFacts]) -> MediaItem:
        """One album item in review holding ``files``, with the releases scored as its candidates."""
        album_hint, artist_hint = self.hints([f for f in facts if f.file_id in {x.id for x in files}])
        title = album_hint or Path(files[0].path).parent.name
        extra = {"folder": os.path.dirname(files[0].path), "artist": artist_hint,
                 "candidates": [m.to_public() for m in self.scored[:MAX_CANDIDATES]]}
        owner = self._reusable_album(files)
        if owner is None:
            held = self.state.add_media("album", title, status="review", confidence=0.0, extra=extra)
        else:
            held = self.state.update_media(owner.id, title=title, status="review", confidence=0.0, extra=extra)
        self.state.set_candidates(held.id, [_candidate(n, m) for n, m in enumerate(self.scored[:MAX_CANDIDATES], 1)])
        for file in files:
            previous = self.music.item_of(file)
            self.music.link(file, held)
            self.music.drop_if_empty(previous, held)
        self.music.publish(held)
        return held

    def _reusable_album(self, files: list[MediaFile]) -> MediaItem | None:
        owners = {self.music.item_of(f).id: self.music.item_of(f) for f in files if self.music.item_of(f) is not None}
        return next((o for o in owners.values() if o.kind == "album" and o.status == "review"), None)

    # --- a person's choice -------------------------------------------------------------------
    def apply_release(self, item: MediaItem, release_id: str, scope: str) -> list[MediaItem]:
        """File ``item``'s files (scope ``album``: its whole folder's) as tracks of the release chosen."""
        release = self.music.musicbrainz.release(release_id)
        if not release.tracks:
            raise InvalidInput(f"MusicBrainz lists no tracks on release {release_id}")
        files = self.state.list_media_files(item.id)
        if not files:
            raise InvalidInput(f"media item {item.id} has no files to match")
        if scope == "album" and item.kind != "album":
            files = self.folder_files(files[0], item, force=True)
        facts = [facts_of(f, read_tags(f.path), None) for f in files]
        if scope == "track":
            return [self._apply_to_one(files[0], facts[0], release)]
        album = score_release(facts, release, self.music.options.duration_tolerance_s)
        targets = self.file_album(files, album, decided_by="manual", locked=True)
        return list({t.id: t for t in targets.values()}.values())

    def _apply_to_one(self, file: MediaFile, fact: FileFacts, release: Release) -> MediaItem:
        tolerance = self.music.options.duration_tolerance_s
        track = min(release.tracks, key=lambda t: track_distance(fact, t, tolerance))
        match = MusicMatch(recording_of(release, track), release, track, 1.0, None, "manual", read_tags(file.path))
        return self.music.record(file, self.music.item_of(file), match, locked=True)


def facts_of(file: MediaFile, tags: dict, match: MusicMatch | None) -> FileFacts:
    original = file.tech.get("original_name") if isinstance(file.tech, dict) else None
    hints = parse_track_name(os.path.basename(str(original or file.path)))
    return FileFacts(file.id, file.path, duration_of(file.path), tags.get("title") or hints.title,
                     tags.get("artist") or hints.artist, tags.get("album"), _number(tags.get("tracknumber")) or hints.track,
                     _number(tags.get("discnumber")) or hints.disc,
                     (match.recording.mbid,) if match is not None and match.recording else ())


def _number(value: str | None) -> int | None:
    head = (value or "").split("/", 1)[0].strip()
    return int(head) if head.isdigit() else None


def _candidate(rank: int, album: AlbumMatch) -> Candidate:
    rel = album.release
    overview = f"{rel.artist} · {len(rel.tracks)} tracks" + (f" · {rel.country}" if rel.country else "")
    return Candidate(rank, "musicbrainz", rel.mbid, "album", rel.title, rel.year, None, None, album.score, overview=overview)
