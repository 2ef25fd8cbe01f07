"""bench/load: 1,000 Socket.IO clients on the real server while others stream, browse and queue jobs.

Runs ``python main.py --mode server`` (as bench/web.py does) on loopback, then, in one bounded run:

1. **without sockets**, for ``--seconds``: 50 clients read 1 MiB ranges of a 64 MiB file, 10
   clients browse the API (health, jobs, library), a producer queues 5 ``library.scan`` jobs/s
   (open loop); each of the three parts is one process running its clients as coroutines on one
   asyncio loop with bare HTTP/1.1 (``bench/loadgen.py``: no threads, bodies counted, not copied);
2. one fleet process (``--role fleet``, one asyncio loop, Engine.IO as bare WebSocket frames parsed
   in the protocol's ``data_received``: no task or queue per socket or message) opens 1,000
   WebSockets and completes the authenticated Socket.IO CONNECT on each (the token in the CONNECT
   packet); it answers Engine.IO pings;
3. **with the sockets open**, the same load again; every client records when each job's first
   ``job_updated`` reached it (delivery latency = that moment minus the moment the job's POST was
   sent, so it includes the API call);
4. SIGTERM with the 1,000 sockets still open, timing the exit.

``server_cpu_wait_s`` is the time the server's threads were ready to run but waited for a CPU
(``/proc/<pid>/task/*/schedstat``): when it is many times ``server_cpu_s``, the machine, not the
server, set the figures. It checks: no HTTP error, every client got every job's event and none was disconnected, event
p99, API p99, and stream throughput with sockets / without (same run). Load generators share the
2 CPUs with the server, so absolute figures are lower bounds. Last line:
``{"bench": "load", "figures": {"sockets": …, "event_p99_ms": …, "api_p99_ms": …, …},
"ratios": {"stream_with_vs_without_sockets": …}}``; exit status 1 when a target is missed.

Usage: ``.venv/bin/python bench/load.py [--seconds 15] [--sockets 1000]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadgen  # noqa: E402
from web import CHUNK, FILE_MB, cpu_seconds, cpu_wait_seconds, prepare, ranged, start_ours  # noqa: E402

STREAMERS, BROWSERS, JOBS_PER_SECOND = 50, 10, 5
FLEETS = 1  # processes sharing the sockets (bare frames: one process keeps up with 1,000 sockets)
JOB_UPDATED_PREFIX = b'42["job_updated",'
SOCKET_PATH = "/socket.io/?EIO=4&transport=websocket"
# A cheap real job (a scan of the one-file library: queued, running, done), so the figures are the
# web server's and not those of system.check's five subprocess starts per job.
JOB_BODY = b'{"kind": "library.scan"}'
BROWSE_PATHS = ("/api/health", "/api/jobs?limit=20", "/api/media?limit=50")
LATE_SECONDS = 10.0
TARGETS = {"event_p99_ms": 250.0, "api_p99_ms": 100.0, "stream_ratio": 0.8}


def raise_open_files() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


# --- the fleet: N raw Engine.IO WebSocket clients in one asyncio process ----------------------
class Fleet:
    """``sockets`` Engine.IO WebSockets as bare frames (``loadgen.EngineSocket``): each completes the
    authenticated Socket.IO CONNECT (the token in the CONNECT packet), answers pings, and notes when
    each job's first ``job_updated`` reached it."""

    def __init__(self, port: int, token: str):
        self.port, self.connect_packet = port, "40" + json.dumps({"token": token})
        self.state = {"connected": 0, "refused": 0, "disconnects": 0, "errors": [], "stopping": False}
        self.firsts: dict[str, list[float]] = defaultdict(list)
        self.seen: dict[loadgen.EngineSocket, set] = {}
        self.ready: dict[loadgen.EngineSocket, asyncio.Future] = {}

    def on_message(self, sock: loadgen.EngineSocket, payload: bytes) -> None:
        if payload == b"2":
            sock.send_text("3")  # Engine.IO ping -> pong
        elif payload.startswith(JOB_UPDATED_PREFIX):  # only these are timed: skip parsing the rest
            job_id = str(json.loads(payload[2:])[1]["id"])
            if job_id not in self.seen[sock]:
                self.seen[sock].add(job_id)
                self.firsts[job_id].append(time.time())
        elif payload.startswith(b"0{"):  # Engine.IO OPEN
            sock.send_text(self.connect_packet)
        elif payload[:2] in (b"40", b"44"):  # Socket.IO CONNECT accepted / refused
            self._settle(sock, payload.startswith(b"40"))

    def on_close(self, sock: loadgen.EngineSocket) -> None:
        if not self.state["stopping"]:
            self.state["disconnects"] += 1
        self._settle(sock, None)

    def _settle(self, sock, accepted: bool | None) -> None:
        future = self.ready.get(sock)
        if future is not None and not future.done():
            future.set_result(accepted)

    def _new_socket(self) -> loadgen.EngineSocket:
        """A socket known to the fleet before its first byte can arrive."""
        sock = loadgen.EngineSocket(SOCKET_PATH, self.on_message, self.on_close)
        self.seen[sock], self.ready[sock] = set(), asyncio.get_running_loop().create_future()
        return sock

    async def open_one(self, gate: asyncio.Semaphore) -> loadgen.EngineSocket | None:
        loop = asyncio.get_running_loop()
        async with gate:  # the handshakes go in waves; listening needs no gate
            try:
                _, sock = await loop.create_connection(self._new_socket, "127.0.0.1", self.port)
                accepted = await asyncio.wait_for(self.ready[sock], 60)
            except (TimeoutError, OSError) as exc:
                self.state["errors"].append(f"{type(exc).__name__}: {exc}"[:200])
                return None
        if accepted is None:  # closed before answering the CONNECT: counted as a disconnect
            return None
        self.state["connected" if accepted else "refused"] += 1
        return sock

    def report(self) -> dict:
        return {**self.state, "errors": self.state["errors"][:5], "firsts": self.firsts}


async def run_fleet(port: int, token: str, sockets: int) -> None:
    """Connect, print READY, then answer each ``report`` line on stdin with a JSON line; EOF ends it."""
    fleet, gate = Fleet(port, token), asyncio.Semaphore(100)
    opened = [s for s in await asyncio.gather(*(fleet.open_one(gate) for _ in range(sockets))) if s is not None]
    print(json.dumps({"ready": fleet.state["connected"]}), flush=True)
    loop = asyncio.get_running_loop()
    while await loop.run_in_executor(None, sys.stdin.readline):
        print(json.dumps(fleet.report()), flush=True)
    fleet.state["stopping"] = True
    for sock in opened:
        sock.transport.close()


# --- HTTP load: streams, browsing, the job producer -----------------------------------------
class HttpLoad:
    """Streamers, browsers or the producer: coroutines on one lean asyncio loop (``bench/loadgen.py``),
    each client on its own keep-alive connection."""

    def __init__(self, port: int, stream_path: str, token: str, seconds: float):
        self.port, self.stream_path, self.seconds = port, stream_path, seconds
        self.auth = {"Authorization": f"Bearer {token}"}
        self.jobs: dict[str, float] = {}

    def run(self, part: str) -> dict:
        """Run one part (``stream``, ``browse`` or ``produce``) in this process for the run's seconds."""
        cpu = time.process_time()
        tally, elapsed = loadgen.run({"stream": self._stream, "browse": self._browse, "produce": self._produce}[part]())
        return {"stream_mib_s": round(tally.nbytes / elapsed / CHUNK, 1), "api_latencies": tally.latencies,
                "jobs": self.jobs, "errors": tally.errors, "client_cpu_s": round(time.process_time() - cpu, 2),
                "requests": len(tally.latencies)}

    async def _stream(self):
        return await loadgen.closed_loop(self.port, STREAMERS, self.seconds,
                                         lambda n: (self.stream_path, {**self.auth, **ranged(n)}))

    async def _browse(self):
        return await loadgen.closed_loop(self.port, BROWSERS, self.seconds,
                                         lambda n: (BROWSE_PATHS[n % len(BROWSE_PATHS)], self.auth))

    async def _produce(self):
        """Open loop: JOBS_PER_SECOND clients each queue one job a second, staggered, whatever the
        answers' latency (a slow answer must not lower the offered load)."""
        tally, began = loadgen.Tally(), time.monotonic()
        await asyncio.gather(*(self._produce_every_second(tally, began + k / JOBS_PER_SECOND, began + self.seconds)
                               for k in range(JOBS_PER_SECOND)))
        return tally, time.monotonic() - began

    async def _produce_every_second(self, tally: loadgen.Tally, first: float, stop: float) -> None:
        client, headers, n = loadgen.Client(self.port), {**self.auth, "Content-Type": "application/json"}, 0
        while first + n < stop:
            await asyncio.sleep(max(0.0, first + n - time.monotonic()))
            sent = time.time()
            response = await loadgen.timed(client, tally, "POST", "/api/jobs", headers, JOB_BODY)
            if response is not None:
                self.jobs[str(json.loads(response.body)["id"])] = sent
            n += 1
        client.close()


def _run_part(args: tuple) -> dict:
    port, stream_path, token, seconds, part = args
    return HttpLoad(port, stream_path, token, seconds).run(part)


def http_load(port: int, stream_path: str, token: str, seconds: float) -> dict:
    """Streamers, browsers and the producer at once, each part in its own process, so that no
    part's measurements wait on another's threads for the GIL."""
    parts = ("stream", "browse", "produce")
    with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_run_part, [(port, stream_path, token, seconds, part) for part in parts]))
    stream, browse, produce = results
    errors = [e for r in results for e in r["errors"]]
    return {"stream_mib_s": stream["stream_mib_s"], "api_p99_ms": round(p99(browse["api_latencies"]) * 1000, 2),
            "api_requests": len(browse["api_latencies"]), "jobs": produce["jobs"], "http_errors": len(errors),
            "error_samples": errors[:5], "client_cpu_s": round(sum(r["client_cpu_s"] for r in results), 1),
            "requests": sum(r["requests"] for r in results)}


# --- the run ---------------------------------------------------------------------------------
def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_fleets(port: int, token: str, sockets: int) -> tuple[list[subprocess.Popen], int]:
    shares = [sockets // FLEETS + (1 if i < sockets % FLEETS else 0) for i in range(FLEETS)]
    fleets = [subprocess.Popen([sys.executable, __file__, "--role", "fleet", "--port", str(port), "--token", token,
                                "--sockets", str(share)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
              for share in shares]
    ready = sum(json.loads(fleet.stdout.readline() or '{"ready": 0}')["ready"] for fleet in fleets)
    return fleets, ready


def fleet_report(fleets: list[subprocess.Popen]) -> dict:
    for fleet in fleets:
        fleet.stdin.write("report\n")
        fleet.stdin.flush()
    merged = {"connected": 0, "disconnects": 0, "errors": [], "firsts": defaultdict(list)}
    for fleet in fleets:
        report = json.loads(fleet.stdout.readline())
        merged["connected"] += report["connected"]
        merged["disconnects"] += report["disconnects"]
        merged["errors"] += report["errors"]
        for job_id, times in report["firsts"].items():
            merged["firsts"][job_id] += times
    return merged


def per_request(cpu_s: float, load: dict) -> float | None:
    """The server's CPU milliseconds per HTTP request of a run (ranges, API calls and job POSTs)."""
    return round(cpu_s * 1000 / load["requests"], 3) if load["requests"] else None


def delivery(jobs: dict[str, float], firsts: dict[str, list[float]], sockets: int) -> tuple[list[float], int]:
    """Latencies of every (client, job) delivery, and how many deliveries are missing."""
    latencies, missing = [], 0
    for job_id, sent in jobs.items():
        got = firsts.get(job_id, [])
        missing += sockets - len(got)
        latencies.extend(t - sent for t in got)
    return latencies, missing


def await_deliveries(fleets: list[subprocess.Popen], jobs: dict[str, float], sockets: int) -> dict:
    """The fleets' report once every job's event reached every client, or after ``LATE_SECONDS``:
    the last jobs' events may still be on their way (late ones count in the p99; missing ones are lost)."""
    deadline = time.monotonic() + LATE_SECONDS
    while True:
        report = fleet_report(fleets)
        if not delivery(jobs, report["firsts"], sockets)[1] or time.monotonic() > deadline:
            return report
        time.sleep(0.5)


def stop_timed(proc: subprocess.Popen) -> tuple[float, int | None]:
    began = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    return round(time.monotonic() - began, 2), code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--role", choices=("main", "fleet"), default="main")
    parser.add_argument("--port", type=int)
    parser.add_argument("--token")
    args = parser.parse_args()
    raise_open_files()
    if args.role == "fleet":
        loadgen.run(run_fleet(args.port, args.token, args.sockets))
        return 0
    return run_bench(args.seconds, args.sockets)


def run_bench(seconds: float, sockets: int) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    media = tmp / "media"
    media.mkdir()
    media_file = media / "bench.mkv"
    media_file.write_bytes(os.urandom(FILE_MB * CHUNK))
    server, fleets = None, []
    try:
        server, port = start_ours(tmp, media, {
            "ML_SERVER__MAX_CONNECTIONS_PER_ADDRESS": str(sockets + 500),
            "ML_SERVER__UNAUTHENTICATED_SOCKETS_PER_ADDRESS": str(sockets + 100),
            "ML_SERVER__THREADS": str(2 * (STREAMERS + BROWSERS + JOBS_PER_SECOND))})  # no request waits for a thread
        stream_path, token = prepare(port, tmp / "data", media_file)
        cpu_0, wait_0 = cpu_seconds(server.pid), cpu_wait_seconds(server.pid)
        without = http_load(port, stream_path, token, seconds)
        cpu_1, wait_1 = cpu_seconds(server.pid), cpu_wait_seconds(server.pid)
        print("without sockets", {k: v for k, v in without.items() if k != "jobs"}, flush=True)
        rss_before = rss_mib(server.pid)
        fleets, ready = start_fleets(port, token, sockets)
        rss_after = rss_mib(server.pid)
        print(f"fleet: {ready} sockets connected; server RSS {rss_before:.0f} -> {rss_after:.0f} MiB", flush=True)
        cpu_2, fleet_cpu_0, wait_2 = cpu_seconds(server.pid), sum(cpu_seconds(f.pid) for f in fleets), cpu_wait_seconds(server.pid)
        with_sockets = http_load(port, stream_path, token, seconds)
        cpu_3, fleet_cpu_1, wait_3 = cpu_seconds(server.pid), sum(cpu_seconds(f.pid) for f in fleets), cpu_wait_seconds(server.pid)
        print("with sockets", {k: v for k, v in with_sockets.items() if k != "jobs"}, flush=True)
        report = await_deliveries(fleets, with_sockets["jobs"], sockets)
        stop_s, exit_code = stop_timed(server)
        server = None
    finally:
        for proc in [*fleets, server]:
            if proc is not None and proc.poll() is None:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    latencies, missing = delivery(with_sockets["jobs"], report["firsts"], sockets)
    figures = {
        "sockets": report["connected"], "event_p99_ms": round(p99(latencies) * 1000, 1),
        "events_missing": missing, "socket_disconnects": report["disconnects"], "socket_errors": report["errors"],
        "api_p99_ms": with_sockets["api_p99_ms"], "api_p99_ms_without_sockets": without["api_p99_ms"],
        "http_errors": with_sockets["http_errors"] + without["http_errors"],
        "stream_mib_s": with_sockets["stream_mib_s"], "stream_mib_s_without_sockets": without["stream_mib_s"],
        "jobs": len(with_sockets["jobs"]), "rss_mib_per_1000_sockets": round((rss_after - rss_before) * 1000 / max(1, ready), 1),
        "server_cpu_s_without_sockets": round(cpu_1 - cpu_0, 1), "server_cpu_s": round(cpu_3 - cpu_2, 1),
        "server_cpu_ms_per_request_without_sockets": per_request(cpu_1 - cpu_0, without),
        "server_cpu_ms_per_request": per_request(cpu_3 - cpu_2, with_sockets),
        "load_cpu_s": with_sockets["client_cpu_s"],
        "fleet_cpu_s": round(fleet_cpu_1 - fleet_cpu_0, 1), "load_average": round(os.getloadavg()[0], 1),
        "server_cpu_wait_s_without_sockets": round(wait_1 - wait_0, 1), "server_cpu_wait_s": round(wait_3 - wait_2, 1),
        "stop_s": stop_s, "stop_exit_code": exit_code, "seconds": seconds,
    }
    ratio = round(with_sockets["stream_mib_s"] / without["stream_mib_s"], 3) if without["stream_mib_s"] else None
    ok = (figures["sockets"] == sockets and not missing and not report["disconnects"] and not figures["http_errors"]
          and figures["event_p99_ms"] <= TARGETS["event_p99_ms"] and figures["api_p99_ms"] <= TARGETS["api_p99_ms"]
          and (ratio or 0) >= TARGETS["stream_ratio"] and exit_code == 0 and stop_s <= 10)
    print(json.dumps({"bench": "load", "figures": figures, "ratios": {"stream_with_vs_without_sockets": ratio}}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
