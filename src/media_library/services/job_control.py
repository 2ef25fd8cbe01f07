"""What a use case that runs inside a job may use of it: ``JobControl``.

A job handler passes its ``JobContext`` (``jobs/context.py``), which has all of these, straight
to the service it calls; the service stays free of the jobs layer and a test or the CLI can pass
anything with the same attributes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol


class JobControl(Protocol):
    work_dir: Path  # this job's own folder, the same on every attempt
    cancel_event: threading.Event  # set on cancel or shutdown; ``wait(seconds)`` pauses until then
    cancel_reason: str  # "cancelled" (a person) or "shutdown" (the daemon stops)

    def progress(self, percent: float, message: str | None = None, *, force: bool = False) -> None: ...

    def cancelled(self) -> bool: ...

    def check_cancelled(self) -> None: ...

    def run(self, argv: list[str], **kwargs: Any) -> Any: ...  # a child process, ended on cancel
