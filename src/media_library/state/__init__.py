"""``AppState``: the only door to the database, composed of one repository mixin per domain.

Each mixin lives in its own module and follows the contract in ``state/base.py``. Add a domain
by writing a mixin and listing it here.
"""

from __future__ import annotations

from .auth import AuthRepository
from .base import StateBase
from .browse import BrowseRepository
from .collections import CollectionsRepository
from .discs import DiscsRepository
from .jobs import JobsRepository
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
    DiscsRepository,
    BrowseRepository,
    StateBase,
):
    """All state. Build it with ``AppState(Database(...))`` after migrating the database."""


__all__ = ["AppState"]
