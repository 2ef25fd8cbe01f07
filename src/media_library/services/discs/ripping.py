"""The disc jobs' use cases: rip a video disc, image a data disc, rip an audio CD, inside a job.

``run(service, disc_id, job, rip)`` is the life of every disc job: it looks the disc up, runs one
of the rips below, and records the outcome on the disc (``finished``; ``review`` when a person
must choose first, ``candidates.NeedsReview``; or ``failed`` with the message; a shutdown leaves
the disc as it is, and the disc then reads as its job, ``interrupted``). ``job`` is the running
job's ``JobControl`` (work folder, progress, cancel, child processes). The job's work folder and
the rip's staging folder are removed once empty.

- ``rip_video``: HandBrakeCLI encodes the planned titles; an encrypted Blu-ray is first decrypted
  by MakeMKV's ``makemkvcon`` when installed (``makemkv_rip.py``). With ``disc.eject_early`` the
  disc is first copied to an image in the work folder and ejected (``image_first``): it reads
  ``imaging``, then ``ejected`` while the rip encodes from the image, instead of ``ripping``.
- ``rip_image``: the disc becomes ``Disc Images/<title>.iso`` in the media folder (``publish_image``).
- ``rip_audio_cd``: cdparanoia and the encoder through ``AudioCdRipper``.

Cancel ends the child process groups (``job.run``) and the rip removes its partial files.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...errors import JobCancelled, MediaLibraryError
from ...models.discs import Disc
from .. import naming
from ..files import fsync_dir
from ..job_control import JobControl
from . import image, makemkv_rip, rip
from .candidates import NeedsReview, settle
from .service import already_published

log = logging.getLogger(__name__)
Rip = Callable[[Any, Disc, JobControl], dict[str, Any]]


def run(service, disc_id: int, job: JobControl, rip_disc: Rip) -> dict[str, Any]:
    """Rip one disc with ``rip_disc`` and record how it ended on the disc."""
    disc = service.get(disc_id)
    try:
        result = rip_disc(service, disc, job)
    except NeedsReview as exc:
        service.to_review(disc.id, exc.message)
        return {"review": exc.message}
    except JobCancelled:
        if job.cancel_reason != "shutdown":
            service.failed(disc.id, "cancelled")
        raise
    except MediaLibraryError as exc:
        service.failed(disc.id, exc.message)
        raise
    except Exception as exc:
        service.failed(disc.id, f"internal error: {type(exc).__name__}")
        raise
    finally:  # only empty folders: an image kept for Retry, or a rip waiting in review, stays
        rip.remove_empty(job.work_dir, Path(service.settings.media_dir) / rip.STAGING)
    service.finished(disc.id, result)
    return result


def reporter(service, disc_id: int, job: JobControl, status: str = "ripping") -> Callable[[float, str], None]:
    """Progress to both the job and the disc (which reads ``status`` meanwhile)."""
    def progress(percent: float, message: str) -> None:
        job.progress(percent, message)
        service.progress(disc_id, percent, message, status)

    return progress


def image_first(service, disc: Disc, job: JobControl) -> tuple[str, Callable[[float, str], None]]:
    """Eject early: the disc is ``imaging`` while it is copied to ``work/<job>/disc.iso``, is ejected,
    and reads ``ejected`` while the rip encodes from the image. Returns the image and the progress
    reporter of the encode. An ``.iso`` is its own image: nothing to copy or eject, it simply rips."""
    if image.is_image_file(disc.source):
        return disc.source, reporter(service, disc.id, job)
    imaging = reporter(service, disc.id, job, "imaging")
    imaging(0.0, "copying the disc to an image")
    made = image.make_image(disc.source, job.work_dir, label=disc.label, run=job.run,
                            check_cancelled=job.check_cancelled, progress=imaging)  # fmt: skip
    eject(job, disc)
    encoding = reporter(service, disc.id, job, "ejected")
    encoding(0.0, "ejected: the disc can be taken out; encoding from its image")
    return str(made), encoding


def rip_video(service, disc: Disc, job: JobControl) -> dict[str, Any]:
    settings = service.settings
    opts = rip.RipOptions.from_settings(settings.disc)
    if settings.disc.eject_early:
        source, progress = image_first(service, disc, job)
    else:
        source, progress = disc.source, reporter(service, disc.id, job)
    staging = rip.staging_dir(settings.media_dir, f"disc-{disc.id}")
    if makemkv_rip.needed(disc.kind, source):
        scan, outputs = makemkv_rip.rip_outputs(source, disc.choice, staging, job.work_dir, opts, run=job.run,
                                                reencode=settings.disc.makemkv_reencode, progress=progress,
                                                check_cancelled=job.check_cancelled)  # fmt: skip
        choice = disc.choice
    else:
        scan, choice, outputs = _handbrake_outputs(service, job, source, disc, staging, opts, progress)
    published = service.publish_outputs(disc, choice, outputs)
    rip.remove_empty(staging)
    image.discard(job.work_dir)  # published: a retry will not need the image any more
    if settings.disc.eject_when_done and not settings.disc.eject_early:
        eject(job, disc)
    return {"outputs": published, "titles_on_disc": len(scan.titles)}


def _handbrake_outputs(service, job: JobControl, source: str, disc: Disc, staging: Path, opts: rip.RipOptions, progress):
    """HandBrake scans ``source``, the main title's duration settles a tie among the candidates
    (``candidates.settle``; ``NeedsReview`` when it cannot), and the planned titles not published
    by an earlier attempt are encoded: ``(scan, choice, outputs)``."""
    from ...tools import handbrake

    progress(0.0, "scanning the disc")
    choice = disc.choice
    picked = choice.get("title_index") or choice.get("titles")
    shortest = 0 if picked else rip.scan_floor(opts)  # a person's pick is scanned whatever its length
    scan = handbrake.scan(source, min_duration=shortest, cancel=job.cancel_event)
    if choice.get("mode") == "movie" and not choice.get("title_index"):
        main = rip.choose_main_title(scan, None, opts, among=rip.chosen_titles(scan, choice, opts))
        choice = settle(choice, disc.candidates, main.duration_s, opts.runtime_tolerance)
        if choice != disc.choice:
            service.state.update_disc(disc.id, choice=choice)
    done = already_published(disc)
    planned = [p for p in rip.plan_outputs(scan, choice, opts) if p.title_index not in done]
    return scan, choice, rip.encode_outputs(source, planned, staging, opts, run=job.run, progress=progress,
                                            check_cancelled=job.check_cancelled)  # fmt: skip


def rip_image(service, disc: Disc, job: JobControl) -> dict[str, Any]:
    """A data disc (or any disc) copied to ``Disc Images/<title>.iso`` in the media folder."""
    made = image.make_image(disc.source, job.work_dir, label=disc.label, run=job.run,
                            check_cancelled=job.check_cancelled, progress=reporter(service, disc.id, job))  # fmt: skip
    target = publish_image(made, job.work_dir, service.settings.media_dir, disc.choice.get("title") or disc.label or f"Disc {disc.id}")
    eject(job, disc)
    return {"outputs": [{"path": str(target.relative_to(service.settings.media_dir)), "role": "image"}]}


def publish_image(made: Path, work_dir: Path, media_dir: Path, title: str) -> Path:
    """Put a finished image in place as ``Disc Images/<title>.iso``: moved out of the work folder,
    copied when it is the source itself (a ``.iso`` dropped in the watch folder)."""
    target = naming.join_inside(media_dir, "Disc Images", naming.safe_filename(title, ".iso"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if made.parent == work_dir:
        made.replace(target)
    else:
        shutil.copyfile(made, target)
    fsync_dir(target.parent)
    return target


def rip_audio_cd(make_ripper: Callable[[], Any], service, disc: Disc, job: JobControl) -> dict[str, Any]:
    """The ``AudioCdRipper`` from ``make_ripper`` reads the CD in ``disc`` and publishes the album."""
    result = make_ripper().rip_device(disc.source, job.work_dir, run=job.run, progress=reporter(service, disc.id, job),
                               check_cancelled=job.check_cancelled)  # fmt: skip
    eject(job, disc)
    return result


def eject(job: JobControl, disc: Disc) -> None:
    """Eject a drive's disc (nothing to do for the watch folder); failures are only logged."""
    if not disc.device:
        return
    from ...tools import diskutil, linux_optical

    argv = linux_optical.eject_argv(disc.device) if disc.device.startswith("/dev/") else diskutil.eject_argv(disc.device)
    try:
        job.run(argv, timeout=60, check=False)
    except MediaLibraryError as exc:
        log.warning("Could not eject %s: %s", disc.device, exc.message)

