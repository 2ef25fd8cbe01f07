"""kill -9 during an enclosure download (the real program, ``main.py --mode worker``, in a
subprocess), then start it again: the job is recovered, the download resumes from the part file
with a range request, and the bytes are identical to the source."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from media_library.config import env_name
from tests.conftest import build_runtime, make_settings
from tests.fakes.podcasts import FakePodcastHost, make_mp3, rss
from tests.podcasts.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow]


def _worker(values: dict, log: Path) -> subprocess.Popen:
    """``main.py --mode worker`` with ``values`` as its ``ML_*`` environment (nothing else of ours)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env.update({env_name(key): ",".join(v) if isinstance(v, list) else str(v) for key, v in values.items()})
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--mode", "worker"],  # noqa: S603
                                cwd=str(log.parent), env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def test_kill_9_mid_download_then_restart_resumes_byte_identical(tmp_path):
    audio = make_mp3(tmp_path / "long.mp3", seconds=60, bitrate="128k").read_bytes()
    values = {"paths.data_dir": str(tmp_path / "data"), "paths.media_dir": str(tmp_path / "media"),
              "jobs.poll_seconds": 0.2, "jobs.lease_seconds": 6, "scheduler.enabled": "false",
              "database.backup_before_migrate": "false", "http.allow_hosts": ["127.0.0.1"], "auth.setup_code": "x-code"}
    log = tmp_path / "worker.log"
    with FakePodcastHost() as host:
        host.media["long.mp3"] = audio
        host.slow_bytes_per_second = 150_000
        host.feeds["long.xml"] = rss("Long Show", [{"guid": "l1", "title": "Long One", "date": 1_700_000_000,
                                                    "url": f"{host.url}/slow/long.mp3", "length": len(audio)}])
        runtime = build_runtime(make_settings(tmp_path, **values))
        try:
            podcast = runtime.services.podcasts.subscribe(f"{host.url}/feeds/long.xml", refresh=False)
            runtime.services.podcasts.refresh(podcast.id)
            episode = runtime.state.list_episodes(podcast.id)[0]
            job = runtime.services.podcasts.queue_download(episode.id)
            part = runtime.settings.work_dir / "podcasts" / f"episode-{episode.id}.part"

            worker = _worker(values, log)
            try:
                wait_for(lambda: part.exists() and part.stat().st_size > len(audio) * 0.3, 60, "a third downloaded")
            finally:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(10)
            kept = part.stat().st_size
            assert 0 < kept < len(audio) and runtime.state.get_job(job.id).status == "running"

            worker = _worker(values, log)
            try:
                done = wait_for(lambda: (j := runtime.state.get_job(job.id)).status in ("done", "failed") and j, 120,
                                "the download to finish after the restart")
            finally:
                worker.send_signal(signal.SIGTERM)
                worker.wait(30)
            assert done.status == "done", (done.error, log.read_text()[-2000:])
            assert done.result["sha256"] == hashlib.sha256(audio).hexdigest()
            resumed = [r for r in host.requests_to("/slow/long.mp3") if r.headers.get("Range")]
            assert resumed and int(resumed[0].headers["Range"].removeprefix("bytes=").rstrip("-")) >= kept
            assert resumed[0].headers["If-Range"].strip('"') == hashlib.sha1(audio).hexdigest()  # noqa: S324
            final = runtime.state.get_episode(episode.id)
            assert final.downloaded and Path(final.file_path).name == "2023-11-14 - Long One.mp3"
            assert not part.exists()
        finally:
            runtime.stop()
