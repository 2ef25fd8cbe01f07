"""Per-user API tokens for scripts, webhooks, monitor mode and STRM stream links.

A token is shown once when created; only its sha256 is stored. Its scope is ``all``, ``read``
(GET/HEAD only) or one area (the name of a web blueprint such as ``jobs`` or ``stream``). A
``stream`` token is the only kind ever accepted in a URL, and only by the stream route; the web
layer enforces where a token is accepted, this module only what a scope allows.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable

from ..errors import InvalidInput
from ..models import ApiToken, User
from .sessions import TOUCH_EVERY_SECONDS, hash_secret

PREFIX = "mlt_"
BASE_SCOPES = ("all", "read")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def scope_allows(scope: str, method: str, area: str) -> bool:
    """May a token of ``scope`` call a route of ``area`` with ``method``?"""
    if scope == "all":
        return True
    if scope == "read":
        return method.upper() in READ_METHODS
    return scope == area


class TokenService:
    def __init__(self, state, *, areas: Callable[[], Iterable[str]] = lambda: (),
                 clock: Callable[[], float] = time.time):
        self.state, self.areas, self.clock = state, areas, clock
        self._touched: dict[int, float] = {}

    def scopes(self) -> list[str]:
        return [*BASE_SCOPES, *sorted(set(self.areas()))]

    def create(self, user: User, name: str, scope: str = "all") -> tuple[str, ApiToken]:
        """A new token: ``(secret shown once, record)``."""
        name = (name or "").strip()
        if not 1 <= len(name) <= 100:
            raise InvalidInput("a token needs a name of 1 to 100 characters")
        if scope not in self.scopes():
            raise InvalidInput(f"scope must be one of {', '.join(self.scopes())}")
        secret = PREFIX + secrets.token_urlsafe(32)
        return secret, self.state.add_api_token(user.id, name, hash_secret(secret), scope)

    def resolve(self, secret: str | None) -> tuple[ApiToken, User] | None:
        if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
            return None
        found = self.state.get_api_token(hash_secret(secret))
        if found is not None:
            self._touch(found[0].id)
        return found

    def _touch(self, token_id: int) -> None:
        now = self.clock()
        if now - self._touched.get(token_id, 0.0) > TOUCH_EVERY_SECONDS:
            self._touched[token_id] = now
            self.state.touch_api_token(token_id)

    def list(self, user: User) -> list[ApiToken]:
        return [t for t in self.state.list_api_tokens(user.id) if t.revoked_at is None]

    def revoke(self, user: User, token_id: int) -> ApiToken:
        return self.state.revoke_api_token(token_id, user.id)
