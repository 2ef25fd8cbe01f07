"""Fixtures of the Plex tests: the fake Plex server with the recorded libraries, a runtime, a
server added through the service, and a job control that records progress."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from media_library.models.plex import PlexSyncPayload
from tests.fakes.plex import FakePlex
from tests.strm.conftest import strm_runtime  # noqa: F401 - the export tests' runtime, for Plex as its refresh target
from tests.web.conftest import admin_client, app, client  # noqa: F401 - the web fixtures, for the API tests


class RecordingControl:
    """A ``JobControl`` for running a sync in the test's thread: keeps every progress call."""

    def __init__(self, work_dir: Path):
        self.work_dir = work_dir
        self.cancel_event = threading.Event()
        self.cancel_reason = "cancelled"
        self.calls: list[tuple[float, str | None]] = []

    def progress(self, percent: float, message: str | None = None, *, force: bool = False) -> None:
        self.calls.append((percent, message))

    def cancelled(self) -> bool:
        return False

    def check_cancelled(self) -> None:
        return None

    def run(self, argv, **kwargs):  # pragma: no cover - a sync starts no program
        raise AssertionError("a Plex sync starts no program")


@pytest.fixture
def plex():
    with FakePlex() as fake:
        fake.load_fixtures()
        yield fake


def add_server(runtime, fake: FakePlex, name: str = "Living room"):
    return runtime.services.plex.add_server(name, fake.url, fake.token)


def run_sync(runtime, server_id: int, tmp_path: Path, **options) -> tuple[dict, RecordingControl]:
    ctx = RecordingControl(tmp_path)
    return runtime.services.plex_sync.run(PlexSyncPayload(server_id=server_id, **options), ctx), ctx


def touch(path: Path, size: int = 10) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    return path
