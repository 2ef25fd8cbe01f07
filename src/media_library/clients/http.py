"""One HTTP session for every external service, with the guarantees the clients rely on.

- an overall deadline per call (a per-read timeout does not bound a server that drips bytes);
- a cap on the bytes read, so a 5 GB body or a gzip bomb cannot exhaust memory;
- bounded retries with exponential backoff and jitter for idempotent calls on 5xx, 429 and
  dropped connections, honouring ``Retry-After`` clamped to a cap; never for POSTs unless asked;
- typed errors (``ExternalServiceError``, ``RateLimited``, ``NotFound``) instead of exceptions
  from requests, and no secret in a URL: keys go in headers;
- redirects followed here, not by requests (at most ``MAX_REDIRECTS``): a hop to another origin
  than the one the caller chose goes through the outbound guard (``clients/guard.py``) and
  carries no credential header or parameter; ``fetch_untrusted`` guards every hop of a URL we
  did not choose.

Only ``clients/`` imports this module (and ``requests``). It knows nothing of the database.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

from .. import __version__
from ..errors import ExternalServiceError, NotFound, RateLimited
from .guard import GuardedAdapter, OutboundGuard, OutboundRefused

USER_AGENT = f"MediaLibrary/{__version__} ( https://github.com/media-library/media-library )"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
DEFAULT_PORTS = {"http": 80, "https": 443}
# The only headers a request keeps when a redirect takes it to another origin: none can carry a
# credential (X-Emby-Token, X-Plex-Token, Authorization, api keys … all stay home). The range and
# conditional headers stay, so a resumed download redirected to a CDN still asks for its range.
CROSS_ORIGIN_HEADERS = frozenset({"accept", "accept-language", "user-agent", "range", "if-range",
                                  "if-none-match", "if-modified-since"})
# Query parameters that carry credentials, dropped from a redirect target on another origin.
CREDENTIAL_PARAMS = frozenset({"api_key", "apikey", "api-key", "key", "token", "access_token", "api_token",
                               "x-plex-token", "x-emby-token", "client", "password"})
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpOptions:
    timeout: float = 15.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 2
    backoff_base: float = 0.5
    retry_after_cap: float = 60.0
    allow_hosts: tuple[str, ...] = ()  # LAN hosts the outbound guard lets through (``http.allow_hosts``)

    @classmethod
    def from_settings(cls, http_settings, **overrides) -> HttpOptions:
        """Options from the ``http`` settings section; ``overrides`` for a caller's own needs."""
        values = {"timeout": http_settings.timeout_seconds, "retries": http_settings.retries,
                  "max_bytes": http_settings.max_response_mb * 1024 * 1024,
                  "allow_hosts": tuple(http_settings.allow_hosts)}
        return cls(**{**values, **overrides})


class RateLimiter:
    """A per-service minimum interval between requests (MusicBrainz: 1/s, AcoustID: 3/s)."""

    def __init__(self, per_second: float, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            self._sleep(delay)


class HttpClient:
    """The shared session. ``service`` names the upstream in error messages.

    ``guard`` decides which addresses an untrusted fetch or an off-origin redirect may reach
    (``clients/guard.py``); by default one built from ``options.allow_hosts``.
    """

    def __init__(self, options: HttpOptions | None = None, session: requests.Session | None = None, *,
                 guard: OutboundGuard | None = None):
        self.options = options or HttpOptions()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.guard = guard or OutboundGuard(self.options.allow_hosts)
        self.guarded_session = _guarded_session(self.guard)

    def close(self) -> None:
        self.session.close()
        self.guarded_session.close()

    def request(
        self,
        service: str,
        method: str,
        url: str,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        data: Any = None,
        json_body: Any = None,
        idempotent: bool | None = None,
        limiter: RateLimiter | None = None,
        allow_redirects: bool = True,
        untrusted: bool = False,
    ) -> tuple[int, dict, bytes]:
        """Return ``(status, headers, body)`` of a 2xx/3xx answer; raise a typed error otherwise.

        ``url`` is trusted (a service the admin configured) unless ``untrusted``; either way a
        redirect to another origin goes through the guard and loses every credential.
        """
        idempotent = method.upper() in {"GET", "HEAD", "PUT", "DELETE"} if idempotent is None else idempotent
        attempts = 1 + (self.options.retries if idempotent else 0)
        first = Hop(method.upper(), url, params, dict(headers or {}), data, json_body)
        for attempt in range(attempts):
            if limiter:
                limiter.wait()
            try:
                status, resp_headers, body = self._follow(first, allow_redirects, untrusted)
            except OutboundRefused as exc:
                log.warning("%s: %s", service, exc.message)
                raise
            except ExternalServiceError:
                if attempt + 1 >= attempts:
                    raise
                self._sleep_backoff(attempt, None)
                continue
            except requests.RequestException as exc:
                if attempt + 1 >= attempts:
                    raise ExternalServiceError(service, f"could not reach {origin_of(url)}: {type(exc).__name__}") from exc
                self._sleep_backoff(attempt, None)
                continue
            if status in RETRY_STATUSES and attempt + 1 < attempts:
                self._sleep_backoff(attempt, parse_retry_after(resp_headers.get("retry-after")))
                continue
            return self._check(service, url, status, resp_headers, body)
        raise AssertionError("unreachable")  # pragma: no cover

    def fetch_untrusted(self, service: str, url: str, *, headers: dict | None = None) -> bytes:
        """GET a URL we did not choose (an image URL from an upstream, a download, a feed).

        Every hop goes through the outbound guard: http(s) only, the resolved address checked
        and pinned at connect time, private and loopback ranges refused unless allow-listed.
        """
        _, _, body = self.request(service, "GET", url, headers=headers, untrusted=True)
        return body

    @contextmanager
    def open_untrusted(self, service: str, url: str, *, headers: dict | None = None) -> Iterator[Opened]:
        """GET a URL we did not choose and keep the answer open, to stream it (an enclosure) or
        read it under the byte cap (a feed). Every hop goes through the guard as in
        ``fetch_untrusted``; a 4xx/5xx raises the same typed errors as ``request``. No retries:
        the caller decides (a download resumes, a feed backs off)."""
        hop, home, permanent = Hop("GET", url, None, dict(headers or {})), origin_of(url), True
        for _ in range(MAX_REDIRECTS + 1):
            resp = self._open_hop(service, hop)
            location = resp.headers.get("location")
            if resp.status_code in REDIRECT_STATUSES and location:
                permanent = permanent and resp.status_code in (301, 308)
                resp.close()
                hop = next_hop(hop, resp.status_code, urljoin(resp.url, location), home)
                continue
            with resp:
                opened = Opened(self, resp, hop.url, permanent and hop.url != url)
                if resp.status_code >= 400:
                    self._check(service, hop.url, resp.status_code, opened.headers, opened.read())
                yield opened
            return
        raise ExternalServiceError(origin_of(url), f"more than {MAX_REDIRECTS} redirects", transient=False)

    def _open_hop(self, service: str, hop: Hop):
        self.guard.check_url(hop.url)
        try:
            return self.guarded_session.get(hop.url, headers=hop.headers, timeout=(5.0, self.options.timeout),
                                            stream=True, allow_redirects=False)
        except requests.RequestException as exc:
            raise ExternalServiceError(service, f"could not reach {origin_of(hop.url)}: {type(exc).__name__}") from exc

    def get_json(self, service: str, url: str, **kwargs) -> Any:
        _, _, body = self.request(service, "GET", url, **kwargs)
        return parse_json(service, body)

    def _follow(self, first: Hop, allow_redirects: bool, untrusted: bool) -> tuple[int, dict, bytes]:
        """Send ``first`` and follow its redirects by hand, each hop checked and stripped as needed."""
        deadline = time.monotonic() + self.options.timeout
        home, hop = origin_of(first.url), first
        for _ in range(MAX_REDIRECTS + 1):
            guarded = untrusted or origin_of(hop.url) != home
            status, headers, body, sent_url = self._exchange(hop, guarded, deadline, allow_redirects)
            if not (allow_redirects and status in REDIRECT_STATUSES and headers.get("location")):
                return status, headers, body
            hop = next_hop(hop, status, urljoin(sent_url, headers["location"]), home)
        raise ExternalServiceError(origin_of(first.url), f"more than {MAX_REDIRECTS} redirects", transient=False)

    def _exchange(self, hop: Hop, guarded: bool, deadline: float, follow: bool):
        """One request, no redirects followed; a redirect's body is not read."""
        session = self.guarded_session if guarded else self.session
        if guarded:
            self.guard.check_url(hop.url)
        remaining = max(0.1, deadline - time.monotonic())
        with session.request(
            hop.method, hop.url, params=hop.params, headers=hop.headers, data=hop.data, json=hop.json_body,
            timeout=(min(5.0, remaining), remaining), stream=True, allow_redirects=False,
        ) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            if follow and resp.status_code in REDIRECT_STATUSES and headers.get("location"):
                return resp.status_code, headers, b"", resp.url
            return resp.status_code, headers, self._read(resp, hop.url, deadline), resp.url

    def _read(self, resp, url: str, deadline: float) -> bytes:
        chunks, size = [], 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.options.max_bytes:
                raise ExternalServiceError(origin_of(url), f"response larger than {self.options.max_bytes} bytes", transient=False)
            if time.monotonic() > deadline:
                raise ExternalServiceError(origin_of(url), f"no complete answer within {self.options.timeout:.0f} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check(self, service, url, status, headers, body):
        if status < 400:
            return status, headers, body
        detail = _error_detail(body)
        if status == 404:
            raise NotFound(f"{service}: not found{': ' + detail if detail else ''}")
        if status == 429:
            raise RateLimited(service, parse_retry_after(headers.get("retry-after")))
        if status in (401, 403):
            raise ExternalServiceError(service, f"refused our credentials ({status}){': ' + detail if detail else ''}; check the API key in settings",
                                       transient=False, status=502, upstream_status=status)
        transient = status >= 500
        raise ExternalServiceError(service, f"answered {status}{': ' + detail if detail else ''}", transient=transient, upstream_status=status)

    def _sleep_backoff(self, attempt: int, retry_after: float | None) -> None:
        if retry_after is not None:
            delay = min(retry_after, self.options.retry_after_cap)
        else:
            delay = random.uniform(0.5, 1.0) * self.options.backoff_base * (2 ** attempt)
        time.sleep(max(0.0, delay))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); None if garbage."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def parse_json(service: str, body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExternalServiceError(service, "answered with something that is not JSON", transient=True) from exc


def _error_detail(body: bytes) -> str:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return ""
    if isinstance(data, dict):
        for key in ("status_message", "message", "error"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str):
                return value[:200]
    return ""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, with the default port spelled out so origins compare."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return "an invalid URL"
    return f"{parts.scheme.lower()}://{(parts.hostname or '').rstrip('.')}{':' + str(port) if port else ''}"


class Opened:
    """An answer ``HttpClient.open_untrusted`` holds open: its status and headers (lower-case
    names), the URL it came from (``url``), whether every redirect to it was permanent
    (``moved``: 301/308 only) and its body, streamed (``chunks``) or read under the byte cap
    and the deadline (``read``)."""

    def __init__(self, client: HttpClient, resp, url: str, moved: bool):
        self.client, self.resp, self.url, self.moved = client, resp, url, moved
        self.status = resp.status_code
        self.headers = {k.lower(): v for k, v in resp.headers.items()}

    def read(self) -> bytes:
        return self.client._read(self.resp, self.url, time.monotonic() + self.client.options.timeout)

    def chunks(self, size: int = 64 * 1024) -> Iterator[bytes]:
        try:
            yield from self.resp.iter_content(size)
        except requests.RequestException as exc:
            raise ExternalServiceError(origin_of(self.url), f"the download broke off: {type(exc).__name__}") from exc


@dataclass(frozen=True)
class Hop:
    """One request of a redirect chain."""

    method: str
    url: str
    params: dict | None
    headers: dict
    data: Any = None
    json_body: Any = None


def next_hop(hop: Hop, status: int, target: str, home: str) -> Hop:
    """The request a redirect asks for; leaving ``home`` drops every credential header and parameter.

    303 (and 301/302 after a POST) turn into a GET without a body, as browsers do; 307/308 keep
    the method and body, and are refused when they would carry a body to another origin.
    """
    method, data, json_body, headers = hop.method, hop.data, hop.json_body, hop.headers
    if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
        method, data, json_body = "GET", None, None
        headers = {k: v for k, v in headers.items() if k.lower() not in ("content-type", "content-length")}
    if origin_of(target) == home:
        return Hop(method, target, None, headers, data, json_body)
    if data is not None or json_body is not None:
        raise ExternalServiceError(home, f"redirected a request with a body to {origin_of(target)}; not resending it",
                                   transient=False)
    safe = {k: v for k, v in headers.items() if k.lower() in CROSS_ORIGIN_HEADERS}
    return Hop(method, without_credentials(target), None, safe)


def without_credentials(url: str) -> str:
    """``url`` without query parameters that carry credentials (``api_key``, ``X-Plex-Token``…)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.lower() not in CREDENTIAL_PARAMS]
    return url if len(kept) == len(pairs) else urlunsplit(parts._replace(query=urlencode(kept)))


def _guarded_session(guard: OutboundGuard) -> requests.Session:
    """A session whose connections all go through ``guard``; no proxies or netrc from the environment."""
    session = requests.Session()
    session.trust_env = False
    session.headers["User-Agent"] = USER_AGENT
    adapter = GuardedAdapter(guard)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
