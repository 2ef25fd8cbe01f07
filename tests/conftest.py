"""Shared fixtures, each building on the one before:
settings -> runtime (a real SQLite file in tmp_path, migrated by the production code) -> state;
and the local fake servers of the metadata services (tests/fakes), each on its own port.
The web fixtures (app, client, socket client) live in tests/web/conftest.py.
"""

from __future__ import annotations

import errno
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from media_library.runtime import Runtime
from media_library.services.auth import Passwords
from media_library.sources import SOURCES, load_settings
from tests.fakes.acoustid import FakeAcoustId
from tests.fakes.coverart import FakeCoverArt
from tests.fakes.musicbrainz import FakeMusicBrainz
from tests.fakes.tmdb import FakeTmdb

# Everything scripts/setup.sh installs that tests run for real. A missing one is a broken setup:
# the run stops at once with the fix, instead of tests skipping what they should check.
REQUIRED_PROGRAMS = ("ffmpeg", "ffprobe", "HandBrakeCLI", "mediainfo", "fpcalc", "dvdauthor", "genisoimage",
                     "flac", "chromium", "nginx", "setpriv", "node", "npm")


def pytest_sessionstart(session):
    missing = [name for name in REQUIRED_PROGRAMS if shutil.which(name) is None and not _in_sbin(name)]
    if missing:
        pytest.exit(f"missing programs: {', '.join(missing)}; run `bash scripts/setup.sh` as root", returncode=3)


def _in_sbin(name: str) -> bool:
    return any(shutil.which(name, path=folder) for folder in ("/usr/sbin", "/sbin"))


def make_settings(tmp_path, *, sources=SOURCES, **overrides):
    """Settings for a test: everything under tmp_path, no environment, no .env; the settings
    sections of ``sources`` (the registered ones unless a test declares its own).

    The fake servers listen on 127.0.0.1, so it is on the outbound guard's allow-list the way an
    admin would list a LAN service; tests of the guard itself override ``http.allow_hosts``.
    """
    values = {
        "paths.data_dir": str(tmp_path / "data"),
        "paths.media_dir": str(tmp_path / "media"),
        "jobs.workers": 2,
        "jobs.poll_seconds": 0.2,
        "jobs.backoff_base_seconds": 0.01,
        "jobs.progress_interval_seconds": 0.0,
        "scheduler.enabled": False,
        "auth.setup_code": "test-setup-code",
        "server.shutdown_grace_seconds": 3.0,
        "database.backup_before_migrate": False,
        "http.allow_hosts": ["127.0.0.1"],
    }
    values.update(overrides)
    return load_settings(None, environ={}, overrides=values, sources=sources)


def media_by_external_id(state, provider: str, value, kind: str | None = None):
    """The item known to ``provider`` as ``value`` (read through ``list_media``), or None."""
    for item in state.list_media(kind=kind, limit=1000):
        if item.external_ids.get(provider) == str(value):
            return item
    return None



@pytest.fixture
def isolated_logging():
    """For tests that call ``setup_logging``: the root logger's handlers and level are put back
    afterwards, and the handlers the test added are closed, so none outlives the test (a handler
    left on the root would take every later record of the run, from any thread)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    for handler in [h for h in handlers if h not in root.handlers]:
        root.addHandler(handler)
    root.setLevel(level)

@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)


def fast_passwords() -> Passwords:
    """argon2id with test-sized costs (the real ones take most of a second on this machine)."""
    return Passwords(2, PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def build_runtime(settings, mode: str = "server") -> Runtime:
    """``Runtime.build`` with the test-sized password hasher handed in (``passwords=``)."""
    return Runtime.build(settings, mode, passwords=fast_passwords())


@pytest.fixture
def runtime(settings):
    """A built but not started runtime (call ``runtime.start()`` to run workers)."""
    rt = build_runtime(settings)
    yield rt
    rt.stop()


@pytest.fixture
def state(runtime):
    return runtime.state


@pytest.fixture
def fake_tmdb():
    with FakeTmdb() as fake:
        yield fake


@pytest.fixture
def fake_musicbrainz():
    with FakeMusicBrainz() as fake:
        yield fake


@pytest.fixture
def fake_acoustid():
    with FakeAcoustId() as fake:
        yield fake


@pytest.fixture
def fake_coverart():
    with FakeCoverArt() as fake:
        yield fake


# --- a small disk the tests can fill: a real full filesystem, not an injected error ------------------
SMALL_DISK_MB = 16


@pytest.fixture
def small_disk(tmp_path):
    """A small tmpfs mounted at ``tmp_path/disk`` (the tests run as root, see scripts/setup.sh)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK_MB}m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"cannot mount a small tmpfs (the tests need root): {done.stderr.strip()}"
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    """Write a filler file until the filesystem refuses another byte."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        chunk = b"\0" * 65536
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        try:
            while True:
                handle.write(b"\0" * 512)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler
