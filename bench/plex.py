"""Benchmark: a Plex re-sync after 1 % of 20,000 films changed and a few were deleted, against
the floor of fetching and parsing the same pages in the same run.

A fake Plex server (tests/fakes/plex.py, on 127.0.0.1) serves 20,000 generated films. The bench
runs a full sync; then, three rounds, changes 1 % (new ``updatedAt`` and title) and deletes 20,
runs the re-sync and checks it updated and removed exactly those. Around each re-sync it times
the floor — the same listing pages fetched with the same client and parsed into ``PlexItem``s,
nothing compared or written; the ratio compares the medians (the machine may be shared). On a
loaded machine the wall-clock ratio swings; ``floor_vs_resync_cpu`` compares the CPU time this
process spent (the sync and the fake server in it, for both), which a shared machine disturbs
less. Last, a re-sync with nothing changed must write no rows.

Usage: .venv/bin/python bench/plex.py [--items 20000] [--page-size 200]
Last line: {"bench": "plex", "figures": {...}, "ratios": {"floor_vs_resync": floor_s / resync_s}}
(goal >= 0.87: the re-sync at most 15 % over the floor).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from media_library.models.plex import PlexSyncPayload  # noqa: E402
from media_library.services.plex.parse import parse_item  # noqa: E402
from tests.conftest import build_runtime, make_settings  # noqa: E402
from tests.fakes.plex import FakePlex  # noqa: E402


class Control:
    """The job control a worker would pass, without a job: progress is dropped."""

    def __init__(self, work_dir: Path):
        self.work_dir, self.cancel_event, self.cancel_reason = work_dir, threading.Event(), "cancelled"

    def progress(self, percent, message=None, *, force=False):
        pass

    def cancelled(self):
        return False

    def check_cancelled(self):
        pass


CPU: list[tuple[str, float]] = []  # (what, CPU seconds of this process: the sync and the fake server both)


def timed(fn, what: str = ""):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    if what:
        CPU.append((what, time.process_time() - cpu))
    return time.perf_counter() - start, result


def cpu_median(what: str) -> float:
    return statistics.median(seconds for name, seconds in CPU if name == what)


def floor(client, section_key: str) -> int:
    """Fetch and parse every page of the section, as a sync does, and nothing else."""
    return sum(1 for items, _ in client.section_items(section_key, "movie") for raw in items if parse_item(raw, "movie"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--page-size", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="1 %%-changed re-syncs, each between two floor runs (medians)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-plex-") as tmp, FakePlex() as fake:
        tmp_path = Path(tmp)
        fake.add_section("1", "movie", "Films", ["/data/movies"])
        fake.generate_movies("1", args.items)
        runtime = build_runtime(make_settings(tmp_path, **{"plex.page_size": args.page_size, "plex.artwork": False}))
        try:
            plex = runtime.services.plex
            server = plex.add_server("bench", fake.url, fake.token)
            plex.add_mapping(server.id, "/data/movies", str(tmp_path / "movies"))
            sync = runtime.services.plex_sync

            def run():
                return sync.run(PlexSyncPayload(server_id=server.id), Control(tmp_path))["libraries"][0]

            first_s, first = timed(run)
            assert first["created"] == args.items, first
            client, floors, resyncs = plex.client(server), [], []
            for round_ in range(args.rounds):
                keys = [item["ratingKey"] for item in fake.items("1")]
                deleted = set(keys[50 + round_::1000][:20])
                changed = set(keys[round_::100]) - deleted
                fake.touch("1", changed, 1_900_000_000 + round_)
                fake.remove("1", deleted)
                floors.append(timed(lambda: floor(client, "1"), "floor")[0])
                resync_s, resync = timed(run, "resync")
                resyncs.append(resync_s)
                assert (resync["updated"], resync["deleted"], resync["created"]) == (len(changed), len(deleted), 0), resync
            floors.append(timed(lambda: floor(client, "1"), "floor")[0])
            same_s, same = timed(run)
            assert same["updated"] == same["created"] == same["deleted"] == 0, same
        finally:
            runtime.stop()
    floor_s, resync_s = statistics.median(floors), statistics.median(resyncs)
    figures = {"items": args.items, "page_size": args.page_size, "full_sync_s": round(first_s, 3),
               "resync_s": round(resync_s, 3), "resyncs_s": [round(r, 3) for r in resyncs], "floors_s": [round(f, 3) for f in floors], "floor_s": round(floor_s, 3), "unchanged_resync_s": round(same_s, 3),
               "changed_per_round": resync["updated"], "deleted_per_round": resync["deleted"], "rounds": args.rounds,
               "full_items_per_s": round(args.items / first_s),
               "floor_cpu_s": round(cpu_median("floor"), 3), "resync_cpu_s": round(cpu_median("resync"), 3)}
    ratios = {"floor_vs_resync": round(floor_s / resync_s, 3),
              "floor_vs_resync_cpu": round(cpu_median("floor") / cpu_median("resync"), 3)}
    print(json.dumps({"bench": "plex", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
