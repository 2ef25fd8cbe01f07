"""The activity log: who logged in (or failed to), from where, what they changed, deleted or
moved, and which rips and downloads finished or failed.

One call, ``ActivityLog.record(event, user, address, what)``, stores an entry in the database
(``state/activity.py``) and writes the same as one structured log line (JSON after ``activity``
on the ``media_library.activity`` logger). ``what`` names things, never secrets' values: a
settings change lists the names of the settings changed. Failed logins of one name from one
address within ``activity.failed_login_group_seconds`` are one entry whose count grows. Jobs are
followed on the event bus (``follow``): a rip, download or organize run that ends is recorded
without its handler knowing. Old entries go with the ``activity.prune`` job
(``activity.retention_days``, 90 by default). Knows nothing of HTTP: the web layer passes the
client address it computed with the trusted-proxy rule.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable

from .. import events
from ..models import User
from ..models.activity import ActivityEntry, ActivityFilter
from ..models.job_payloads import ACTIVITY_PRUNE, NoPayload
from ..models.payloads import to_json

log = logging.getLogger("media_library.activity")

LOGIN, LOGIN_FAILED, LOGOUT, SETUP = "login", "login_failed", "logout", "setup"
PASSWORD_CHANGED, ROLE_CHANGED = "password_changed", "role_changed"
USER_CREATED, USER_CHANGED, USER_DELETED = "user_created", "user_changed", "user_deleted"
TOKEN_CREATED, TOKEN_REVOKED, SESSION_ENDED = "token_created", "token_revoked", "session_ended"
SETTINGS_CHANGED, DELETED = "settings_changed", "deleted"
# Jobs whose end is recorded, by what a person calls them: <name>_done / <name>_failed.
JOB_NAMES = {
    "disc.rip": "rip", "disc.image": "rip", "disc.audio_cd": "rip",
    "download.url": "download", "download.subscription": "download", "podcast.download": "download",
    "library.organize": "organize", "library.organize_undo": "organize",
}
JOB_ENDINGS = {"done": "done", "failed": "failed"}
EVENTS = (LOGIN, LOGIN_FAILED, LOGOUT, SETUP, PASSWORD_CHANGED, ROLE_CHANGED, USER_CREATED, USER_CHANGED,
          USER_DELETED, TOKEN_CREATED, TOKEN_REVOKED, SESSION_ENDED, SETTINGS_CHANGED, DELETED,
          *sorted({f"{name}_{ending}" for name in JOB_NAMES.values() for ending in JOB_ENDINGS.values()}))
MAX_LIMIT = 500


PRUNE_SCHEDULE_NAME = "activity.prune"


def install_prune_schedule(settings, scheduler) -> None:
    """Keep the ``activity.prune`` schedule in step with ``activity.prune_schedule`` (empty: none)."""
    scheduler.keep(PRUNE_SCHEDULE_NAME, ACTIVITY_PRUNE, settings.activity.prune_schedule, to_json(NoPayload()))


def settings_changed(names: Iterable[str]) -> str:
    """``what`` for a settings change: the names only, sorted, never the values."""
    return "changed " + ", ".join(sorted(names))


class ActivityLog:
    def __init__(self, state, *, retention_days: int, failed_login_group_seconds: float,
                 clock: Callable[[], float] = time.time):
        self.state, self.clock = state, clock
        self.retention_days, self.group_seconds = retention_days, failed_login_group_seconds

    @classmethod
    def from_settings(cls, state, settings) -> ActivityLog:
        a = settings.activity
        return cls(state, retention_days=a.retention_days, failed_login_group_seconds=a.failed_login_group_seconds)

    def record(self, event: str, user: User | str | None, address: str = "", what: str = "") -> ActivityEntry:
        """Store and log one entry. ``user`` is the account (or, for a failed login, the name typed)."""
        user_id = user.id if isinstance(user, User) else None
        username = (user.username if isinstance(user, User) else (user or "")).strip().lower()
        group = self.group_seconds if event == LOGIN_FAILED else 0.0
        entry = self.state.add_activity(event, user_id=user_id, username=username, address=address or "",
                                        what=what, group_seconds=group)
        log.info("activity %s", json.dumps({"event": event, "user": username, "address": address, "what": what,
                                            "count": entry.count}, ensure_ascii=False, sort_keys=True))
        return entry

    def list(self, wanted: ActivityFilter) -> list[ActivityEntry]:
        return self.state.list_activity(wanted)

    def prune(self) -> int:
        """Delete entries older than the retention; returns how many went."""
        return self.state.delete_activity_before(self.clock() - self.retention_days * 86400)

    def follow(self, bus: events.EventBus) -> Callable[[], None]:
        """Record rips, downloads and organize runs as they end (off the publishing thread)."""
        return bus.subscribe(self._on_event, background=True)

    def _on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.JobUpdated):
            return
        job = event.public
        name, ending = JOB_NAMES.get(job.get("kind", "")), JOB_ENDINGS.get(job.get("status", ""))
        if name and ending:
            detail = job.get("error") if ending == "failed" else job.get("message")
            self.record(f"{name}_{ending}", None, "", f"job {job['id']} ({job['kind']})" + (f": {detail}" if detail else ""))
