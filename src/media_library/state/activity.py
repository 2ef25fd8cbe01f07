"""The activity log: adding entries (grouping bursts), filtering them, forgetting old ones."""

from __future__ import annotations

from sqlalchemy import select, update

from ..db.activity import activity
from ..models.activity import ActivityEntry, ActivityFilter


def _entry(row) -> ActivityEntry:
    m = row._mapping
    return ActivityEntry(id=m["id"], event=m["event"], user_id=m["user_id"], username=m["username"],
                         address=m["address"], what=m["what"], count=m["count"], at=m["at"], last_at=m["last_at"])


class ActivityRepository:
    def add_activity(self, event: str, *, user_id: int | None, username: str, address: str, what: str,
                     group_seconds: float = 0.0) -> ActivityEntry:
        """A new entry, or, with ``group_seconds``, the latest entry of the same event, name and
        address seen within that time, counted once more."""
        now = self.now()
        if group_seconds > 0:
            grouped = self._count_again(event, username, address, what, now, now - group_seconds)
            if grouped is not None:
                return grouped
        with self.db.write() as conn:
            row = conn.execute(activity.insert().values(
                event=event, user_id=user_id, username=username[:128], address=address[:100], what=what[:500],
                count=1, at=now, last_at=now,
            ).returning(*activity.c)).one()
        return _entry(row)

    def _count_again(self, event: str, username: str, address: str, what: str, now: float, since: float) -> ActivityEntry | None:
        """One more of a burst: not fsynced (``durable=False``), so a flood of failed logins costs
        no disk flush per attempt; the burst's first entry was written durably."""
        with self.db.write(durable=False) as conn:
            row = conn.execute(
                update(activity).where(activity.c.id == self._latest_like(event, username, address, since))
                .values(count=activity.c.count + 1, last_at=now, what=what[:500]).returning(*activity.c)).first()
        return _entry(row) if row is not None else None

    @staticmethod
    def _latest_like(event: str, username: str, address: str, since: float):
        return (select(activity.c.id)
                .where(activity.c.event == event, activity.c.username == username[:128],
                       activity.c.address == address[:100], activity.c.last_at >= since)
                .order_by(activity.c.last_at.desc()).limit(1).scalar_subquery())

    def list_activity(self, wanted: ActivityFilter) -> list[ActivityEntry]:
        """Newest first (by when each entry began; a grouped burst keeps its place)."""
        query = select(activity).order_by(activity.c.id.desc()).limit(wanted.limit)
        if wanted.event:
            query = query.where(activity.c.event == wanted.event)
        if wanted.username:
            query = query.where(activity.c.username == wanted.username.lower())
        if wanted.address:
            query = query.where(activity.c.address == wanted.address)
        if wanted.since is not None:
            query = query.where(activity.c.last_at >= wanted.since)
        if wanted.until is not None:
            query = query.where(activity.c.last_at < wanted.until)
        if wanted.before_id is not None:
            query = query.where(activity.c.id < wanted.before_id)
        with self.db.read() as conn:
            return [_entry(r) for r in conn.execute(query)]

    def delete_activity_before(self, cutoff: float) -> int:
        with self.db.write() as conn:
            return conn.execute(activity.delete().where(activity.c.last_at < cutoff)).rowcount
