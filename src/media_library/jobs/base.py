"""The contract every job handler follows.

A handler is a small class registered under a ``kind`` (a constant in ``models/job_payloads.py``)
and declares its payload, a frozen dataclass from the same module::

    class Encode(JobHandler):
        kind = ENCODE
        payload = EncodePayload  # parsed when the job is queued; a bad one is refused with 400
        resumable = False        # an interrupted encode waits for Retry instead of restarting
        def run(self, ctx: JobContext, payload: EncodePayload) -> dict | None:
            return self.services.encoder.encode(payload.file_id, ...)

Rules of the contract:

- ``run`` is called on a worker thread with the job's payload as its dataclass (parsed from the
  stored JSON) and returns a JSON-able result. It parses nothing itself and calls one service
  method: the use case lives in ``services``, where the CLI and the web can reach it too.
- It must be idempotent: work in ``ctx.work_dir`` (deterministic per job), make the result
  visible only in one final "publish" step (an atomic rename plus an upsert), so a second run
  after a crash redoes or skips work without duplicates.
- It reports ``ctx.progress(percent, message)`` (rate-limited, sent after the commit) and calls
  ``ctx.check_cancelled()`` between steps; child processes are started with ``ctx.run(argv)`` or
  registered with ``ctx.track(popen)`` so that cancel and shutdown end their process group.
- It raises ``RetryJob`` or a transient ``ExternalServiceError`` / ``RateLimited`` to be tried
  again later (exponential backoff with jitter, or the upstream's Retry-After); any other
  ``MediaLibraryError`` fails the job with its message; any other exception fails it as a bug.
- ``resumable = True`` (the default) means a job found running after a crash may simply be
  queued again; ``False`` makes it ``interrupted`` so a person decides (Retry).
- ``max_attempts`` (None: the ``jobs.max_attempts`` setting) bounds how often it is tried.
- It is built with the process's ``Services`` (``services/container.py``) and reaches every use
  case as ``self.services.<name>`` (``library``, ``jobs``, a source's ``discs``…); it builds none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..models.job_payloads import NoPayload

if TYPE_CHECKING:  # pragma: no cover
    from ..services.container import Services
    from .context import JobContext


class JobHandler:
    kind: ClassVar[str] = ""
    payload: ClassVar[type] = NoPayload
    resumable: ClassVar[bool] = True
    max_attempts: ClassVar[int | None] = None

    def __init__(self, services: Services):
        self.services = services  # the process's services, built once by the runtime

    def run(self, ctx: JobContext, payload: Any) -> Any:  # pragma: no cover - contract
        raise NotImplementedError
