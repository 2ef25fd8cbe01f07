"""IPTV jobs: ``iptv.sync`` (one account's catalog), ``iptv.download`` (one film or episode,
fetched and published) and ``iptv.track_check`` (new episodes of tracked series); the work is in
``services/iptv``.

All are resumable: a sync simply runs again, a download killed with the daemon is queued again
and resumes from its persisted progress, a check looks again.
"""

from __future__ import annotations

from ...models.iptv import (
    IPTV_DOWNLOAD,
    IPTV_SYNC,
    IPTV_TRACK_CHECK,
    DownloadPayload,
    SyncPayload,
    TrackCheckPayload,
)
from ..base import JobHandler


class IptvSync(JobHandler):
    kind = IPTV_SYNC
    payload = SyncPayload
    max_attempts = 1  # a failed section is reported; the schedule or the Sync button tries again

    def run(self, ctx, payload: SyncPayload):
        return self.services.iptv_sync.sync(payload.account_id, ctx)


class IptvDownload(JobHandler):
    kind = IPTV_DOWNLOAD
    payload = DownloadPayload

    def run(self, ctx, payload: DownloadPayload):
        return self.services.iptv_downloads.run(payload.download_id, ctx)


class IptvTrackCheck(JobHandler):
    kind = IPTV_TRACK_CHECK
    payload = TrackCheckPayload
    max_attempts = 1

    def run(self, ctx, payload: TrackCheckPayload):
        return self.services.iptv_tracking.check(payload.account_id or None, ctx)


HANDLERS = [IptvSync, IptvDownload, IptvTrackCheck]
