"""A worker process for the kill -9 tests: the production runtime in worker mode plus one test
handler that records each start and end in an append-only log file.

Usage: python worker_process.py DATA_DIR LOG_FILE WORKERS
"""

import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from media_library.jobs.base import JobHandler  # noqa: E402
from media_library.logs import setup_logging  # noqa: E402
from media_library.runtime import Runtime  # noqa: E402
from media_library.sources import load_settings  # noqa: E402


@dataclass(frozen=True)
class RecordPayload:
    n: int = 0
    sleep: float = 0.002


def main() -> None:
    data_dir, log_file, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    settings = load_settings(None, environ={}, overrides={
        "paths.data_dir": data_dir, "jobs.workers": workers, "jobs.poll_seconds": 0.05,
        "jobs.lease_seconds": 5, "scheduler.enabled": False, "database.backup_before_migrate": False,
    })
    setup_logging(settings.logs_dir, console=False)
    fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    class Record(JobHandler):
        kind = "test.record"
        payload = RecordPayload

        def run(self, ctx, payload: RecordPayload):
            os.write(fd, f"start {ctx.job.id} {os.getpid()} {ctx.job.attempts}\n".encode())
            time.sleep(payload.sleep)
            os.write(fd, f"end {ctx.job.id} {os.getpid()}\n".encode())
            return {"ok": True}

    runtime = Runtime.build(settings, "worker")
    runtime.registry.register(Record)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    runtime.start()
    print("ready", flush=True)
    stop.wait()
    runtime.stop()


if __name__ == "__main__":
    main()
