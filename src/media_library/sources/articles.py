"""The article source: web pages saved to read later (by URL, or as the HTML a browser sent).

Its parts: the ``articles`` settings section and ``ArticleService`` (``services/articles``), the
``articles``, ``reading_state`` and ``media_texts`` tables (``db/articles.py``, migration
``0008_articles`` with the full-text index ``media_search_text``) and repository
(``state/articles.py``), readers' ``highlights`` (migration ``books``, ``state/highlights.py``,
``services/articles/highlights.py``; for books too), the ``article.save`` job (``jobs/handlers/articles.py``) and the
``/api/articles`` routes (``web/routes/articles.py``). Articles are published by the source's own
publish step (``services/articles/publish.py``, which says why it is not ``Publisher.accept``).
"""

from __future__ import annotations

from ..clients.external import http_session
from ..db.articles import articles, highlights, reading_state
from ..jobs.handlers import articles as article_jobs
from ..services.articles.service import ArticleService
from ..services.articles.settings import SECTION, ArticleSettings
from ..state.articles import ArticlesRepository
from ..state.highlights import HighlightsRepository
from .declaration import Source


def _services(core) -> dict:
    options = core.settings.articles
    http = http_session(core.settings, timeout=options.timeout_seconds, max_bytes=options.max_page_mb * 1024 * 1024,
                        retries=min(1, core.settings.http.retries))
    return {"articles": ArticleService(core.state, http, core.settings, enqueue=core.jobs.enqueue, bus=core.bus,
                                       artwork_root=core.library.artwork.root)}


def _routes() -> tuple:
    from ..web.routes import articles as article_routes

    return (article_routes.bp,)


SOURCE = Source(
    name="articles",
    settings=(SECTION, ArticleSettings),
    state=(ArticlesRepository, HighlightsRepository),
    tables=(articles, reading_state, highlights),
    handlers=tuple(article_jobs.HANDLERS),
    routes=_routes,
    services=_services,
)
