"""The Plex source: libraries of several Plex servers imported into our library, with files
mapped to local paths, external ids, incremental syncs and the mapped users' watched state.

Its parts: the ``plex`` settings section (``services/plex/settings.py``), the use cases
(``services/plex``: ``PlexService`` for servers, mappings and discovery, ``PlexSync`` for the
sync job, ``PlexWatched`` for watched state and history), the client (``clients/plex.py``), the
``plex_*`` tables (``db/plex.py``) with their repositories (``state/plex.py``,
``state/plex_import.py``), the ``plex.sync`` job (``jobs/handlers/plex.py``), the ``/api/plex``
routes (``web/routes/plex.py``) and the ``plex_sync_progress`` event. Files are not copied: a
Plex Part becomes a ``media_files`` row at its mapped path, so ``Publisher.accept`` (which moves
files into the library) does not apply.
"""

from __future__ import annotations

from ..clients.external import http_session
from ..db.plex import TABLES
from ..jobs.handlers import plex as plex_jobs
from ..services.plex.artwork import PlexArtwork
from ..services.plex.events import PlexSyncProgress
from ..services.plex.service import PlexService
from ..services.plex.settings import SECTION, PlexSettings
from ..services.plex.sync import PlexSync
from ..services.plex.watched import PlexWatched
from ..state.plex import PlexRepository
from ..state.plex_import import PlexImportRepository
from .declaration import Source


def _services(core) -> dict:
    plex = PlexService(core.state, core.settings, http_session(core.settings), core.jobs)
    watched = PlexWatched(core.state, plex)
    artwork = PlexArtwork(core.state, core.settings.cache_dir)
    return {"plex": plex, "plex_watched": watched,
            "plex_sync": PlexSync(core.state, core.settings, core.bus, plex, watched, artwork)}


def _routes() -> tuple:
    from ..web.routes import plex as plex_routes

    return (plex_routes.bp,)


SOURCE = Source(
    name="plex",
    settings=(SECTION, PlexSettings),
    state=(PlexRepository, PlexImportRepository),
    tables=TABLES,
    handlers=tuple(plex_jobs.HANDLERS),
    routes=_routes,
    events=(PlexSyncProgress,),
    services=_services,
    served_folders=lambda state: state.plex_served_folders(),  # a mapped Part plays where it is
)
