"""Monitor mode as it is deployed: two real processes (``main.py --mode server`` and ``main.py --mode
monitor``) with separate data folders and one shared media folder, configured only through ``ML_*``
environment variables. A DVD image dropped into the monitor's watch folder ends up in the server's
library; with the server stopped, the monitor rips anyway, keeps announce + result in its outbox
and delivers them once the server is back on the same port."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import requests

from tests.discs.conftest import wait_for
from tests.fakes.tmdb import FakeTmdb
from tests.media import make_dvd, make_iso
from tests.web.conftest import ADMIN, ROOT, SETUP_CODE, free_port

pytestmark = [
    pytest.mark.slow,
]
COMMON = {"ML_SCHEDULER__ENABLED": "false", "ML_SERVER__SHUTDOWN_GRACE_SECONDS": "3",
          "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false", "ML_HTTP__RETRIES": "0", "ML_LOG__LEVEL": "INFO",
          "ML_HTTP__ALLOW_HOSTS": "127.0.0.1"}  # the fake TMDb serves the artwork: a LAN host


class Process:
    """One ``main.py`` child with its log; stopped with SIGTERM, killed only if it hangs."""

    def __init__(self, tmp: Path, name: str, argv: list[str], env: dict[str, str]):
        self.log_path = tmp / f"{name}.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - open for the child's life
        clean = {k: v for k, v in os.environ.items() if not k.startswith("ML_")}
        self.process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *argv], cwd=tmp, env={**clean, **env},
                                        stdout=self._log, stderr=subprocess.STDOUT)

    def tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_until_up(self, url: str) -> None:
        """Until ``url``'s health answers; the child's log in the failure if it exits first."""
        def up() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.log_path.stem} exited:\n{self.tail()}")
            with contextlib.suppress(requests.RequestException):
                return requests.get(url + "/api/health", timeout=2).status_code == 200
            return False

        wait_for(up, 60, interval=0.2, what=f"{self.log_path.stem} up")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()


def set_up_admin(session: requests.Session, url: str) -> None:
    """First-run setup through the API; ``session`` then carries the admin's cookie and CSRF token."""
    answer = session.post(url + "/api/setup", json={**ADMIN, "setup_code": SETUP_CODE}, timeout=30)
    assert answer.status_code == 201, answer.text
    session.headers["X-CSRF-Token"] = answer.json()["csrf_token"]


class Pair:
    def __init__(self, tmp: Path, tmdb: FakeTmdb):
        self.tmp, self.tmdb = tmp, tmdb
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.media, self.watch = tmp / "shared-media", tmp / "monitor-watch"
        self.media.mkdir()
        self.watch.mkdir()
        self.server: Process | None = None
        self.monitor: Process | None = None
        self.session = requests.Session()

    def start_server(self) -> None:
        env = {**COMMON, "ML_AUTH__SETUP_CODE": SETUP_CODE, "ML_PATHS__MEDIA_DIR": str(self.media),
               "ML_TMDB__BASE_URL": self.tmdb.url, "ML_TMDB__API_KEY": self.tmdb.api_key,
               "ML_DISC__CONFIRM_WINDOW_SECONDS": "1", "ML_DISC__MIN_TITLE_SECONDS": "8"}
        self.server = Process(self.tmp, "server", ["--mode", "server", "--data-dir", str(self.tmp / "A"),
                                                   "--port", str(self.port)], env)
        self.server.wait_until_up(self.url)

    def set_up_admin_and_token(self) -> str:
        """First-run setup, then a ``monitor`` token, both through the server's API."""
        set_up_admin(self.session, self.url)
        created = self.session.post(self.url + "/api/tokens", json={"name": "mac mini", "scope": "monitor"}, timeout=10)
        assert created.status_code == 201, created.text
        return created.json()["secret"]

    def start_monitor(self, token: str) -> None:
        env = {**COMMON, "ML_PATHS__MEDIA_DIR": str(self.media), "ML_DISC__SERVER_URL": self.url,
               "ML_DISC__API_TOKEN": token, "ML_DISC__WATCH_DIR": str(self.watch), "ML_DISC__AUTO_RIP": "true",
               "ML_DISC__CONFIRM_WINDOW_SECONDS": "1", "ML_DISC__POLL_SECONDS": "0.3", "ML_DISC__DRIVES": "false",
               "ML_DISC__DESKTOP_NOTIFICATIONS": "false", "ML_DISC__PRESET": "Very Fast 480p30",
               "ML_DISC__EXTRA_ARGS": "--width,160", "ML_DISC__MIN_TITLE_SECONDS": "8",
               "ML_DISC__OUTBOX_RETRY_SECONDS": "0.5"}
        self.monitor = Process(self.tmp, "monitor", ["--mode", "monitor", "--data-dir", str(self.tmp / "B")], env)

    def outbox(self) -> list[dict]:
        path = self.tmp / "B" / "monitor" / "outbox.jsonl"
        lines = path.read_text().splitlines() if path.exists() else []
        return [json.loads(line) for line in lines if line.strip()]

    def film(self, title: str, year: int, tmdb_id: int) -> Path | None:
        """The film at its Jellyfin path with its NFO, once the server published it."""
        if self.monitor is not None and self.monitor.process.poll() is not None:
            raise AssertionError(f"monitor exited:\n{self.monitor.tail()}")
        name = f"{title} ({year}) [tmdbid-{tmdb_id}]"
        path = self.media / "Movies" / name / f"{name}.mkv"
        return path if path.exists() and path.with_suffix(".nfo").exists() else None

    def stop(self) -> None:
        for child in (self.monitor, self.server):
            if child is not None:
                child.stop()


@pytest.fixture
def pair(tmp_path):
    with FakeTmdb() as tmdb:
        made = Pair(tmp_path, tmdb)
        yield made
        made.stop()


def insert(pair: Pair, tmp_path_factory, label: str) -> None:
    build = pair.tmp / "build"
    dvd = make_dvd(build / label, [10.0, 3.0], cache=tmp_path_factory)
    iso = make_iso(dvd, build / f"{label}.iso", label=label)
    iso.rename(pair.watch / f"{label}.iso")  # a rename, like a finished copy


def test_server_and_monitor_processes_rip_into_the_servers_library(pair, tmp_path_factory):
    pair.tmdb.add_movie(901, "Remote Movie", year=2019, poster_path="/remote.jpg")
    pair.tmdb.add_movie(902, "Offline Movie", year=2018)
    pair.start_server()
    pair.start_monitor(pair.set_up_admin_and_token())

    insert(pair, tmp_path_factory, "REMOTE_MOVIE")
    first = wait_for(lambda: pair.film("Remote Movie", 2019, 901), 120, interval=0.3, what="first film in the library")
    nfo = ET.parse(first.with_suffix(".nfo")).getroot()
    assert nfo.find("uniqueid[@type='tmdb']").text == "901"
    wait_for(lambda: (first.parent / "poster.jpg").is_file(), 10, what="the poster, written just after the NFO")
    discs = pair.session.get(pair.url + "/api/discs", timeout=10).json()["items"]
    assert [(d["origin"], d["status"]) for d in discs] == [("remote", "done")]
    assert pair.server.process.poll() is None and pair.monitor.process.poll() is None

    # The server goes away: the monitor rips on its own and keeps its messages.
    pair.server.stop()
    insert(pair, tmp_path_factory, "OFFLINE_MOVIE")
    wait_for(lambda: [m["type"] for m in pair.outbox()] == ["announce", "result"], 120, interval=0.3,
             what="offline rip queued in the monitor's outbox")
    assert pair.film("Offline Movie", 2018, 902) is None

    pair.start_server()  # same port, same data folder
    second = wait_for(lambda: pair.film("Offline Movie", 2018, 902), 60, interval=0.3, what="delivered after restart")
    assert ET.parse(second.with_suffix(".nfo")).getroot().findtext("tmdbid") == "902"
    wait_for(lambda: pair.outbox() == [], 30, interval=0.3, what="outbox emptied")
    assert not list(pair.media.rglob("*.partial.mkv")) and not list((pair.media / ".incoming").rglob("*.mkv"))
