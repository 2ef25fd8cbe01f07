"""The benches' lean load generator (``bench/loadgen.py``) against the real server: a wrong parse
there would not fail, it would only mis-measure. Ranged bodies arrive whole and in order over one
keep-alive connection, counted ranges add up, error answers are counted as errors, and a bare
Engine.IO socket of bench/load.py's fleet completes the authenticated CONNECT and sees a job's event."""

from __future__ import annotations

import asyncio
import json
import sys
import time

import pytest

from . import test_live_server
from .conftest import ROOT
from .test_slow_clients import run_coroutine

sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402
import loadgen  # noqa: E402

MIB = 1024 * 1024
FILE_SIZE = test_live_server.FILE_SIZE
live, admin, media = test_live_server.live, test_live_server.admin, test_live_server.media  # this module's own server


@pytest.fixture(scope="module")
def token(live, admin) -> str:
    response = admin.post(live.url + "/api/tokens", json={"name": "bench", "scope": "all"}, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()["secret"]


@pytest.fixture(scope="module")
def stream(media) -> tuple[str, bytes]:
    item, path = media
    return f"/api/media/{item.id}/stream", path.read_bytes()


def test_ranges_arrive_whole_over_one_keep_alive_connection(live, token, stream):
    path, content = stream
    auth = {"Authorization": f"Bearer {token}"}

    async def read_ranges():
        client = loadgen.Client(live.port, keep_bodies_up_to=2 * MIB)
        answers = []
        for start in (0, MIB + 7, FILE_SIZE - MIB):
            answers.append(await client.request("GET", path, {**auth, "Range": f"bytes={start}-{start + MIB - 1}"}))
        connection = client.conn
        client.close()
        return answers, connection

    answers, connection = run_coroutine(read_ranges())
    assert [a.status for a in answers] == [206, 206, 206]
    assert [a.body for a in answers] == [content[s:s + MIB] for s in (0, MIB + 7, FILE_SIZE - MIB)]
    assert connection is not None  # never reopened: the three answers came over one connection


def test_closed_loop_counts_every_range_and_every_error(live, token, stream):
    path, _ = stream
    auth = {"Authorization": f"Bearer {token}"}
    tally, elapsed = run_coroutine(loadgen.closed_loop(
        live.port, 4, 1.0, lambda n: (path, {**auth, "Range": f"bytes={n % 3 * MIB}-{n % 3 * MIB + MIB - 1}"})))
    assert tally.errors == [] and len(tally.latencies) > 0
    assert tally.nbytes == len(tally.latencies) * MIB
    assert tally.summary(elapsed)["rps"] > 0

    refused, _ = run_coroutine(loadgen.closed_loop(live.port, 1, 0.2, lambda n: (path, {})))  # no credential
    assert refused.latencies == [] and refused.errors
    assert all("-> 401" in error for error in refused.errors)


def test_a_bare_engineio_socket_connects_with_the_token_and_sees_a_job(live, token):
    async def one_socket_sees_a_job():
        fleet = load.Fleet(live.port, token)
        sock = await fleet.open_one(asyncio.Semaphore(1))
        client = loadgen.Client(live.port)
        answer = await client.request("POST", "/api/jobs", {"Authorization": f"Bearer {token}",
                                                            "Content-Type": "application/json"}, load.JOB_BODY)
        client.close()
        job_id = str(json.loads(answer.body)["id"]) if answer.status < 300 else answer.body.decode()
        deadline = time.monotonic() + 20
        while not fleet.firsts and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        fleet.state["stopping"] = True
        sock.transport.close()
        return fleet, answer.status, job_id

    fleet, status, job = run_coroutine(one_socket_sees_a_job())
    assert fleet.state["connected"] == 1 and fleet.state["refused"] == 0 and fleet.state["errors"] == []
    assert status == 201, job
    assert list(fleet.firsts) == [job] and len(fleet.firsts[job]) == 1  # its first job_updated, once
