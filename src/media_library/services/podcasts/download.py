"""Downloading an episode's enclosure and publishing it as ``Podcasts/Show/YYYY-MM-DD - Title.ext``.

Steps 2 and 3 of the ingestion contract (``services/ingest.py``) for podcasts:

- **Fetch** into ``<data_dir>/work/podcasts/episode-<id>.part`` (one per episode, so a new job
  after a failure or a kill finds what the last one left), through the outbound guard on every
  hop. A part file is resumed by the shared resumable download (``clients/resumable.py``) with
  ``Range`` and ``If-Range`` (the strong ETag or Last-Modified the first answer carried, kept
  beside it in ``episode-<id>.json``); only a 206 whose ``Content-Range`` starts where the file
  ends is appended, a 200 restarts the file. The file is
  finished when its size matches what the server announced and mutagen reads it as audio or
  video; its SHA-256 (before tagging) is the job's result.
- **Publish** through this module's own step, not ``Publisher.accept``: an episode needs no
  identification (the feed says what it is), so queueing an identify job would only put it in
  the review queue. It keeps the contract's rules: tags and cover are written to the part file
  in the work folder, which is then moved beside its target under a hidden name and linked into
  place (``os.link`` refuses to overwrite; a taken name gets `` (2)``), and the item and file
  are recorded as a ``podcast_episode`` (playable and resumable like any item).
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...clients.resumable import ResumableDownload, Segment, Transfer
from ...errors import ExternalServiceError, InvalidInput, MediaLibraryError
from ...models.podcasts import Episode, Podcast
from ..files import fsync_dir, sha256_of
from ..naming import join_inside, safe_component, safe_filename
from .feeds import parse_chapters
from .tags import read_id3_chapters, write_tags

log = logging.getLogger(__name__)
MEDIA_EXTENSIONS = (".mp3", ".m4a", ".mp4", ".m4v", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav", ".mov", ".webm")
MAX_COVER_BYTES = 5 * 1024 * 1024


def podcasts_folder(settings) -> Path:
    """``podcasts.folder``, or ``<media_dir>/Podcasts`` when it is empty."""
    configured = settings.podcasts.folder
    return Path(configured).expanduser() if configured else settings.media_dir / "Podcasts"


class EpisodeDownloader:
    def __init__(self, state, settings, *, http):
        self.state, self.settings, self.http = state, settings, http

    @property
    def folder(self) -> Path:
        return podcasts_folder(self.settings)

    def download(self, episode_id: int, ctx) -> dict[str, Any]:
        """Fetch (resuming), check, tag and publish one episode; idempotent once published."""
        episode = self.state.get_episode(episode_id)
        if episode.downloaded and episode.file_path and Path(episode.file_path).exists():
            return {"episode_id": episode_id, "already": True}
        if not episode.enclosure_url:
            raise InvalidInput(f"episode {episode_id} has no audio or video file to download")
        podcast = self.state.get_podcast(episode.podcast_id)
        part = self.work_folder() / f"episode-{episode_id}.part"
        try:
            size = self.fetch(episode.enclosure_url, part, ctx)
            digest = sha256_of(part)
            check_media(part)
        except MediaLibraryError as exc:
            self.state.update_episode(episode_id, download_error=exc.message)
            raise
        chapters = self.chapters(episode, part)
        write_tags(part, podcast, episode, self.cover(podcast, episode))
        target = self.publish(part, podcast, episode)
        self.record(episode, podcast, target, chapters)
        return {"episode_id": episode_id, "size": size, "sha256": digest, "path": target.name}

    def work_folder(self) -> Path:
        folder = self.settings.work_dir / "podcasts"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # --- fetch ------------------------------------------------------------------------------
    def fetch(self, url: str, part: Path, ctx) -> int:
        """Bring ``part`` to the whole enclosure, resuming what is there; return its size."""
        meta_path = part.with_suffix(".json")
        meta = _load_meta(meta_path) if part.exists() else {}
        have = part.stat().st_size if part.exists() and meta.get("url") == url else 0
        if have and meta.get("total") == have:
            return have
        total = meta.get("total") if have else None
        transfer = Transfer(total, meta.get("validator") if have else None,
                            [Segment(0, total - 1 if total else None, have)])

        def save(t: Transfer) -> None:
            _save_meta(meta_path, {"url": url, "validator": t.validator, "total": t.total})

        def progress(t: Transfer) -> None:
            if t.total:
                ctx.progress(100.0 * t.done_bytes / t.total, f"{t.done_bytes // 1_048_576} of {t.total // 1_048_576} MiB")

        fetch = ResumableDownload(
            lambda headers: self.http.downloads.open_untrusted("podcast download", url, headers=headers), part, transfer,
            service="podcast download", save=save, progress=progress, check_cancelled=ctx.check_cancelled,
            max_bytes=self.settings.podcasts.max_episode_mb * 1024 * 1024, save_every=5.0)
        return fetch.run().done_bytes

    # --- extras -----------------------------------------------------------------------------
    def chapters(self, episode: Episode, part: Path) -> list[dict[str, Any]] | None:
        """Podcasting 2.0 chapters (the feed's JSON link), else the file's own ID3 chapters."""
        if episode.chapters_url:
            try:
                return parse_chapters(json.loads(self.http.feeds.fetch_untrusted("podcast chapters", episode.chapters_url)))
            except (MediaLibraryError, ValueError) as exc:
                log.warning("Episode %s: chapters not read: %s", episode.id, getattr(exc, "message", exc))
        return read_id3_chapters(part) or None

    def cover(self, podcast: Podcast, episode: Episode) -> bytes | None:
        url = episode.image_url or podcast.image_url
        if not url:
            return None
        try:
            data = self.http.feeds.fetch_untrusted("podcast artwork", url)
        except MediaLibraryError as exc:
            log.warning("Episode %s: cover not fetched: %s", episode.id, exc.message)
            return None
        return data if len(data) <= MAX_COVER_BYTES else None

    # --- publish ----------------------------------------------------------------------------
    def publish(self, part: Path, podcast: Podcast, episode: Episode) -> Path:
        """Move the finished file into place without ever overwriting one."""
        show = safe_component(podcast.title or "Podcast")
        folder = join_inside(self.folder, show)
        folder.mkdir(parents=True, exist_ok=True)
        staged = folder / f".episode-{episode.id}.part"
        shutil.move(part, staged)
        stem, ext = episode_stem(episode), extension(episode)
        for n in range(1, 100):
            target = folder / safe_filename(stem if n == 1 else f"{stem} ({n})", ext)
            try:
                os.link(staged, target)
            except FileExistsError:
                continue
            staged.unlink()
            part.with_suffix(".json").unlink(missing_ok=True)
            fsync_dir(folder)
            return target
        raise ExternalServiceError("podcast download", f"too many files named {stem} in {folder}", transient=False)

    def record(self, episode: Episode, podcast: Podcast, target: Path, chapters) -> None:
        st = target.stat()
        item = self.state.add_media("podcast_episode", episode.title, status="identified", overview=episode.description,
                                    air_date=_date(episode), season_number=episode.season, episode_number=episode.episode,
                                    extra={"podcast_id": podcast.id, "podcast": podcast.title, "episode_id": episode.id})
        self.state.upsert_media_file(str(target), media_id=item.id, size=st.st_size, mtime=st.st_mtime,
                                     duration_s=episode.duration_s)
        self.state.update_episode(episode.id, downloaded=True, media_id=item.id, file_path=str(target), download_error=None,
                                  chapters=chapters, deleted_at=None)


def episode_stem(episode: Episode) -> str:
    return f"{_date(episode) or 'undated'} - {episode.title}"


def extension(episode: Episode) -> str:
    suffix = Path(urlsplit(episode.enclosure_url or "").path).suffix.lower()
    if suffix in MEDIA_EXTENSIONS:
        return suffix
    guessed = mimetypes.guess_extension((episode.enclosure_type or "").split(";")[0].strip()) or ""
    return guessed if guessed in MEDIA_EXTENSIONS else ".mp3"


def _date(episode: Episode) -> str | None:
    if episode.published_at is None:
        return None
    return datetime.fromtimestamp(episode.published_at, UTC).strftime("%Y-%m-%d")


def _load_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_meta(path: Path, meta: dict[str, Any]) -> None:
    path.write_text(json.dumps(meta), encoding="utf-8")


def check_media(path: Path) -> None:
    """The finished file must be audio or video mutagen can read (not an HTML error page)."""
    import mutagen

    try:
        ok = mutagen.File(path) is not None
    except mutagen.MutagenError:
        ok = False
    if not ok:
        path.unlink(missing_ok=True)
        raise ExternalServiceError("podcast download", "the enclosure is not an audio or video file", transient=False)
