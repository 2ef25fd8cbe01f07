"""Download jobs: ``download.subscription`` checks a subscription; ``download.url`` runs one download (or expands a playlist) through
``DownloadService.run``. Resumable: a download found running after a restart is queued again and
yt-dlp resumes its ``.part`` from the same work folder."""

from __future__ import annotations

from ...models.download_jobs import DOWNLOAD_SUBSCRIPTION, DOWNLOAD_URL, DownloadPayload, SubscriptionPayload
from ..base import JobHandler


class DownloadUrl(JobHandler):
    kind = DOWNLOAD_URL
    payload = DownloadPayload
    resumable = True
    max_attempts = 3

    def run(self, ctx, payload: DownloadPayload):
        return self.services.downloads.run(payload.download_id, ctx)



class DownloadSubscription(JobHandler):
    """``download.subscription``: check one subscription (queued by its schedule or by a person)."""

    kind = DOWNLOAD_SUBSCRIPTION
    payload = SubscriptionPayload

    def run(self, ctx, payload: SubscriptionPayload):
        return self.services.downloads.subscriptions.check(payload.subscription_id, ctx)


HANDLERS = [DownloadUrl, DownloadSubscription]
