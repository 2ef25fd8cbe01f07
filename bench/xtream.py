"""Benchmark: the IPTV (Xtream Codes) catalog sync and downloads, against the fake provider.

1. **Sync**: the fake provider (``tests/fakes/xtream.py``) lists ``--vod`` films (100,000) and
   ``--series`` series (5,000); our ``iptv.sync`` use case fetches, parses and writes them
   (``CatalogSync``, batched upserts in one transaction per section) into a fresh database. In the
   same run a plain ``executemany`` writes the same rows into a table of the same shape in another
   fresh database (no fetch, no parse): the floor of what writing costs. The fake's list answers
   are encoded before the clock starts (``FakeXtream.freeze_lists``): a real provider encodes them
   on its own machine, while the fake runs in this process and its ``json.dumps`` would take our
   GIL in the middle of the sync being measured.
2. **Download**: one ``--mib`` file from the same fake, every connection throttled to
   ``--per-connection-mib`` MiB/s; ours (``clients/resumable.py`` through ``IptvDownloader``, with
   ``--connections`` segments; timed from the job's start, budget check and probe included, to the
   file handed to the publish step) against Debian's ``aria2c`` (``-x N -s N``) fetching the same
   URL from the same server with the same number of connections.

Both are run ``--repeat`` times (3), alternating, each on fresh databases; the best of each is
compared (the development machine is shared: a burst of load must not land on one side only).

Usage: .venv/bin/python bench/xtream.py [--vod 100000 --series 5000 --mib 48 --connections 4 --repeat 3]
Last line: {"bench": "xtream", "figures": {"sync_items_per_s": …, …},
            "ratios": {"sync_vs_executemany": …, "download_vs_aria2c": …}} (higher is better).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from media_library.clients.xtream import parse_row  # noqa: E402
from media_library.db.iptv import iptv_streams  # noqa: E402
from media_library.runtime import Runtime  # noqa: E402
from media_library.services.iptv.sync import catalog_rows  # noqa: E402
from media_library.sources import load_settings  # noqa: E402
from tests.fakes.xtream import FakeXtream  # noqa: E402


class Ctx:
    """A job context for calling a use case directly."""

    cancel_event = threading.Event()
    cancel_reason = "cancelled"

    def progress(self, percent, message=None, **_):
        pass

    def check_cancelled(self):
        pass


def catalog(fake: FakeXtream, vod: int, series: int) -> None:
    fake.vod = [{"num": n, "name": f"|EN| Film Number {n} ({1950 + n % 70})", "stream_type": "movie", "stream_id": n + 1,
                 "stream_icon": f"https://img.example.test/{n}.jpg", "rating": "7.5", "added": str(1_700_000_000 + n),
                 "category_id": str(10 + n % 2), "container_extension": "mp4", "tmdb_id": str(100_000 + n),
                 "cast": "Actor A, Actor B", "plot": f"Plot of film {n}.", "custom_sid": "", "direct_source": ""}
                for n in range(vod)]
    fake.series = [{"num": n, "name": f"Show {n}", "series_id": n + 1, "cover": "", "plot": f"Show {n}.",
                    "cast": "Actor C", "genre": "Drama", "releaseDate": f"{2000 + n % 20}-01-01", "rating": "8",
                    "category_id": "4", "tmdb_id": str(200_000 + n)} for n in range(series)]
    fake.live = fake.live[:2]


def settings_for(work: Path, **extra):
    values = {"paths.data_dir": str(work / "data"), "paths.media_dir": str(work / "media"), "scheduler.enabled": False,
              "database.backup_before_migrate": False, "http.allow_hosts": ["127.0.0.1"], "auth.setup_code": "bench",
              "jobs.workers": 1, **extra}
    return load_settings(None, environ={}, overrides=values)


def bench_sync_and_floor(fake: FakeXtream, work: Path, repeat: int) -> tuple[float, float, int]:
    """(best sync seconds, best executemany seconds, items): the two alternate ``repeat`` times,
    each on fresh databases, so a burst of load on a shared machine does not land on one side only."""
    syncs, floors, items = [], [], 0
    for attempt in range(repeat):
        seconds, items, runtime = bench_sync(fake, work / f"sync-{attempt}")
        runtime.stop()
        syncs.append(seconds)
        floors.append(bench_executemany(fake, work / f"plain-{attempt}"))
    return min(syncs), min(floors), items


def bench_sync(fake: FakeXtream, work: Path) -> tuple[float, int, Runtime]:
    runtime = Runtime.build(settings_for(work / "ours"), "server")
    account = runtime.state.add_iptv_account("Bench", fake.url, fake.username, fake.password)
    start = time.perf_counter()
    result = runtime.services.iptv_sync.sync(account.id, Ctx())
    seconds = time.perf_counter() - start
    counts = runtime.state.iptv_counts(account.id)
    assert counts["vod"] == len(fake.vod) and counts["series"] == len(fake.series), (counts, result)
    return seconds, counts["vod"] + counts["series"] + counts["live"], runtime


def bench_executemany(fake: FakeXtream, work: Path) -> float:
    """The same rows, already parsed, written by a plain executemany into a table of the same shape."""
    rows = [(1, "vod", *r) for r in catalog_rows((parse_row("vod", item) for item in fake.vod), {})]
    rows += [(1, "series", *r) for r in catalog_rows((parse_row("series", item) for item in fake.series), {})]
    columns = [c.name for c in iptv_streams.c]
    work.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(work / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"CREATE TABLE streams ({', '.join(columns)}, PRIMARY KEY (account_id, section, stream_id))")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO streams ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                     rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


class TimedPublisher:
    """The library's publisher, noting when the fetch ended (the file is handed over)."""

    def __init__(self, publisher):
        self.publisher, self.handed_over = publisher, 0.0

    def adopt(self, path, name):
        self.handed_over = time.perf_counter()
        return self.publisher.adopt(path, name)

    def accept(self, path, title, **kwargs):
        return self.publisher.accept(path, title, **kwargs)


def bench_download(runtime: Runtime, fake: FakeXtream) -> tuple[float, float]:
    """(seconds to fetch, seconds with the publish step) of one film."""
    account = runtime.state.list_iptv_accounts()[0]
    downloads = runtime.services.iptv_downloads
    downloads.publisher = timed = TimedPublisher(downloads.publisher)
    download = downloads.queue_movie(account.id, "1")
    start = time.perf_counter()
    downloads.run(download.id, Ctx())
    seconds = time.perf_counter() - start
    path = Path(runtime.state.get_iptv_download(download.id).path)
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(fake.media["movie/1"]).digest()
    return timed.handed_over - start, seconds


def bench_aria2c(fake: FakeXtream, work: Path, connections: int) -> float:
    url = f"{fake.url}/movie/{fake.username}/{fake.password}/1.mp4"
    out = work / "aria2"
    argv = [shutil.which("aria2c") or "aria2c", "-q", "-x", str(connections), "-s", str(connections), "-k", "1M",
            "--min-split-size=1M", "--file-allocation=none", "--allow-overwrite=true", "-d", str(out), "-o", "film.mp4", url]
    start = time.perf_counter()
    subprocess.run(argv, check=True, timeout=600)  # noqa: S603 - an argv list
    seconds = time.perf_counter() - start
    assert (out / "film.mp4").read_bytes() == fake.media["movie/1"]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vod", type=int, default=100_000)
    parser.add_argument("--series", type=int, default=5_000)
    parser.add_argument("--mib", type=int, default=48)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--per-connection-mib", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3, help="sync and executemany runs, alternating; the best of each counts")
    args = parser.parse_args()
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    work = Path(tempfile.mkdtemp(prefix="xtream-bench-", dir=base))
    try:
        with FakeXtream(max_connections=args.connections) as fake:
            catalog(fake, args.vod, args.series)
            fake.freeze_lists()  # a provider encodes its answers on its own machine, not under our GIL
            sync_s, plain_s, items = bench_sync_and_floor(fake, work, args.repeat)
            fake.media["movie/1"] = os.urandom(args.mib * 1024 * 1024)
            fake.bytes_per_second = int(args.per_connection_mib * 1024 * 1024)
            runtime = Runtime.build(settings_for(work / "sync-0" / "ours", **{"iptv.segments_per_file": args.connections,
                                                                              "iptv.min_segment_mb": 1}), "server")
            try:
                ours_s, with_publish_s = bench_download(runtime, fake)
                peak = fake.peak_connections
            finally:
                runtime.stop()
            aria_s = bench_aria2c(fake, work, args.connections)
        mib = args.mib
        figures = {"items": items, "sync_s": round(sync_s, 2), "executemany_s": round(plain_s, 2),
                   "sync_items_per_s": round(items / sync_s), "executemany_rows_per_s": round(items / plain_s),
                   "download_mib": mib, "connections": args.connections, "peak_connections": peak,
                   "download_s": round(ours_s, 2), "download_and_publish_s": round(with_publish_s, 2), "aria2c_s": round(aria_s, 2),
                   "download_mib_per_s": round(mib / ours_s, 2), "aria2c_mib_per_s": round(mib / aria_s, 2),
                   "repeat": args.repeat, "target": "tmpfs" if base else "disk"}
        print(json.dumps(figures), file=sys.stderr)
        print(json.dumps({"bench": "xtream",
                          "figures": {"sync_items_per_s": figures["sync_items_per_s"],
                                      "download_mib_per_s": figures["download_mib_per_s"]},
                          "ratios": {"sync_vs_executemany": round(plain_s / sync_s, 3),
                                     "download_vs_aria2c": round(aria_s / ours_s, 3)}}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
