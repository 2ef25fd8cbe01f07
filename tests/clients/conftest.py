"""Fixtures for the client contract tests: each fake server, started per test on a free port."""

from __future__ import annotations

import pytest

from media_library.clients.http import HttpClient, HttpOptions


@pytest.fixture
def http():
    # Tiny backoff so 5xx retries do not slow the suite; Retry-After tests patch the sleep.
    # The fakes stand where an admin's LAN services would: 127.0.0.1 is on the guard's allow-list.
    client = HttpClient(HttpOptions(timeout=5.0, retries=2, backoff_base=0.001, allow_hosts=("127.0.0.1",)))
    yield client
    client.close()


@pytest.fixture
def sleeps(monkeypatch):
    """Record the waits HttpClient asks for instead of sleeping them."""
    import time
    import types

    from media_library.clients import http as http_module

    asked: list[float] = []
    fake_time = types.SimpleNamespace(monotonic=time.monotonic, time=time.time, sleep=asked.append)
    monkeypatch.setattr(http_module, "time", fake_time)
    return asked
