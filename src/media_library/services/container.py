"""``Services``: everything one process's use cases are, built once by ``runtime`` and passed down.

The composition root (``runtime.py``) builds one ``Services`` (modes with a database) or one
``MonitorServices`` (monitor mode: no database) from the settings, and nothing writes into it
afterwards: it is frozen. Job handlers receive it (``JobHandler(services)``), the web app reaches
it through one accessor (``web.auth.services()``), the CLI through ``runtime.services``.

Core services are typed fields. A source (``media_library/sources``) adds its own services by
name through ``Source.services``; they are read the same way, ``services.discs``, from the
``sources`` mapping. ``clients`` holds the one HTTP session per external service and the one
MusicBrainz client (and rate limiter) of the process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from ..clients.external import ExternalClients
    from ..config import Settings
    from ..events import EventBus
    from ..state import AppState
    from .activity import ActivityLog
    from .api_tokens import TokenService
    from .auth import AccountService, Passwords
    from .browse import BrowseService
    from .collections import CollectionsService
    from .jobs import JobService
    from .library import LibraryServices
    from .login_throttle import LoginThrottle
    from .playback import PlaybackService
    from .service_keys import ServiceKeys
    from .sessions import SessionService
    from .streaming import StreamService
    from .strm.auto import StrmAutoExport
    from .subtitles import SubtitleService
    from .transcode import PlayerService


class Schedules(Protocol):
    """What services need of the scheduler (jobs layer): to keep a named schedule."""

    def add(self, name: str, kind: str, expression: str, payload: dict | None = None) -> None: ...


class _SourceServices:
    """``services.<name>`` for a source's service, kept in the ``sources`` mapping."""

    sources: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:  # only called when ``name`` is not a field
        found = self.__dict__.get("sources") or {}
        if name in found:
            return found[name]
        raise AttributeError(f"no service {name!r} (a source's service comes from its Source.services)")


@dataclass(frozen=True, kw_only=True)
class MonitorServices(_SourceServices):
    """Monitor mode: no database, only the settings, the bus and the sources' remote services."""

    settings: Settings
    bus: EventBus
    sources: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Services(_SourceServices):
    """A process with the database: every core use case, plus the sources' services by name."""

    settings: Settings
    bus: EventBus
    clients: ExternalClients
    state: AppState
    jobs: JobService
    scheduler: Schedules
    library: LibraryServices
    browse: BrowseService
    playback: PlaybackService
    collections: CollectionsService
    subtitles: SubtitleService
    player: PlayerService
    strm_auto: StrmAutoExport
    # accounts and the web's sign-in (the CLI manages users with the same ones)
    passwords: Passwords
    accounts: AccountService
    sessions: SessionService
    streaming: StreamService
    tokens: TokenService
    login_throttle: LoginThrottle
    activity: ActivityLog
    service_keys: ServiceKeys
    sources: Mapping[str, Any] = field(default_factory=dict)
