"""Users, server-side sessions and API tokens.

Only hashes of session ids and tokens are stored, so a copy of the database cannot be used to
log in. Creating the first admin is one write transaction, so two racing setups make one admin.
Password hashing itself lives in services (it is CPU work, not storage).
"""

from __future__ import annotations

import logging

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.sql import Executable, TableClause

from ..db.schema import api_tokens, sessions, users
from ..db.sentinel import DataSentinel
from ..errors import Conflict, NotFound
from ..models import ApiToken, Session, User
from ..models.auth import LEGACY_ROLES


def _role(stored: str) -> str:
    """A role as the code knows it: a row written before roles existed says "user" (migration
    ``roles`` rewrites those; this covers a database restored from an older backup)."""
    return LEGACY_ROLES.get(stored, stored)

log = logging.getLogger(__name__)


def _user(m) -> User:
    """A user from its columns, by name (a result row's ``_mapping``, or a dict)."""
    return User(id=m["id"], username=m["username"], role=_role(m["role"]), disabled=bool(m["disabled"]),
                created_at=m["created_at"], password_changed_at=m["password_changed_at"])


def _session(m) -> Session:
    return Session(id_hash=m["id_hash"], user_id=m["user_id"], csrf_token=m["csrf_token"],
                   created_at=m["created_at"], last_seen_at=m["last_seen_at"], expires_at=m["expires_at"],
                   address=m["address"], user_agent=m["user_agent"])


def _token(m) -> ApiToken:
    return ApiToken(id=m["id"], user_id=m["user_id"], name=m["name"], scope=m["scope"], created_at=m["created_at"],
                    last_used_at=m["last_used_at"], revoked_at=m["revoked_at"])


def _with_user(values, table: TableClause) -> tuple[dict, User]:
    """A row of ``select(table, users)``: ``table``'s columns by name, and the user."""
    split = len(table.c)
    return dict(zip(table.c.keys(), values[:split], strict=True)), _user(dict(zip(users.c.keys(), values[split:], strict=True)))


# Every authenticated request starts with one of these (``AppState.hot_read``: compiled once).
_SESSION_WITH_USER: Executable = (select(sessions, users).join(users, users.c.id == sessions.c.user_id)
                                  .where(sessions.c.id_hash == bindparam("key")))
_LIVE_TOKEN_WITH_USER: Executable = (select(api_tokens, users).join(users, users.c.id == api_tokens.c.user_id)
                                     .where(api_tokens.c.token_hash == bindparam("key"), api_tokens.c.revoked_at.is_(None)))


class AuthRepository:
    # --- users -----------------------------------------------------------------------------
    def count_users(self) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(users)).scalar_one()

    def add_first_admin(self, username: str, password_hash: str) -> User:
        """Create the first user as admin; Conflict if any user exists (safe against races)."""
        with self.db.write() as conn:
            if conn.execute(select(func.count()).select_from(users)).scalar_one():
                raise Conflict("setup is already done; log in instead")
            user = self._insert_user(conn, username, password_hash, "admin")
        try:
            DataSentinel(self.db.options.path).record()  # from now on an empty database means lost data
        except OSError as exc:  # the next start records it; the account itself is committed
            log.warning("Could not write the database's data sentinel: %s", exc)
        return user

    def add_user(self, username: str, password_hash: str, role: str = "viewer") -> User:
        with self.db.write() as conn:
            if conn.execute(select(users.c.id).where(users.c.username == username.lower())).first():
                raise Conflict(f"a user named {username!r} already exists")
            return self._insert_user(conn, username, password_hash, role)

    def _insert_user(self, conn, username: str, password_hash: str, role: str) -> User:
        now = self.now()
        row = conn.execute(users.insert().values(
            username=username.lower(), password_hash=password_hash, role=role, created_at=now, password_changed_at=now,
        ).returning(*users.c)).one()
        return _user(row._mapping)

    def get_user(self, user_id: int) -> User:
        with self.db.read() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound(f"user {user_id} does not exist")
        return _user(row._mapping)

    def get_user_credentials(self, username: str) -> tuple[User, str] | None:
        with self.db.read() as conn:
            row = conn.execute(select(users).where(users.c.username == username.lower())).first()
        return (_user(row._mapping), row._mapping["password_hash"]) if row else None

    def list_users(self) -> list[User]:
        with self.db.read() as conn:
            return [_user(r._mapping) for r in conn.execute(select(users).order_by(users.c.id))]

    def update_user(self, user_id: int, *, role: str | None = None, disabled: bool | None = None,
                    password_hash: str | None = None) -> User:
        """Change a user; a new password or disabling ends every session of theirs at once."""
        values: dict = {}
        if role is not None:
            values["role"] = role
        if disabled is not None:
            values["disabled"] = disabled
        if password_hash is not None:
            values.update(password_hash=password_hash, password_changed_at=self.now())
        with self.db.write() as conn:
            row = conn.execute(update(users).where(users.c.id == user_id).values(**values).returning(*users.c)).first() if values else \
                conn.execute(select(users).where(users.c.id == user_id)).first()
            if row is None:
                raise NotFound(f"user {user_id} does not exist")
            if password_hash is not None or disabled:
                conn.execute(sessions.delete().where(sessions.c.user_id == user_id))
            if disabled or (role is not None and role != "admin"):
                self._keep_one_admin(conn)
        return _user(row._mapping)

    def rehash_password(self, user_id: int, password_hash: str) -> None:
        """The same password hashed with new costs: sessions stay, ``password_changed_at`` too."""
        with self.db.write() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    def delete_user(self, user_id: int) -> None:
        with self.db.write() as conn:
            if not conn.execute(users.delete().where(users.c.id == user_id)).rowcount:
                raise NotFound(f"user {user_id} does not exist")
            self._keep_one_admin(conn)

    @staticmethod
    def _keep_one_admin(conn) -> None:
        """The one rule: the last active admin can be neither disabled, demoted nor deleted."""
        active_admins = select(func.count()).select_from(users).where(users.c.role == "admin", users.c.disabled.is_(False))
        if conn.execute(active_admins).scalar_one() == 0:
            raise Conflict("that would leave no active admin; make another user admin first")

    # --- sessions --------------------------------------------------------------------------
    def add_session(self, id_hash: str, user_id: int, csrf_token: str, expires_at: float, *, address: str = "", user_agent: str = "") -> Session:
        now = self.now()
        with self.db.write() as conn:
            row = conn.execute(sessions.insert().values(
                id_hash=id_hash, user_id=user_id, csrf_token=csrf_token, created_at=now, last_seen_at=now,
                expires_at=expires_at, address=address[:100], user_agent=user_agent[:300],
            ).returning(*sessions.c)).one()
        return _session(row._mapping)

    def get_session(self, id_hash: str) -> tuple[Session, User] | None:
        rows = self.hot_read(_SESSION_WITH_USER, key=id_hash)
        if not rows:
            return None
        session, user = _with_user(rows[0], sessions)
        return _session(session), user

    def list_sessions(self, user_id: int | None = None) -> list[tuple[Session, User]]:
        """Live sessions (of one user, or everyone's), most recently used first, with their users."""
        query = select(sessions, users).join(users, users.c.id == sessions.c.user_id).where(sessions.c.expires_at > self.now())
        if user_id is not None:
            query = query.where(sessions.c.user_id == user_id)
        with self.db.read() as conn:
            rows = conn.execute(query.order_by(sessions.c.last_seen_at.desc())).all()
        return [(_session(session), user) for session, user in (_with_user(tuple(r), sessions) for r in rows)]

    def touch_session(self, id_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute(update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen_at=self.now()))

    def delete_session(self, id_hash: str) -> None:
        with self.db.write() as conn:
            conn.execute(sessions.delete().where(sessions.c.id_hash == id_hash))

    def delete_expired_sessions(self, idle_seconds: float) -> int:
        now = self.now()
        with self.db.write() as conn:
            return conn.execute(sessions.delete().where(
                (sessions.c.expires_at < now) | (sessions.c.last_seen_at < now - idle_seconds))).rowcount

    # --- API tokens ------------------------------------------------------------------------
    def add_api_token(self, user_id: int, name: str, token_hash: str, scope: str) -> ApiToken:
        with self.db.write() as conn:
            row = conn.execute(api_tokens.insert().values(
                user_id=user_id, name=name[:100], token_hash=token_hash, scope=scope, created_at=self.now(),
            ).returning(*api_tokens.c)).one()
        return _token(row._mapping)

    def get_api_token(self, token_hash: str) -> tuple[ApiToken, User] | None:
        """The live token with this hash and its user (revoked tokens and disabled users: None)."""
        rows = self.hot_read(_LIVE_TOKEN_WITH_USER, key=token_hash)
        if not rows:
            return None
        token, user = _with_user(rows[0], api_tokens)
        return (_token(token), user) if not user.disabled else None

    def touch_api_token(self, token_id: int) -> None:
        with self.db.write() as conn:
            conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=self.now()))

    def list_api_tokens(self, user_id: int | None = None) -> list[ApiToken]:
        query = select(api_tokens).order_by(api_tokens.c.id)
        if user_id is not None:
            query = query.where(api_tokens.c.user_id == user_id)
        with self.db.read() as conn:
            return [_token(r._mapping) for r in conn.execute(query)]

    def revoke_api_token(self, token_id: int, user_id: int | None = None) -> ApiToken:
        query = update(api_tokens).where(api_tokens.c.id == token_id)
        if user_id is not None:
            query = query.where(api_tokens.c.user_id == user_id)
        with self.db.write() as conn:
            row = conn.execute(query.values(revoked_at=func.coalesce(api_tokens.c.revoked_at, self.now())).returning(*api_tokens.c)).first()
        if row is None:
            raise NotFound(f"token {token_id} does not exist")
        return _token(row._mapping)
