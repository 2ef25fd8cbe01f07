"""Recovery: live progress (percent, speed, ETA) as job progress; cancel ends yt-dlp and its
children; a restart mid-download resumes yt-dlp's ``.part`` with a ranged request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from media_library.events import JobProgress
from tests.conftest import build_runtime, make_settings
from tests.downloads.conftest import finished, wait_for
from tests.fakes.media_site import FakeMediaSite
from tests.media import make_video


@pytest.fixture(scope="module")
def big_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("big")
    make_video(root / "big.mp4", 20.0, size="640x480", fps=25, cache=tmp_path_factory)
    return root


@pytest.fixture
def slow_site(big_root):
    size = (big_root / "big.mp4").stat().st_size
    with FakeMediaSite(big_root, throttle=max(size // 8, 16384)) as fake:  # about 8 s for the whole file
        yield fake


def _part(runtime, download_id) -> Path | None:
    job_id = runtime.state.get_download(download_id).job_id
    folder = runtime.settings.work_dir / str(job_id)
    parts = [p for p in folder.glob("*.part") if p.stat().st_size > 0] if folder.exists() else []
    return parts[0] if parts else None


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if text.encode() in cmdline:
            found.append(int(pid))
    return found


def test_progress_reaches_the_job_with_speed_and_eta(rig, slow_site):
    runtime = rig()
    seen = []
    runtime.bus.subscribe(lambda event: seen.append(event.payload()) if isinstance(event, JobProgress) else None)
    download = finished(runtime, runtime.services.downloads.add(f"{slow_site.url}/big.mp4").id)
    assert download.status == "done", download.error
    messages = [p["message"] for p in seen if p.get("message")]
    assert any("iB/s" in m and "ETA" in m for m in messages), messages[-5:]
    percents = [p["progress"] for p in seen]
    assert any(0 < p < 100 for p in percents)


def test_cancel_ends_ytdlp_and_its_children(rig, slow_site):
    runtime = rig()
    download = runtime.services.downloads.add(f"{slow_site.url}/big.mp4")
    wait_for(lambda: _part(runtime, download.id), 60, what="a .part file")
    work = str(runtime.settings.work_dir / str(runtime.state.get_download(download.id).job_id))
    assert _processes_mentioning(work)
    runtime.services.downloads.cancel(download.id)
    assert finished(runtime, download.id).status == "cancelled"
    wait_for(lambda: runtime.state.get_job(download.job_id).status == "cancelled", 30, what="the job to end")
    wait_for(lambda: not _processes_mentioning(work), 10, what="yt-dlp to be gone")


def test_restart_mid_download_resumes_the_part(tmp_path, slow_site):
    settings = make_settings(tmp_path)
    first = build_runtime(settings)
    first.start()
    download = first.services.downloads.add(f"{slow_site.url}/big.mp4")
    part = wait_for(lambda: _part(first, download.id), 60, what="a .part file")
    wait_for(lambda: part.stat().st_size > 65536, 30, what="some bytes")
    first.stop()  # the daemon stops: the job goes back to the queue, the .part stays
    kept = part.stat().st_size
    assert kept > 0
    slow_site.throttle = None
    second = build_runtime(settings)
    second.start()
    try:
        done = finished(second, download.id)
        assert done.status == "done", done.error
    finally:
        second.stop()
    ranges = [h.range for h in slow_site.requested("/big.mp4") if h.range and h.range != "bytes=0-"]
    assert ranges and int(ranges[-1].split("=")[1].split("-")[0]) >= kept - 65536
