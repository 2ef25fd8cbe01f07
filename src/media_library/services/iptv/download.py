"""IPTV downloads: a film or an episode fetched from the provider and published into the library.

- **Queue** (``queue_movie``/``queue_episode``): one ``iptv_downloads`` row per item (a twin is
  refused) and one ``iptv.download`` job, with ``iptv.retries`` attempts (the job system's
  backoff between them).
- **Connection budget**: before a fetch the account's ``user_info`` is read again; the free
  connections are ``max_connections`` minus the active ones (the provider's count, and our own
  downloads running for that account). None free → the job waits and retries. A file uses one
  connection unless ``iptv.segments_per_file`` and the budget allow more *and* the file is at least
  two ``iptv.min_segment_mb`` long.
- **Fetch** (``clients/resumable.py``): into ``<work_dir>/iptv/download-<id>.part``, resumed after a
  restart from the progress persisted in the row (``segments``, ``done_bytes``) with ``Range`` and
  ``If-Range``; a 200 restarts the file cleanly; the size must equal the announced one; bandwidth
  limit (``iptv.bandwidth_limit_kbps``) and stall detection (``iptv.stall_seconds``). Live bytes,
  speed and ETA go out as ``iptv_download_progress`` (Socket.IO) at most twice a second.
- **Pause / resume / cancel**: pause and cancel stop the job (cooperatively); pause keeps the part
  file and progress, cancel removes them; resume queues the job again.
- **Publish** through the one publish step, ``services/ingest.py``'s ``Publisher``: the finished
  part file is renamed (atomically, in the work folder) to ``Title (Year) [tmdbid-N].ext`` /
  ``Series S01E02.ext`` and ``adopt``-ed, which identifies it (the provider's TMDb id decides),
  records it and lets the organizer file it under ``Movies/…`` or ``Shows/…``; without a confident
  match it is ``accept``-ed from the uploads folder (its identify job queued), like an upload.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any

from ...clients.resumable import ResumableDownload, Throttle, Transfer
from ...errors import Conflict, InvalidInput, JobCancelled, MediaLibraryError, RetryJob
from ...models.iptv import IPTV_DOWNLOAD, DownloadPayload, IptvDownload
from ..files import fsync_dir
from ..naming import safe_filename
from .events import IptvDownloadProgress

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5
FINISHED = ("done", "cancelled")


class IptvDownloader:
    def __init__(self, state, settings, bus, *, jobs, http, publisher):
        self.state, self.settings, self.bus = state, settings, bus
        self.jobs, self.http, self.publisher = jobs, http, publisher

    # --- queueing and control -------------------------------------------------------------------
    def queue_movie(self, account_id: int, stream_id: str, *, user_id: int | None = None) -> IptvDownload:
        item = self.state.get_iptv_stream(account_id, "vod", stream_id)
        download = self.state.add_iptv_download(account_id=account_id, kind="movie", stream_id=item.stream_id,
                                                title=item.name, container=item.container or "mp4",
                                                tmdb_id=item.tmdb_id, year=item.year)
        return self._queue(download, user_id)

    def queue_episode(self, account_id: int, episode_id: str, *, user_id: int | None = None) -> IptvDownload:
        episode = self.state.get_iptv_episode(account_id, episode_id)
        series = self.state.get_iptv_stream(account_id, "series", episode.series_id)
        download = self.state.add_iptv_download(
            account_id=account_id, kind="episode", stream_id=episode.episode_id, series_id=series.stream_id,
            title=series.name, container=episode.container or "mp4", tmdb_id=series.tmdb_id, year=series.year,
            season=episode.season, episode_num=episode.episode_num)
        return self._queue(download, user_id)

    def _queue(self, download: IptvDownload, user_id: int | None) -> IptvDownload:
        job, _ = self.jobs.enqueue(IPTV_DOWNLOAD, DownloadPayload(download.id), idempotency_key=f"iptv.download:{download.id}",
                                   created_by=user_id, max_attempts=self.settings.iptv.retries)
        return self._update(download.id, status="queued", job_id=job.id, error=None)

    def pause(self, download_id: int) -> IptvDownload:
        download = self.state.get_iptv_download(download_id)
        if download.status not in ("queued", "downloading"):
            raise Conflict(f"download {download_id} is {download.status}; only a queued or running one can pause")
        updated = self._update(download_id, status="paused")
        self._stop_job(download)
        return updated

    def resume(self, download_id: int, *, user_id: int | None = None) -> IptvDownload:
        download = self.state.get_iptv_download(download_id)
        if download.status not in ("paused", "failed"):
            raise Conflict(f"download {download_id} is {download.status}; only a paused or failed one can resume")
        return self._queue(download, user_id)

    def cancel(self, download_id: int) -> IptvDownload:
        download = self.state.get_iptv_download(download_id)
        if download.status == "done":
            raise Conflict(f"download {download_id} is finished; delete the file from the library instead")
        updated = self._update(download_id, status="cancelled", segments=[], done_bytes=0, total_bytes=None)
        self._stop_job(download)
        self.part_path(download_id).unlink(missing_ok=True)
        return updated

    def remove(self, download_id: int) -> None:
        download = self.state.get_iptv_download(download_id)
        if download.status in ("queued", "downloading"):
            raise Conflict("cancel the download before removing it from the list")
        self.part_path(download_id).unlink(missing_ok=True)
        self.state.delete_iptv_download(download_id)

    def _stop_job(self, download: IptvDownload) -> None:
        if download.job_id is not None:
            try:
                self.jobs.cancel(download.job_id)
            except (Conflict, InvalidInput):
                pass  # the job had already ended

    # --- the job -------------------------------------------------------------------------------
    def run(self, download_id: int, ctx) -> dict[str, Any]:
        download = self.state.get_iptv_download(download_id)
        if download.status in FINISHED or download.status == "paused":
            return {"download_id": download_id, "status": download.status}
        try:
            part = self._fetch(download, ctx)
            published = self._publish(download, part)
        except JobCancelled:
            if ctx.cancel_reason == "shutdown":
                self._update(download_id, status="queued")
            raise
        except RetryJob as exc:
            self._update(download_id, status="queued", error=exc.message)
            raise
        except MediaLibraryError as exc:
            self._update(download_id, status="failed", error=exc.message)
            raise
        return {"download_id": download_id, "status": "done", **published}

    def part_path(self, download_id: int) -> Path:
        return self.settings.work_dir / "iptv" / f"download-{download_id}.part"

    def _fetch(self, download: IptvDownload, ctx) -> Path:
        account = self.state.get_iptv_account(download.account_id)
        connections = self._budget(account, download)
        client = self.http.client(account, streaming=True)
        kind = "movie" if download.kind == "movie" else "series"
        url = client.stream_url(kind, download.stream_id, download.container)
        self._update(download.id, status="downloading", error=None)
        meter = _Meter(self, download.id)
        fetch = ResumableDownload(
            lambda headers: client.open_stream(url, headers=headers), self.part_path(download.id),
            Transfer.from_json(download.total_bytes, download.validator, download.segments), service="IPTV download",
            save=lambda t: self._save(download.id, t), progress=lambda t: meter.tick(t, ctx),
            check_cancelled=ctx.check_cancelled, throttle=Throttle(self.settings.iptv.bandwidth_limit_kbps * 1024),
            stall_seconds=self.settings.iptv.stall_seconds)
        fetch.probe(connections, self.settings.iptv.min_segment_mb * 1024 * 1024)
        transfer = fetch.run()
        meter.tick(transfer, ctx, force=True)
        return self.part_path(download.id)

    def _budget(self, account, download: IptvDownload) -> int:
        """Free connections for this file: the provider's max minus its active ones and ours."""
        info = self.http.client(account).account_info()
        ours = self.state.active_iptv_downloads(account.id) - (1 if download.status == "downloading" else 0)
        free = info.max_connections - max(info.active_connections, ours)
        if free < 1:
            raise RetryJob(f"all {info.max_connections} connections of the account are in use; the download waits")
        return max(1, min(free, self.settings.iptv.segments_per_file))

    def _save(self, download_id: int, transfer: Transfer) -> None:
        self.state.update_iptv_download(download_id, segments=transfer.to_json(), done_bytes=transfer.done_bytes,
                                        total_bytes=transfer.total, validator=transfer.validator)

    # --- publish -------------------------------------------------------------------------------
    def _publish(self, download: IptvDownload, part: Path) -> dict[str, Any]:
        """Rename the finished file to its intended name and hand it to the publish step."""
        name = adopt_name(download)
        staged = part.with_name(f"download-{download.id}-{secrets.token_hex(4)}{Path(name).suffix}")
        os.replace(part, staged)  # atomic, same folder: the .part name is never a finished file
        fsync_dir(staged.parent)
        adopted = self.publisher.adopt(staged, name)
        if adopted is not None:
            self._update(download.id, status="done", media_id=adopted.media_id, path=str(adopted.path))
            return {"media_id": adopted.media_id, "path": adopted.path.name}
        final = self.settings.uploads_dir / f"{secrets.token_hex(16)}{staged.suffix}"
        final.parent.mkdir(parents=True, exist_ok=True)
        os.link(staged, final)  # a fresh random name: cannot replace anything
        staged.unlink()
        accepted = self.publisher.accept(final, name.rsplit(".", 1)[0], tech={"source": "iptv", "downloaded": True})
        self._update(download.id, status="done", media_id=accepted.item.id, path=str(final))
        return {"media_id": accepted.item.id, "path": final.name, "identify_job": accepted.job_id}

    def _update(self, download_id: int, **fields: Any) -> IptvDownload:
        download = self.state.update_iptv_download(download_id, **fields)
        self.bus.publish(IptvDownloadProgress(download.id, download.status, download.done_bytes, download.total_bytes, 0.0, None))
        return download


def adopt_name(download: IptvDownload) -> str:
    """``Title (Year) [tmdbid-N].ext`` for a film, ``Series (Year) S01E02.ext`` for an episode."""
    year = f" ({download.year})" if download.year else ""
    tmdb = f" [tmdbid-{download.tmdb_id}]" if download.tmdb_id else ""
    if download.kind == "movie":
        stem = f"{download.title}{year}{tmdb}"
    else:
        stem = f"{download.title}{year}{tmdb} S{download.season or 0:02d}E{download.episode_num or 0:02d}"
    return safe_filename(stem, f".{download.container.lstrip('.') or 'mp4'}")


class _Meter:
    """Bytes, speed and ETA of one running download, published at most every ``PROGRESS_EVERY`` s."""

    def __init__(self, owner: IptvDownloader, download_id: int):
        self.owner, self.download_id = owner, download_id
        self.started, self.last = time.monotonic(), 0.0
        self.first_bytes: int | None = None

    def tick(self, transfer: Transfer, ctx, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        done, total = transfer.done_bytes, transfer.total
        self.first_bytes = done if self.first_bytes is None else self.first_bytes
        speed = (done - self.first_bytes) / max(1e-3, now - self.started)
        eta = (total - done) / speed if total and speed > 0 else None
        self.owner.bus.publish(IptvDownloadProgress(self.download_id, "downloading", done, total, round(speed, 1),
                                                    round(eta, 1) if eta is not None else None))
        if total:
            ctx.progress(100.0 * done / total, f"{done // 1_048_576} of {total // 1_048_576} MiB")
