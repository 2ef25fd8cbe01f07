"""An activity log entry: who did what, when, from which address."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActivityEntry:
    id: int
    event: str
    user_id: int | None
    username: str
    address: str
    what: str
    count: int  # > 1: a burst grouped into one entry (failed logins)
    at: float  # the first time
    last_at: float  # the latest time

    def to_public(self) -> dict:
        return {"id": self.id, "event": self.event, "user_id": self.user_id, "username": self.username,
                "address": self.address, "what": self.what, "count": self.count, "at": self.at,
                "last_at": self.last_at}


@dataclass(frozen=True)
class ActivityFilter:
    """What the activity page asks for; empty fields do not filter."""

    event: str = ""
    username: str = ""
    address: str = ""
    since: float | None = None
    until: float | None = None
    before_id: int | None = None  # paging: entries older than this one
    limit: int = 100
