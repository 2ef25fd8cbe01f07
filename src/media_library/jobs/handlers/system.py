"""Housekeeping jobs: checking the external programs the daemon relies on."""

from __future__ import annotations

import shutil

from ...models.job_payloads import SYSTEM_CHECK
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


HANDLERS = [SystemCheck]
