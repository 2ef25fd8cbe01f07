"""Monitor mode against a running server (separate data folders, one shared media folder): a disc
inserted on the monitor side ends up in the server's library; with the server stopped, the monitor
rips anyway, queues its messages and delivers them when the server is back."""

from __future__ import annotations

import socket
import threading

import pytest
from werkzeug.serving import make_server

from media_library.runtime import Runtime
from media_library.services.discs.runner import build_disc_monitor
from media_library.tools import ffprobe
from media_library.web.app import create_app
from media_library.web.routes import discs as disc_routes
from tests.conftest import build_runtime, media_by_external_id
from tests.discs.conftest import disc_settings, wait_for
from tests.media import make_dvd, make_iso

pytestmark = [
    pytest.mark.slow,
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The server side: a runtime plus the real app on 127.0.0.1:port, stoppable and restartable."""

    def __init__(self, settings, port):
        self.runtime = build_runtime(settings)
        self.app = create_app(self.runtime, extra_blueprints=[disc_routes.bp, disc_routes.monitor_bp])
        self.port = port
        self._server = None

    def start(self):
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def token(self) -> str:
        from media_library.services.auth import Passwords

        user = self.runtime.state.add_first_admin("admin", Passwords(1).hash("correct horse battery"))
        secret, _ = self.runtime.services.tokens.create(user, "mac mini", "monitor")
        return secret


@pytest.fixture
def pair(tmp_path, fake_tmdb):
    port = free_port()
    media = tmp_path / "shared-media"
    server_settings = disc_settings(tmp_path / "server", **{
        "paths.media_dir": str(media), "tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key,
        "disc.confirm_window_seconds": 0.5})
    server = Server(server_settings, port)
    server.start()
    token = server.token()
    monitor_settings = disc_settings(tmp_path / "monitor", **{
        "paths.media_dir": str(media), "disc.server_url": f"http://127.0.0.1:{port}", "disc.api_token": token,
        "disc.confirm_window_seconds": 0.5})
    monitor_runtime = Runtime.build(monitor_settings, "monitor")
    assert monitor_runtime.state is None  # monitor mode never opens a database
    monitor = build_disc_monitor(monitor_runtime)
    thread = threading.Thread(target=monitor.run, daemon=True)
    thread.start()
    yield server, monitor_settings, monitor_runtime.services.disc_agent
    monitor.stop()
    thread.join(10)
    try:
        server.stop()
    except Exception:
        pass
    server.runtime.stop()


def insert(tmp_path, tmp_path_factory, settings, label):
    dvd = make_dvd(tmp_path / "build" / label, [12.0, 3.0], cache=tmp_path_factory)
    iso = make_iso(dvd, tmp_path / "build" / f"{label}.iso", label=label)
    watch = settings.disc.watch_dir
    iso.rename(f"{watch}/{label}.iso")


def done_disc(server):
    discs = server.runtime.state.list_discs()
    if discs and discs[0].status == "failed":
        raise AssertionError(discs[0].error)
    return discs[0] if discs and discs[0].status == "done" else None


def test_disc_on_the_monitor_lands_in_the_servers_library(tmp_path, tmp_path_factory, pair, fake_tmdb):
    server, settings, agent = pair
    fake_tmdb.add_movie(901, "Remote Movie", year=2019)
    insert(tmp_path, tmp_path_factory, settings, "REMOTE_MOVIE")
    disc = wait_for(lambda: done_disc(server), 180, what="remote rip published")
    assert disc.origin == "remote" and disc.choice["tmdb_id"] == 901
    name = "Remote Movie (2019) [tmdbid-901]"
    path = server.runtime.settings.media_dir / "Movies" / name / f"{name}.mkv"
    assert 11.0 <= ffprobe.duration(path) <= 13.0
    assert media_by_external_id(server.runtime.state, "tmdb", "901") is not None
    assert not agent.outbox.pending()
    assert not list(server.runtime.settings.media_dir.rglob("*.partial.mkv"))
    assert not (server.runtime.settings.media_dir / ".incoming").exists()  # no empty monitor-<key>/ left


def test_server_away_monitor_queues_and_delivers_later(tmp_path, tmp_path_factory, pair, fake_tmdb):
    server, settings, agent = pair
    fake_tmdb.add_movie(902, "Offline Movie", year=2018)
    server.stop()
    insert(tmp_path, tmp_path_factory, settings, "OFFLINE_MOVIE")
    # The monitor rips on its own after its window and keeps announce + result in its outbox.
    queued = wait_for(lambda: [m["type"] for m in agent.outbox.pending()] == ["announce", "result"], 180,
                      what="rip queued in the outbox")
    assert queued and not server.runtime.state.list_discs()
    server.start()
    disc = wait_for(lambda: done_disc(server), 60, what="delivered after the server came back")
    assert disc.choice["tmdb_id"] == 902  # the server's own identification named it
    name = "Offline Movie (2018) [tmdbid-902]"
    assert (server.runtime.settings.media_dir / "Movies" / name / f"{name}.mkv").exists()
    assert not agent.outbox.pending()


def test_monitor_routes_need_a_monitor_token(tmp_path, fake_tmdb):
    import requests

    settings = disc_settings(tmp_path, **{"tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key})
    server = Server(settings, free_port())
    server.start()
    try:
        token = server.token()
        user = server.runtime.state.get_user_credentials("admin")[0]
        reader, _ = server.runtime.services.tokens.create(user, "reader", "read")
        url = f"http://127.0.0.1:{server.port}/api/monitor/discs"
        body = {"key": "mac-1-abc", "fingerprint": "f", "label": '" & do shell script "touch /tmp/x" & "', "kind": "dvd"}
        assert requests.post(url, json=body, timeout=10).status_code == 401
        assert requests.post(url, json=body, headers={"Authorization": f"Bearer {reader}"}, timeout=10).status_code == 403
        ok = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert ok.status_code == 201 and ok.json()["label"] == body["label"]
        again = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert again.json()["id"] == ok.json()["id"]  # announcing twice (outbox replay) is harmless
        bad = requests.post(url + "/..%2Fx/result", json={"outputs": [{"staged": "../../etc/passwd"}]},
                            headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert bad.status_code in (400, 404, 405)  # never a 2xx, never a file outside the root
        escape = requests.post(url + "/mac-1-abc/result", json={"outputs": [{"staged": ".incoming/../../x", "title_index": 1, "duration_s": 1}]},
                               headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert escape.status_code == 400
    finally:
        server.stop()
        server.runtime.stop()
