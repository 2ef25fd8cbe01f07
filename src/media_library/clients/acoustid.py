"""AcoustID v2: look a Chromaprint fingerprint up and get MusicBrainz recordings back.

Owns the ``/v2/lookup`` call (a form POST, as pyacoustid sends it, because fingerprints are
long), its pacing (3 requests/s, AcoustID's rule, with ``clients.http.RateLimiter``), its error
codes and the mapping of its JSON to ``models.metadata``. A result may have no ``recordings``,
and a recording may be id-only (``{"id", "sources"}``): both are kept, as id-only ``Recording``s
or matches without recordings, because an id is still worth a MusicBrainz lookup.

Must not: run fpcalc (that is ``tools/``), touch the database, or import Flask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ExternalServiceError, InvalidInput, NotConfigured, NotFound, RateLimited
from ..models.metadata import (
    AcoustIdMatch,
    ArtistCredit,
    Recording,
    Release,
    Track,
    credit_phrase,
    dict_or_empty,
    dicts,
    float_or_none,
    int_or_none,
    str_or_none,
)
from .http import HttpClient, RateLimiter, parse_json

SERVICE = "AcoustID"
DEFAULT_META = ("recordings", "releasegroups", "releases", "tracks", "compress")
MAX_RESULTS = 50
INVALID_KEY_HINT = "AcoustID refused the application key; check the setting acoustid.api_key"
# acoustid-server acoustid/api/errors.py: which error codes are about our key.
_KEY_CODES = {4: INVALID_KEY_HINT, 6: "AcoustID refused the user key"}
_TRANSIENT_CODES = {5}


class AcoustIdClient:
    def __init__(self, http: HttpClient, base_url: str, api_key: str, *, limiter: RateLimiter | None = None):
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.limiter = limiter or RateLimiter(3.0)

    @classmethod
    def from_settings(cls, settings, http: HttpClient) -> AcoustIdClient:
        return cls(http, settings.acoustid.base_url, settings.acoustid.api_key)

    def lookup(self, fingerprint: str, duration_s: float, meta: Iterable[str] = DEFAULT_META) -> list[AcoustIdMatch]:
        """Matches for a fingerprint, best score first; ``[]`` when AcoustID knows none."""
        if not self.api_key:
            raise NotConfigured("AcoustID is not configured: set acoustid.api_key (an application key)")
        form = {"client": self.api_key, "format": "json", "duration": str(_duration(duration_s)),
                "fingerprint": _fingerprint(fingerprint), "meta": " ".join(meta)}
        data = self._post("/v2/lookup", form)
        matches = (parse_result(result) for result in dicts(data.get("results"))[:MAX_RESULTS])
        return sorted((match for match in matches if match), key=lambda match: -match.score)

    def _post(self, path: str, form: dict) -> Mapping:
        # A lookup only reads, so retrying it is safe even though it is a POST.
        try:
            _, _, body = self.http.request(SERVICE, "POST", self.base_url + path, data=form,
                                           idempotent=True, limiter=self.limiter)
        except (NotFound, RateLimited):
            raise
        except ExternalServiceError as exc:
            raise _explain(exc) from exc
        data = parse_json(SERVICE, body)
        if not isinstance(data, Mapping):
            raise ExternalServiceError(SERVICE, "answered with JSON that is not an object")
        if data.get("status") != "ok":
            raise acoustid_error(data)
        return data


def acoustid_error(data: Mapping) -> ExternalServiceError:
    """The typed error for ``{"status":"error","error":{"code":N,"message":"…"}}``."""
    error = dict_or_empty(data.get("error"))
    code = int_or_none(error.get("code"))
    message = str_or_none(error.get("message")) or "unknown error"
    if code in _KEY_CODES:
        return ExternalServiceError(SERVICE, f"{_KEY_CODES[code]} ({message})", transient=False)
    return ExternalServiceError(SERVICE, f"error {code}: {message}", transient=code in _TRANSIENT_CODES)


def _explain(exc: ExternalServiceError) -> ExternalServiceError:
    """HttpClient turns the 400 into "answered 400: invalid API key"; name the setting instead."""
    if exc.upstream_status == 400 and "invalid api key" in exc.message.lower():  # AcoustID error code 4
        return ExternalServiceError(SERVICE, f"{INVALID_KEY_HINT} ({exc.message.removeprefix(SERVICE + ': ')})",
                                    transient=False)
    return exc


# --- parsing (pure functions, tested on the recorded fixtures) ----------------------------------


def parse_result(raw: Any) -> AcoustIdMatch | None:
    raw = dict_or_empty(raw)
    acoustid_id = str_or_none(raw.get("id"))
    if not acoustid_id:
        return None
    recordings = (parse_recording(item) for item in dicts(raw.get("recordings")))
    return AcoustIdMatch(acoustid_id, max(0.0, min(1.0, float_or_none(raw.get("score")) or 0.0)),
                         tuple(recording for recording in recordings if recording))


def parse_recording(raw: Any) -> Recording | None:
    raw = dict_or_empty(raw)
    mbid = str_or_none(raw.get("id"))
    if not mbid:
        return None
    title = str_or_none(raw.get("title")) or ""
    seconds = float_or_none(raw.get("duration"))
    artists = _artists(raw.get("artists"))
    releases = [*_releases_from_groups(raw, mbid, title, artists), *_releases_from_tracks(raw, mbid, title)]
    return Recording(mbid=mbid, title=title or _first_track_title(raw),
                     length_ms=round(seconds * 1000) if seconds and seconds > 0 else None,
                     artists=artists or _first_track_artists(raw), releases=tuple(releases))


def _releases_from_groups(raw: Mapping, recording_id: str, title: str, artists) -> list[Release]:
    """``meta=releasegroups releases tracks``: groups hold releases, releases hold our track."""
    releases = []
    for group in dicts(raw.get("releasegroups")):
        group_artists = _artists(group.get("artists")) or artists
        for release in dicts(group.get("releases")):
            mbid = str_or_none(release.get("id"))
            if not mbid:
                continue
            date = _date(release.get("date"))
            releases.append(Release(
                mbid=mbid,
                title=str_or_none(release.get("title")) or str_or_none(group.get("title")) or "",
                date=date, year=int_or_none(dict_or_empty(release.get("date")).get("year")),
                artist=credit_phrase(group_artists), artists=group_artists,
                country=str_or_none(release.get("country")) or "",
                track_count=int_or_none(release.get("track_count")),
                medium_count=int_or_none(release.get("medium_count")),
                tracks=tuple(_tracks(release, recording_id, title)),
                release_group_id=str_or_none(group.get("id")),
                release_group_type=str_or_none(group.get("type")),
            ))
    return releases


def _tracks(release: Mapping, recording_id: str, title: str) -> list[Track]:
    tracks = []
    for medium in dicts(release.get("mediums")):
        for track in dicts(medium.get("tracks")):
            position = int_or_none(track.get("position"))
            tracks.append(Track(position=position, title=str_or_none(track.get("title")) or title,
                                number=str(position) if position is not None else "",
                                recording_id=recording_id, track_id=str_or_none(track.get("id")),
                                disc=int_or_none(medium.get("position"))))
    return tracks


def _releases_from_tracks(raw: Mapping, recording_id: str, title: str) -> list[Release]:
    """The older ``meta=tracks`` shape: ``tracks[].medium.release{id,title}``."""
    releases = []
    for track in dicts(raw.get("tracks")):
        medium = dict_or_empty(track.get("medium"))
        release = dict_or_empty(medium.get("release"))
        mbid = str_or_none(release.get("id"))
        if not mbid:
            continue
        position = int_or_none(track.get("position"))
        releases.append(Release(
            mbid=mbid, title=str_or_none(release.get("title")) or "",
            artist=credit_phrase(_artists(track.get("artists"))), artists=_artists(track.get("artists")),
            track_count=int_or_none(medium.get("track_count")),
            tracks=(Track(position=position, title=str_or_none(track.get("title")) or title,
                          number=str(position) if position is not None else "", recording_id=recording_id,
                          disc=int_or_none(medium.get("position"))),),
        ))
    return releases


def _artists(raw: Any) -> tuple[ArtistCredit, ...]:
    credits = []
    for artist in dicts(raw):
        name = str_or_none(artist.get("name"))
        if name:
            joinphrase = artist.get("joinphrase")
            credits.append(ArtistCredit(name, str_or_none(artist.get("id")),
                                        joinphrase if isinstance(joinphrase, str) else ""))
    if len(credits) > 1 and not any(credit.joinphrase for credit in credits):  # no phrases sent: join with " & "
        credits = [ArtistCredit(c.name, c.mbid, " & " if i < len(credits) - 1 else "") for i, c in enumerate(credits)]
    return tuple(credits)


def _first_track_title(raw: Mapping) -> str:
    return next((title for track in dicts(raw.get("tracks")) if (title := str_or_none(track.get("title")))), "")


def _first_track_artists(raw: Mapping) -> tuple[ArtistCredit, ...]:
    return next((found for track in dicts(raw.get("tracks")) if (found := _artists(track.get("artists")))), ())


def _date(raw: Any) -> str:
    date = dict_or_empty(raw)
    parts = [int_or_none(date.get(key)) for key in ("year", "month", "day")]
    if parts[0] is None:
        return ""
    text = f"{parts[0]:04d}"
    for part in parts[1:]:
        if part is None:
            break
        text += f"-{part:02d}"
    return text


def _duration(value: Any) -> int:
    seconds = float_or_none(value)
    if seconds is None or not 0 < seconds < 24 * 3600:
        raise InvalidInput(f"not a track duration in seconds: {value!r}")
    return max(1, round(seconds))


def _fingerprint(value: Any) -> str:
    text = str_or_none(value)
    if not text:
        raise InvalidInput("a fingerprint (fpcalc output) is required")
    return text
