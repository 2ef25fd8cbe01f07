"""MusicBrainz ws/2 through musicbrainzngs: recordings, releases, recording search, disc ids.

Owns the use of the ``musicbrainzngs`` library and the mapping from its dicts to
``models.metadata``. That library keeps its whole configuration in module globals (host,
https, user agent, rate limit, response parser) and reads them at call time, so
``MusicBrainzClient`` is the only code allowed to touch them: every call takes the process-wide
``_LOCK``, sets all of them for this client, and makes the request while still holding it. That
serialises MusicBrainz calls across threads, which their 1-request-per-second rule asks anyway.

Under the same lock each call also swaps the library's private ``_safe_read`` for a wrapper that
adds a socket timeout, bounds its retries (on its own it retries 8 times, sleeping up to 14 s
between tries, with no timeout at all), closes the responses it leaves open, and paces every
attempt with ``clients.http.RateLimiter`` at ``musicbrainz.requests_per_second``. The library's
own limiter is switched off (``set_rate_limit(False)``): it sleeps ``(1 - r) * rate`` seconds
where ``(1 - r) / rate`` is meant, so above 1 request/s it oversleeps (by 1000x at 1000/s).
Responses come back as raw XML and are parsed here with ``musicbrainzngs.mbxml``, so malformed
XML becomes a typed error instead of a crash. The configured server is trusted for its own origin
only: urllib's redirect handler is swapped for one that refuses a redirect anywhere else.

Must not: touch the database, import Flask, or call musicbrainzngs outside ``_call``.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import musicbrainzngs
from musicbrainzngs import mbxml
from musicbrainzngs import musicbrainz as _mb

from .. import __version__
from ..errors import ConfigError, ExternalServiceError, InvalidInput, NotFound, RateLimited
from ..models.metadata import (
    ArtistCredit,
    Recording,
    Release,
    Track,
    credit_phrase,
    dict_or_empty,
    dicts,
    int_or_none,
    str_or_none,
    year_of,
)
from .guard import OutboundRefused
from .http import RateLimiter, origin_of, parse_retry_after

SERVICE = "MusicBrainz"
RECORDING_INCLUDES = ["artists", "releases"]
RELEASE_INCLUDES = ["recordings", "artist-credits", "release-groups", "media", "labels", "isrcs"]
DISCID_INCLUDES = ["recordings", "artist-credits", "release-groups"]
_MBID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DISCID = re.compile(r"[A-Za-z0-9._-]{27,28}")
_LOCK = threading.Lock()  # guards musicbrainzngs' module globals; see the module docstring
_LIBRARY_SAFE_READ = _mb._safe_read


class MusicBrainzClient:
    """Lookups and searches against one MusicBrainz server (``base_url`` = scheme://host[:port])."""

    def __init__(self, base_url: str, contact: str, requests_per_second: float = 1.0, *,
                 timeout: float = 15.0, retries: int = 2, retry_delay: float = 2.0, version: str = __version__,
                 limiter: RateLimiter | None = None):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.strip("/"):
            raise ConfigError(f"musicbrainz.base_url must look like https://host[:port], not {base_url!r}")
        self.host, self.https = parts.netloc, parts.scheme == "https"
        self.contact, self.version = contact, version
        # MusicBrainz limits per IP address: build one client per process (the runtime does).
        self.limiter = limiter or RateLimiter(requests_per_second)
        self.timeout, self.attempts, self.retry_delay = timeout, 1 + max(0, retries), retry_delay

    @classmethod
    def from_settings(cls, settings) -> MusicBrainzClient:
        mb = settings.musicbrainz
        return cls(mb.base_url, mb.contact, mb.requests_per_second,
                   timeout=settings.http.timeout_seconds, retries=settings.http.retries)

    # --- the API --------------------------------------------------------------------------------

    def recording(self, mbid: str) -> Recording:
        """A recording with its artists and releases. A merged id gives the canonical recording,
        whose ``mbid`` then differs from the one asked for."""
        data = self._call(musicbrainzngs.get_recording_by_id, _mbid_arg(mbid), includes=RECORDING_INCLUDES,
                          what=f"recording {mbid}")
        recording = parse_recording(data.get("recording"))
        if recording is None:
            raise ExternalServiceError(SERVICE, f"recording {mbid} came back without an id")
        return recording

    def release(self, mbid: str) -> Release:
        """A release with its media, tracks (and their recordings), artist credit and group."""
        data = self._call(musicbrainzngs.get_release_by_id, _mbid_arg(mbid), includes=RELEASE_INCLUDES,
                          what=f"release {mbid}")
        release = parse_release(data.get("release"))
        if release is None:
            raise ExternalServiceError(SERVICE, f"release {mbid} came back without an id")
        return release

    def search_recordings(self, title: str, artist: str | None = None, release: str | None = None,
                          limit: int = 5) -> list[Recording]:
        """Recordings matching a title (and artist/release if given), best first, with ``score``."""
        fields = {"recording": _text_arg(title, "title")}
        fields.update({key: value.strip() for key, value in (("artist", artist), ("release", release))
                       if isinstance(value, str) and value.strip()})
        data = self._call(musicbrainzngs.search_recordings, limit=max(1, min(int(limit), 100)),
                          what="recording search", **fields)
        return _parsed(data.get("recording-list"), parse_recording)

    def search_releases(self, release: str | None = None, artist: str | None = None, *, tracks: int | None = None,
                        limit: int = 10) -> list[Release]:
        """Releases matching an album title and/or artist (and a track count if given), best first,
        with ``score``; the answer lists media and track counts but not the tracks themselves."""
        fields = {key: value.strip()[:200] for key, value in (("release", release), ("artist", artist))
                  if isinstance(value, str) and value.strip()}
        if not fields:
            raise InvalidInput("an album or an artist to search for is required")
        if tracks:
            fields["tracks"] = str(int(tracks))
        data = self._call(musicbrainzngs.search_releases, limit=max(1, min(int(limit), 100)),
                          what="release search", **fields)
        return _parsed(data.get("release-list"), parse_release)

    def releases_by_discid(self, discid: str, toc: str | None = None) -> list[Release]:
        """Releases holding an audio CD (by disc id, or fuzzily by ``toc``); [] when none does."""
        if not isinstance(discid, str) or not (_DISCID.fullmatch(discid) or toc):
            raise InvalidInput(f"not a MusicBrainz disc id: {discid!r}")
        try:
            data = self._call(musicbrainzngs.get_releases_by_discid, discid, includes=DISCID_INCLUDES,
                              toc=toc, cdstubs=False, what=f"disc {discid}")
        except NotFound:
            return []
        found = dict_or_empty(data.get("disc")).get("release-list") or data.get("release-list")
        return _parsed(found, parse_release)

    # --- transport ------------------------------------------------------------------------------

    def _call(self, function, *args, what: str, **kwargs) -> Mapping:
        with _LOCK:
            self._configure()
            _mb._safe_read = self._safe_read
            try:
                raw = function(*args, **kwargs)
            except musicbrainzngs.WebServiceError as exc:
                raise self._error(exc, what) from exc
            finally:
                _mb._safe_read = _LIBRARY_SAFE_READ
        return _parse_xml(raw)

    def _configure(self) -> None:
        musicbrainzngs.set_hostname(self.host, use_https=self.https)
        musicbrainzngs.set_useragent("MediaLibrary", self.version, self.contact or None)
        musicbrainzngs.set_parser(_mb.mb_parser_null)  # raw bytes; parsed by _parse_xml
        musicbrainzngs.set_rate_limit(False)  # paced by self.limiter instead; see the module docstring

    def _safe_read(self, opener, request, body=None, **_library_defaults):
        opener = _same_origin_redirects_only(opener, origin_of(request.full_url))
        return _LIBRARY_SAFE_READ(_PacedOpener(opener, self.timeout, self.limiter), request, body,
                                  max_retries=self.attempts, retry_delay_delta=self.retry_delay)

    def _error(self, exc: musicbrainzngs.WebServiceError, what: str) -> Exception:
        code = getattr(exc.cause, "code", None)
        if code == 404:
            return NotFound(f"{SERVICE}: no {what}")
        if code == 503:  # MusicBrainz answers 503 when a client goes over its rate limit
            headers = getattr(exc.cause, "headers", None) or {}
            return RateLimited(SERVICE, parse_retry_after(headers.get("Retry-After")))
        if isinstance(code, int):
            return ExternalServiceError(SERVICE, f"answered {code} for {what}", transient=code >= 500)
        if isinstance(exc, musicbrainzngs.ResponseError):
            return ExternalServiceError(SERVICE, f"sent an unreadable answer for {what}")
        reason = getattr(exc.cause, "reason", exc.cause)
        return ExternalServiceError(SERVICE, f"could not reach {self.host}: {reason}")


class _SameOriginRedirect(urllib.request.HTTPRedirectHandler):
    """The configured server is trusted for its own origin only: a redirect elsewhere is refused."""

    def __init__(self, origin: str):
        self.origin = origin

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if origin_of(newurl) != self.origin:
            raise OutboundRefused(origin_of(newurl), f"{SERVICE} redirected off its configured origin {self.origin}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _same_origin_redirects_only(opener, origin: str):
    """musicbrainzngs' opener with urllib's redirect handler swapped for ``_SameOriginRedirect``."""
    guarded = urllib.request.OpenerDirector()
    guarded.addheaders = list(opener.addheaders)
    for handler in opener.handlers:
        if not isinstance(handler, urllib.request.HTTPRedirectHandler):
            guarded.add_handler(handler)
    guarded.add_handler(_SameOriginRedirect(origin))
    return guarded


class _PacedOpener:
    """Wraps musicbrainzngs' urllib opener: every attempt waits its turn and has a socket timeout,
    and the responses the library leaves open (it reads them but never closes them) get closed."""

    def __init__(self, opener, timeout: float, limiter: RateLimiter):
        self._opener, self._timeout, self._limiter = opener, timeout, limiter

    def open(self, request, data=None):
        self._limiter.wait()
        try:
            return _ClosingResponse(self._opener.open(request, data, timeout=self._timeout))
        except urllib.error.HTTPError as exc:
            exc.close()  # the library only looks at the status code and headers
            raise


class _ClosingResponse:
    def __init__(self, response):
        self._response = response

    def read(self) -> bytes:
        with self._response:
            return self._response.read()


def _parse_xml(raw: Any) -> Mapping:
    # musicbrainzngs' parser trusts the XML; anything it chokes on is the server's fault, not a bug here.
    try:
        data = mbxml.parse_message(raw)
    except Exception as exc:  # noqa: BLE001 - see the comment above
        raise ExternalServiceError(SERVICE, f"sent XML that could not be read ({type(exc).__name__})") from exc
    return data if isinstance(data, Mapping) else {}


# --- parsing (pure functions over musicbrainzngs dicts) -----------------------------------------


def parse_recording(raw: Any) -> Recording | None:
    raw = dict_or_empty(raw)
    mbid = _mbid_or_none(raw.get("id"))
    if mbid is None:
        return None
    return Recording(
        mbid=mbid,
        title=str_or_none(raw.get("title")) or "",
        length_ms=int_or_none(raw.get("length")),
        artists=parse_artist_credit(raw.get("artist-credit")),
        releases=tuple(_parsed(raw.get("release-list"), parse_release)),
        score=int_or_none(raw.get("ext:score")),
    )


def parse_release(raw: Any) -> Release | None:
    raw = dict_or_empty(raw)
    mbid = _mbid_or_none(raw.get("id"))
    if mbid is None:
        return None
    media = dicts(raw.get("medium-list"))
    group = dict_or_empty(raw.get("release-group"))
    artists = parse_artist_credit(raw.get("artist-credit"))
    date = str_or_none(raw.get("date")) or ""
    label = next(iter(dicts(raw.get("label-info-list"))), {})
    return Release(
        mbid=mbid,
        title=str_or_none(raw.get("title")) or "",
        date=date,
        year=year_of(date),
        artist=credit_phrase(artists) or str_or_none(raw.get("artist-credit-phrase")) or "",
        artists=artists,
        country=str_or_none(raw.get("country")) or "",
        status=str_or_none(raw.get("status")) or "",
        track_count=sum(int_or_none(medium.get("track-count")) or 0 for medium in media) or None,
        medium_count=int_or_none(raw.get("medium-count")) or (len(media) or None),
        tracks=tuple(track for medium in media for track in _tracks(medium)),
        release_group_id=_mbid_or_none(group.get("id")),
        release_group_type=str_or_none(group.get("primary-type")) or str_or_none(group.get("type")),
        original_date=str_or_none(group.get("first-release-date")) or "",
        label=str_or_none(dict_or_empty(label.get("label")).get("name")) or "",
        catalog_number=str_or_none(label.get("catalog-number")) or "",
        barcode=str_or_none(raw.get("barcode")) or "",
        formats=tuple(str_or_none(medium.get("format")) or "" for medium in media),
        disc_track_counts=tuple(int_or_none(medium.get("track-count")) or 0 for medium in media),
        score=int_or_none(raw.get("ext:score")),
    )


def parse_artist_credit(raw: Any) -> tuple[ArtistCredit, ...]:
    """musicbrainzngs gives ``[{name-credit}, " & ", {name-credit}]``: join phrases as strings."""
    credits: list[ArtistCredit] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str) and credits:
            last = credits[-1]
            credits[-1] = ArtistCredit(last.name, last.mbid, last.joinphrase + item, last.sort_name)
        elif isinstance(item, Mapping):
            artist = dict_or_empty(item.get("artist"))
            name = str_or_none(item.get("name")) or str_or_none(artist.get("name"))
            if name:
                credits.append(ArtistCredit(name, _mbid_or_none(artist.get("id")),
                                            sort_name=str_or_none(artist.get("sort-name")) or ""))
    return tuple(credits)


def _tracks(medium: Mapping) -> list[Track]:
    disc = int_or_none(medium.get("position"))
    tracks = []
    for raw in dicts(medium.get("track-list")):
        recording = dict_or_empty(raw.get("recording"))
        position = int_or_none(raw.get("position"))
        tracks.append(Track(
            position=position,
            title=str_or_none(raw.get("title")) or str_or_none(recording.get("title")) or "",
            number=str_or_none(raw.get("number")) or (str(position) if position is not None else ""),
            recording_id=_mbid_or_none(recording.get("id")),
            track_id=_mbid_or_none(raw.get("id")),
            length_ms=int_or_none(raw.get("length")) or int_or_none(recording.get("length")),
            disc=disc,
            isrcs=tuple(str(code) for code in recording.get("isrc-list") or () if isinstance(code, str)),
            artists=parse_artist_credit(raw.get("artist-credit") or recording.get("artist-credit")),
        ))
    return tracks


def _parsed(items: Any, parse) -> list:
    return [item for item in (parse(raw) for raw in dicts(items)) if item is not None]


def _mbid_or_none(value: Any) -> str | None:
    text = str_or_none(value)
    return text.lower() if text and _MBID.fullmatch(text.lower()) else None


def _mbid_arg(value: Any) -> str:
    mbid = _mbid_or_none(value)
    if mbid is None:
        raise InvalidInput(f"not a MusicBrainz id: {value!r}")
    return mbid


def _text_arg(value: Any, name: str) -> str:
    text = str_or_none(value)
    if not text:
        raise InvalidInput(f"a {name} to search for is required")
    return text[:200]
