"""Building the disc monitor a runtime supervises: ``build_disc_monitor(runtime)``.

- ``full`` mode: the drives and the watch folder feed ``DiscService`` (database, jobs) and
  every poll also closes the confirmation windows that ran out.
- ``monitor`` mode: no database; the same backends feed ``RemoteAgent`` (built by the
  composition as ``services.disc_agent``), which talks to the server over HTTP and rips here
  (``remote.py``).

The returned object has the ``run()`` / ``stop()`` pair ``Supervisor.add`` wants.
"""

from __future__ import annotations

import logging

from .monitor import DiscMonitor, default_backends
from .rip import STAGING, clean_partials, remove_empty
from .service import watch_dir

log = logging.getLogger(__name__)


def build_disc_monitor(runtime) -> DiscMonitor:
    settings = runtime.settings
    backends = default_backends(watch_dir(settings), drives=settings.disc.drives)
    if runtime.mode == "monitor":
        agent = runtime.services.disc_agent
        return DiscMonitor(backends, agent.on_insert, on_tick=agent.tick, on_stop=agent.stop,
                           poll_seconds=settings.disc.poll_seconds)
    service = runtime.services.discs
    clean_orphans(runtime)
    return DiscMonitor(backends, service.on_insert, on_tick=service.expire_windows, poll_seconds=settings.disc.poll_seconds)


def clean_orphans(runtime) -> int:
    """Partial encodes left by a killed daemon. Runs after the start-up job recovery (``Runtime.start``),
    so a disc job still ``running`` here is one a live worker process holds: its folder is kept."""
    running = runtime.state.list_jobs(status="running", limit=500)
    busy = {f"disc-{job.payload.get('disc_id')}" for job in running if job.kind.startswith("disc.")}
    staging = runtime.settings.media_dir / STAGING
    removed = 0
    for folder in sorted(staging.glob("disc-*")) if staging.is_dir() else []:
        if folder.name not in busy:
            removed += clean_partials(folder)
            remove_empty(folder)
    remove_empty(staging)
    if removed:
        log.info("Removed %d partial encode(s) left by an earlier run", removed)
    return removed
