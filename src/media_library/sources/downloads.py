"""The download source: videos and audio from URLs, with yt-dlp (issue 14).

Its parts: the ``downloads`` settings section (``services/downloads/settings.py``), the
``DownloadService`` use cases (``services/downloads``), the ``downloads`` and ``download_archive``
tables (``db/downloads.py``) and repository (``state/downloads.py``), the ``download.url`` job
(``jobs/handlers/downloads.py``), the ``/api/downloads`` routes (``web/routes/downloads.py``) and
the ``download_updated`` event. yt-dlp reaches the network only through the guarded forward proxy
(``clients/forward_proxy.py``); files are published through the ingestion contract
(``services/ingest.py``, ``services/downloads/publish.py``).
"""

from __future__ import annotations

from ..db.downloads import (
    download_archive,
    download_subscriptions,
    downloads,
    playlist_tracks,
    playlists,
    subscription_seen,
)
from ..jobs.handlers import downloads as download_jobs
from ..services.downloads.events import DownloadUpdated
from ..services.downloads.service import DownloadService
from ..services.downloads.settings import SECTION, DownloadSettings
from ..state.downloads import DownloadsRepository
from .declaration import Source


def _services(core) -> dict:
    return {"downloads": DownloadService(core.state, core.bus, core.settings, jobs=core.jobs, library=core.library)}


def _routes() -> tuple:
    from ..web.routes import downloads as download_routes

    return (download_routes.bp,)


SOURCE = Source(
    name="downloads",
    settings=(SECTION, DownloadSettings),
    state=(DownloadsRepository,),
    tables=(download_subscriptions, subscription_seen, downloads, download_archive, playlists, playlist_tracks),
    handlers=tuple(download_jobs.HANDLERS),
    routes=_routes,
    events=(DownloadUpdated,),
    services=_services,
)
