"""Users, sessions and API tokens. Secrets never live here: only their hashes are stored."""

from __future__ import annotations

from dataclasses import dataclass

# The roles, weakest first (see docs/API.md "Roles"): a viewer plays and keeps their own state; a
# manager also changes the shared library; an admin also runs the server (users, settings).
ROLES = ("viewer", "manager", "admin")
# What a route may ask for (``RouteSpec.auth``): "user" is any logged-in user, whatever the role.
ACCESS_LEVELS = ("user", *ROLES)
LEGACY_ROLES = {"user": "manager"}  # the one non-admin role before roles existed kept its rights


def role_rank(role: str) -> int:
    """0 viewer, 1 manager, 2 admin; an unknown role ranks as a viewer (least privilege)."""
    return ROLES.index(role) if role in ROLES else 0


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    disabled: bool
    created_at: float
    password_changed_at: float

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def manages_library(self) -> bool:
        return role_rank(self.role) >= role_rank("manager")

    def may(self, level: str) -> bool:
        """Whether this user reaches an access level (``ACCESS_LEVELS``)."""
        return level == "user" or role_rank(self.role) >= role_rank(level)

    def to_public(self) -> dict:
        return {"id": self.id, "username": self.username, "role": self.role, "disabled": self.disabled, "created_at": self.created_at}


@dataclass(frozen=True)
class Session:
    id_hash: str
    user_id: int
    csrf_token: str
    created_at: float
    last_seen_at: float
    expires_at: float
    address: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    scope: str
    created_at: float
    last_used_at: float | None
    revoked_at: float | None

    def to_public(self) -> dict:
        return {
            "id": self.id, "name": self.name, "scope": self.scope, "created_at": self.created_at,
            "last_used_at": self.last_used_at, "revoked": self.revoked_at is not None,
        }
