"""Socket.IO forwards exactly the event types flagged ``forwarded``, under their wire names, with
``payload()`` as the message; an event a source keeps to itself never reaches a browser."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from media_library import events


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


def test_only_flagged_events_are_forwarded(socketio_client, runtime):
    socketio_client.get_received()
    runtime.bus.publish(Internal("/srv/private"))
    runtime.bus.publish(events.LibraryUpdated(["m1"], "identified"))
    received = socketio_client.get_received()
    assert [(m["name"], m["args"][0]) for m in received] == [
        ("library_updated", {"media_ids": ["m1"], "reason": "identified"})]
