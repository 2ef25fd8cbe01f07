"""External playlists: import a Spotify export or an M3U, match it against the music library, export M3U.

Formats read (``parse``):

- ``exportify_csv``: the CSV Exportify writes (columns ``Track Name``, ``Artist Name(s)``,
  ``Album Name``, ``Track Duration (ms)`` or ``Duration (ms)``, optional ``ISRC``); artists are
  separated by ``,`` or ``;``.
- ``spotify_json``: a playlist file of Spotify's account-data download
  (``{"playlists": [{"name", "items": [{"track": {"trackName", "artistName", "albumName"}}]}]}``),
  the first playlist, or the one named.
- ``m3u``: M3U/M3U8 with ``#EXTINF:<seconds>,<Artist> - <Title>`` lines (a line without EXTINF is
  read from its file name).

Matching (``match``) against the library's tracks, in this order: a MusicBrainz recording id when
the playlist carries one; then artist + title, compared after folding case and accents and dropping
"feat./ft./featuring …" and bracketed remarks, with the durations within ``DURATION_SLACK_S`` when
both are known; then the closest fuzzy title among the same artist's tracks (rapidfuzz, at least
``FUZZY_MIN``). ``m3u(playlist)`` writes the matched tracks as an M3U8 of library file paths, which
Jellyfin and Navidrome import.

Must not: import Flask or the job worker, write SQL.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from rapidfuzz import fuzz

from ...errors import InvalidInput
from ...models.downloads import PlaylistTrack

FORMATS = ("exportify_csv", "spotify_json", "m3u")
DURATION_SLACK_S = 4.0
FUZZY_MIN = 90.0
MAX_TRACKS = 10000
_FEAT = re.compile(r"\s*[\(\[]?\s*\b(feat\.?|ft\.?|featuring)\s.*?([\)\]]|$)", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_NOT_WORD = re.compile(r"[^\w]+")
_EXTINF = re.compile(r"#EXTINF:\s*(-?\d+(?:\.\d+)?)[^,]*,(.*)")


def fold(text: str) -> str:
    """``"Beyoncé (feat. JAY-Z) - Remastered"`` → ``"beyonce remastered"``: case, accents, featuring, brackets."""
    text = _FEAT.sub("", text or "")
    text = _BRACKETS.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def first_artist(text: str) -> str:
    return fold(re.split(r"[,;&]| feat\.? | ft\.? | x ", text or "", maxsplit=1)[0])


# --- reading -----------------------------------------------------------------------------------------
def parse(fmt: str, content: str, *, name: str | None = None) -> tuple[str, list[PlaylistTrack]]:
    """``(playlist name, tracks)`` read from ``content`` in ``fmt``; ``InvalidInput`` says what is wrong."""
    readers = {"exportify_csv": _exportify, "spotify_json": _spotify_json, "m3u": _m3u}
    if fmt not in readers:
        raise InvalidInput(f"format must be one of {', '.join(FORMATS)}")
    found_name, tracks = readers[fmt](content, name)
    if not tracks:
        raise InvalidInput(f"no tracks found in this {fmt} file")
    if len(tracks) > MAX_TRACKS:
        raise InvalidInput(f"a playlist may hold at most {MAX_TRACKS} tracks")
    return (name or found_name or "Imported playlist")[:200], tracks


def _exportify(content: str, _name: str | None) -> tuple[str | None, list[PlaylistTrack]]:
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    if rows and "Track Name" not in rows[0]:
        raise InvalidInput("this CSV has no 'Track Name' column; export the playlist with Exportify")
    tracks = []
    for row in rows:
        millis = row.get("Track Duration (ms)") or row.get("Duration (ms)") or ""
        tracks.append(PlaylistTrack(position=len(tracks) + 1, title=row["Track Name"].strip(),
                                    artist=(row.get("Artist Name(s)") or "").strip(), album=(row.get("Album Name") or "").strip(),
                                    duration_s=int(millis) / 1000 if millis.strip().isdigit() else None))
    return None, [t for t in tracks if t.title]


def _spotify_json(content: str, name: str | None) -> tuple[str | None, list[PlaylistTrack]]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise InvalidInput(f"the Spotify file is not JSON ({exc})") from None
    lists = data.get("playlists") if isinstance(data, dict) else None
    if not isinstance(lists, list) or not lists:
        raise InvalidInput("the Spotify file has no 'playlists' (use Playlist1.json of the account-data download)")
    chosen = next((p for p in lists if isinstance(p, dict) and p.get("name") == name), lists[0])
    tracks = []
    for item in chosen.get("items") or []:
        track = (item or {}).get("track") or {}
        if track.get("trackName"):
            tracks.append(PlaylistTrack(position=len(tracks) + 1, title=str(track["trackName"]),
                                        artist=str(track.get("artistName") or ""), album=str(track.get("albumName") or "")))
    return chosen.get("name"), tracks


def _m3u(content: str, _name: str | None) -> tuple[str | None, list[PlaylistTrack]]:
    tracks, pending, playlist_name = [], None, None
    for raw in content.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if line.startswith("#PLAYLIST:"):
            playlist_name = line.split(":", 1)[1].strip()
        elif (extinf := _EXTINF.match(line)) is not None:
            pending = extinf
        elif line and not line.startswith("#"):
            seconds, label = (float(pending.group(1)), pending.group(2)) if pending else (None, PurePosixPath(line.replace("\\", "/")).stem)
            artist, _, title = label.partition(" - ") if " - " in label else ("", "", label)
            tracks.append(PlaylistTrack(position=len(tracks) + 1, title=title.strip(), artist=artist.strip(),
                                        duration_s=seconds if seconds and seconds > 0 else None))
            pending = None
    return playlist_name, tracks


# --- matching ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LibraryTrack:
    media_id: str
    title: str
    artist: str
    duration_s: float | None
    mbid: str | None

    @classmethod
    def of(cls, item) -> LibraryTrack:
        minutes = item.runtime_minutes
        return cls(item.id, fold(item.title), first_artist(str(item.extra.get("artist") or item.extra.get("recording_artist") or "")),
                   minutes * 60 if minutes else None, item.external_ids.get("musicbrainz"))


def match(tracks: Iterable[PlaylistTrack], library: list[LibraryTrack]) -> list[PlaylistTrack]:
    """Each track with ``media_id`` set to its library match, or None."""
    by_mbid = {t.mbid: t for t in library if t.mbid}
    by_artist: dict[str, list[LibraryTrack]] = {}
    for t in library:
        by_artist.setdefault(t.artist, []).append(t)
    return [replace(track, media_id=_match_one(track, by_mbid, by_artist)) for track in tracks]


def _match_one(track: PlaylistTrack, by_mbid: dict[str, LibraryTrack], by_artist: dict[str, list[LibraryTrack]]) -> str | None:
    if track.mbid and track.mbid in by_mbid:
        return by_mbid[track.mbid].media_id
    candidates = [c for c in by_artist.get(first_artist(track.artist), []) if _durations_agree(track.duration_s, c.duration_s)]
    title = fold(track.title)
    exact = next((c for c in candidates if c.title == title), None)
    if exact is not None:
        return exact.media_id
    scored = [(fuzz.token_set_ratio(title, c.title), c) for c in candidates]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1].media_id if best and best[0] >= FUZZY_MIN else None


def _durations_agree(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= DURATION_SLACK_S


# --- the use cases -------------------------------------------------------------------------------------
class Playlists:
    def __init__(self, state):
        self.state = state

    def library_tracks(self) -> list[LibraryTrack]:
        found, after = [], None
        while page := self.state.list_media(kind="track", after_id=after, limit=1000):
            found += [LibraryTrack.of(item) for item in page]
            if len(page) < 1000:
                break
            after = page[-1].id
        return found

    def import_playlist(self, body: dict[str, Any], user_id: int | None) -> dict[str, Any]:
        content, fmt = body.get("content"), body.get("format")
        if not isinstance(content, str) or not isinstance(fmt, str):
            raise InvalidInput("send the file's text as content and its format (exportify_csv, spotify_json or m3u)")
        name, tracks = parse(fmt, content, name=body.get("name") if isinstance(body.get("name"), str) else None)
        playlist = self.state.add_playlist(name, fmt, match(tracks, self.library_tracks()), user_id=user_id)
        return self.get(playlist.id)

    def get(self, playlist_id: int) -> dict[str, Any]:
        playlist = self.state.get_playlist(playlist_id)
        tracks = self.state.list_playlist_tracks(playlist_id)
        matched = sum(1 for t in tracks if t.media_id)
        return {"id": playlist.id, "name": playlist.name, "format": playlist.source, "created_at": playlist.created_at,
                "matched": matched, "missing": len(tracks) - matched, "tracks": [t.to_public() for t in tracks]}

    def list(self) -> list[dict[str, Any]]:
        return [self.get(p.id) for p in self.state.list_playlists()]

    def m3u(self, playlist_id: int) -> str:
        """The matched tracks as M3U8 (``#EXTINF`` + the library file's path), in playlist order."""
        playlist = self.state.get_playlist(playlist_id)
        lines = ["#EXTM3U", f"#PLAYLIST:{_one_line(playlist.name)}"]
        for track in self.state.list_playlist_tracks(playlist_id):
            files = self.state.list_media_files(track.media_id) if track.media_id else []
            if files:
                seconds = int(files[0].duration_s or track.duration_s or -1)
                lines += [f"#EXTINF:{seconds},{_one_line(track.artist)} - {_one_line(track.title)}", files[0].path]
        return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
