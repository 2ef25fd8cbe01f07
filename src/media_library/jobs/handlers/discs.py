"""Disc jobs: ``disc.rip`` (DVD/Blu-ray → films or episodes), ``disc.image`` (a data disc → ISO)
and ``disc.audio_cd`` (→ FLAC/MP3 album); the work is in ``services/discs/ripping.py``.

All three are ``resumable = False``: a rip killed with the daemon comes back ``interrupted`` with
Retry, since an encode cannot resume. Retry reuses the job's work folder, so an image made
before the crash (eject early) is encoded again without the disc.
"""

from __future__ import annotations

from functools import partial

from ...models.job_payloads import DISC_AUDIO_CD, DISC_IMAGE, DISC_RIP, DiscPayload
from ...services.discs import audio_cd, ripping
from ..base import JobHandler


class _DiscJob(JobHandler):
    payload = DiscPayload
    resumable = False
    max_attempts = 1  # a failed rip waits for a person (Retry) rather than spinning the drive again

    def run(self, ctx, payload: DiscPayload):
        return ripping.run(self.services.discs, payload.disc_id, ctx, self.rip())

    def rip(self) -> ripping.Rip:  # pragma: no cover - contract
        raise NotImplementedError


class DiscRip(_DiscJob):
    kind = DISC_RIP

    def rip(self):
        return ripping.rip_video


class DiscImage(_DiscJob):
    kind = DISC_IMAGE

    def rip(self):
        return ripping.rip_image


class DiscAudioCd(_DiscJob):
    kind = DISC_AUDIO_CD

    def rip(self):
        return partial(ripping.rip_audio_cd, lambda: audio_cd.AudioCdRipper.from_services(self.services))


HANDLERS = [DiscRip, DiscImage, DiscAudioCd]
