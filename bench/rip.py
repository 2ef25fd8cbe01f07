"""Benchmark: our disc rip beside HandBrakeCLI run by hand, on the same ISO with the same preset.

Builds the test DVD (a 20 s main title and a 5 s extra; ffmpeg + dvdauthor + genisoimage), then
in the same run, alternating to share the machine's noise:
- ``rip_s``: our rip from "confirmed" to "done" through the real job worker: HandBrake's scan,
  the plan, the encode to ``*.partial.mkv`` with progress parsing, the ffprobe duration check,
  the atomic publish and the library upsert;
- ``handbrake_s``: ``HandBrakeCLI -i disc.iso -t 1 -o out.mkv --preset … --width 160`` by hand,
  at the same low priority (ionice idle, nice 10) our encodes run at.

Usage: .venv/bin/python bench/rip.py [--rounds 3]
Last line: {"bench": "rip", "figures": {"rip_s": …, "handbrake_s": …, "overhead_s": …},
"ratios": {"handbrake_vs_ours": …}} (medians; ``overhead_s`` is ours minus HandBrake's: the fixed
cost our wrapper adds around one encode, goal ≤ 0.3 s).
"""

from __future__ import annotations

import argparse
import json
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
from media_library.tools import proc  # noqa: E402
from tests.media import make_dvd, make_iso  # noqa: E402

PRESET = "Very Fast 480p30"
EXTRA = ["--width", "160"]


def settings_for(folder: Path):
    return load_settings(None, environ={}, overrides={
        "paths.data_dir": str(folder / "data"), "paths.media_dir": str(folder / "media"),
        "jobs.workers": 1, "jobs.poll_seconds": 0.05, "jobs.progress_interval_seconds": 0.5,
        "scheduler.enabled": False, "database.backup_before_migrate": False,
        "disc.preset": PRESET, "disc.extra_args": EXTRA, "disc.min_title_seconds": 8,
        "disc.desktop_notifications": False, "disc.drives": False, "disc.eject_when_done": False,
    })


def our_rip(iso: Path, folder: Path) -> float:
    runtime = Runtime.build(settings_for(folder), "server")
    runtime.start()
    try:
        disc = runtime.state.add_disc("bench", label="BENCH", kind="dvd", source=str(iso), status="confirmed",
                                      choice={"mode": "movie", "title": "Bench", "year": 2000, "tmdb_id": 1})
        started = time.perf_counter()
        job, _ = runtime.jobs.enqueue("disc.rip", {"disc_id": disc.id})
        while (current := runtime.state.get_job(job.id)).status not in ("done", "failed"):
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        if current.status != "done":
            raise SystemExit(f"our rip failed: {current.error}")
        return elapsed
    finally:
        runtime.stop()


def by_hand(iso: Path, out: Path) -> float:
    """HandBrakeCLI alone, at the priority our rips run at (``proc.low_priority_prefix``: idle I/O
    class, nice 10), so that on a busy machine the difference is our fixed cost, not the priority."""
    argv = [*proc.low_priority_prefix(), "HandBrakeCLI", "-i", str(iso), "-t", "1", "-o", str(out), "--preset", PRESET, *EXTRA]
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="bench-rip-") as tmp:
        tmp = Path(tmp)
        iso = make_iso(make_dvd(tmp / "DVD", [20.0, 5.0]), tmp / "disc.iso", label="BENCH_DISC_1")
        ours, hand = [], []
        for n in range(rounds):
            hand.append(by_hand(iso, tmp / f"hand-{n}.mkv"))
            ours.append(our_rip(iso, tmp / f"ours-{n}"))
            print(f"round {n + 1}: ours {ours[-1]:.2f} s, HandBrakeCLI by hand {hand[-1]:.2f} s", file=sys.stderr)
    rip_s, handbrake_s = statistics.median(ours), statistics.median(hand)
    overheads = [o - h for o, h in zip(ours, hand, strict=True)]
    figures = {"rip_s": round(rip_s, 3), "handbrake_s": round(handbrake_s, 3), "overhead_s": round(rip_s - handbrake_s, 3),
               "overhead_per_round_s": [round(o, 3) for o in overheads]}
    print(json.dumps({"bench": "rip", "figures": figures,
                      "ratios": {"handbrake_vs_ours": round(handbrake_s / rip_s, 3)}}))


if __name__ == "__main__":
    main()
