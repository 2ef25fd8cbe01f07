"""Benchmark: the STRM/NFO export.

Exports 50,000 items (40,000 films and 10,000 episodes: about 100,000 files) into a temporary
folder (tmpfs /dev/shm when there is one), then runs the export again with nothing changed, and,
in the same run, a plain loop writing the same files atomically (temp file + os.replace) and the
floor of a re-run (reading the manifest and ``lstat``-ing every file it lists: ``manifest_stat_*``).
Both the exporter and the loop skip fsync (tmpfs; on a disk the exporter fsyncs by default).
Process CPU seconds are reported beside the wall times (the machine is shared).

Usage: .venv/bin/python bench/strm.py [--items 50000]
Last line: {"bench": "strm", "figures": {"first_files_per_s": …, "rerun_files_per_s": …},
            "ratios": {"first_vs_raw_loop": …, "rerun_vs_first": …}} (higher is better).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from media_library.db import migrate  # noqa: E402
from media_library.db.engine import Database, DatabaseOptions  # noqa: E402
from media_library.services.strm.exporter import Exporter, ExportOptions  # noqa: E402
from media_library.services.strm.sources import ExportEntry, ListSource, ShowInfo, Version  # noqa: E402
from media_library.state import AppState  # noqa: E402

BASE = "https://media.example.test/api/media"


def entries(items: int) -> list[ExportEntry]:
    films = items * 4 // 5
    out = [
        ExportEntry(kind="movie", key=f"b:movie:{n}", title=f"Film Number {n}", year=1950 + n % 70,
                    ids=(("tmdb", str(100_000 + n)),), plot=f"Plot of film {n}.", runtime_minutes=90 + n % 60,
                    genres=("Drama", "Comedy"), versions=(Version(f"{BASE}/m{n}/stream?token=mlt_BENCH"),),
                    posters=(f"https://image.tmdb.org/t/p/original/{n}.jpg",))
        for n in range(films)
    ]
    shows = [ShowInfo(key=f"b:show:{s}", title=f"Show {s}", year=2000 + s % 20, ids=(("tvdb", str(s + 1)),)) for s in range(200)]
    for n in range(items - films):
        show = shows[n % len(shows)]
        out.append(ExportEntry(kind="episode", key=f"b:episode:{n}", title=f"Episode {n}", show=show,
                               season=1 + (n // len(shows)) // 10, episode=1 + (n // len(shows)) % 10,
                               versions=(Version(f"{BASE}/e{n}/stream?token=mlt_BENCH"),)))
    return out


def raw_loop(files: dict[Path, bytes], root: Path, target: Path) -> float:
    """The same bytes written with the plainest atomic loop: makedirs, temp file, os.replace."""
    start = time.perf_counter()
    made = set()
    for path, data in files.items():
        dest = target / path.relative_to(root)
        if dest.parent not in made:
            os.makedirs(dest.parent, exist_ok=True)
            made.add(dest.parent)
        temp = dest.with_name("." + dest.name + ".tmp")
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, dest)
    return time.perf_counter() - start


def manifest_and_stat(state: AppState, export: Path) -> float:
    """The floor of an unchanged re-run: read the manifest and ``lstat`` every file it lists."""
    start = time.perf_counter()
    root = str(export.resolve())
    for rel in state.list_strm_manifest(root):
        os.lstat(f"{root}/{rel}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50_000)
    args = parser.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = Path(tempfile.mkdtemp(prefix="strm-bench-", dir=base))
    try:
        db = Database(DatabaseOptions(path=work / "bench.db", synchronous="NORMAL"))
        migrate.upgrade(db)
        state = AppState(db)
        source = ListSource(entries(args.items))
        options = ExportOptions(work / "export", fsync=False, max_writers=4)

        start, cpu = time.perf_counter(), time.process_time()
        first = Exporter(state, options).run(source)
        first_s, first_cpu = time.perf_counter() - start, time.process_time() - cpu
        files = first.counts["created"]

        start, cpu = time.perf_counter(), time.process_time()
        rerun = Exporter(state, options).run(source)
        rerun_s, rerun_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert rerun.counts["unchanged"] == files and rerun.counts["created"] == rerun.counts["updated"] == 0

        content = {p: p.read_bytes() for p in (work / "export").rglob("*") if p.is_file()}
        raw_s = raw_loop(content, work / "export", work / "raw")
        floor_s = manifest_and_stat(state, work / "export")
        state.close()

        figures = {"items": args.items, "files": files, "first_s": round(first_s, 2), "rerun_s": round(rerun_s, 2),
                   "raw_loop_s": round(raw_s, 2), "first_files_per_s": round(files / first_s),
                   "rerun_files_per_s": round(files / rerun_s), "raw_loop_files_per_s": round(files / raw_s),
                   "manifest_stat_s": round(floor_s, 2), "manifest_stat_files_per_s": round(files / floor_s),
                   "first_cpu_s": round(first_cpu, 2), "rerun_cpu_s": round(rerun_cpu, 2),
                   "writers": first.writers, "target": "tmpfs" if base else "disk"}
        print(json.dumps(figures), file=sys.stderr)
        print(json.dumps({"bench": "strm",
                          "figures": {"first_files_per_s": figures["first_files_per_s"], "rerun_files_per_s": figures["rerun_files_per_s"]},
                          "ratios": {"first_vs_raw_loop": round(raw_s / first_s, 3), "rerun_vs_first": round(first_s / rerun_s, 3)}}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
