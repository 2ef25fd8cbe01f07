"""Server-side login sessions: random ids handed to the browser, only their hashes stored.

A session ends when the user logs out, changes or is given a new password, is disabled, or when
it was idle for ``idle_seconds`` or is older than ``absolute_seconds``. Knows nothing of cookies
or HTTP; the web layer carries the id.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import NotFound
from ..models import Session, User

# A session's last_seen_at is written at most this often, not on every request.
TOUCH_EVERY_SECONDS = 60.0


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def public_id(session: Session) -> str:
    """How the devices page names a session: derived from the stored hash, usable for nothing else."""
    return hash_secret("device:" + session.id_hash)[:24]


@dataclass(frozen=True)
class NewSession:
    raw_id: str
    session: Session


class SessionService:
    def __init__(self, state, *, idle_seconds: float, absolute_seconds: float,
                 clock: Callable[[], float] = time.time):
        self.state = state
        self.idle_seconds, self.absolute_seconds = idle_seconds, absolute_seconds
        self.clock = clock

    def create(self, user: User, *, address: str = "", user_agent: str = "") -> NewSession:
        raw_id = secrets.token_urlsafe(32)
        session = self.state.add_session(
            hash_secret(raw_id), user.id, secrets.token_urlsafe(32), self.clock() + self.absolute_seconds,
            address=address, user_agent=user_agent,
        )
        return NewSession(raw_id, session)

    def resolve(self, raw_id: str | None) -> tuple[Session, User] | None:
        """The live session for this id and its user, or None (expired ones are deleted)."""
        if not raw_id or len(raw_id) > 128:
            return None
        id_hash = hash_secret(raw_id)
        found = self.state.get_session(id_hash)
        if found is None:
            return None
        session, user = found
        now = self.clock()
        if self._expired(session, user, now):
            self.state.delete_session(id_hash)
            return None
        if now - session.last_seen_at > TOUCH_EVERY_SECONDS:
            self.state.touch_session(id_hash)
        return session, user

    def _expired(self, session: Session, user: User, now: float) -> bool:
        return (user.disabled or now >= session.expires_at
                or now - session.last_seen_at > self.idle_seconds
                or session.created_at < user.password_changed_at)

    def list(self, user: User | None) -> list[tuple[Session, User]]:
        """The live sessions of ``user`` (None: everyone's)."""
        now = self.clock()
        return [(s, u) for s, u in self.state.list_sessions(user.id if user else None) if not self._expired(s, u, now)]

    def end_by_public_id(self, session_id: str, owner: User | None) -> Session:
        """End the session the devices page calls ``session_id`` (of ``owner``; None: anyone's)."""
        for session, _ in self.list(owner):
            if public_id(session) == session_id:
                self.state.delete_session(session.id_hash)
                return session
        raise NotFound("that session does not exist or has already ended")

    def end(self, raw_id: str | None) -> str | None:
        """End the session with this id; returns its hash (to drop its live sockets)."""
        if not raw_id or len(raw_id) > 128:
            return None
        id_hash = hash_secret(raw_id)
        self.state.delete_session(id_hash)
        return id_hash
