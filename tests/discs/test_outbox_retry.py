"""Monitor mode's outbox while the server is away: retried every ``disc.outbox_retry_seconds``,
not on every poll, against a local server that answers like the real one (503 while "away")."""

from __future__ import annotations

import pytest

from media_library.clients.http import HttpClient, HttpOptions
from media_library.clients.server_api import ServerApi
from media_library.services.discs.monitor import InsertedDisc
from media_library.services.discs.outbox import Outbox
from media_library.services.discs.remote import RemoteAgent
from tests.discs.conftest import disc_settings
from tests.fakes.server import FakeServer, json_response


class FakeMediaServer(FakeServer):
    """The server's /api/monitor routes, as far as an announcement needs them."""

    name = "media-server"

    def routes(self, app):
        app.add_url_rule("/api/monitor/discs", "announce", lambda: json_response({"status": "waiting"}, 201),
                         methods=["POST"])
        app.add_url_rule("/api/monitor/discs/<key>", "disc", lambda key: json_response({"status": "waiting"}))


class Clock:
    def __init__(self):
        self.now = 1_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def agent(tmp_path):
    settings = disc_settings(tmp_path, **{"disc.outbox_retry_seconds": 5.0, "disc.confirm_window_seconds": 600})
    http = HttpClient(HttpOptions(timeout=5.0, retries=0))
    with FakeMediaServer() as server:
        clock = Clock()
        made = RemoteAgent(ServerApi(http, server.url, "token"), Outbox(tmp_path / "outbox.jsonl"), settings, clock=clock)
        yield made, server, clock
    http.close()


def test_a_waiting_outbox_is_retried_on_its_interval_not_every_poll(agent):
    agent, server, clock = agent
    server.script(503, {"error": "restarting"}, path="/api/monitor/discs", times=2)
    disc = InsertedDisc("watch:/x.iso", "/x.iso", "MY_MOVIE", "dvd", "fingerprint-1")

    agent.on_insert(disc)  # a new message is tried at once
    assert len(server.requests) == 1 and not agent.server_up
    for _ in range(5):  # polls within the retry interval send nothing
        clock.now += 0.9
        agent.tick()
    assert len(server.requests) == 1

    clock.now += 0.6  # 5.1 s after the failure: one retry, still refused
    agent.tick()
    assert len(server.requests) == 2 and [m["type"] for m in agent.outbox.pending()] == ["announce"]

    clock.now += 5.0  # the server is back: delivered, then the agent asks about the disc on each poll
    agent.tick()
    assert not agent.outbox.pending() and agent.server_up
    assert [r.method for r in server.requests[2:]] == ["POST", "GET"]


def test_a_message_the_server_refuses_for_good_is_dropped_not_retried_forever(tmp_path):
    from media_library.errors import ExternalServiceError
    from media_library.services.discs.outbox import Outbox

    outbox = Outbox(tmp_path / "outbox.jsonl")
    outbox.put({"type": "result", "n": 1})
    outbox.put({"type": "result", "n": 2})
    outbox.put({"type": "result", "n": 3})
    delivered = []

    def send(message):
        if message["n"] == 1:
            raise ExternalServiceError("server", "answered 409: that name is taken", transient=False, upstream_status=409)
        if message["n"] == 3:
            raise ExternalServiceError("server", "answered 503", upstream_status=503)
        delivered.append(message["n"])

    assert outbox.deliver(send) == 2  # 1 refused for good and dropped, 2 delivered, 3 waits for the server
    assert delivered == [2]
    assert [m["n"] for m in outbox.pending()] == [3]
