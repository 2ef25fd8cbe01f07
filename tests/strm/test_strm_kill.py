"""kill -9 in the middle of an export (the CLI in a subprocess), then run again: no torn .strm or
.nfo at any point, and the final tree equals a clean export of the same library."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from media_library.runtime import Runtime
from media_library.services import nfo
from media_library.services.files import is_temp_name

from .conftest import strm_settings
from .library import add_movie, build_library

MOVIES = 1500
BASE_URL = "https://media.example.test"


def cli(data_dir: Path, out: Path, cwd: Path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "media_library.cli.main", "--data-dir", str(data_dir), "strm", "export",
            "--output", str(out), "--base-url", BASE_URL, "--no-refresh", "--json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
    env["ML_PATHS__MEDIA_DIR"] = str(cwd / "media")
    return subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_not_torn(root: Path) -> int:
    checked = 0
    for rel, data in tree(root).items():
        name = rel.rsplit("/", 1)[-1]
        if is_temp_name(name):
            continue  # a temporary file is never a .strm or .nfo a media server reads
        if name.endswith(".strm"):
            assert data.startswith(BASE_URL.encode()) and data.endswith(b"\n") and data.count(b"\n") == 1, rel
        else:
            assert name.endswith(".nfo") and nfo.parse_roots(data), rel
        checked += 1
    return checked


def count_files(root: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(root)) if root.exists() else 0


@pytest.mark.slow
def test_kill_9_mid_export_then_rerun(tmp_path):
    settings = strm_settings(tmp_path, **{"strm.fsync": True})
    runtime = Runtime.build(settings, "worker")
    build_library(runtime.state)
    for n in range(MOVIES):
        add_movie(runtime.state, f"Film {n:04d}", 1950 + n % 70, {"tmdb": str(10_000 + n)})
    runtime.stop()
    out, clean = tmp_path / "export", tmp_path / "clean"

    killed = cli(settings.data_dir, out, tmp_path)
    deadline = time.monotonic() + 120
    while count_files(out) < 300 and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.communicate()  # reaps it and closes the pipes
    assert killed.returncode == -signal.SIGKILL, "the export finished before it could be killed; raise MOVIES"
    assert 0 < assert_not_torn(out) < 2 * MOVIES + 15

    for target in (out, clean):
        done = cli(settings.data_dir, target, tmp_path)
        stdout, stderr = done.communicate(timeout=300)
        assert done.returncode == 0, stderr.decode()
        summary = json.loads(stdout)
        assert summary["updated"] == 0 and summary["deleted"] == 0
    assert assert_not_torn(out) == 2 * MOVIES + 15
    assert tree(out) == tree(clean)
    assert not any(is_temp_name(name) for _, _, names in os.walk(out) for name in names)
