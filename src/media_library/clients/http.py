"""One HTTP session for every external service, with the guarantees the clients rely on.

- an overall deadline per call (a per-read timeout does not bound a server that drips bytes);
- a cap on the bytes read, so a 5 GB body or a gzip bomb cannot exhaust memory;
- bounded retries with exponential backoff and jitter for idempotent calls on 5xx, 429 and
  dropped connections, honouring ``Retry-After`` clamped to a cap; never for POSTs unless asked;
- typed errors (``ExternalServiceError``, ``RateLimited``, ``NotFound``) instead of exceptions
  from requests, and no secret in a URL: keys go in headers.

Only ``clients/`` imports this module (and ``requests``). It knows nothing of the database.
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from .. import __version__
from ..errors import ExternalServiceError, NotFound, RateLimited

USER_AGENT = f"MediaLibrary/{__version__} ( https://github.com/media-library/media-library )"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class HttpOptions:
    timeout: float = 15.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 2
    backoff_base: float = 0.5
    retry_after_cap: float = 60.0

    @classmethod
    def from_settings(cls, http_settings, **overrides) -> HttpOptions:
        """Options from the ``http`` settings section; ``overrides`` for a caller's own needs."""
        values = {"timeout": http_settings.timeout_seconds, "retries": http_settings.retries,
                  "max_bytes": http_settings.max_response_mb * 1024 * 1024}
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
    """The shared session. ``service`` names the upstream in error messages."""

    def __init__(self, options: HttpOptions | None = None, session: requests.Session | None = None):
        self.options = options or HttpOptions()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def close(self) -> None:
        self.session.close()

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
    ) -> tuple[int, dict, bytes]:
        """Return ``(status, headers, body)`` of a 2xx/3xx answer; raise a typed error otherwise."""
        idempotent = method.upper() in {"GET", "HEAD", "PUT", "DELETE"} if idempotent is None else idempotent
        attempts = 1 + (self.options.retries if idempotent else 0)
        for attempt in range(attempts):
            if limiter:
                limiter.wait()
            try:
                status, resp_headers, body = self._once(method, url, params, headers, data, json_body, allow_redirects)
            except ExternalServiceError:
                if attempt + 1 >= attempts:
                    raise
                self._sleep_backoff(attempt, None)
                continue
            except requests.RequestException as exc:
                if attempt + 1 >= attempts:
                    raise ExternalServiceError(service, f"could not reach {_origin(url)}: {type(exc).__name__}") from exc
                self._sleep_backoff(attempt, None)
                continue
            if status in RETRY_STATUSES and attempt + 1 < attempts:
                self._sleep_backoff(attempt, parse_retry_after(resp_headers.get("retry-after")))
                continue
            return self._check(service, url, status, resp_headers, body)
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, service: str, url: str, **kwargs) -> Any:
        _, _, body = self.request(service, "GET", url, **kwargs)
        return parse_json(service, body)

    def _once(self, method, url, params, headers, data, json_body, allow_redirects):
        deadline = time.monotonic() + self.options.timeout
        with self.session.request(
            method, url, params=params, headers=headers, data=data, json=json_body,
            timeout=(min(5.0, self.options.timeout), self.options.timeout),
            stream=True, allow_redirects=allow_redirects,
        ) as resp:
            chunks, size = [], 0
            for chunk in resp.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise ExternalServiceError(_origin(url), f"response larger than {self.options.max_bytes} bytes", transient=False)
                if time.monotonic() > deadline:
                    raise ExternalServiceError(_origin(url), f"no complete answer within {self.options.timeout:.0f} s")
                chunks.append(chunk)
            return resp.status_code, {k.lower(): v for k, v in resp.headers.items()}, b"".join(chunks)

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


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}"
