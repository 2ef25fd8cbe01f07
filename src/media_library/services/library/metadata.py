"""Metadata beside the files: a JSON sidecar, Kodi/Jellyfin NFO files and the folder artwork.

For a movie: ``<stem>.nfo`` (``services.nfo.movie_nfo``), ``<stem>.json``, ``poster.jpg`` and
``fanart.jpg`` in its folder. For an episode: ``<stem>.nfo`` (one ``<episodedetails>`` per
episode of a multi-episode file), ``season.nfo`` in the season folder, ``tvshow.nfo``,
``poster.jpg`` and ``fanart.jpg`` in the show folder. Tracks carry their tags instead.

Every file goes through ``write_atomic`` and is skipped when its bytes are unchanged (a refresh of
an unchanged library rewrites nothing). Must not: fetch anything (artwork comes from the cache) or
write the database.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ...models import MediaFile, MediaItem
from .. import nfo
from ..files import write_atomic

FOLDER_ART = {"poster": "poster", "backdrop": "fanart"}


FOLDER_FILES = ("tvshow.nfo", "season.nfo")
ART_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def is_folder_file(name: str) -> bool:
    """A file this module writes for a whole folder (art, ``tvshow.nfo``, ``season.nfo``), by name."""
    stem, ext = os.path.splitext(name)
    return name in FOLDER_FILES or (stem in (*FOLDER_ART.values(), "cover") and ext.lower() in ART_SUFFIXES)


def sidecars(media_path: str) -> list[str]:
    """The per-file metadata written beside ``media_path`` (removed when a move is undone)."""
    stem = os.path.splitext(media_path)[0]
    return [stem + ".nfo", stem + ".json"]


def write_if_changed(path: str | os.PathLike, data: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            if fh.read(len(data) + 1) == data:
                return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


class MetadataWriter:
    def __init__(self, state):
        self.state = state

    def write(self, item: MediaItem, file: MediaFile) -> list[str]:
        """Write what belongs beside ``file``; returns the paths actually (re)written."""
        if item.kind == "movie":
            return self._movie(item, file)
        if item.kind == "episode":
            return self._episode(item, file)
        return []

    def _movie(self, item: MediaItem, file: MediaFile) -> list[str]:
        stem = os.path.splitext(file.path)[0]
        art = self._art(item)
        written = [stem + ".nfo"] if write_if_changed(stem + ".nfo", nfo.movie_nfo(self.nfo_item(item, art))) else []
        written += self._sidecar(stem, item, file)
        return written + self._folder_art(Path(file.path).parent, art)

    def _episode(self, item: MediaItem, file: MediaFile) -> list[str]:
        season = self.state.get_media(item.parent_id) if item.parent_id else None
        show = season if season is not None and season.kind == "show" else None
        if season is not None and season.kind == "season" and season.parent_id:
            show = self.state.get_media(season.parent_id)
        stem = os.path.splitext(file.path)[0]
        episodes = [self.nfo_item(item, {}, show=show, episode=n) for n in _numbers(item)]
        written = [stem + ".nfo"] if write_if_changed(stem + ".nfo", nfo.episode_nfo(episodes)) else []
        written += self._sidecar(stem, item, file)
        season_dir = Path(file.path).parent
        if season is not None and season.kind == "season":
            if write_if_changed(season_dir / "season.nfo", nfo.season_nfo(self.nfo_item(season, {}))):
                written.append(str(season_dir / "season.nfo"))
        if show is not None:
            show_dir = season_dir.parent if season is not None and season.kind == "season" else season_dir
            art = self._art(show)
            if write_if_changed(show_dir / "tvshow.nfo", nfo.tvshow_nfo(self.nfo_item(show, art))):
                written.append(str(show_dir / "tvshow.nfo"))
            written += self._folder_art(show_dir, art)
        return written

    def nfo_item(self, item: MediaItem, art: dict, *, show: MediaItem | None = None, episode: int | None = None) -> nfo.NfoItem:
        extra = item.extra or {}
        return nfo.NfoItem(
            title=item.title, original_title=item.original_title, show_title=show.title if show else None,
            year=item.year, plot=item.overview, tagline=extra.get("tagline"), runtime_minutes=item.runtime_minutes,
            season=item.season_number, episode=episode if episode is not None else item.episode_number,
            thumbs=[nfo.Thumb(a.source_url, "poster") for k, a in art.items() if k == "poster" and a.source_url],
            fanart=[a.source_url for k, a in art.items() if k == "backdrop" and a.source_url],
            ids=dict(item.external_ids) if item.kind != "season" else {}, genres=list(item.genres),
            aired=item.air_date if item.kind == "episode" else None,
        )

    def _art(self, item: MediaItem) -> dict:
        return {a.kind: a for a in self.state.list_artwork(item.id)}

    def _sidecar(self, stem: str, item: MediaItem, file: MediaFile) -> list[str]:
        data = {"id": item.id, "kind": item.kind, "title": item.title, "year": item.year,
                "original_title": item.original_title, "overview": item.overview, "season": item.season_number,
                "episode": item.episode_number, "episode_end": item.episode_end, "air_date": item.air_date,
                "runtime_minutes": item.runtime_minutes, "genres": item.genres, "external_ids": item.external_ids,
                "confidence": item.confidence, "match_locked": item.match_locked,
                "file": {"duration_s": file.duration_s, "container": file.container, "video_codec": file.video_codec,
                         "width": file.width, "height": file.height, "audio_codecs": file.audio_codecs}}
        body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        return [stem + ".json"] if write_if_changed(stem + ".json", body) else []

    @staticmethod
    def _folder_art(folder: Path, art: dict) -> list[str]:
        written = []
        for kind, name in FOLDER_ART.items():
            cached = art.get(kind)
            if cached is None or not os.path.isfile(cached.path):
                continue
            target = folder / (name + Path(cached.path).suffix)
            if write_if_changed(target, Path(cached.path).read_bytes()):
                written.append(str(target))
        return written


def _numbers(item: MediaItem) -> list[int | None]:
    if item.episode_number is None:
        return [None]
    end = item.episode_end if item.episode_end and item.episode_end > item.episode_number else item.episode_number
    return list(range(item.episode_number, end + 1))
