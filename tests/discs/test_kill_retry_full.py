"""kill -9 of ``main.py --mode full`` during an encode of a DVD image lying in the watch folder, as a
person meets it: restart, look at the disc, press Retry through the API.

What must hold (issue #11, items 5, 6 and 8):

- the image still in the watch folder is the same disc after the restart: not registered again,
  not ripped a second time by a new job, and not again after a further restart once it is done;
- while its job is interrupted the disc says "interrupted" (not "ripping 14 %"), and the partial
  encode is gone before anyone presses Retry (the start-up sweep runs after job recovery);
- Retry publishes the film once: one file, no ``… - 480p.mkv`` beside it;
- nothing is left in ``work/<job>/`` or ``.incoming/`` after the rip.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from media_library.tools import ffprobe
from tests.discs.conftest import wait_for
from tests.discs.test_kill_retry import crash
from tests.discs.test_monitor_processes import COMMON, Process, set_up_admin
from tests.fakes.tmdb import FakeTmdb
from tests.media import make_dvd, make_iso
from tests.web.conftest import SETUP_CODE, free_port

pytestmark = [
    pytest.mark.slow,
]
NAME = "Kill Me (2020) [tmdbid-77]"


class Daemon:
    """``main.py --mode full`` on one data folder, port and watch folder, restartable."""

    def __init__(self, tmp: Path, tmdb: FakeTmdb):
        self.tmp, self.port = tmp, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.media, self.watch, self.data = tmp / "media", tmp / "watch", tmp / "data"
        self.watch.mkdir()
        self.env = {**COMMON, "ML_AUTH__SETUP_CODE": SETUP_CODE, "ML_PATHS__MEDIA_DIR": str(self.media),
                    "ML_TMDB__BASE_URL": tmdb.url, "ML_TMDB__API_KEY": tmdb.api_key,
                    "ML_DISC__WATCH_DIR": str(self.watch), "ML_DISC__CONFIRM_WINDOW_SECONDS": "1",
                    "ML_DISC__POLL_SECONDS": "0.3", "ML_DISC__DRIVES": "false",
                    "ML_DISC__DESKTOP_NOTIFICATIONS": "false", "ML_DISC__PRESET": "Very Fast 480p30",
                    "ML_DISC__EXTRA_ARGS": "--width,160", "ML_DISC__MIN_TITLE_SECONDS": "8",
                    "ML_JOBS__LEASE_SECONDS": "6", "ML_JOBS__PROGRESS_INTERVAL_SECONDS": "0"}
        self.process: Process | None = None
        self.session = requests.Session()
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        self.process = Process(self.tmp, f"full-{self.runs}", ["--mode", "full", "--data-dir", str(self.data),
                                                               "--port", str(self.port)], self.env)
        self.process.wait_until_up(self.url)

    def get(self, path: str):
        answer = self.session.get(self.url + path, timeout=10)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def discs(self) -> list[dict]:
        return self.get("/api/discs")["items"]

    def job(self, job_id: int) -> dict:
        return self.get(f"/api/jobs/{job_id}")

    def kill(self) -> None:
        crash(self.process.process)
        self.process.stop()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()


@pytest.fixture
def daemon(tmp_path):
    with FakeTmdb() as tmdb:
        tmdb.add_movie(77, "Kill Me", year=2020, runtime=1)
        made = Daemon(tmp_path, tmdb)
        yield made
        made.stop()


def only_disc(daemon: Daemon) -> dict:
    found = daemon.discs()
    assert len(found) == 1, found
    return found[0]


def films(media: Path) -> list[str]:
    movies = media / "Movies"
    return sorted(p.relative_to(movies).as_posix() for p in movies.rglob("*.mkv")) if movies.exists() else []


def test_kill_during_encode_restart_and_retry_publishes_once(daemon, tmp_path, tmp_path_factory):
    daemon.start()
    set_up_admin(daemon.session, daemon.url)
    iso = make_iso(make_dvd(tmp_path / "build" / "DVD", [60.0], cache=tmp_path_factory), tmp_path / "build" / "k.iso",
                   label="KILL_ME")
    iso.rename(daemon.watch / "kill.iso")  # "insert" the disc: a finished image appears in the watch folder

    staging = daemon.media / ".incoming"
    ripping = wait_for(lambda: (d := daemon.discs()) and d[0]["status"] == "ripping" and d[0]["progress"] > 5
                       and list(staging.rglob("*.partial.mkv")) and d[0], 180, 0.05, "encode under way")
    daemon.kill()
    job_id = ripping["job_id"]

    daemon.start()
    interrupted = wait_for(lambda: (d := only_disc(daemon))["status"] == "interrupted" and d, 60,
                           what="disc interrupted after restart")
    assert interrupted["id"] == ripping["id"] and interrupted["job_id"] == job_id
    assert "Retry" in interrupted["message"]
    assert daemon.job(job_id)["status"] == "interrupted"
    assert not list(staging.rglob("*.partial.mkv")), "the start-up sweep left the killed encode's partial file"
    time.sleep(3)  # several polls of the watch folder and a whole confirmation window
    assert only_disc(daemon)["status"] == "interrupted", "the image was registered or ripped again"
    assert [j["id"] for j in daemon.get("/api/jobs")["items"] if j["kind"] == "disc.rip"] == [job_id]

    answer = daemon.session.post(daemon.url + f"/api/jobs/{job_id}/retry", timeout=10)
    assert answer.status_code == 200, answer.text
    done = wait_for(lambda: (d := only_disc(daemon))["status"] in ("done", "failed") and d, 180, what="retry done")
    assert done["status"] == "done", (done["error"], daemon.process.tail())
    assert daemon.job(job_id)["status"] == "done"
    assert films(daemon.media) == [f"{NAME}/{NAME}.mkv"]
    assert 58.5 <= ffprobe.duration(daemon.media / "Movies" / NAME / f"{NAME}.mkv") <= 61.5
    assert not staging.exists() or not any(staging.iterdir()), list(staging.rglob("*"))
    assert not (daemon.data / "work" / str(job_id)).exists()

    daemon.stop()
    daemon.start()  # done, the image still lies in the watch folder: still one disc, nothing new
    time.sleep(3)
    assert only_disc(daemon)["status"] == "done"
    assert films(daemon.media) == [f"{NAME}/{NAME}.mkv"]
