"""The registered sources, and what the composition collects from them.

Adding a source is a module beside these (its ``SOURCE = Source(...)``, see ``declaration.py``)
and one line in ``SOURCES``. The functions below are what ``runtime``, ``config`` and the web app
take from the sources; nothing else lists a source's parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import config
from ..events import Event
from . import articles, books, decisions, discs, downloads, iptv, plex, podcasts, uploads
from .declaration import Background, Source

SOURCES: tuple[Source, ...] = (discs.SOURCE, uploads.SOURCE, downloads.SOURCE, podcasts.SOURCE, articles.SOURCE, books.SOURCE,
                               iptv.SOURCE, plex.SOURCE, decisions.SOURCE)


def settings_sections(sources: tuple[Source, ...] = SOURCES) -> dict[str, type]:
    return dict(source.settings for source in sources if source.settings)


def load_settings(config_path=None, *, sources: tuple[Source, ...] = SOURCES, **kwargs: Any) -> config.Settings:
    """``config.load_settings`` with the settings section of every source (the registered ones)."""
    return config.load_settings(config_path, sections=settings_sections(sources), **kwargs)


def default_settings() -> config.Settings:
    """Every setting at its default, sources' sections included (for docs and tests)."""
    return config.default_settings(settings_sections())


def state_mixins(sources: tuple[Source, ...] = SOURCES) -> tuple[type, ...]:
    return tuple(mixin for source in sources for mixin in source.state)


def handlers(sources: tuple[Source, ...] = SOURCES) -> tuple[type, ...]:
    return tuple(handler for source in sources for handler in source.handlers)


def event_types(sources: tuple[Source, ...] = SOURCES) -> tuple[type[Event], ...]:
    return tuple(event_type for source in sources for event_type in source.events)


def blueprints(sources: tuple[Source, ...] = SOURCES) -> tuple[Any, ...]:
    return tuple(bp for source in sources if source.routes for bp in source.routes())


def background(mode: str, sources: tuple[Source, ...] = SOURCES) -> tuple[Background, ...]:
    return tuple(part for source in sources for part in source.background if mode in part.modes)


def tables(sources: tuple[Source, ...] = SOURCES) -> tuple[Any, ...]:
    return tuple(table for source in sources for table in source.tables)


def served_folders(state, sources: tuple[Source, ...] = SOURCES) -> list[str]:
    """Folders outside the media folders that sources recorded files in (their ``served_folders``)."""
    return [folder for source in sources if source.served_folders for folder in source.served_folders(state)]


def source_services(core, *, remote: bool, sources: tuple[Source, ...] = SOURCES) -> Mapping[str, Any]:
    """Every source's services by name, built on ``core`` (``Services`` or, remote, ``MonitorServices``)."""
    built: dict[str, Any] = {}
    for source in sources:
        build = source.remote_services if remote else source.services
        for name, service in (build(core) if build else {}).items():
            if name in built:
                raise ValueError(f"two sources provide the service {name!r}")
            built[name] = service
    return built


__all__ = ["SOURCES", "Background", "Source", "blueprints", "default_settings", "event_types", "handlers",
           "load_settings", "served_folders", "settings_sections", "source_services", "state_mixins", "tables"]
