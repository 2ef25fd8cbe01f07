"""The process's clients of external services, built once by the composition root (``runtime``).

One HTTP session per external service — TMDb, AcoustID, the Cover Art Archive, the media servers
refreshed after an STRM export — so one service's connection pool and retries never touch
another's, and one MusicBrainz client per process: its rate limiter paces every MusicBrainz
call the process makes (their limit is per IP address), whether a music identify job, a library
scan's follow-ups or an audio CD asks. Services receive these clients; none builds its own.

``http_session(settings, **overrides)`` is the one place an ``HttpClient`` is made from the
settings (monitor mode's connection to our own server uses it too). Must not: touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from .acoustid import AcoustIdClient
from .coverart import CoverArtClient
from .http import HttpClient, HttpOptions
from .musicbrainz import MusicBrainzClient
from .tmdb import TmdbClient


def http_session(settings, **overrides) -> HttpClient:
    """A new HTTP session with the ``http`` settings (deadline, byte cap, retries); ``overrides``
    for a caller's own needs, such as ``retries=0`` where an outbox retries instead."""
    return HttpClient(HttpOptions.from_settings(settings.http, **overrides))


@dataclass(frozen=True)
class ExternalClients:
    tmdb: TmdbClient
    musicbrainz: MusicBrainzClient
    acoustid: AcoustIdClient
    coverart: CoverArtClient
    media_servers: HttpClient  # Jellyfin / Emby / Plex, asked to rescan after an export

    @classmethod
    def from_settings(cls, settings) -> ExternalClients:
        return cls(
            tmdb=TmdbClient.from_settings(settings, http_session(settings)),
            musicbrainz=MusicBrainzClient.from_settings(settings),
            acoustid=AcoustIdClient.from_settings(settings, http_session(settings)),
            coverart=CoverArtClient.from_settings(settings, http_session(settings)),
            media_servers=http_session(settings, retries=1),
        )

    def close(self) -> None:
        for http in (self.tmdb.http, self.acoustid.http, self.coverart.http, self.media_servers):
            http.close()
