"""Benchmark: the library's identify throughput and incremental rescan.

Measures, in one run on this machine:
- identify throughput: files per second through ``IdentificationService.identify_file`` (guessit,
  MediaInfo, TMDb search and details against the fake TMDb on loopback, the database writes),
  over distinct titles so guessit's cache does not flatter it;
- the time to rescan 10,000 unchanged files (``Scanner.scan``: walk, stat, one indexed query,
  one compare) beside a plain ``os.walk`` + ``os.stat`` of the same tree, interleaved, medians.

Usage: .venv/bin/python bench/library.py [--files 10000] [--identify 60]
Last line: {"bench": "library", "figures": {...}, "ratios": {"rescan_vs_walk": walk_s / rescan_s}}.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from media_library.runtime import Runtime  # noqa: E402
from media_library.services.library import LibraryServices  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.fakes.tmdb import FakeTmdb  # noqa: E402
from tests.media import make_video  # noqa: E402

WORDS = ["Silver", "Harbor", "Night", "Glass", "River", "Echo", "Paper", "Winter", "Falcon", "Garden", "Iron", "Lantern"]


def title_of(n: int) -> str:
    return f"{WORDS[n % 12]} {WORDS[(n // 12) % 12]} {WORDS[(n // 144) % 12]} {n}"


def build(folder: Path, fake: FakeTmdb, overrides: dict | None = None):
    settings = make_settings(folder, **{"tmdb.base_url": fake.url, "tmdb.api_key": fake.api_key,
                                        "library.organize": False, "database.synchronous": "NORMAL", **(overrides or {})})
    runtime = Runtime.build(settings, "worker")
    # no job service: a scan here measures itself, without queueing identify jobs
    return runtime, LibraryServices(settings, runtime.state, runtime.bus, None, clients=runtime.services.clients)


def identify_rate(folder: Path, fake: FakeTmdb, count: int) -> float:
    runtime, lib = build(folder / "identify", fake)
    try:
        master = make_video(folder / "master.mkv", 95 * 60, size="32x32", fps=1, audio=False)
        for n in range(count):
            year = 1980 + n % 40
            fake.add_movie(100000 + n, title_of(n), year=year, runtime=95)
            fake.add_movie(200000 + n, title_of(n) + " Returns", year=year + 2, runtime=110)
            target = lib.roots["movies"] / f"{title_of(n).replace(' ', '.')}.{year}.1080p.BluRay.x264-GRP.mkv"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(master, target)
        ids = lib.scanner.scan().new
        start = time.perf_counter()
        results = [lib.identification.identify_file(file_id) for file_id in ids]
        elapsed = time.perf_counter() - start
        wrong = [r for r in results if r.get("status") != "identified"]
        if wrong:
            raise SystemExit(f"{len(wrong)} files were not identified: {wrong[:2]}")
        return len(ids) / elapsed
    finally:
        runtime.stop()


def make_tree(root: Path, files: int) -> None:
    per_folder = 100
    for n in range(files):
        folder = root / f"Show {n // per_folder:04d}" / "Season 01"
        if n % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"Show S01E{n % per_folder:02d}.mkv").write_bytes(b"\x1a\x45\xdf\xa3")


def plain_walk(root: Path) -> int:
    seen = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            os.stat(os.path.join(folder, name))
            seen += 1
    return seen


def rescan_times(folder: Path, fake: FakeTmdb, files: int, rounds: int = 5) -> tuple[float, float]:
    runtime, lib = build(folder / "rescan", fake)
    try:
        make_tree(lib.roots["shows"], files)
        first = lib.scanner.scan()
        assert len(first.new) == files, first.to_dict()
        ours, walk = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            report = lib.scanner.scan()
            ours.append(time.perf_counter() - start)
            assert report.unchanged == files and not report.new and not report.changed, report.to_dict()
            start = time.perf_counter()
            assert plain_walk(lib.roots["shows"]) == files
            walk.append(time.perf_counter() - start)
        return statistics.median(ours), statistics.median(walk)
    finally:
        runtime.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000, help="files in the rescan tree")
    parser.add_argument("--identify", type=int, default=60, help="files to identify")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-library-") as tmp, FakeTmdb() as fake:
        folder = Path(tmp)
        rate = identify_rate(folder, fake, args.identify)
        rescan_s, walk_s = rescan_times(folder, fake, args.files)
    figures = {"identify_files_per_s": round(rate, 2), "rescan_s": round(rescan_s, 4), "walk_s": round(walk_s, 4),
               "rescan_files": args.files, "identify_files": args.identify}
    ratios = {"rescan_vs_walk": round(walk_s / rescan_s, 3) if rescan_s else None}
    print(json.dumps({"bench": "library", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
