"""Accounts: password hashing with argon2id, creating users, checking logins.

Hashing costs a large share of a CPU core per call, so at most ``hash_workers`` hashes run at
once; a burst of logins waits its turn instead of starving streaming. Unknown users cost the
same as known ones (a dummy hash is verified), so timing does not reveal who exists.
"""

from __future__ import annotations

import functools
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InvalidInput, Unauthorized
from ..models import User
from ..models.auth import ROLES

MIN_PASSWORD_LENGTH = 8
DEFAULT_ROLE = "viewer"  # as Jellyfin: a new account plays, it does not manage the library


def validate_username(username: str) -> str:
    name = (username or "").strip()
    if not (1 <= len(name) <= 64) or any(c.isspace() or ord(c) < 32 for c in name):
        raise InvalidInput("a username is 1 to 64 characters without spaces")
    return name


def validate_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 1024:
        raise InvalidInput("a password may have at most 1024 characters")
    return password


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)} (viewer: plays and keeps their own state; "
                           "manager: also changes the library; admin: everything)")
    return role


class Passwords:
    """argon2id with a bounded number of hashes at once."""

    def __init__(self, workers: int = 2, hasher: PasswordHasher | None = None):
        self._hasher = hasher or PasswordHasher()  # argon2id, the library's RFC 9106 defaults
        self._slots = threading.BoundedSemaphore(workers)

    @functools.cached_property
    def _dummy(self) -> str:
        """Made at the first verify, not at start: every process builds a Passwords, few log anyone in."""
        return self._hasher.hash("not a real password, only for timing")

    def hash(self, password: str) -> str:
        with self._slots:
            return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        with self._slots:
            try:
                return self._hasher.verify(stored_hash or self._dummy, password) and stored_hash is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False


class AccountService:
    def __init__(self, state, passwords: Passwords):
        self.state, self.passwords = state, passwords

    def create_first_admin(self, username: str, password: str) -> User:
        username, password = validate_username(username), validate_password(password)
        return self.state.add_first_admin(username, self.passwords.hash(password))

    def create_user(self, username: str, password: str, role: str = DEFAULT_ROLE) -> User:
        validate_role(role)
        username, password = validate_username(username), validate_password(password)
        return self.state.add_user(username, self.passwords.hash(password), role)

    def set_password(self, user_id: int, password: str, *, enable: bool = False) -> User:
        """New password; every session of the user ends. ``enable`` also lifts a disabled flag."""
        password_hash = self.passwords.hash(validate_password(password))
        return self.state.update_user(user_id, password_hash=password_hash, disabled=False if enable else None)

    def find_user(self, username: str) -> User | None:
        found = self.state.get_user_credentials(username)
        return found[0] if found else None

    def authenticate(self, username: str, password: str) -> User:
        """The user for these credentials, or Unauthorized (same message whatever was wrong)."""
        found = self.state.get_user_credentials(username or "")
        user, stored = found if found else (None, None)
        ok = self.passwords.verify(stored, password or "")
        if not ok or user is None or user.disabled:
            raise Unauthorized("wrong username or password")
        return user
