"""The disc source: DVDs, Blu-rays, audio CDs and data discs from drives or a watch folder.

Its parts: the ``disc`` settings section (``services/discs/settings.py``), the ``DiscService``
use cases (``services/discs``; in monitor mode the ``RemoteAgent`` that talks to a server), the
``discs`` table (``db/discs.py``) and repository (``state/discs.py``), the ``disc.*`` jobs
(``jobs/handlers/discs.py``), the ``/api/discs`` and ``/api/monitor`` routes
(``web/routes/discs.py``), the ``disc_updated`` event and the disc monitor (``full`` and
``monitor`` modes). Rips are published through the ingestion contract (``services/ingest.py``).
"""

from __future__ import annotations

from ..db.discs import discs
from ..jobs.handlers import discs as disc_jobs
from ..services.discs.events import DiscUpdated
from ..services.discs.remote import RemoteAgent
from ..services.discs.runner import build_disc_monitor
from ..services.discs.service import DiscService
from ..services.discs.settings import SECTION, DiscSettings
from ..state.discs import DiscsRepository
from .declaration import Background, Source


def _services(core) -> dict:
    service = DiscService(core.state, core.bus, core.settings, enqueue=core.jobs.enqueue, library=core.library)
    service.follow_jobs(core.bus)  # a disc's events follow its job (interrupted, queued again)
    return {"discs": service}


def _remote_services(core) -> dict:
    return {"disc_agent": RemoteAgent.from_settings(core.settings)}


def _routes() -> tuple:
    from ..web.routes import discs as disc_routes

    return (disc_routes.bp, disc_routes.monitor_bp)


SOURCE = Source(
    name="discs",
    settings=(SECTION, DiscSettings),
    state=(DiscsRepository,),
    tables=(discs,),
    handlers=tuple(disc_jobs.HANDLERS),
    routes=_routes,
    events=(DiscUpdated,),
    services=_services,
    remote_services=_remote_services,
    background=(Background("discs", ("full", "monitor"), build_disc_monitor),),
)
