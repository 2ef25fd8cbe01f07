"""bench/web: requests/s and p99 of the real server (uvicorn) beside nginx and Werkzeug, same machine.

Runs ``python main.py --mode server``, Debian's nginx (a generated config in a temp folder) and the
same Flask app under Werkzeug's threaded development server (``--role werkzeug``) as subprocesses
on free ports on 127.0.0.1, then drives each for a bounded time with a lean keep-alive load
generator (50 clients as coroutines of one asyncio loop, ``bench/loadgen.py``): ``GET /api/health``
on ours and on Werkzeug, and 1 MiB ranged reads of the same 64 MiB media file from ours (a bearer
token) and from nginx. The load generator shares the
CPUs with the servers, so the absolute numbers are lower bounds; the ratios are the figures to
watch, with the servers' CPU milliseconds per request (from ``/proc``), which the machine's other
work changes least. Last line: ``{"bench": "web", "figures": {"api_p99_ms": …, …}, "ratios":
{"stream_vs_nginx": …, "health_vs_werkzeug": …}}``; the goals (#19) are stream ≥ 0.5× nginx's
requests/s with a p99 at most 2× nginx's (``nginx_p99_vs_stream`` ≥ 0.5), health ≥ 3× Werkzeug's, API p99 ≤ 50 ms.

Usage: ``.venv/bin/python bench/web.py [--seconds 10] [--clients 50] [--stream-grant-seconds 0]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import loadgen  # noqa: E402

from media_library.db.engine import Database, DatabaseOptions  # noqa: E402
from media_library.state import AppState  # noqa: E402

FILE_MB = 64
CHUNK = 1024 * 1024
SETUP_CODE = "bench-setup-code"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def start_ours(tmp: Path, media: Path, extra_env: dict | None = None) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env.update(ML_AUTH__SETUP_CODE=SETUP_CODE, ML_PATHS__MEDIA_DIR=str(media), ML_SCHEDULER__ENABLED="false",
               ML_LOG__LEVEL="WARNING", ML_DATABASE__BACKUP_BEFORE_MIGRATE="false", **(extra_env or {}))
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--mode", "server", "--data-dir", str(tmp / "data"),
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    wait_for(port, "/api/health")
    return proc, port


def start_werkzeug(tmp: Path) -> tuple[subprocess.Popen, int]:
    """The same app under Werkzeug's development server, in its own data folder."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env.update(ML_AUTH__SETUP_CODE=SETUP_CODE, ML_SCHEDULER__ENABLED="false", ML_LOG__LEVEL="WARNING",
               ML_DATABASE__BACKUP_BEFORE_MIGRATE="false")
    log = open(tmp / "werkzeug.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen([sys.executable, __file__, "--role", "werkzeug", "--data-dir", str(tmp / "werkzeug-data"),
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    wait_for(port, "/api/health")
    return proc, port


def serve_werkzeug(data_dir: str, port: int) -> None:
    """``--role werkzeug``: the runtime and Flask app of ``--mode server``, served by ``run_simple``."""
    from werkzeug.serving import run_simple

    from media_library.runtime import Runtime
    from media_library.sources import load_settings  # the core's and every source's sections
    from media_library.web.app import create_app

    runtime = Runtime.build(load_settings(None, overrides={"paths.data_dir": data_dir}), "server")
    runtime.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        run_simple("127.0.0.1", port, create_app(runtime), threaded=True)
    finally:
        runtime.stop()


def start_nginx(tmp: Path, media: Path) -> tuple[subprocess.Popen, int]:
    port, conf = free_port(), tmp / "nginx.conf"
    temp = tmp / "nginx-temp"
    temp.mkdir()
    conf.write_text(f"""
daemon off; worker_processes auto; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fcgi;
  uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
  types {{ video/x-matroska mkv; }}
  server {{ listen 127.0.0.1:{port}; root {media}; location / {{ }} }}
}}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_for(port, "/")
    return proc, port


def prepare(port: int, data_dir: Path, media_file: Path) -> tuple[str, str]:
    """Set up the admin, register the file, make a stream token: ``(stream path, token)``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"username": "bench", "password": "quiet-harbour-8841", "setup_code": SETUP_CODE})
    conn.request("POST", "/api/setup", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    payload = json.loads(response.read())
    cookie = response.getheader("Set-Cookie").split(";")[0]
    state = AppState(Database(DatabaseOptions(path=data_dir / "media-library.db")))
    try:
        item = state.add_media("movie", "Bench")
        state.upsert_media_file(str(media_file), media_id=item.id, size=media_file.stat().st_size, mtime=0.0)
    finally:
        state.close()
    headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": payload["csrf_token"]}
    conn.request("POST", "/api/tokens", json.dumps({"name": "bench", "scope": "all"}), headers)
    token = json.loads(conn.getresponse().read())["secret"]
    return f"/api/media/{item.id}/stream", token


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_wait_seconds(pid: int) -> float:
    """Time the process's threads have been ready to run but waited for a CPU (the run queue)."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):  # a thread that ended meanwhile
            continue
    return total / 1e9


def measured(pid: int, run) -> dict:
    """``run()``'s figures plus the server's CPU milliseconds per request and its run-queue wait."""
    cpu, wait = cpu_seconds(pid), cpu_wait_seconds(pid)
    figures = run()
    requests = figures["rps"] * figures["elapsed"]
    figures["cpu_ms_per_request"] = round((cpu_seconds(pid) - cpu) * 1000 / requests, 3) if requests else None
    figures["cpu_wait_s"] = round(cpu_wait_seconds(pid) - wait, 1)
    return figures


def load(port: int, paths, headers_for, seconds: float, clients: int) -> dict:
    """``clients`` keep-alive connections for ``seconds``, as coroutines of one lean asyncio loop
    (``bench/loadgen.py``), so the load generator takes little of the CPU the servers need."""
    cpu = time.process_time()
    tally, elapsed = loadgen.run(loadgen.closed_loop(port, clients, seconds, lambda n: (paths(n), headers_for(n))))
    return {**tally.summary(elapsed), "client_cpu_s": round(time.process_time() - cpu, 2)}


def ranged(n: int) -> dict:
    start = (n * 7919 * CHUNK // 13) % ((FILE_MB - 1) * CHUNK)
    return {"Range": f"bytes={start}-{start + CHUNK - 1}"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--stream-grant-seconds", type=float, default=5.0,
                        help="server.stream_grant_seconds of our server (0: every range through Flask, for comparison)")
    parser.add_argument("--role", choices=("bench", "werkzeug"), default="bench", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "werkzeug":
        serve_werkzeug(args.data_dir, args.port)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    media = tmp / "media"
    media.mkdir()
    media_file = media / "bench.mkv"
    media_file.write_bytes(os.urandom(FILE_MB * CHUNK))
    for path, mode in ((tmp, 0o755), (media, 0o755), (media_file, 0o644)):  # nginx workers drop to nobody
        path.chmod(mode)
    procs = []
    try:
        ours, our_port = start_ours(tmp, media, {"ML_SERVER__STREAM_GRANT_SECONDS": str(args.stream_grant_seconds)})
        procs.append(ours)
        nginx, nginx_port = start_nginx(tmp, media)
        procs.append(nginx)
        werkzeug, werkzeug_port = start_werkzeug(tmp)
        procs.append(werkzeug)
        stream_path, token = prepare(our_port, tmp / "data", media_file)
        auth = {"Authorization": f"Bearer {token}"}
        health = measured(ours.pid, lambda: load(our_port, lambda n: "/api/health", lambda n: {}, args.seconds, args.clients))
        print("health", health, flush=True)
        dev_health = measured(werkzeug.pid, lambda: load(werkzeug_port, lambda n: "/api/health", lambda n: {},
                                                         args.seconds, args.clients))
        print("health (werkzeug)", dev_health, flush=True)
        stream = measured(ours.pid, lambda: load(our_port, lambda n: stream_path, lambda n: {**auth, **ranged(n)},
                                                 args.seconds, args.clients))
        print("stream (ours)", stream, flush=True)
        reference = load(nginx_port, lambda n: "/bench.mkv", ranged, args.seconds, args.clients)
        print("stream (nginx)", reference, flush=True)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    figures = {
        "health_rps": health["rps"], "api_p99_ms": health["p99_ms"], "health_errors": health["errors"],
        "stream_rps": stream["rps"], "stream_p99_ms": stream["p99_ms"], "stream_mib_s": stream["mib_s"],
        "stream_errors": stream["errors"], "nginx_stream_rps": reference["rps"],
        "nginx_stream_p99_ms": reference["p99_ms"], "werkzeug_health_rps": dev_health["rps"],
        "werkzeug_health_p99_ms": dev_health["p99_ms"], "health_cpu_ms_per_request": health["cpu_ms_per_request"],
        "werkzeug_health_cpu_ms_per_request": dev_health["cpu_ms_per_request"],
        "stream_cpu_ms_per_request": stream["cpu_ms_per_request"], "server_cpu_wait_s": health["cpu_wait_s"] + stream["cpu_wait_s"],
        "load_average": round(os.getloadavg()[0], 1), "clients": args.clients, "seconds": args.seconds,
    }
    ratios = {"stream_vs_nginx": ratio(stream["rps"], reference["rps"]),
              "nginx_p99_vs_stream": ratio(reference["p99_ms"], stream["p99_ms"]),
              "health_vs_werkzeug": ratio(health["rps"], dev_health["rps"]),
              "health_cpu_per_request_werkzeug_vs_ours": ratio(dev_health["cpu_ms_per_request"] or 0,
                                                               health["cpu_ms_per_request"] or 0)}
    print(json.dumps({"bench": "web", "figures": figures, "ratios": ratios}))
    return 0


def ratio(ours: float, theirs: float) -> float | None:
    return round(ours / theirs, 3) if theirs else None


if __name__ == "__main__":
    sys.exit(main())
