"""Socket.IO forwards exactly the event types flagged ``forwarded``, under their wire names, with
``payload()`` as the message; an event a source keeps to itself never reaches a browser."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from media_library import events
from tests.web.conftest import session_cookie


@dataclass(frozen=True)
class Internal(events.Event, name="test_internal"):
    """A source's own event, for its subscribers only."""

    secret_path: str


@pytest.fixture
def runtime(runtime):
    """The runtime with a bus that also carries a source's own, unforwarded event type."""
    runtime.bus.close()  # its services are not used here
    runtime.bus = events.EventBus(types=(*events.CORE_EVENTS, Internal))
    return runtime


def test_only_flagged_events_are_forwarded(served, admin_client, runtime, socket_client):
    client = socket_client().connect(served.url, cookie=session_cookie(admin_client))
    runtime.bus.publish(Internal("/srv/private"))
    runtime.bus.publish(events.LibraryUpdated(["m1"], "identified"))
    client.wait_for(lambda: client.named("library_updated"))  # one queue, in order: the other would be first
    assert "test_internal" not in [name for name, _ in client.received]
    assert client.named("library_updated") == [{"media_ids": ["m1"], "reason": "identified"}]
