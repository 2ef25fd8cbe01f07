"""Publishing a finished download: as a "Web video" in the Jellyfin channel layout, or as a film.

- ``films`` (setting ``downloads.single_videos_as``): the file goes through the library's publish
  step, ``Publisher.accept`` (``services/ingest.py``), exactly like an upload: a server-chosen name
  in the uploads folder, recorded as a new item, its identify job queued (TMDb), organized into
  ``Movies/`` when it matches.
- ``web_videos`` (the default, and what a channel or playlist is): web videos are not films or
  episodes TMDb knows, so identification would only park them in the review queue. They are
  placed by this module's one publish step, which follows the same rules as ``Publisher``: the
  file is finished and checked in the job's work folder (yt-dlp exited 0, ffprobe reads a
  duration), then linked into place under a name nobody else has (``os.link`` fails rather than
  replace; across filesystems a hidden ``.part`` copy is fsynced and linked), and recorded as an
  item of kind ``video`` with its file. The layout Jellyfin's "Shows" libraries import::

      Web videos/<Channel>/tvshow.nfo, poster.jpg
      Web videos/<Channel>/Season YYYY/<Channel> - sYYYYeMMDDNN - <Title>.<ext>   (+ .nfo, -thumb.jpg, .srt)

  ``NN`` counts that channel's videos of one day (01, 02 …) so two uploads of one day never collide.

Must not: overwrite a file, write the database except through ``state``.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import Conflict
from .. import naming, nfo
from ..files import fsync_dir, write_atomic
from ..library.scan import quick_hash

WEB_VIDEOS = "Web videos"
MAX_PER_DAY = 99


@dataclass(frozen=True)
class Published:
    media_id: str
    path: Path
    job_id: int | None = None  # the identify job a film waits for


@dataclass(frozen=True)
class VideoInfo:
    """What yt-dlp's info JSON says about one video, reduced to what naming and the NFO need."""

    video_id: str
    extractor: str
    title: str
    channel: str
    upload_date: dt.date
    description: str
    url: str
    duration_s: float | None

    @classmethod
    def from_info(cls, info: dict[str, Any], today: dt.date) -> VideoInfo:
        domain = str(info.get("webpage_url_domain") or "").rsplit(":", 1)[0]  # a site without channels: its host
        channel = info.get("channel") or info.get("uploader") or info.get("playlist_uploader") or domain or "Web"
        return cls(video_id=str(info.get("id") or "video"), extractor=str(info.get("extractor_key") or info.get("extractor") or "generic"),
                   title=str(info.get("title") or info.get("id") or "Video"), channel=str(channel),
                   upload_date=_upload_date(info, today), description=str(info.get("description") or ""),
                   url=str(info.get("webpage_url") or info.get("original_url") or ""),
                   duration_s=float(info["duration"]) if isinstance(info.get("duration"), (int, float)) else None)

    @property
    def archive_key(self) -> str:
        return archive_key(self.extractor, self.video_id)


def archive_key(extractor: str, video_id: str) -> str:
    """The key of the download archive: yt-dlp's own ``<extractor> <id>`` form."""
    return f"{extractor.lower()} {video_id}"


def _upload_date(info: dict[str, Any], today: dt.date) -> dt.date:
    text = str(info.get("upload_date") or "")
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if isinstance(info.get("timestamp"), (int, float)):
        return dt.datetime.fromtimestamp(info["timestamp"], dt.UTC).date()
    return today


# --- placing a file without ever replacing one -------------------------------------------------------
def place_new(source: Path, target: Path) -> bool:
    """Put ``source`` at ``target`` unless something is there (False); ``source`` is gone after True."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        return _copy_then_link(source, target)
    os.unlink(source)
    fsync_dir(target.parent)
    return True


def _copy_then_link(source: Path, target: Path) -> bool:
    part = target.with_name(f".{secrets.token_hex(6)}-{target.name[:60]}.part")
    with open(source, "rb") as src, open(part, "xb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())
    try:
        os.link(part, target)
    except FileExistsError:
        return False
    finally:
        os.unlink(part)
    os.unlink(source)
    fsync_dir(target.parent)
    return True


# --- the web-video layout ---------------------------------------------------------------------------
def episode_stem(info: VideoInfo, number: int) -> str:
    day = info.upload_date
    code = f"s{day.year:04d}e{day.month:02d}{day.day:02d}{number:02d}"
    channel = naming.truncate_bytes(naming.safe_component(info.channel), 80)
    title = naming.truncate_bytes(naming.safe_component(info.title), 150)
    return naming.safe_component(f"{channel} - {code} - {title}")


def _nfo_item(info: VideoInfo, number: int) -> nfo.NfoItem:
    day = info.upload_date
    return nfo.NfoItem(title=info.title, show_title=info.channel, season=day.year,
                       episode=int(f"{day.month:02d}{day.day:02d}{number:02d}"), plot=info.description or None,
                       aired=day.isoformat(), premiered=day.isoformat(),
                       runtime_minutes=info.duration_s / 60 if info.duration_s else None)


class WebVideoPublisher:
    """Places finished downloads in the channel layout and records them (see the module doc)."""

    def __init__(self, state, media_dir: Path):
        self.state = state
        self.root = media_dir / WEB_VIDEOS

    def publish(self, video: Path, info: VideoInfo, sidecars: dict[str, Path], tech: dict[str, Any]) -> Published:
        channel_dir = naming.join_inside(self.root, naming.safe_component(info.channel))
        season_dir = channel_dir / f"Season {info.upload_date.year:04d}"
        target, number = self._place(video, season_dir, info)
        stem = target.with_suffix("")
        write_atomic(stem.with_name(stem.name + ".nfo"), nfo.episode_nfo(_nfo_item(info, number)))
        self._sidecars(stem, sidecars)
        self._channel_files(channel_dir, info)
        item = self.state.add_media("video", info.title, status="identified", year=info.upload_date.year,
                                    overview=info.description[:5000] or None,
                                    extra={"channel": info.channel, "upload_date": info.upload_date.isoformat(),
                                           "url": info.url, "archive_key": info.archive_key})
        st = target.stat()
        self.state.upsert_media_file(str(target), media_id=item.id, size=st.st_size, mtime=st.st_mtime,
                                     duration_s=info.duration_s, tech={**tech, "quick_hash": quick_hash(target, st.st_size)})
        return Published(item.id, target)

    def _place(self, video: Path, season_dir: Path, info: VideoInfo) -> tuple[Path, int]:
        for number in range(1, MAX_PER_DAY + 1):
            target = season_dir / f"{episode_stem(info, number)}{video.suffix.lower()}"
            if place_new(video, target):
                return target, number
        raise Conflict(f"{info.channel} already has {MAX_PER_DAY} videos on {info.upload_date}; {video.name} waits "
                       f"in {video.parent}")

    @staticmethod
    def _sidecars(stem: Path, sidecars: dict[str, Path]) -> None:
        for role, path in sidecars.items():
            suffix = "-thumb.jpg" if role == "thumbnail" else f".{role}{path.suffix}"
            place_new(path, stem.with_name(stem.name + suffix))

    @staticmethod
    def _channel_files(channel_dir: Path, info: VideoInfo) -> None:
        """``tvshow.nfo`` and ``poster.jpg`` (the channel's first thumbnail) once per channel."""
        show = channel_dir / "tvshow.nfo"
        if not show.exists():
            write_atomic(show, nfo.tvshow_nfo(nfo.NfoItem(title=info.channel)))
        poster = channel_dir / "poster.jpg"
        thumb = next(iter(sorted(channel_dir.glob("Season */*-thumb.jpg"))), None)
        if not poster.exists() and thumb is not None:
            write_atomic(poster, thumb.read_bytes())


def remove_published(path: Path) -> int:
    """Delete a published video and its sidecars (same stem: .nfo, -thumb.jpg, subtitles); returns how many."""
    stem = path.with_suffix("").name
    removed = 0
    for candidate in path.parent.glob("*"):
        if candidate.is_file() and (candidate == path or candidate.name.startswith((f"{stem}.", f"{stem}-thumb"))):
            candidate.unlink(missing_ok=True)
            removed += 1
    return removed
