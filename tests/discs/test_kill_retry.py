"""kill -9 during an encode (the worker runs as ``main.py --mode worker`` in a subprocess): after a
restart the rip is ``interrupted`` with Retry, no partial file is in the library, Retry finishes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from media_library.runtime import Runtime
from media_library.tools import ffprobe
from tests.discs.conftest import TINY, disc_settings, wait_for
from tests.media import make_dvd, make_iso

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
]


def write_config(tmp_path: Path, values: dict) -> Path:
    sections: dict = {}
    for key, value in values.items():
        section, _, leaf = key.partition(".")
        sections.setdefault(section, {})[leaf] = value
    path = tmp_path / "config.json"
    path.write_text(json.dumps(sections))
    return path


def start_worker(config: Path, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--config", str(config), "--mode", "worker"],  # noqa: S603
                                cwd=str(config.parent), env=env, stdout=out, stderr=subprocess.STDOUT)


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def crash(worker: subprocess.Popen) -> None:
    """The machine 'loses' the daemon: SIGKILL it and HandBrake (its own process group)."""
    victims = descendants(worker.pid)
    worker.send_signal(signal.SIGKILL)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    worker.wait(10)


def test_kill_during_encode_then_retry(tmp_path, tmp_path_factory):
    values = {**TINY, "disc.watch_dir": str(tmp_path / "watch"), "jobs.poll_seconds": 0.2,
              "jobs.progress_interval_seconds": 0.0, "scheduler.enabled": False,
              "database.backup_before_migrate": False, "jobs.lease_seconds": 6,
              "paths.data_dir": str(tmp_path / "data"), "paths.media_dir": str(tmp_path / "media")}
    settings = disc_settings(tmp_path, **values)
    config = write_config(tmp_path, values)
    iso = make_iso(make_dvd(tmp_path / "DVD", [60.0], cache=tmp_path_factory), tmp_path / "disc.iso", label="KILL_ME")
    runtime = Runtime.build(settings, "server")
    try:
        choice = {"mode": "movie", "title": "Kill Me", "year": 2020, "tmdb_id": 77}
        disc = runtime.state.add_disc("fp-kill", label="KILL_ME", kind="dvd", source=str(iso), status="confirmed",
                                      choice=choice)
        job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
        log = tmp_path / "worker.log"
        worker = start_worker(config, log)
        try:
            staging = settings.media_dir / ".incoming"
            wait_for(lambda: runtime.state.get_job(job.id).progress > 5 and list(staging.rglob("*.partial.mkv")),
                     120, 0.05, "encode under way")
        finally:
            crash(worker)
        assert runtime.state.get_job(job.id).status == "running"  # nobody has noticed yet

        worker = start_worker(config, log)
        try:
            interrupted = wait_for(lambda: (j := runtime.state.get_job(job.id)).status == "interrupted" and j, 60,
                                   what="interrupted after restart")
            assert "Retry" in interrupted.message
            library = settings.media_dir / "Movies"
            assert not list(library.rglob("*.mkv")) if library.exists() else True  # nothing half-done published
            runtime.jobs.retry(job.id)
            done = wait_for(lambda: (j := runtime.state.get_job(job.id)).status in ("done", "failed") and j, 180,
                            what="retry finished")
            assert done.status == "done", (done.error, log.read_text()[-2000:])
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        name = "Kill Me (2020) [tmdbid-77]"
        final = settings.media_dir / "Movies" / name / f"{name}.mkv"
        assert 58.5 <= ffprobe.duration(final) <= 61.5
        assert not list(settings.media_dir.rglob("*.partial.mkv"))
        assert runtime.state.get_disc(disc.id).status == "done"
    finally:
        runtime.stop()
