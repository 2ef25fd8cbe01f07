"""Accounts: password hashing with argon2id, creating users, checking logins.

The argon2id costs are pinned in ``ARGON2_PARAMETERS`` (one place; a test reads them back out of
a stored hash). A login whose stored hash was made with other costs is re-hashed with these. What
a password must be is ``password_policy.validate_password``.

Hashing costs a large share of a CPU core per call, so at most ``hash_workers`` hashes run at
once; a burst of logins waits its turn instead of starving streaming. Unknown users cost the
same as known ones (a dummy hash is verified), so timing does not reveal who exists.
"""

from __future__ import annotations

import functools
import threading

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InvalidInput, Unauthorized
from ..models import User
from ..models.auth import ROLES
from .password_policy import validate_password

# argon2id with RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): the costs every
# stored hash is made with. Changing them re-hashes each password at its owner's next login.
ARGON2_PARAMETERS = {"type": Type.ID, "time_cost": 3, "memory_cost": 65536, "parallelism": 4,
                     "hash_len": 32, "salt_len": 16}
DEFAULT_ROLE = "viewer"  # as Jellyfin: a new account plays, it does not manage the library


def validate_username(username: str) -> str:
    name = (username or "").strip()
    if not (1 <= len(name) <= 64) or any(c.isspace() or ord(c) < 32 for c in name):
        raise InvalidInput("a username is 1 to 64 characters without spaces")
    return name


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)} (viewer: plays and keeps their own state; "
                           "manager: also changes the library; admin: everything)")
    return role


class Passwords:
    """argon2id with a bounded number of hashes at once."""

    def __init__(self, workers: int = 2, hasher: PasswordHasher | None = None):
        self._hasher = hasher or PasswordHasher(**ARGON2_PARAMETERS)
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

    def needs_rehash(self, stored_hash: str) -> bool:
        """Was ``stored_hash`` made with other costs than the pinned ones?"""
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True


class AccountService:
    def __init__(self, state, passwords: Passwords):
        self.state, self.passwords = state, passwords

    def create_first_admin(self, username: str, password: str) -> User:
        username = validate_username(username)
        password = validate_password(password, username)
        return self.state.add_first_admin(username, self.passwords.hash(password))

    def create_user(self, username: str, password: str, role: str = DEFAULT_ROLE) -> User:
        validate_role(role)
        username = validate_username(username)
        password = validate_password(password, username)
        return self.state.add_user(username, self.passwords.hash(password), role)

    def set_password(self, user_id: int, password: str, *, enable: bool = False) -> User:
        """New password; every session of the user ends. ``enable`` also lifts a disabled flag."""
        username = self.state.get_user(user_id).username
        password_hash = self.passwords.hash(validate_password(password, username))
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
        if self.passwords.needs_rehash(stored):
            self.state.rehash_password(user.id, self.passwords.hash(password))
        return user
