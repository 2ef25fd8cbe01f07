"""``library.verify``: read every library file end to end and record its SHA-256
(``services/verify.py`` does the work; the payload may cap the read rate)."""

from __future__ import annotations

from ...models.job_payloads import LIBRARY_VERIFY, VerifyPayload
from ...services.verify import verify_library
from ..base import JobHandler


class LibraryVerify(JobHandler):
    """Reads every library file and reports its SHA-256, plus the files it could not read."""

    kind = LIBRARY_VERIFY
    payload = VerifyPayload

    def run(self, ctx, payload: VerifyPayload):
        return verify_library(self.services.state, self.services.settings.media_dir, ctx,
                              max_mb_per_second=payload.max_mb_per_second)


HANDLERS = [LibraryVerify]
