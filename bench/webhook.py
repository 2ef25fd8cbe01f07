"""bench/webhook: from a Jellyfin webhook POST to the stored decision, beside a bare health round trip.

Runs the real server (``python main.py --mode server``) on a free port of 127.0.0.1 in a temporary
data folder with ``decisions.dry_run`` on and no Radarr (so the figure is ours: receive, store the
event, the ``watch.decide`` job that takes the waiting events in batches, records the history,
gathers the facts, applies the rules and stores the decisions),
sets up an admin, then 20 sender threads (keep-alive connections) post 2,000 PlaybackStop
deliveries in the plugin's "Send All Properties" form as ``text/plain`` with the shared secret,
each a different film and user timestamp. A 21st thread meanwhile sends bare ``GET /api/health``
round trips. Each decision's ``created_at`` (the server's clock, the same machine's) minus the
moment its POST was sent is its latency; the POST's own answer time is reported too.

Last line: ``{"bench": "webhook", "figures": {"decision_p50_ms": …, "decision_p99_ms": …,
"ack_p99_ms": …, "health_p99_ms": …}, "ratios": {"health_vs_decision_p99": …}}``; the ratio is the
health p99 over the decision p99 (higher is better: 1 would mean deciding costs no more than a
bare round trip). The issue's goal is a decision within 5 s of a playback event.

Usage: ``.venv/bin/python bench/webhook.py [--events 2000] [--senders 20]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP_CODE = "bench-setup-code"
SECRET = "bench-webhook-secret"
TIMEOUT_S = 600.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_server(tmp: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env.update(ML_AUTH__SETUP_CODE=SETUP_CODE, ML_PATHS__MEDIA_DIR=str(tmp / "media"), ML_SCHEDULER__ENABLED="false",
               ML_LOG__LEVEL="WARNING", ML_DATABASE__BACKUP_BEFORE_MIGRATE="false", ML_DECISIONS__DRY_RUN="true",
               ML_DECISIONS__WEBHOOK_SECRET=SECRET, ML_DECISIONS__TRACKED_USERS="bench")
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--mode", "server", "--data-dir", str(tmp / "data"),
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, "/api/health")[0] == 200:
                return proc, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start; see server.log")


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def set_up(port: int) -> str:
    """Create the admin; the session cookie, to read the decisions back."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"username": "bench", "password": "quiet-harbour-8841", "setup_code": SETUP_CODE})
    conn.request("POST", "/api/setup", body, {"Content-Type": "application/json"})
    answer = conn.getresponse()
    answer.read()
    return answer.getheader("Set-Cookie").split(";")[0]


def delivery(number: int) -> bytes:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{number:07d}Z"
    return json.dumps({
        "NotificationType": "PlaybackStop", "ItemId": f"{number:032x}", "ItemType": "Movie", "Name": f"Bench Film {number}",
        "Year": 2001, "Provider_tmdb": str(100000 + number), "RunTimeTicks": 72000000000,
        "PlaybackPositionTicks": 70000000000, "PlayedToCompletion": True, "UserId": "4e2d1a0b9c8f4e7d8a6b5c4d3e2f1a0b",
        "NotificationUsername": "bench", "DeviceId": "bench-device", "Id": f"{number:032x}", "UtcTimestamp": stamp,
    }).encode()


def sender(port: int, numbers: list[int], sent: dict[int, float], acks: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "text/plain", "X-Webhook-Secret": SECRET}
    for number in numbers:
        body = delivery(number)
        started = time.time()
        try:
            conn.request("POST", "/api/webhooks/jellyfin", body, headers)
            answer = conn.getresponse()
            payload = json.loads(answer.read())
        except (OSError, http.client.HTTPException) as exc:
            errors.append(type(exc).__name__)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        acks.append((time.time() - started) * 1000)
        if answer.status != 202:
            errors.append(str(answer.status))
            continue
        sent[payload["event_id"]] = started
    conn.close()


def health_loop(port: int, stop: threading.Event, rounds: list[float]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        started = time.perf_counter()
        conn.request("GET", "/api/health")
        conn.getresponse().read()
        rounds.append((time.perf_counter() - started) * 1000)
        stop.wait(0.02)
    conn.close()


def decided(port: int, cookie: str, wanted: int) -> dict[int, float]:
    """``event_id -> created_at`` of every stored decision, once ``wanted`` of them exist."""
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        found: dict[int, float] = {}
        before = ""
        while True:
            status, raw = get(port, f"/api/decisions?limit=200{before}", {"Cookie": cookie})
            items = json.loads(raw)["items"] if status == 200 else []
            found.update({d["event_id"]: d["created_at"] for d in items})
            if len(items) < 200:
                break
            before = f"&before={items[-1]['id']}"
        if len(found) >= wanted or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def run(events: int, senders: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-webhook-") as folder:
        tmp = Path(folder)
        (tmp / "media").mkdir()
        proc, port = start_server(tmp)
        try:
            cookie = set_up(port)
            sent: dict[int, float] = {}
            acks: list[float] = []
            rounds: list[float] = []
            errors: list[str] = []
            stop = threading.Event()
            health = threading.Thread(target=health_loop, args=(port, stop, rounds))
            health.start()
            threads = [threading.Thread(target=sender, args=(port, list(range(i, events, senders)), sent, acks, errors))
                       for i in range(senders)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            stored = decided(port, cookie, len(sent))
            stop.set()
            health.join()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    latencies = [(stored[e] - at) * 1000 for e, at in sent.items() if e in stored]
    return {"latencies": latencies, "acks": acks, "rounds": rounds, "errors": errors, "missing": len(sent) - len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=20)
    args = parser.parse_args()
    measured = run(args.events, args.senders)
    latencies, rounds = measured["latencies"], measured["rounds"]
    figures = {
        "events": args.events, "senders": args.senders, "decisions": len(latencies), "missing": measured["missing"],
        "errors": len(measured["errors"]),
        "decision_p50_ms": round(statistics.median(latencies), 1), "decision_p99_ms": round(percentile(latencies, 0.99), 1),
        "ack_p50_ms": round(statistics.median(measured["acks"]), 1), "ack_p99_ms": round(percentile(measured["acks"], 0.99), 1),
        "health_p50_ms": round(statistics.median(rounds), 2), "health_p99_ms": round(percentile(rounds, 0.99), 2),
    }
    ratio = figures["health_p99_ms"] / figures["decision_p99_ms"] if figures["decision_p99_ms"] else None
    print(json.dumps({"bench": "webhook", "figures": figures,
                      "ratios": {"health_vs_decision_p99": round(ratio, 4) if ratio else None}}))


if __name__ == "__main__":
    main()
