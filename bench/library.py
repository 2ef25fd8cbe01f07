"""Benchmark: the library's identify throughput and incremental rescan.

Measures, in one run on this machine:
- identify throughput: files per second through ``IdentificationService.identify_file`` (guessit,
  MediaInfo, TMDb search and details against the fake TMDb on loopback, the database writes),
  over distinct titles so guessit's cache does not flatter it, beside ``guessit()`` alone on the
  same names (``identify_vs_guessit``), and a second identify of the same, unchanged files
  (``known_rerun_vs_first``: known files keep their match without guessit, MediaInfo or TMDb);
- the time to rescan 10,000 unchanged files (``Scanner.scan``: walk, stat, one indexed query,
  one compare) beside a plain ``os.walk`` + ``os.stat`` of the same tree, interleaved, medians.

Usage: .venv/bin/python bench/library.py [--files 10000] [--identify 60]
Last line: {"bench": "library", "figures": {...}, "ratios": {"identify_vs_guessit": …,
"known_rerun_vs_first": …, "rescan_vs_walk": walk_s / rescan_s}} (higher is better).
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

from guessit import guessit  # noqa: E402

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


def identify_rates(folder: Path, fake: FakeTmdb, count: int) -> dict:
    """Files per second: identify (first time), guessit alone on the same names, identify again."""
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
        names = [lib.identification.name_for(runtime.state.get_media_file(file_id)) for file_id in ids]
        guessit("Warm.Up.1999.720p.mkv")  # the import and rebulk's rule set, outside both timings
        first_s, results = timed(lambda: [lib.identification.identify_file(file_id) for file_id in ids])
        wrong = [r for r in results if r.get("status") != "identified"]
        if wrong:
            raise SystemExit(f"{len(wrong)} files were not identified: {wrong[:2]}")
        guessit_s, _ = timed(lambda: [guessit(name) for name in names])
        rerun_s, again = timed(lambda: [lib.identification.identify_file(file_id) for file_id in ids])
        if not all(r.get("known") and r["media_id"] == first["media_id"] for r, first in zip(again, results, strict=True)):
            raise SystemExit("a re-run did not keep the files' matches")
        return {"first": len(ids) / first_s, "guessit": len(ids) / guessit_s, "rerun": len(ids) / rerun_s}
    finally:
        runtime.stop()


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


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
        rates = identify_rates(folder, fake, args.identify)
        rescan_s, walk_s = rescan_times(folder, fake, args.files)
    figures = {"identify_files_per_s": round(rates["first"], 2), "guessit_names_per_s": round(rates["guessit"], 2),
               "known_rerun_files_per_s": round(rates["rerun"], 1), "rescan_s": round(rescan_s, 4),
               "walk_s": round(walk_s, 4), "rescan_files": args.files, "identify_files": args.identify}
    ratios = {"identify_vs_guessit": round(rates["first"] / rates["guessit"], 3),
              "known_rerun_vs_first": round(rates["rerun"] / rates["first"], 1),
              "rescan_vs_walk": round(walk_s / rescan_s, 3) if rescan_s else None}
    print(json.dumps({"bench": "library", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
