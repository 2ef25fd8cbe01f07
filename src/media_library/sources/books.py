"""The book source: EPUB, PDF and CBZ files added by upload.

Its parts: the ``books`` settings section and ``BookService`` (``services/books``: metadata from the
file, cover, placement, OPDS), the ``/api/books`` routes (``web/routes/books.py``) and the covers
tool (``tools/covers.py``: pdftoppm, ffmpeg). Books are ``media`` items of kind ``book`` with their
file and poster; their readers' state and EPUB text use the article source's ``reading_state`` and
the core ``media_texts``. Publishing is the source's own step (``services/books/service.py`` says why).
"""

from __future__ import annotations

from ..clients.external import http_session
from ..services.books.service import BookService
from ..services.books.settings import SECTION, BookSettings
from .declaration import Source


def _services(core) -> dict:
    return {"books": BookService(core.state, core.settings, artwork_root=core.library.artwork.root, bus=core.bus,
                                 http=http_session(core.settings))}


def _routes() -> tuple:
    from ..web.routes import books as book_routes

    return (book_routes.bp,)


SOURCE = Source(name="books", settings=(SECTION, BookSettings), routes=_routes, services=_services)
