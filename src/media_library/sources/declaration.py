"""``Source``: what one way of bringing media in declares, for the composition to collect.

A source's parts live in their proper layers (its settings section and use cases in
``services/``, its repository mixin in ``state/``, its tables in ``db/``, its job handlers in
``jobs/handlers/``, its blueprints in ``web/routes/``); its declaration module beside this one
names them, and one line in ``sources/__init__.py`` registers it. Nothing else is edited: the
settings, ``AppState``, the schema's metadata, the job registry, the web app, the event bus and
Socket.IO all take what the registered sources declare. How a source ingests (discover, fetch,
publish) is the contract in ``services/ingest.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from sqlalchemy import Table

    from ..events import Event
    from ..jobs.base import JobHandler
    from ..runtime import Runtime
    from ..services.container import MonitorServices, Services


@dataclass(frozen=True)
class Background:
    """A long-running part of a source (a monitor), supervised by the runtime in ``modes``.
    ``build(runtime)`` returns an object with blocking ``run()`` and ``stop()``."""

    name: str
    modes: tuple[str, ...]
    build: Callable[[Runtime], Any]


@dataclass(frozen=True)
class Source:
    name: str
    # ("disc", DiscSettings): read back as settings.disc, set as ML_DISC__*, listed in CONFIG.md
    settings: tuple[str, type] | None = None
    state: tuple[type, ...] = ()  # repository mixins composed into AppState
    tables: tuple[Table, ...] = ()  # on db.schema.metadata; created by the source's Alembic migration
    handlers: tuple[type[JobHandler], ...] = ()  # registered by kind
    routes: Callable[[], tuple[Any, ...]] | None = None  # its ApiBlueprints; imported only by the web app
    events: tuple[type[Event], ...] = ()  # event types it publishes; the bus carries them, Socket.IO forwards the flagged
    services: Callable[[Services], Mapping[str, Any]] | None = None  # built once: services.<name>
    remote_services: Callable[[MonitorServices], Mapping[str, Any]] | None = None  # the same, monitor mode
    background: tuple[Background, ...] = ()
    # folders outside the media folders holding files it recorded, chosen by an admin: streamed too
    served_folders: Callable[[Any], list[str]] | None = None
