"""``AppState``: the only door to the database, composed of one repository mixin per domain.

Each mixin lives in its own module and follows the contract in ``state/base.py``. A core domain
is listed here; a source's mixin (``Source.state``, e.g. ``DiscsRepository``) is composed in by
``compose_state`` from the registered sources, without editing this file.
"""

from __future__ import annotations

from .activity import ActivityRepository
from .auth import AuthRepository
from .base import StateBase
from .browse import BrowseRepository
from .collections import CollectionsRepository
from .jobs import JobsRepository
from .library_folders import LibraryFoldersRepository
from .media import MediaRepository
from .playback import PlaybackRepository
from .settings import SettingsRepository
from .strm import StrmRepository


class AppState(
    MediaRepository,
    JobsRepository,
    CollectionsRepository,
    AuthRepository,
    PlaybackRepository,
    SettingsRepository,
    StrmRepository,
    BrowseRepository,
    ActivityRepository,
    LibraryFoldersRepository,
    StateBase,
):
    """All core state. Build it with ``AppState(Database(...))`` after migrating the database;
    the runtime builds ``compose_state(<sources' mixins>)`` instead."""


def compose_state(mixins: tuple[type, ...] = ()) -> type[AppState]:
    """``AppState`` with the sources' repository ``mixins`` in front (before ``StateBase``)."""
    if not mixins:
        return AppState
    return type("AppState", (*mixins, AppState), {"__doc__": AppState.__doc__, "__module__": __name__})


__all__ = ["AppState", "compose_state"]
