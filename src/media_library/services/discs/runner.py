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
from .rip import STAGING, clean_partials
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
    """Partial encodes left by a killed daemon (no disc job runs while the monitor starts)."""
    running = runtime.state.list_jobs(status="running", limit=500)
    if any(job.kind.startswith("disc.") for job in running):
        return 0
    removed = clean_partials(runtime.settings.media_dir / STAGING)
    if removed:
        log.info("Removed %d partial encode(s) left by an earlier run", removed)
    return removed
