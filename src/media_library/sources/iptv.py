"""The IPTV source: Xtream Codes accounts, their catalogs, playback, downloads and tracked series.

Its parts: the ``iptv`` settings section (``services/iptv/settings.py``), the use cases
(``services/iptv``: accounts, catalog sync, browsing, the playback proxy, live HLS, downloads, tracking,
M3U/XMLTV), the client (``clients/xtream.py``), the ``iptv_*`` tables (``db/iptv.py``) and their
repository (``state/iptv.py``), the ``iptv.*`` jobs (``jobs/handlers/iptv.py``), the
``/api/iptv`` routes (``web/routes/iptv.py``) and the ``iptv_account_updated`` and
``iptv_download_progress`` events. Every provider URL goes through the outbound guard; finished
downloads are published through ``services/ingest.py``'s ``Publisher``.
"""

from __future__ import annotations

from ..db.iptv import TABLES
from ..jobs.handlers import iptv as iptv_jobs
from ..services.iptv.accounts import AccountService
from ..services.iptv.catalog import CatalogService
from ..services.iptv.download import IptvDownloader
from ..services.iptv.events import IptvAccountUpdated, IptvDownloadProgress
from ..services.iptv.http import IptvHttp
from ..services.iptv.live import LiveHls
from ..services.iptv.playback import PlaybackProxy
from ..services.iptv.settings import SECTION, IptvSettings
from ..services.iptv.sync import CatalogSync
from ..services.iptv.tracking import SeriesTracking
from ..services.iptv.tv import LiveTv
from ..state.iptv import IptvRepository
from .declaration import Source


def _services(core) -> dict:
    http = IptvHttp(core.settings)
    core.state.reset_iptv_syncing()  # a sync the last process did not finish is not running
    catalog = CatalogService(core.state, core.settings, http=http)
    accounts = AccountService(core.state, core.settings, core.bus, jobs=core.jobs, scheduler=core.scheduler, http=http)
    live = LiveHls(core.state, http=http, accounts=accounts)
    downloads = IptvDownloader(core.state, core.settings, core.bus, jobs=core.jobs, http=http,
                               publisher=core.library.publisher)
    return {
        "iptv_accounts": accounts,
        "iptv_sync": CatalogSync(core.state, core.settings, core.bus, http=http),
        "iptv_catalog": catalog,
        "iptv_playback": PlaybackProxy(core.state, http=http, live=live),
        "iptv_live": live,
        "iptv_tv": LiveTv(core.state, http=http),
        "iptv_downloads": downloads,
        "iptv_tracking": SeriesTracking(core.state, core.settings, jobs=core.jobs, scheduler=core.scheduler,
                                        catalog=catalog, downloads=downloads),
    }


def _routes() -> tuple:
    from ..web.routes import iptv as iptv_routes

    return iptv_routes.BLUEPRINTS


SOURCE = Source(
    name="iptv",
    settings=(SECTION, IptvSettings),
    state=(IptvRepository,),
    tables=TABLES,
    handlers=tuple(iptv_jobs.HANDLERS),
    routes=_routes,
    events=(IptvAccountUpdated, IptvDownloadProgress),
    services=_services,
)
