"""Service keys: the TMDb and AcoustID keys as write-only secrets people change in the app.

A key typed in Settings is stored with the other settings changed in the app (app setting
``service_keys``, as the STRM settings are) and wins over ``tmdb.api_key`` / ``acoustid.api_key``
from the configuration; clearing it falls back to the configured one. The process's one client
of that service (``clients/external.py``) takes the new key at once, and the log redactor learns
it. A separate ``worker`` process takes a changed key at its next start.

Nothing here ever returns a key: the app sees whether one is set and where it comes from
(``origin``: ``app``, ``config`` or none). ``test`` calls the real client against the configured base URL and
says what it found.

Must not: import Flask, or send a key anywhere but the client of its own service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ExternalServiceError, InvalidInput, NotFound

STORE_KEY = "service_keys"
TEST_TITLE = "Fight Club"
# The shortest fingerprint AcoustID decodes: an empty, valid lookup that proves the key is accepted.
TEST_FINGERPRINT = "AQAAAA"
MAX_KEY_LENGTH = 1000


@dataclass(frozen=True)
class KeySpec:
    label: str
    setting: str  # the configuration setting it overrides
    what: str  # shown next to the field


SPECS = {
    "tmdb": KeySpec("TMDb", "tmdb.api_key", "v4 read access token: identifies films and shows, posters"),
    "acoustid": KeySpec("AcoustID", "acoustid.api_key", "application key: identifies music by its sound"),
}


class ServiceKeys:
    """``services.service_keys``: which keys are set, replace or clear one, test one."""

    def __init__(self, settings, state, clients, *, learn_secret: Callable[[str], None] = lambda _key: None):
        self.settings, self.state, self.clients = settings, state, clients
        self.learn_secret = learn_secret
        self.configured = {"tmdb": settings.tmdb.api_key, "acoustid": settings.acoustid.api_key}
        for service, key in self._stored().items():
            self._apply(service, key)

    def _stored(self) -> dict[str, str]:
        stored = self.state.get_app_setting(STORE_KEY, {}) or {}
        return {k: v for k, v in stored.items() if k in SPECS and isinstance(v, str) and v}

    def _client(self, service: str):
        return getattr(self.clients, service)

    def _apply(self, service: str, key: str) -> None:
        self._client(service).api_key = key
        self.learn_secret(key)

    @staticmethod
    def _spec(service: str) -> KeySpec:
        if service not in SPECS:
            raise NotFound(f"no service {service!r}; known: {', '.join(SPECS)}")
        return SPECS[service]

    # --- reading -----------------------------------------------------------------------------
    def public(self) -> list[dict[str, Any]]:
        stored = self._stored()
        return [self._public(service, stored) for service in SPECS]

    def _public(self, service: str, stored: dict[str, str]) -> dict[str, Any]:
        spec = SPECS[service]
        origin = "app" if service in stored else ("config" if self.configured[service] else None)
        return {"service": service, "label": spec.label, "setting": spec.setting, "what": spec.what,
                "set": origin is not None, "origin": origin, "base_url": self._client(service).base_url}

    def one(self, service: str) -> dict[str, Any]:
        self._spec(service)
        return self._public(service, self._stored())

    # --- changing ----------------------------------------------------------------------------
    def replace(self, service: str, key: Any) -> dict[str, Any]:
        self._spec(service)
        if not isinstance(key, str) or not key.strip():
            raise InvalidInput("key must be the new key (text); to go back to the configured one, clear it")
        key = key.strip()
        if len(key) > MAX_KEY_LENGTH or any(c.isspace() or not c.isprintable() for c in key):
            raise InvalidInput(f"a {SPECS[service].label} key is one word of at most {MAX_KEY_LENGTH} characters")
        self.state.set_app_setting(STORE_KEY, {**self._stored(), service: key})
        self._apply(service, key)
        return self.one(service)

    def clear(self, service: str) -> dict[str, Any]:
        """Forget the key set in the app; the configured one (if any) is used again."""
        self._spec(service)
        self.state.set_app_setting(STORE_KEY, {k: v for k, v in self._stored().items() if k != service})
        self._client(service).api_key = self.configured[service]
        return self.one(service)

    # --- testing -----------------------------------------------------------------------------
    def test(self, service: str) -> dict[str, Any]:
        """Call the service with the key in use; ``ok`` and a sentence saying what it found."""
        self._spec(service)
        if not self._client(service).api_key:
            return {"service": service, "ok": False, "message": f"No {SPECS[service].label} key is set."}
        try:
            message = _TESTS[service](self._client(service))
        except (ExternalServiceError, InvalidInput) as exc:
            return {"service": service, "ok": False, "message": exc.message}
        return {"service": service, "ok": True, "message": message}


def _test_tmdb(tmdb) -> str:
    hits = tmdb.search_movie(TEST_TITLE)
    first = f": first {hits[0].title} ({hits[0].year or 'year unknown'})" if hits else ""
    return f"TMDb accepted the key; a search for {TEST_TITLE!r} found {len(hits)} film(s){first}."


def _test_acoustid(acoustid) -> str:
    try:
        matches = acoustid.lookup(TEST_FINGERPRINT, 30)
    except ExternalServiceError as exc:
        if "error 3:" not in exc.message:  # 3: invalid fingerprint, said only once the key was accepted
            raise
        return "AcoustID accepted the key (the test fingerprint is empty, so it matched nothing)."
    return f"AcoustID accepted the key; a lookup of an empty test fingerprint found {len(matches)} recording(s)."


_TESTS: dict[str, Callable[[Any], str]] = {"tmdb": _test_tmdb, "acoustid": _test_acoustid}
