"""``strm.export``: export the library as a STRM/NFO tree (services/strm).

Payload (``StrmExportPayload``, all optional; the ``strm.*`` settings fill the rest):
``output_dir``, ``style``, ``dry_run``, ``cleanup`` (off|preview|apply), ``force``. Idempotent and
resumable: a run after a crash finds the files already written unchanged (manifest + stat) and
continues with the rest. Another export holding the lock makes this one wait and retry.
"""

from __future__ import annotations

from ...errors import Conflict, RetryJob
from ...models.job_payloads import STRM_EXPORT, StrmExportPayload
from ...services.strm.service import effective_settings, run_export
from ..base import JobHandler


class StrmExport(JobHandler):
    kind = STRM_EXPORT
    payload = StrmExportPayload
    resumable = True

    def run(self, ctx, payload: StrmExportPayload):
        services = self.services
        ctx.progress(0.0, "reading the library", force=True)
        try:
            summary = run_export(
                services.state, services.settings,
                output=payload.output_dir or None, style=payload.style or None, dry_run=payload.dry_run,
                cleanup=payload.cleanup, force=payload.force, progress=ctx.progress, cancelled=ctx.cancelled,
                label=f"job{ctx.job.id}", media_servers=services.clients.media_servers,
                plex=getattr(services, "plex", None),
            )
        except Conflict as exc:
            delay = max(5.0, effective_settings(services.settings, services.state).debounce_seconds)
            raise RetryJob(exc.message, delay=delay) from exc
        if summary.get("source_error"):
            raise RetryJob(f"the library could not be read: {summary['source_error']}")
        ctx.progress(100.0, _message(summary), force=True)
        return summary


def _message(summary: dict) -> str:
    c = summary["counts"]
    text = f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, {c['deleted']} deleted"
    return f"{text}; {summary['guard']}" if summary.get("guard") else text


HANDLERS = [StrmExport]
