"""Users, sessions and API tokens. Secrets never live here: only their hashes are stored."""

from __future__ import annotations

from dataclasses import dataclass


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
