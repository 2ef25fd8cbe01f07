"""The download use cases: add a URL, run one download job, cancel, the engine and its cookies.

A download follows the ingestion contract (``services/ingest.py``):

1. **Discover**: ``add(url, preset)`` checks the URL (``urls.py``), records a ``downloads`` row and
   queues its ``download.url`` job. The job first asks yt-dlp what the URL is
   (``--dump-single-json --flat-playlist``). A playlist or channel becomes a parent row with a
   child row and child job per entry (in the playlist's order) and a collection of the same name;
   each entry then downloads, fails or is skipped on its own.
2. **Fetch**: yt-dlp runs as a child process (``JobControl.run``: cancel and shutdown end its
   process group) into the job's work folder with a fixed template, its every request going
   through the guarded forward proxy under this download's own credentials
   (``clients/forward_proxy.py``). A retry after a restart finds yt-dlp's ``.part`` in the same
   folder and resumes it (``--continue``: a ranged request). Progress lines become the job's
   progress (percent, speed, ETA) and so ``job_progress`` on Socket.IO. The result is checked
   (exit 0, ffprobe reads a duration) before it is published.
3. **Publish**: ``publish.py`` (web videos in the Jellyfin channel layout, or films through
   ``Publisher.accept``). The archive (``download_archive``) then remembers the video, so asking
   again is skipped; a deleted file is downloaded again only with ``downloads.redownload_deleted``.

A failure keeps yt-dlp's own words (its ``ERROR:`` lines: a 403, a bot check) and, when the
outbound guard refused a request, says which and why. Must not: import Flask or the job worker,
write SQL, start a program other than through ``JobControl.run`` / ``tools``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from ...clients.forward_proxy import GuardedProxy, ProxySession
from ...clients.guard import OutboundGuard
from ...errors import InvalidInput, JobCancelled, MediaLibraryError, ToolError
from ...models.download_jobs import DOWNLOAD_URL, DownloadPayload
from ...models.downloads import FINISHED_STATUSES, Download
from ...tools import ffprobe, ytdlp
from ..files import write_atomic
from ..job_control import JobControl
from ..notify import Notifier
from .events import DownloadUpdated
from .playlists import Playlists
from .publish import Published, VideoInfo, WebVideoPublisher, archive_key, place_new
from .subscriptions import Subscriptions
from .urls import valid_url

log = logging.getLogger(__name__)
BOT_CHECK_HINTS = ("sign in to confirm", "http error 403", "not a bot", "403: forbidden", "cookies")
SIDECAR_SKIP = (".part", ".ytdl", ".info.json", ".txt", ".tmp")
COOKIES_NAME = "ytdlp-cookies.txt"


class DownloadService:
    def __init__(self, state, bus, settings, *, jobs, library):
        self.state, self.bus, self.settings, self.jobs, self.library = state, bus, settings, jobs, library
        self.web_videos = WebVideoPublisher(state, settings.media_dir)
        self.guard = OutboundGuard(settings.http.allow_hosts)
        self._proxy: GuardedProxy | None = None
        self.subscriptions = Subscriptions(self)
        self.notifier = Notifier(settings.notify.urls)
        self.playlists = Playlists(state)
        self.clock: Callable[[], dt.date] = dt.date.today

    @property
    def options(self):
        """The ``downloads`` settings section (read when used: a process without the source has none)."""
        return self.settings.downloads

    # --- adding and reading --------------------------------------------------------------------------
    def add(self, url: object, preset: object = None, *, user_id: int | None = None) -> Download:
        """Record ``url`` and queue its job; the URL and preset are checked first."""
        checked = valid_url(url)
        name = self._preset(preset)
        download = self.state.add_download(checked, name, user_id=user_id, message="queued")
        return self._queue(download)

    def fetch_missing(self, playlist_id: int, preset: object = None, *, user_id: int | None = None) -> list[Download]:
        """Queue one audio download per missing track of an imported playlist, from the admin's
        ``downloads.track_search_url`` (``{query}`` = the URL-encoded "artist title"), each through
        ``add`` so the URL check and the outbound guard apply as to any download."""
        template = self.options.track_search_url
        if not template:
            raise InvalidInput("fetching missing tracks is off: an admin sets downloads.track_search_url first")
        name = preset or "audio_m4a"
        if not str(name).startswith("audio_"):
            raise InvalidInput("preset must be an audio preset (audio_m4a or audio_mp3)")
        self.state.get_playlist(playlist_id)
        queued = []
        for track in self.state.list_playlist_tracks(playlist_id):
            if track.media_id:
                continue
            query = " ".join(part for part in (track.artist, track.title) if part)
            queued.append(self.add(template.replace("{query}", quote_plus(query)), name, user_id=user_id))
        return queued

    def _preset(self, preset: object) -> str:
        name = preset or self.options.default_preset
        if name not in ytdlp.PRESETS:
            raise InvalidInput(f"preset must be one of {', '.join(ytdlp.PRESETS)}")
        return str(name)

    def _queue(self, download: Download) -> Download:
        job, _ = self.jobs.enqueue(DOWNLOAD_URL, DownloadPayload(download_id=download.id),
                                   idempotency_key=f"download:{download.id}", created_by=download.user_id)
        return self._update(download.id, job_id=job.id)

    def get(self, download_id: int) -> dict[str, Any]:
        """One download with its entries (a playlist's children, in order)."""
        download = self.state.get_download(download_id)
        children = self.state.list_download_children(download_id)
        return {**download.to_public(), "entries": [c.to_public() for c in children]}

    def cancel(self, download_id: int) -> Download:
        """Cancel a download (and a playlist's unfinished entries) through the job contract."""
        download = self.state.get_download(download_id)
        for entry in [*self.state.list_download_children(download_id), download]:
            if entry.status not in FINISHED_STATUSES and entry.job_id is not None:
                self.jobs.cancel(entry.job_id)
            if entry.status not in FINISHED_STATUSES:
                self._update(entry.id, status="cancelled", message="cancelled")
        return self.state.get_download(download_id)

    def add_entry(self, sub, listing: dict[str, Any], entry: dict[str, Any], position: int) -> Download:
        """Queue one entry of a subscription's channel or playlist."""
        url, index = _entry_target(sub.url, entry, position)
        download = self.state.add_download(url, sub.preset, playlist_index=index, user_id=sub.user_id,
                                           subscription_id=sub.id, title=str(entry.get("title") or "")[:500],
                                           message="queued")
        return self._queue(download)

    def removed(self, download: Download, why: str) -> None:
        self._update(download.id, media_id=None, message=why)

    def _update(self, download_id: int, **fields: Any) -> Download:
        download = self.state.update_download(download_id, **fields)
        self.bus.publish(DownloadUpdated.of(download))
        return download

    # --- the engine ------------------------------------------------------------------------------------
    def engine(self) -> dict[str, Any]:
        return {"name": "yt-dlp", "version": ytdlp.version(), "cookies": self.cookies_path.exists(),
                "presets": list(ytdlp.PRESETS)}

    @property
    def cookies_path(self) -> Path:
        return self.settings.data_dir / "secrets" / COOKIES_NAME

    def store_cookies(self, text: object) -> None:
        """Keep a cookies.txt (Netscape format) for sites that ask for a login or a bot check; owner-only."""
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput("cookies must be the text of a cookies.txt file (Netscape format)")
        if not text.lstrip().startswith(("# Netscape HTTP Cookie File", "# HTTP Cookie File")) and "\t" not in text:
            raise InvalidInput("cookies must be a cookies.txt file in Netscape format (tab-separated lines)")
        self.cookies_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(self.cookies_path, text.encode(), mode=0o600)

    def forget_cookies(self) -> None:
        self.cookies_path.unlink(missing_ok=True)

    def proxy(self) -> GuardedProxy:
        if self._proxy is None:
            self._proxy = GuardedProxy(self.guard)
        return self._proxy

    def close(self) -> None:
        if self._proxy is not None:
            self._proxy.close()

    # --- running one download (the job) ----------------------------------------------------------------
    def run(self, download_id: int, job: JobControl) -> dict[str, Any]:
        download = self.state.get_download(download_id)
        if download.status in FINISHED_STATUSES or download.status == "playlist":
            return {"download_id": download.id, "status": download.status}
        self._update(download.id, status="running", message="starting", error=None)
        if download.parent_id is not None and self.options.sleep_seconds:
            job.cancel_event.wait(self.options.sleep_seconds)
        with self.proxy().session() as (proxy_url, session):
            try:
                return self._run(download, job, proxy_url)
            except JobCancelled:
                if job.cancel_reason != "shutdown":
                    self._update(download.id, status="cancelled", message="cancelled")
                raise
            except MediaLibraryError as exc:
                failed = self._update(download.id, status="failed", message="failed", error=_explain(exc, session))
                self.notifier.send(f"Download failed: {failed.title or failed.url}", failed.error or "", "download.failed")
                raise

    def _run(self, download: Download, job: JobControl, proxy_url: str) -> dict[str, Any]:
        probed = self._probe(download, job, proxy_url)
        if probed.get("_type") == "playlist" and download.playlist_index is None and download.parent_id is None:
            return self._expand(download, probed)
        info = _single(probed)
        key = archive_key(str(info.get("extractor_key") or info.get("extractor") or "generic"), str(info.get("id")))
        listed = download.subscription_id is not None and download.title  # a channel listing's title wins
        self._update(download.id, title=download.title if listed else str(info.get("title") or download.url)[:500],
                     archive_key=key, message="downloading")
        skipped = self._already_archived(download, key)
        if skipped is not None:
            return skipped
        video = self._fetch(download, job, proxy_url)
        published = self._publish(download, job.work_dir, video)
        self.state.record_archived(key, url=download.url, title=str(info.get("title") or ""),
                                   media_id=published.media_id, path=str(published.path))
        self._join_collection(download, published.media_id)
        done = self._update(download.id, status="done", message="in the library", media_id=published.media_id)
        self.notifier.send(f"Downloaded: {done.title}", f"{done.title} is in the library ({download.url})", "download.done")
        if download.subscription_id is not None:
            self.subscriptions.retention(self.state.get_subscription(download.subscription_id))
        return {"download_id": download.id, "status": "done", "media_id": published.media_id,
                "identify_job_id": published.job_id}

    def _probe(self, download: Download, job: JobControl, proxy_url: str) -> dict[str, Any]:
        return self.probe(download.url, download.playlist_index, job, proxy_url)

    def probe(self, url: str, playlist_index: int | None, job: JobControl, proxy_url: str) -> dict[str, Any]:
        """What yt-dlp says ``url`` is: one video, or a playlist with its (flat) entries."""
        argv = ytdlp.probe_argv(url, proxy=proxy_url, playlist_index=playlist_index)
        done = job.run(argv, timeout=ytdlp.PROBE_TIMEOUT_S, line_source="stdout", check=False)
        job.check_cancelled()  # a cancel may end yt-dlp just before the pipe closes: not a failure
        if done.returncode != 0:
            raise ToolError("yt-dlp", done.returncode, message=ytdlp.error_lines(done.stderr_tail))
        try:
            return json.loads(done.stdout)
        except ValueError:
            raise ToolError("yt-dlp", 0, message="yt-dlp described the URL in something that is not JSON") from None

    def _already_archived(self, download: Download, key: str) -> dict[str, Any] | None:
        """The skip result when the archive has this video (and the rule says not to fetch it again)."""
        entry = self.state.get_archived(key)
        if entry is None:
            return None
        if self.options.redownload_deleted and not os.path.exists(entry.path):
            return None
        when = dt.datetime.fromtimestamp(entry.downloaded_at, dt.UTC).strftime("%Y-%m-%d")
        gone = "" if os.path.exists(entry.path) else " (its file was deleted since; downloads.redownload_deleted is off)"
        self._update(download.id, status="skipped", media_id=entry.media_id if entry.media_id else None,
                     message=f"already downloaded on {when}{gone}")
        self._join_collection(download, entry.media_id)
        return {"download_id": download.id, "status": "skipped", "media_id": entry.media_id}

    def _expand(self, download: Download, playlist: dict[str, Any]) -> dict[str, Any]:
        """A playlist: one child row and job per entry, in order, and a collection to hold the results."""
        title = str(playlist.get("title") or download.url)[:200]
        children = self.state.list_download_children(download.id)
        collection_id = download.collection_id
        if not children:
            collection_id = self.state.add_collection(title, kind="manual", owner_id=download.user_id).id
            for position, entry in enumerate(playlist.get("entries") or [], start=1):
                url, index = _entry_target(download.url, entry, position)
                children.append(self.state.add_download(url, download.preset, parent_id=download.id, position=position,
                                                        playlist_index=index, user_id=download.user_id,
                                                        title=str(entry.get("title") or "")[:500],
                                                        collection_id=collection_id, message="queued"))
        for child in children:
            if child.job_id is None:
                self._queue(child)
        self._update(download.id, status="playlist", title=title, collection_id=collection_id,
                     message=f"{len(children)} entries")
        return {"download_id": download.id, "status": "playlist", "entries": len(children),
                "collection_id": collection_id}

    def _fetch(self, download: Download, job: JobControl, proxy_url: str) -> Path:
        work = Path(job.work_dir)
        work.mkdir(parents=True, exist_ok=True)
        (work / ytdlp.DONE_FILE).unlink(missing_ok=True)
        argv = ytdlp.download_argv(download.url, work, proxy=proxy_url, preset=download.preset,
                                   options=self._engine_options(work), playlist_index=download.playlist_index)
        done = job.run(argv, timeout=self.options.timeout_seconds, line_source="both",
                       on_line=lambda line: _report(job, line), check=False)
        (work / "cookies.txt").unlink(missing_ok=True)
        job.check_cancelled()
        if done.returncode != 0:
            raise ToolError("yt-dlp", done.returncode, message=ytdlp.error_lines(done.stderr_tail or done.stdout))
        return _finished_file(work)

    def _engine_options(self, work: Path) -> ytdlp.Options:
        o = self.options
        cookies = None
        if self.cookies_path.exists():  # a copy per job: yt-dlp writes its cookie jar back
            cookies = work / "cookies.txt"
            write_atomic(cookies, self.cookies_path.read_bytes(), mode=0o600)
        return ytdlp.Options(subtitles=o.subtitles, subtitle_langs=o.subtitle_langs, thumbnails=o.thumbnails,
                             chapters=o.chapters, sponsorblock=o.sponsorblock,
                             sponsorblock_categories=o.sponsorblock_categories, sponsorblock_api=o.sponsorblock_api,
                             rate_limit=o.rate_limit, retries=o.retries, cookies=cookies)

    def _publish(self, download: Download, work: Path, video: Path) -> Published:
        duration = _verified_duration(video)
        info_data = {**_read_info(work), **self._subscription_facts(download)}
        info = VideoInfo.from_info({**info_data, "duration": info_data.get("duration") or duration}, self.clock())
        tech = {"source_url": download.url, "downloaded": True, "ytdlp_id": info.video_id}
        if self.options.single_videos_as == "films" and download.parent_id is None:
            return self._publish_film(video, info, tech)
        return self.web_videos.publish(video, info, _sidecars(work, video), tech)

    def _subscription_facts(self, download: Download) -> dict[str, Any]:
        """A subscription's videos are filed under its name (the channel), with the listing's title."""
        if download.subscription_id is None:
            return {}
        facts = {"channel": self.state.get_subscription(download.subscription_id).name}
        return {**facts, "title": download.title} if download.title else facts

    def _publish_film(self, video: Path, info: VideoInfo, tech: dict[str, Any]) -> Published:
        folder = self.settings.uploads_dir
        final = folder / f"{secrets.token_hex(16)}{video.suffix.lower()}"
        place_new(video, final)  # a fresh random name: this cannot replace anything
        accepted = self.library.publisher.accept(final, info.title, tech=tech)
        return Published(accepted.item.id, final, accepted.job_id)

    def _join_collection(self, download: Download, media_id: str | None) -> None:
        """Put a playlist entry's item into the playlist's collection, keeping the playlist's order."""
        if download.collection_id is None or media_id is None or download.parent_id is None:
            return
        self.state.add_to_collection(download.collection_id, media_id)
        entries = self.state.list_download_children(download.parent_id)  # in the playlist's order
        ordered = [media_id if e.id == download.id else e.media_id for e in entries]
        present = set(self.state.list_collection_media_ids(download.collection_id))
        self.state.reorder_collection(download.collection_id, [m for m in dict.fromkeys(ordered) if m in present])


# --- helpers (pure, or reading the work folder) ----------------------------------------------------
def _single(probed: dict[str, Any]) -> dict[str, Any]:
    """The one video a probe describes (a playlist asked for one entry has it as its only entry)."""
    if probed.get("_type") == "playlist":
        entries = [e for e in probed.get("entries") or [] if e]
        if not entries:
            raise ToolError("yt-dlp", 0, message="the playlist entry is empty or no longer there")
        return entries[0]
    return probed


def _entry_target(playlist_url: str, entry: dict[str, Any], position: int) -> tuple[str, int | None]:
    """What a child downloads: the entry's own page when yt-dlp names one, else the playlist's item N."""
    url = entry.get("url") if entry.get("_type") in ("url", "url_transparent") else None
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return url, None
    return playlist_url, int(entry.get("playlist_index") or position)


def _report(job: JobControl, line: str) -> None:
    progress = ytdlp.parse_progress(line)
    if progress is None:
        return
    job.progress(progress.percent or 0.0, progress_text(progress))


def progress_text(p: ytdlp.Progress) -> str:
    text = f"{p.downloaded / 1048576:.1f} MiB"
    if p.total:
        text += f" of {p.total / 1048576:.1f} MiB"
    if p.speed:
        text += f" at {p.speed / 1048576:.1f} MiB/s" if p.speed >= 1048576 else f" at {p.speed / 1024:.0f} KiB/s"
    if p.eta is not None:
        text += f", ETA {p.eta // 60}:{p.eta % 60:02d}"
    return text


def _finished_file(work: Path) -> Path:
    done = work / ytdlp.DONE_FILE
    lines = done.read_text(encoding="utf-8").splitlines() if done.exists() else []
    path = Path(lines[-1]) if lines else None
    if path is None or not path.is_file() or path.parent.resolve() != work.resolve():
        raise ToolError("yt-dlp", 0, message="yt-dlp finished without a file in the work folder")
    return path


def _verified_duration(video: Path) -> float:
    try:
        return ffprobe.duration(video)
    except MediaLibraryError as exc:
        raise ToolError("yt-dlp", 0, message=f"the downloaded file is not playable media ({exc.message}); not published") from exc


def _read_info(work: Path) -> dict[str, Any]:
    path = work / f"{ytdlp.OUTPUT_STEM}.info.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _sidecars(work: Path, video: Path) -> dict[str, Path]:
    """Thumbnail and subtitles yt-dlp wrote beside the video: ``{"thumbnail": …, "en": …}``."""
    found: dict[str, Path] = {}
    for path in sorted(work.iterdir()):
        if path == video or not path.is_file() or path.name.endswith(SIDECAR_SKIP):
            continue
        if path.suffix == ".jpg":
            found["thumbnail"] = path
        elif path.suffix == ".srt":
            found[path.name.removeprefix(f"{ytdlp.OUTPUT_STEM}.").removesuffix(".srt") or "und"] = path
    return found


def _explain(exc: MediaLibraryError, session: ProxySession) -> str:
    """yt-dlp's words, plus why the guard refused a request and what to do about a bot check."""
    text = exc.message
    if session.refusals:
        text += "\nRefused by the outbound guard: " + "; ".join(dict.fromkeys(session.refusals))
    elif any(hint in text.lower() for hint in BOT_CHECK_HINTS):
        text += "\nThe site refused the request (a bot check or a login); upload a cookies.txt on the Downloads page, " \
                "or update yt-dlp (media-library ytdlp update)."
    return text

