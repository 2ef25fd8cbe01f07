"""Discs: what was inserted, its identification, the confirmation window and the rip status.

A disc is keyed by a fingerprint of its contents (not its label, which many discs share), so a
disc ripped before is recognised when it comes back (``find_ripped_disc``). Moving a disc from
``waiting`` to ``confirmed`` is one conditional ``UPDATE … RETURNING`` so a person's confirm and
the window's expiry can never both start a rip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, update

from ..db.discs import discs
from ..errors import InvalidInput, NotFound
from ..models.discs import DISC_KINDS, DISC_STATUSES, Disc
from .base import dumps, loads

_FIELDS = {c.name for c in discs.c} - {"id", "created_at", "updated_at"}
_JSON = {"candidates": [], "choice": {}, "result": None}


def _disc(row) -> Disc:
    m = dict(row._mapping)
    for name, default in _JSON.items():
        m[name] = loads(m[name], default)
    return Disc(**m)


def _encode(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _FIELDS
    if unknown:
        raise InvalidInput(f"unknown disc field(s): {', '.join(sorted(unknown))}")
    if "status" in values and values["status"] not in DISC_STATUSES:
        raise InvalidInput(f"unknown disc status {values['status']!r}")
    if "kind" in values and values["kind"] not in DISC_KINDS:
        raise InvalidInput(f"unknown disc kind {values['kind']!r}")
    out = dict(values)
    for name in _JSON:
        if name in out and out[name] is not None and not isinstance(out[name], str):
            out[name] = dumps(out[name])
    return out


class DiscsRepository:
    def add_disc(self, fingerprint: str, **fields: Any) -> Disc:
        now = self.now()
        values = _encode({"fingerprint": fingerprint, **fields})
        with self.db.write() as conn:
            row = conn.execute(discs.insert().values(created_at=now, updated_at=now, **values).returning(*discs.c)).one()
        return _disc(row)

    def get_disc(self, disc_id: int) -> Disc:
        with self.db.read() as conn:
            row = conn.execute(select(discs).where(discs.c.id == disc_id)).first()
        if row is None:
            raise NotFound(f"disc {disc_id} does not exist")
        return _disc(row)

    def get_disc_by_remote_key(self, key: str) -> Disc | None:
        with self.db.read() as conn:
            row = conn.execute(select(discs).where(discs.c.remote_key == key)).first()
        return _disc(row) if row else None

    def list_discs(self, *, statuses: Iterable[str] | None = None, limit: int = 50) -> list[Disc]:
        query = select(discs).order_by(discs.c.id.desc()).limit(max(1, min(limit, 500)))
        if statuses is not None:
            query = query.where(discs.c.status.in_(list(statuses)))
        with self.db.read() as conn:
            return [_disc(r) for r in conn.execute(query)]

    def update_disc(self, disc_id: int, *, only_if_status: Iterable[str] | None = None, **fields: Any) -> Disc | None:
        """Change a disc; with ``only_if_status`` nothing happens (None) unless it is in one of them."""
        stmt = update(discs).where(discs.c.id == disc_id)
        if only_if_status is not None:
            stmt = stmt.where(discs.c.status.in_(list(only_if_status)))
        with self.db.write() as conn:
            row = conn.execute(stmt.values(updated_at=self.now(), **_encode(fields)).returning(*discs.c)).first()
        if row is None and only_if_status is None:
            raise NotFound(f"disc {disc_id} does not exist")
        return _disc(row) if row else None

    def find_ripped_disc(self, fingerprint: str, *, exclude_id: int | None = None) -> Disc | None:
        """The latest disc with this fingerprint that was ripped to the end."""
        query = select(discs).where(discs.c.fingerprint == fingerprint, discs.c.status == "done")
        if exclude_id is not None:
            query = query.where(discs.c.id != exclude_id)
        with self.db.read() as conn:
            row = conn.execute(query.order_by(discs.c.id.desc()).limit(1)).first()
        return _disc(row) if row else None

    def list_discs_due(self, now: float) -> list[Disc]:
        """Waiting discs whose confirmation window has ended."""
        query = select(discs).where(discs.c.status == "waiting", discs.c.confirm_deadline <= now)
        with self.db.read() as conn:
            return [_disc(r) for r in conn.execute(query.order_by(discs.c.id))]
