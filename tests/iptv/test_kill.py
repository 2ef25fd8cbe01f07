"""kill -9 at half of an IPTV download (the real program, ``main.py --mode worker``, in a
subprocess), then start it again: the job is recovered, the download resumes from its persisted
progress with a range request (not from zero), and the published file is byte-identical."""

from __future__ import annotations

import hashlib
import os
import signal
from pathlib import Path

import pytest

from tests.conftest import build_runtime, make_settings
from tests.podcasts.conftest import wait_for
from tests.podcasts.test_kill import _worker

pytestmark = [pytest.mark.slow]


def test_kill_9_at_half_then_restart_resumes_byte_identical(tmp_path, provider, ctx):
    data = os.urandom(3 * 1024 * 1024)
    provider.media["movie/456"] = data
    provider.bytes_per_second = 300_000
    values = {"paths.data_dir": str(tmp_path / "data"), "paths.media_dir": str(tmp_path / "media"),
              "jobs.poll_seconds": 0.2, "jobs.lease_seconds": 6, "scheduler.enabled": "false",
              "database.backup_before_migrate": "false", "http.allow_hosts": ["127.0.0.1"], "auth.setup_code": "x-code"}
    log = tmp_path / "worker.log"
    runtime = build_runtime(make_settings(tmp_path, **values))
    try:
        account = runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)
        runtime.services.iptv_sync.sync(account.id, ctx)
        download = runtime.services.iptv_downloads.queue_movie(account.id, "456")

        worker = _worker(values, log)
        try:
            wait_for(lambda: runtime.state.get_iptv_download(download.id).done_bytes > len(data) * 0.4, 90,
                     "progress past 40 % persisted")
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
        kept = runtime.state.get_iptv_download(download.id).done_bytes
        assert 0 < kept < len(data) and runtime.state.get_job(download.job_id).status == "running"

        provider.bytes_per_second = 0
        worker = _worker(values, log)
        try:
            done = wait_for(lambda: (d := runtime.state.get_iptv_download(download.id)).status in ("done", "failed") and d,
                            120, "the download to finish after the restart")
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)
        assert done.status == "done", (done.error, log.read_text()[-2000:])
        resumed = [r for r in provider.media_requests if r["range"]]
        assert resumed and int(resumed[-1]["range"].removeprefix("bytes=").rstrip("-")) >= kept
        assert resumed[-1]["status"] == 206
        assert hashlib.sha256(Path(done.path).read_bytes()).hexdigest() == hashlib.sha256(data).hexdigest()
        assert not runtime.services.iptv_downloads.part_path(download.id).exists()
    finally:
        runtime.stop()
