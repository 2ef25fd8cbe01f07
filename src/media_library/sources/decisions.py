"""The decisions source: Jellyfin playback events → our watch history → keep-or-stream rules →
Radarr or our own downloader (an Xtream VOD title through the IPTV downloader), and the clean-up of kept films nobody watches.

Its parts: the ``decisions`` settings section (``services/decisions/settings.py``), the use cases
(``services/decisions``: ``DecisionService``, ``WatchBackfill``, ``KeepCleanup``), the Radarr and
Jellystat clients (``clients/radarr.py``, ``clients/jellystat.py``; Jellyfin lookups reuse
``clients/mediaserver.py``), the tables (``db/decisions.py``) and repository
(``state/decisions.py``), the jobs (``jobs/handlers/decisions.py``) and the routes
``/api/webhooks/jellyfin`` and ``/api/decisions`` (``web/routes/decisions.py``). It brings no
files into the library itself: Radarr downloads, and Radarr's own import puts them where the
library scan finds them; a keep through our own downloader queues the IPTV source's
``iptv.download``, which publishes through the ``Publisher``.
"""

from __future__ import annotations

from ..clients.external import http_session
from ..db.decisions import TABLES
from ..jobs.handlers import decisions as decision_jobs
from ..services.decisions.backfill import WatchBackfill
from ..services.decisions.cleanup import KeepCleanup, install_schedule
from ..services.decisions.service import DecisionService
from ..services.decisions.settings import SECTION, DecisionSettings
from ..state.decisions import DecisionsRepository
from .declaration import Source


def _services(core) -> dict:
    http = http_session(core.settings, retries=1)
    downloader = _iptv_downloader(core)
    decisions = DecisionService(core.state, core.settings, jobs=core.jobs, http=http, downloads=lambda: downloader)
    decisions.ensure_default_rules()
    decisions.resume_waiting()
    install_schedule(core.settings, core.scheduler)
    return {
        "decisions": decisions,
        "watch_backfill": WatchBackfill(core.state, core.settings, http=http, decisions=decisions,
                                        plex_history=_plex_history(core)),
        "keep_cleanup": KeepCleanup(core.state, core.settings, radarr=decisions.radarr),
    }


def _iptv_downloader(core):
    """The IPTV downloader a ``download`` keep queues an Xtream VOD title with, when the IPTV
    source is registered (its ``iptv.download`` job runs in that source as any other)."""
    if not hasattr(core.state, "get_iptv_stream"):
        return None
    from ..services.iptv.download import IptvDownloader
    from ..services.iptv.http import IptvHttp

    return IptvDownloader(core.state, core.settings, core.bus, jobs=core.jobs, http=IptvHttp(core.settings),
                          publisher=core.library.publisher)


def _plex_history(core):
    """Plex's watch history as a back-fill source, when the Plex source is registered."""
    if not hasattr(core.state, "list_plex_servers"):
        return None
    from ..services.plex.service import PlexService
    from ..services.plex.watched import PlexWatched

    return PlexWatched(core.state, PlexService(core.state, core.settings, http_session(core.settings), core.jobs)).history


def _routes() -> tuple:
    from ..web.routes import decisions as decision_routes

    return (decision_routes.webhook_bp, decision_routes.bp)


SOURCE = Source(
    name="decisions",
    settings=(SECTION, DecisionSettings),
    state=(DecisionsRepository,),
    tables=TABLES,
    handlers=tuple(decision_jobs.HANDLERS),
    routes=_routes,
    services=_services,
)
