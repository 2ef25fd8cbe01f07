"""Eject early: a drive copied to an image first ("imaging"), ejected, the rip encoded from the image
("ejected"), Retry from the image.

The "drive" is a real DVD image made by tests/media.py (ffmpeg + dvdauthor + genisoimage) saved
as ``dev/sr0``: a readable file that is not named ``*.iso`` is copied byte for byte exactly like a
device node would be, so the copy path is the one a real ``/dev/sr0`` takes.
"""

from __future__ import annotations

import os
import signal
import stat
import sys

import pytest

from media_library import events
from media_library.errors import JobCancelled, ToolError
from media_library.runtime import Runtime
from media_library.services.discs import image
from media_library.services.discs.events import DiscUpdated
from media_library.tools import ffprobe
from tests.discs.conftest import TINY, disc_settings, job_done, wait_for
from tests.discs.test_kill_retry import crash, start_worker, write_config
from tests.media import make_dvd, make_iso

CHOICE = {"mode": "movie", "title": "Early Bird", "year": 2018, "tmdb_id": 88}
NAME = "Early Bird (2018) [tmdbid-88]"


def fake_drive(tmp_path, tmp_path_factory, titles):
    """A DVD image at ``dev/sr0``, standing in for a drive's device node."""
    return make_iso(make_dvd(tmp_path / "DVD", titles, cache=tmp_path_factory), tmp_path / "dev" / "sr0",
                    label="EARLY_BIRD")  # fmt: skip


def test_device_copy_is_chunked_reports_progress_and_renames_when_complete(tmp_path, tmp_path_factory, monkeypatch):
    drive = fake_drive(tmp_path, tmp_path_factory, [2.0])
    monkeypatch.setattr(image, "CHUNK", 64 * 1024)
    seen = []
    made = image.make_image(str(drive), tmp_path / "work", progress=lambda p, m: seen.append((p, m)))
    assert made == tmp_path / "work" / "disc.iso" and made.read_bytes() == drive.read_bytes()
    assert len(seen) == -(-drive.stat().st_size // image.CHUNK) and seen[-1][0] == 100.0
    assert "copying the disc" in seen[-1][1]
    assert not (tmp_path / "work" / "disc.iso.partial").exists()
    # A second attempt finds the image before looking at the source: the disc may be gone.
    drive.unlink()
    assert image.make_image(str(drive), tmp_path / "work") == made
    image.discard(tmp_path / "work")
    assert not made.exists()


def test_device_copy_cancelled_or_unreadable_leaves_nothing(tmp_path, tmp_path_factory, monkeypatch):
    drive = fake_drive(tmp_path, tmp_path_factory, [2.0])
    monkeypatch.setattr(image, "CHUNK", 64 * 1024)
    calls = []

    def cancel_on_third_chunk():
        calls.append(1)
        if len(calls) == 3:
            raise JobCancelled("cancelled")

    with pytest.raises(JobCancelled):
        image.make_image(str(drive), tmp_path / "work", check_cancelled=cancel_on_third_chunk)
    assert list((tmp_path / "work").iterdir()) == []
    with pytest.raises(ToolError, match="could not read"):
        image.make_image(str(tmp_path / "dev" / "sr1"), tmp_path / "work")
    assert list((tmp_path / "work").iterdir()) == []


def eject_shim(tmp_path, monkeypatch):
    """An ``eject`` first on PATH that notes its arguments (no drive to eject here); the notes file."""
    notes = tmp_path / "ejected.txt"
    shim = tmp_path / "shim-bin" / "eject"
    shim.parent.mkdir()
    shim.write_text(f"#!{sys.executable}\nimport sys\nopen({str(notes)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
    return notes


def stages(updates: list[dict]) -> list[str]:
    """The disc's statuses in order, each run of one status once."""
    return [s for n, s in enumerate(u["status"] for u in updates) if n == 0 or updates[n - 1]["status"] != s]


@pytest.mark.slow
def test_eject_early_images_the_drive_then_encodes_from_the_image(tmp_path, tmp_path_factory, rig, monkeypatch):
    ejected = eject_shim(tmp_path, monkeypatch)
    runtime, recorder = rig(**{"disc.eject_early": True})
    drive = fake_drive(tmp_path, tmp_path_factory, [20.0, 5.0])
    before = drive.read_bytes()
    disc = runtime.state.add_disc("fp-early", label="EARLY_BIRD", kind="dvd", source=str(drive), device="/dev/sr0",
                                  status="confirmed", choice=CHOICE)  # fmt: skip
    job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
    done = wait_for(lambda: job_done(runtime, disc.id), 180, what="rip done")

    # Its own states: "imaging" while copied, then "ejected" (the drive ejected once) while encoding, then done.
    updates = [u for u in recorder.named(DiscUpdated) if u["id"] == disc.id]
    assert stages(updates) == ["imaging", "ejected", "done"], stages(updates)
    assert any(u["status"] == "imaging" and u["message"].startswith("copying the disc:") and 0 < u["progress"] <= 100
               for u in updates)  # fmt: skip
    assert any(u["status"] == "ejected" and u["message"].startswith("encoding") for u in updates)
    assert ejected.read_text() == "/dev/sr0\n"

    path = runtime.settings.media_dir / "Movies" / NAME / f"{NAME}.mkv"
    assert [o["path"] for o in done.result["outputs"]] == [f"Movies/{NAME}/{NAME}.mkv"]
    assert 19.0 <= ffprobe.duration(path) <= 21.5
    messages = [p["message"] or "" for p in recorder.named(events.JobProgress) if p["id"] == job.id]
    first_encode = next(i for i, m in enumerate(messages) if m.startswith("encoding"))
    assert any(m.startswith("copying the disc") for m in messages[:first_encode])  # imaged before encoding
    assert drive.read_bytes() == before  # the "drive" is only read
    assert not (runtime.settings.work_dir / str(job.id) / "disc.iso").exists()  # published: image discarded


@pytest.mark.slow
def test_rip_killed_after_imaging_retries_from_the_image_without_the_disc(tmp_path, tmp_path_factory):
    values = {**TINY, "disc.watch_dir": str(tmp_path / "watch"), "disc.eject_early": True, "jobs.poll_seconds": 0.2,
              "jobs.progress_interval_seconds": 0.0, "scheduler.enabled": False,
              "database.backup_before_migrate": False, "jobs.lease_seconds": 6,
              "paths.data_dir": str(tmp_path / "data"), "paths.media_dir": str(tmp_path / "media")}  # fmt: skip
    settings = disc_settings(tmp_path, **values)
    config = write_config(tmp_path, values)
    drive = fake_drive(tmp_path, tmp_path_factory, [30.0])
    runtime = Runtime.build(settings, "server")
    try:
        disc = runtime.state.add_disc("fp-early-kill", label="EARLY_BIRD", kind="dvd", source=str(drive),
                                      status="confirmed", choice=CHOICE)  # fmt: skip
        job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
        made = settings.work_dir / str(job.id) / "disc.iso"
        log = tmp_path / "worker.log"
        worker = start_worker(config, log)
        try:
            wait_for(made.exists, 120, 0.02, "the image made")
        finally:
            crash(worker)
        assert runtime.state.get_job(job.id).status == "running"  # nobody has noticed yet
        drive.unlink()  # the disc was ejected and is gone

        worker = start_worker(config, log)
        try:
            wait_for(lambda: runtime.state.get_job(job.id).status == "interrupted", 60, what="interrupted after restart")
            runtime.jobs.retry(job.id)
            finished = wait_for(lambda: (j := runtime.state.get_job(job.id)).status in ("done", "failed") and j, 180,
                                what="retry finished")  # fmt: skip
            assert finished.status == "done", (finished.error, log.read_text()[-2000:])
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        path = settings.media_dir / "Movies" / NAME / f"{NAME}.mkv"
        assert 29.0 <= ffprobe.duration(path) <= 31.5
        assert not made.exists() and not list(settings.media_dir.rglob("*.partial.mkv"))
        assert runtime.state.get_disc(disc.id).status == "done"
    finally:
        runtime.stop()
