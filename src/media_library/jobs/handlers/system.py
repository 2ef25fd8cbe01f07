"""Housekeeping jobs: checking the external programs the daemon relies on; backing up the database;
forgetting activity log entries older than the retention."""

from __future__ import annotations

import shutil

from ...models.job_payloads import ACTIVITY_PRUNE, DATABASE_BACKUP, SYSTEM_CHECK
from ...services.backups import backups_for
from ..base import JobHandler

TOOLS = {
    "ffprobe": ["-version"], "ffmpeg": ["-version"], "HandBrakeCLI": ["--version"],
    "mediainfo": ["--Version"], "fpcalc": ["-version"],
}


class SystemCheck(JobHandler):
    """Runs each external program once and reports which are present and their versions."""

    kind = SYSTEM_CHECK

    def run(self, ctx, payload):
        found = {}
        for n, (tool, args) in enumerate(TOOLS.items()):
            ctx.check_cancelled()
            path = shutil.which(tool)
            if path is None:
                found[tool] = None
            else:
                done = ctx.run([path, *args], timeout=30, check=False, line_source="both")
                found[tool] = (done.stdout or done.stderr_tail).strip().splitlines()[0][:200] if (done.stdout or done.stderr_tail) else "present"
            ctx.progress(100 * (n + 1) / len(TOOLS), f"checked {tool}", force=True)
        return {"tools": found}


class DatabaseBackup(JobHandler):
    """A verified online copy of the database, the oldest beyond ``database.backups_kept`` removed."""

    kind = DATABASE_BACKUP

    def run(self, ctx, payload):
        ctx.progress(0, "copying the database", force=True)
        backups = backups_for(self.services.settings, self.services.state.db)
        path = backups.create()
        return {"backup": path.name, "kept": len(backups.list())}


class ActivityPrune(JobHandler):
    """Deletes activity log entries older than ``activity.retention_days``."""

    kind = ACTIVITY_PRUNE

    def run(self, ctx, payload):
        return {"deleted": self.services.activity.prune(), "retention_days": self.services.activity.retention_days}


HANDLERS = [SystemCheck, DatabaseBackup, ActivityPrune]
