"""Album matching, pure: how well a folder's files fit a release, which file is which track, and
which of several fitting releases the settings prefer.

Modelled on beets' autotagger (``beets/autotag``: a distance over track titles, lengths, numbers
and the album's tags, and an assignment of files to tracks), written smaller:

- ``track_distance`` (0 = the same, 1 = nothing alike) of one file and one track: a fingerprint
  that names the track's recording settles it (0); otherwise the weighted mean of the known parts
  (title 0.5, duration 0.3, track number 0.2). A name or tag match whose duration disagrees with
  the track's by more than ``music.duration_tolerance_seconds`` never pairs: a 20 s tone named
  ``Intro`` is not the 30 s ``Intro``.
- ``assign`` pairs files and tracks greedily, closest pairs first, up to ``MAX_PAIR_DISTANCE``
  (an album holds a few dozen tracks at most, so greedy is as good as an optimal assignment in
  practice and needs no solver). Files left over are *extra*, tracks left over *missing*.
- ``score_release``: the share of the release the files cover well (the paired similarity summed
  over the larger of file count and track count, so missing and extra tracks both cost), combined
  with how well the album and artist tags or folder name fit the release.
- ``preferred``: among the releases that score within ``TIE_MARGIN`` of the best, the one whose
  country, then format, then date (earliest with ``music.prefer_original``) the settings rank first.

Must not: do I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...models.metadata import Release, Track
from .identify import title_similarity

MAX_PAIR_DISTANCE = 0.45
TIE_MARGIN = 0.02
PART_WEIGHTS = {"title": 0.5, "duration": 0.3, "number": 0.2}
ALBUM_WEIGHTS = {"tracks": 0.7, "album": 0.2, "artist": 0.1}
DURATION_ZERO_AT = 30.0  # seconds off at which the duration part is worth nothing


@dataclass(frozen=True)
class FileFacts:
    """What is known of one file of a folder before it is matched."""

    file_id: int
    path: str
    duration_s: float | None = None
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    track: int | None = None
    disc: int | None = None
    recording_ids: tuple[str, ...] = ()  # what its fingerprint names (AcoustID), best first


@dataclass(frozen=True)
class AlbumMatch:
    """A release scored against a folder: which file is which track, what is missing and extra."""

    release: Release
    score: float
    pairs: list[tuple[FileFacts, Track, float]] = field(default_factory=list)  # (file, track, distance)
    extra: list[FileFacts] = field(default_factory=list)
    missing: list[Track] = field(default_factory=list)

    def to_public(self) -> dict:
        rel = self.release
        return {"musicbrainz_release": rel.mbid, "title": rel.title, "artist": rel.artist, "year": rel.year,
                "country": rel.country, "score": round(self.score, 4), "track_count": len(rel.tracks),
                "matched": len(self.pairs), "extra_file_ids": [f.file_id for f in self.extra],
                "missing": [track_public(t) for t in self.missing]}


def track_public(track: Track) -> dict:
    return {"disc": track.disc, "position": track.position, "title": track.title,
            "length_s": round(track.length_ms / 1000, 1) if track.length_ms else None}


# --- one file against one track -----------------------------------------------------------------


def duration_agrees(duration_s: float | None, length_ms: int | None, tolerance_s: float) -> bool | None:
    """None when either length is unknown."""
    if not duration_s or not length_ms:
        return None
    return abs(duration_s - length_ms / 1000.0) <= tolerance_s


def track_distance(facts: FileFacts, track: Track, tolerance_s: float) -> float:
    """0 (this file is this track) … 1 (nothing alike); 1 when a name match disagrees on duration."""
    if track.recording_id and track.recording_id in facts.recording_ids:
        return 0.0
    if duration_agrees(facts.duration_s, track.length_ms, tolerance_s) is False:
        return 1.0
    parts = {"title": title_similarity(facts.title, track.title) if facts.title else None,
             "duration": _duration_part(facts.duration_s, track.length_ms),
             "number": _number_part(facts, track)}
    known = {name: value for name, value in parts.items() if value is not None}
    if not known or set(known) == {"number"}:  # a number alone says little
        return 1.0 if not known else 1.0 - 0.5 * known["number"]
    weight = sum(PART_WEIGHTS[name] for name in known)
    return 1.0 - sum(PART_WEIGHTS[name] * value for name, value in known.items()) / weight


def _duration_part(duration_s: float | None, length_ms: int | None) -> float | None:
    if not duration_s or not length_ms:
        return None
    return max(0.0, 1.0 - abs(duration_s - length_ms / 1000.0) / DURATION_ZERO_AT)


def _number_part(facts: FileFacts, track: Track) -> float | None:
    if facts.track is None or track.position is None:
        return None
    same_disc = facts.disc is None or track.disc is None or facts.disc == track.disc
    return 1.0 if facts.track == track.position and same_disc else 0.0


# --- a folder against a release -----------------------------------------------------------------


def assign(files: list[FileFacts], tracks: tuple[Track, ...], tolerance_s: float):
    """Greedy pairing, closest first: (pairs, extra files, missing tracks)."""
    options = sorted((track_distance(f, t, tolerance_s), i, j) for i, f in enumerate(files) for j, t in enumerate(tracks))
    used_files, used_tracks, pairs = set(), set(), []
    for distance, i, j in options:
        if distance > MAX_PAIR_DISTANCE:
            break
        if i in used_files or j in used_tracks:
            continue
        used_files.add(i)
        used_tracks.add(j)
        pairs.append((files[i], tracks[j], distance))
    extra = [f for i, f in enumerate(files) if i not in used_files]
    missing = [t for j, t in enumerate(tracks) if j not in used_tracks]
    pairs.sort(key=lambda pair: (pair[1].disc or 1, pair[1].position or 0))
    return pairs, extra, missing


def score_release(files: list[FileFacts], release: Release, tolerance_s: float,
                  album_hint: str | None = None, artist_hint: str | None = None) -> AlbumMatch:
    pairs, extra, missing = assign(files, release.tracks, tolerance_s)
    covered = sum(1.0 - distance for _, _, distance in pairs) / max(len(files), len(release.tracks), 1)
    parts = {"tracks": covered,
             "album": title_similarity(album_hint, release.title) if album_hint else None,
             "artist": title_similarity(artist_hint, release.artist) if artist_hint and release.artist else None}
    known = {name: value for name, value in parts.items() if value is not None}
    score = sum(ALBUM_WEIGHTS[n] * v for n, v in known.items()) / sum(ALBUM_WEIGHTS[n] for n in known)
    return AlbumMatch(release, score, pairs, extra, missing)


def common_hint(values: list[str | None]) -> str | None:
    """The value most files agree on (an album or artist tag), None when none has one."""
    counted: dict[str, int] = {}
    for value in values:
        if value:
            counted[value] = counted.get(value, 0) + 1
    return max(counted, key=counted.get) if counted else None


# --- preferences among equals -------------------------------------------------------------------


@dataclass(frozen=True)
class ReleasePreference:
    countries: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    prefer_original: bool = True

    def key(self, release: Release) -> tuple:
        date = release.date or "9999"
        return (_rank(self.countries, release.country), min((_rank(self.formats, f) for f in release.formats), default=len(self.formats)),
                date if self.prefer_original else _inverted(date))


def preferred(matches: list[AlbumMatch], preference: ReleasePreference) -> AlbumMatch | None:
    """The best scoring match; among those within ``TIE_MARGIN`` of it, the preferred release."""
    if not matches:
        return None
    best = max(m.score for m in matches)
    close = [m for m in matches if best - m.score <= TIE_MARGIN]
    return min(close, key=lambda m: preference.key(m.release))


def _rank(wanted: tuple[str, ...], value: str) -> int:
    folded = [w.casefold() for w in wanted]
    return folded.index(value.casefold()) if value and value.casefold() in folded else len(wanted)


def _inverted(date: str) -> str:
    """A key that sorts later dates first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)
