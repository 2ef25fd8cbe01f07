"""The podcast source: feeds a person subscribes to, checked on a schedule, episodes downloaded.

Its parts: the ``podcasts`` settings section (``services/podcasts/settings.py``), the use cases
(``services/podcasts``: ``PodcastService`` for subscriptions and feed checks, ``EpisodeDownloader``
for downloads), the ``podcasts``/``podcast_episodes`` tables and the gPodder logs
(``db/podcasts.py``) with their repository (``state/podcasts.py``), the ``podcast.*`` jobs
(``jobs/handlers/podcasts.py``) and the ``/api/podcasts`` routes, the phone feeds and the
gPodder API (``web/routes/podcasts.py``). Every fetch goes through the outbound guard; downloads
are published by the source's own step (see ``services/podcasts/download.py`` for why it is not
``Publisher.accept``).
"""

from __future__ import annotations

from ..db.podcasts import podcast_episode_actions, podcast_episodes, podcast_subscription_changes, podcasts
from ..jobs.handlers import podcasts as podcast_jobs
from ..services.podcasts.download import EpisodeDownloader
from ..services.podcasts.http import PodcastHttp
from ..services.podcasts.service import PodcastService
from ..services.podcasts.settings import SECTION, PodcastSettings
from ..services.podcasts.sync import PodcastSync
from ..state.podcasts import PodcastsRepository
from .declaration import Source


def _services(core) -> dict:
    http = PodcastHttp(core.settings)
    podcasts = PodcastService(core.state, core.settings, jobs=core.jobs, scheduler=core.scheduler, http=http)
    return {
        "podcasts": podcasts,
        "podcast_downloads": EpisodeDownloader(core.state, core.settings, http=http),
        "podcast_sync": PodcastSync(core.state, core.settings, podcasts=podcasts, playback=core.playback, http=http),
    }


def _routes() -> tuple:
    from ..web.routes import podcast_sync
    from ..web.routes import podcasts as podcast_routes

    return (podcast_routes.bp, podcast_sync.feeds_bp, podcast_sync.gpodder_bp)


SOURCE = Source(
    name="podcasts",
    settings=(SECTION, PodcastSettings),
    state=(PodcastsRepository,),
    tables=(podcasts, podcast_episodes, podcast_subscription_changes, podcast_episode_actions),
    handlers=tuple(podcast_jobs.HANDLERS),
    routes=_routes,
    services=_services,
)
