"""Discs: what was inserted, its identification, the confirmation window and the rip status.

A disc is keyed by a fingerprint of its contents (not its label, which many discs share), so a
disc ripped before is recognised when it comes back (``find_ripped_disc``). Moving a disc from
``waiting`` to ``confirmed`` is one conditional ``UPDATE … RETURNING`` so a person's confirm and
the window's expiry can never both start a rip.

Reads join the disc's job, so a disc's rip status follows the job (``models.discs.follow_job``):
a disc whose job a killed daemon left ``interrupted`` never reads as "ripping" again. A disc keeps
a journal of the outputs already published (``add_published_output``), so a retried rip
publishes each title at most once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select, update

from ..db.discs import discs
from ..db.schema import external_ids, jobs, media, media_files
from ..errors import InvalidInput, NotFound
from ..models.discs import DISC_KINDS, DISC_STATUSES, Disc, follow_job
from .base import dumps, loads

_FIELDS = {c.name for c in discs.c} - {"id", "created_at", "updated_at"}
_JSON = {"candidates": [], "choice": {}, "result": None}


def _disc(row) -> Disc:
    m = dict(row._mapping)
    job_status, job_error = m.pop("job_status", None), m.pop("job_error", None)
    for name, default in _JSON.items():
        m[name] = loads(m[name], default)
    return follow_job(Disc(**m), job_status, job_error)


def _with_job():
    """Discs with their job's status and error (a disc's rip status follows its job)."""
    return select(discs, jobs.c.status.label("job_status"), jobs.c.error.label("job_error")).outerjoin(
        jobs, jobs.c.id == discs.c.job_id)


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
            row = conn.execute(_with_job().where(discs.c.id == disc_id)).first()
        if row is None:
            raise NotFound(f"disc {disc_id} does not exist")
        return _disc(row)

    def get_disc_by_remote_key(self, key: str) -> Disc | None:
        with self.db.read() as conn:
            row = conn.execute(_with_job().where(discs.c.remote_key == key)).first()
        return _disc(row) if row else None

    def list_discs(self, *, statuses: Iterable[str] | None = None, limit: int = 50) -> list[Disc]:
        query = _with_job().order_by(discs.c.id.desc()).limit(max(1, min(limit, 500)))
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

    def latest_disc(self, fingerprint: str) -> Disc | None:
        """The newest disc with this fingerprint, whatever its status (the same disc seen again)."""
        query = _with_job().where(discs.c.fingerprint == fingerprint).order_by(discs.c.id.desc()).limit(1)
        with self.db.read() as conn:
            row = conn.execute(query).first()
        return _disc(row) if row else None

    def find_disc_by_job(self, job_id: int) -> Disc | None:
        with self.db.read() as conn:
            row = conn.execute(_with_job().where(discs.c.job_id == job_id).limit(1)).first()
        return _disc(row) if row else None

    def add_published_output(self, disc_id: int, output: Mapping[str, Any]) -> Disc:
        """Note one published output in the disc's ``result.published`` (one write transaction)."""
        with self.db.write() as conn:
            row = conn.execute(select(discs.c.result).where(discs.c.id == disc_id)).first()
            if row is None:
                raise NotFound(f"disc {disc_id} does not exist")
            result = loads(row.result, None) or {}
            result = {**result, "published": [*result.get("published", []), dict(output)]}
            conn.execute(update(discs).where(discs.c.id == disc_id).values(result=dumps(result), updated_at=self.now()))
        return self.get_disc(disc_id)

    def library_file_of(self, provider: str, value: str, *, kind: str) -> str | None:
        """The path of a file (not missing) of the library item of ``kind`` known to ``provider`` as
        ``value``: a film a rip would only add a second copy of."""
        query = (select(media_files.c.path)
                 .join(media, media.c.id == media_files.c.media_id)
                 .join(external_ids, external_ids.c.media_id == media.c.id)
                 .where(external_ids.c.provider == provider, external_ids.c.value == value, media.c.kind == kind,
                        media_files.c.missing.is_(False))
                 .order_by(media_files.c.id).limit(1))  # fmt: skip
        with self.db.read() as conn:
            return conn.execute(query).scalar()

    def list_discs_due(self, now: float) -> list[Disc]:
        """Waiting discs whose confirmation window has ended."""
        query = select(discs).where(discs.c.status == "waiting", discs.c.confirm_deadline <= now)
        with self.db.read() as conn:
            return [_disc(r) for r in conn.execute(query.order_by(discs.c.id))]
