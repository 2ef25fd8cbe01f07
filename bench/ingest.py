"""Benchmark: our download of a 200 MiB video from a local server beside yt-dlp run by hand on the same URL.

Makes a 200 MiB H.264 MP4 with ffmpeg (noise compresses badly, so a few seconds are enough), serves
it from the tests' fake site on 127.0.0.1 (ranges supported), then in the same run, alternating to
share the machine's noise:
- ``ours_s``: ``DownloadService.add`` to "done" through the real job worker: yt-dlp's probe and
  download in a child process through the guarded forward proxy, progress parsing, the ffprobe
  check, the publish into the web-video layout with its NFO, the library and archive records;
- ``ytdlp_s``: ``python -m yt_dlp -o out.mp4 URL`` by hand (no proxy, no checks, no publish).

Usage: .venv/bin/python bench/ingest.py [--rounds 3] [--mib 200]
Last line: {"bench": "ingest", "figures": {"ours_s": …, "ytdlp_s": …, "mib": …, "ours_mib_s": …},
"ratios": {"vs_ytdlp": …}} (yt-dlp's time divided by ours, medians; our overhead shows below 1).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from media_library.runtime import Runtime  # noqa: E402
from media_library.sources import load_settings  # noqa: E402
from tests.fakes.media_site import FakeMediaSite  # noqa: E402

NOISE_MB_PER_S = 50.0  # what ffmpeg's lossless noise at 720p25 comes to, roughly


def make_file(path: Path, mib: int) -> Path:
    seconds = f"{mib * 1.048576 / NOISE_MB_PER_S:.2f}"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=1280x720:r=25,noise=alls=100:allf=t",  # noqa: S603, S607
                    "-t", seconds, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p",
                    "-movflags", "+faststart", str(path)], check=True, timeout=600)
    return path


def settings_for(folder: Path):
    return load_settings(None, environ={}, overrides={
        "paths.data_dir": str(folder / "data"), "paths.media_dir": str(folder / "media"),
        "jobs.workers": 1, "jobs.poll_seconds": 0.05, "jobs.progress_interval_seconds": 0.5,
        "scheduler.enabled": False, "database.backup_before_migrate": False, "http.allow_hosts": ["127.0.0.1"],
        "downloads.thumbnails": False,
    })


def ours(url: str, folder: Path) -> float:
    runtime = Runtime.build(settings_for(folder), "server")
    runtime.start()
    try:
        started = time.perf_counter()
        download = runtime.services.downloads.add(url, "best_mp4")
        while (current := runtime.state.get_download(download.id)).status not in ("done", "failed", "skipped"):
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        if current.status != "done":
            raise SystemExit(f"our download ended {current.status}: {current.error}")
        return elapsed
    finally:
        runtime.stop()


def by_hand(url: str, folder: Path) -> float:
    folder.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "yt_dlp", "--ignore-config", "-q", "-o", str(folder / "out.%(ext)s"), url],  # noqa: S603
                   check=True, timeout=600)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mib", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ml-bench-ingest-") as tmp:
        folder = Path(tmp)
        site_root = folder / "site"
        site_root.mkdir()
        video = make_file(site_root / "big.mp4", args.mib)
        size_mib = video.stat().st_size / 1048576
        ours_s, ytdlp_s = [], []
        with FakeMediaSite(site_root) as site:
            url = f"{site.url}/big.mp4"
            for round_ in range(args.rounds):
                ytdlp_s.append(by_hand(url, folder / f"hand{round_}"))
                ours_s.append(ours(url, folder / f"ours{round_}"))
                shutil.rmtree(folder / f"hand{round_}")
                shutil.rmtree(folder / f"ours{round_}")
                print(f"round {round_ + 1}: ours {ours_s[-1]:.2f} s, yt-dlp by hand {ytdlp_s[-1]:.2f} s", file=sys.stderr)
        ours_median, ytdlp_median = statistics.median(ours_s), statistics.median(ytdlp_s)
        print(json.dumps({"bench": "ingest", "figures": {
            "ours_s": round(ours_median, 3), "ytdlp_s": round(ytdlp_median, 3), "mib": round(size_mib, 1),
            "ours_mib_s": round(size_mib / ours_median, 1), "ytdlp_mib_s": round(size_mib / ytdlp_median, 1)},
            "ratios": {"vs_ytdlp": round(ytdlp_median / ours_median, 3)}}))


if __name__ == "__main__":
    main()
