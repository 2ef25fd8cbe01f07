"""Disc jobs: ``disc.rip`` (DVD/Blu-ray → films or episodes), ``disc.image`` (a data disc → ISO)
and ``disc.audio_cd`` (→ FLAC/MP3 album).

``disc.rip`` encodes with HandBrakeCLI; an encrypted Blu-ray is first decrypted by MakeMKV's
``makemkvcon`` when it is installed (``services/discs/makemkv_rip.py``), and stops with a message
naming it when it is not.

All three are ``resumable = False``: a rip killed with the daemon comes back ``interrupted`` with
Retry, since an encode cannot resume. Retry reuses the job's work folder, so an image made
before the crash (eject early) is encoded again without the disc. Cancel ends HandBrake's
process group (``ctx.run``) and the rip service removes its partial files.
"""

from __future__ import annotations

import logging

from ...errors import JobCancelled, MediaLibraryError
from ...services.discs import audio_cd, image, makemkv_rip, rip
from ..base import JobHandler

log = logging.getLogger(__name__)
class _DiscJob(JobHandler):
    resumable = False
    max_attempts = 1  # a failed rip waits for a person (Retry) rather than spinning the drive again

    def run(self, ctx, payload):
        service = self.services.discs
        disc = service.get(int(payload["disc_id"]))
        try:
            result = self.rip(ctx, service, disc)
        except JobCancelled:
            if ctx.cancel_reason != "shutdown":
                service.failed(disc.id, "cancelled")
            raise
        except MediaLibraryError as exc:
            service.failed(disc.id, exc.message)
            raise
        except Exception as exc:
            service.failed(disc.id, f"internal error: {type(exc).__name__}")
            raise
        service.finished(disc.id, result)
        return result

    def reporter(self, ctx, service, disc_id):
        def progress(percent: float, message: str) -> None:
            ctx.progress(percent, message)
            service.progress(disc_id, percent, message)

        return progress

    def rip(self, ctx, service, disc):  # pragma: no cover - contract
        raise NotImplementedError


class DiscRip(_DiscJob):
    kind = "disc.rip"

    def rip(self, ctx, service, disc):
        settings = service.settings
        opts = rip.RipOptions.from_settings(settings.disc)
        progress = self.reporter(ctx, service, disc.id)
        source = disc.source
        if settings.disc.eject_early:
            source = str(image.make_image(disc.source, ctx.work_dir, label=disc.label, run=ctx.run,
                                          check_cancelled=ctx.check_cancelled, progress=progress))  # fmt: skip
            eject(ctx, disc)
        staging = rip.staging_dir(settings.media_dir, f"disc-{disc.id}")
        if makemkv_rip.needed(disc.kind, source):
            scan, outputs = makemkv_rip.rip_outputs(source, disc.choice, staging, ctx.work_dir, opts, run=ctx.run,
                                                    reencode=settings.disc.makemkv_reencode, progress=progress,
                                                    check_cancelled=ctx.check_cancelled)  # fmt: skip
        else:
            scan, outputs = handbrake_outputs(ctx, source, disc, staging, opts, progress)
        published = service.publish_outputs(disc.choice, outputs)
        _remove_empty(staging)
        image.discard(ctx.work_dir)  # published: a retry will not need the image any more
        if settings.disc.eject_when_done and not settings.disc.eject_early:
            eject(ctx, disc)
        return {"outputs": published, "titles_on_disc": len(scan.titles)}


def handbrake_outputs(ctx, source: str, disc, staging, opts: rip.RipOptions, progress):
    """HandBrake scans ``source`` and encodes the planned titles: ``(scan, outputs)``."""
    from ...tools import handbrake

    progress(0.0, "scanning the disc")
    scan = handbrake.scan(source, cancel=ctx.cancel_event)
    planned = rip.plan_outputs(scan, disc.choice, opts)
    return scan, rip.encode_outputs(source, planned, staging, opts, run=ctx.run, progress=progress,
                                    check_cancelled=ctx.check_cancelled)  # fmt: skip


class DiscImage(_DiscJob):
    """A data disc (or any disc) copied to ``Disc Images/<title>.iso`` in the media folder."""

    kind = "disc.image"

    def rip(self, ctx, service, disc):
        from ...services import naming
        from ...services.files import fsync_dir

        made = image.make_image(disc.source, ctx.work_dir, label=disc.label, run=ctx.run,
                                check_cancelled=ctx.check_cancelled, progress=self.reporter(ctx, service, disc.id))  # fmt: skip
        name = naming.safe_filename(disc.choice.get("title") or disc.label or f"Disc {disc.id}", ".iso")
        target = naming.join_inside(service.settings.media_dir, "Disc Images", name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if made.parent == ctx.work_dir:
            made.replace(target)
        else:
            import shutil

            shutil.copyfile(made, target)
        fsync_dir(target.parent)
        eject(ctx, disc)
        return {"outputs": [{"path": str(target.relative_to(service.settings.media_dir)), "role": "image"}]}


class DiscAudioCd(_DiscJob):
    kind = "disc.audio_cd"

    def rip(self, ctx, service, disc):
        ripper = audio_cd.AudioCdRipper.from_services(self.services)
        result = ripper.rip_device(disc.source, ctx.work_dir, run=ctx.run, progress=self.reporter(ctx, service, disc.id),
                                   check_cancelled=ctx.check_cancelled)  # fmt: skip
        eject(ctx, disc)
        return result


def eject(ctx, disc) -> None:
    """Eject a drive's disc (nothing to do for the watch folder); failures are only logged."""
    if not disc.device:
        return
    from ...tools import diskutil, linux_optical

    argv = linux_optical.eject_argv(disc.device) if disc.device.startswith("/dev/") else diskutil.eject_argv(disc.device)
    try:
        ctx.run(argv, timeout=60, check=False)
    except MediaLibraryError as exc:
        log.warning("Could not eject %s: %s", disc.device, exc.message)


def _remove_empty(folder) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


HANDLERS = [DiscRip, DiscImage, DiscAudioCd]
