"""The shared resumable download (``clients/resumable.py``) on its own: segment planning, the
bandwidth limit, stall detection, a 206 that starts elsewhere, and progress events with speed."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest

from media_library.clients.resumable import ResumableDownload, Segment, Throttle, Transfer, plan_segments
from media_library.errors import ExternalServiceError


class FakeOpened:
    """An answer as ``HttpClient.open_untrusted`` gives it: status, headers, chunks."""

    def __init__(self, status, headers, chunks, delay=0.0):
        self.status, self.headers, self._chunks, self.delay = status, headers, chunks, delay

    def chunks(self, size=0):
        for chunk in self._chunks:
            time.sleep(self.delay)
            yield chunk


def opener(answers):
    asked = []

    @contextmanager
    def open_url(headers):
        asked.append(headers)
        yield answers.pop(0)

    return open_url, asked


def test_segments_only_when_each_is_large_enough():
    assert plan_segments(100, 4, 30) == [Segment(0, 33), Segment(34, 67), Segment(68, 99)]
    assert plan_segments(100, 4, 50) == [Segment(0, 49), Segment(50, 99)]
    assert plan_segments(100, 4, 60) == [Segment(0, 99)]
    assert [s.end - s.start + 1 for s in plan_segments(1000, 3, 1)] == [334, 334, 332]


def test_the_bandwidth_limit_paces_the_bytes():
    slept = []
    throttle = Throttle(1000, clock=lambda: 0.0, sleep=slept.append)
    for _ in range(4):
        throttle.take(500)
    assert slept == [0.5, 1.0, 1.5, 2.0]


def test_a_stalled_answer_breaks_off_and_keeps_what_came(tmp_path):
    drip = FakeOpened(200, {"content-length": "1000"}, [b"x"] * 10, delay=0.02)
    open_url, _ = opener([drip])
    fetch = ResumableDownload(open_url, tmp_path / "f.part", Transfer(), service="test", stall_seconds=0.1)
    with pytest.raises(ExternalServiceError, match="stalled") as caught:
        fetch.run()
    assert caught.value.transient and 0 < fetch.transfer.done_bytes < 1000


def test_a_206_starting_elsewhere_restarts_from_zero(tmp_path):
    part = tmp_path / "f.part"
    part.write_bytes(b"old!")
    answers = [FakeOpened(206, {"content-range": "bytes 0-9/10"}, [b"0123456789"]),
               FakeOpened(200, {"content-length": "10"}, [b"0123456789"])]
    open_url, asked = opener(answers)
    saved = []
    done = ResumableDownload(open_url, part, Transfer(10, '"v1"', [Segment(0, 9, 4)]), service="test",
                             save=lambda t: saved.append(t.done_bytes)).run()
    assert asked == [{"Range": "bytes=4-", "If-Range": '"v1"'}, {}]
    assert part.read_bytes() == b"0123456789" and done.done_bytes == 10 and saved[-1] == 10


def test_progress_is_published_with_speed_and_eta(iptv_runtime, account, provider, ctx, movie_bytes):
    seen = []
    iptv_runtime.bus.subscribe(lambda event: seen.append(event) if event.name == "iptv_download_progress" else None)
    iptv_runtime.services.iptv_sync.sync(account.id, ctx)
    provider.bytes_per_second = len(movie_bytes)  # about a second
    download = iptv_runtime.services.iptv_downloads.queue_movie(account.id, "456")
    iptv_runtime.services.iptv_downloads.run(download.id, ctx)
    moving = [e for e in seen if e.status == "downloading" and e.total_bytes]
    assert moving and moving[-1].done_bytes == len(movie_bytes)
    assert any(e.speed_bps > 0 for e in moving) and any(e.eta_s is not None for e in moving)
    assert seen[-1].status == "done"
