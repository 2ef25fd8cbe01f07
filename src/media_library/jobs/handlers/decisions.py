"""Decision jobs: ``watch.decide`` (record and decide on every waiting webhook event, in batches),
``watch.event`` (one event: jobs queued by releases before ``watch.decide``), ``radarr.follow``
(follow a Radarr command to its end), ``watch.backfill`` and ``keep.cleanup``; the work is in
``services/decisions``. All are safe to run again: an event is processed once, a follow polls.
"""

from __future__ import annotations

from ...models.decisions import (
    KEEP_CLEANUP,
    RADARR_FOLLOW,
    WATCH_BACKFILL,
    WATCH_DECIDE,
    WATCH_EVENT,
    BackfillPayload,
    CleanupPayload,
    DecidePayload,
    FollowPayload,
    WatchEventPayload,
)
from ..base import JobHandler


class WatchDecide(JobHandler):
    kind = WATCH_DECIDE
    payload = DecidePayload

    def run(self, ctx, payload: DecidePayload):
        return self.services.decisions.decide_pending(ctx)


class WatchEventJob(JobHandler):
    kind = WATCH_EVENT
    payload = WatchEventPayload

    def run(self, ctx, payload: WatchEventPayload):
        return self.services.decisions.process_event(payload.event_id)


class RadarrFollow(JobHandler):
    kind = RADARR_FOLLOW
    payload = FollowPayload

    def run(self, ctx, payload: FollowPayload):
        return self.services.decisions.follow(payload.decision_id, ctx)


class WatchBackfill(JobHandler):
    kind = WATCH_BACKFILL
    payload = BackfillPayload

    def run(self, ctx, payload: BackfillPayload):
        return self.services.watch_backfill.run(payload.source, ctx)


class KeepCleanup(JobHandler):
    kind = KEEP_CLEANUP
    payload = CleanupPayload
    max_attempts = 1

    def run(self, ctx, payload: CleanupPayload):
        return self.services.keep_cleanup.run(payload.dry_run)


HANDLERS = [WatchDecide, WatchEventJob, RadarrFollow, WatchBackfill, KeepCleanup]
