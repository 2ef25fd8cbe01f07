"""Subscriptions against an RSS channel on the fake site (yt-dlp's generic extractor lists its
items): only new uploads, a new upload picked up on the next check, nothing archived downloaded
twice, retention leaving exactly N files; the filters as a pure function."""

from __future__ import annotations

import datetime as dt
import shutil
from email.utils import format_datetime

import pytest

from media_library.errors import InvalidInput
from media_library.models.download_jobs import DOWNLOAD_SUBSCRIPTION
from media_library.models.downloads import Subscription
from media_library.services.downloads.subscriptions import checked_fields, passed_over
from tests.downloads.conftest import finished, wait_for
from tests.fakes.media_site import FakeMediaSite

DAY = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def channel(site_root, tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    for n in range(1, 4):
        shutil.copy(site_root / "clip.mp4", root / f"ep{n}.mp4")
    with FakeMediaSite(root) as site:
        site.publish = lambda count, name="feed.xml": _feed(site, root, count, name)
        yield site


def _feed(site, root, count: int, name: str) -> str:
    items = "".join(f"<item><title>Episode {n}</title><link>{site.url}/ep{n}.mp4</link>"
                    f"<pubDate>{format_datetime(DAY + dt.timedelta(days=n))}</pubDate></item>"
                    for n in range(count, 0, -1))  # newest first, like a channel
    (root / name).write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Channel</title>'
                             f"<link>{site.url}/</link><description>d</description>{items}</channel></rss>")
    return f"{site.url}/{name}"


def _checked(runtime, subscription_id):
    """Check now and wait for the check job; returns its result."""
    job = runtime.services.downloads.subscriptions.queue_check(subscription_id)
    return wait_for(lambda: _result(runtime, job.id), 120, what="the subscription check")


def _result(runtime, job_id):
    job = runtime.state.get_job(job_id)
    assert job.status != "failed", job.error
    return job.result if job.status == "done" else None


def _first_check(runtime):
    return wait_for(lambda: next((j.result for j in runtime.state.list_jobs(kind=DOWNLOAD_SUBSCRIPTION)
                                  if j.status == "done"), None), 120, what="the first check")


def _videos(runtime, name="Test Channel"):
    return sorted((runtime.settings.media_dir / "Web videos" / name).rglob("*.mp4"))


def test_only_new_uploads_then_the_next_upload_and_never_twice(rig, channel):
    runtime = rig()
    url = channel.publish(2)
    sub = runtime.services.downloads.subscriptions.create({"url": url, "name": "Test Channel"}, None)
    first = _first_check(runtime)
    assert first["entries"] == 2 and first["queued"] == [] and first["passed_over"] == 2

    channel.publish(3)  # a new upload
    second = _checked(runtime, sub.id)
    assert len(second["queued"]) == 1
    download = finished(runtime, second["queued"][0])
    assert download.status == "done", download.error
    assert download.title == "Episode 3"
    assert [p.name.endswith(" - Episode 3.mp4") for p in _videos(runtime)] == [True]

    assert _checked(runtime, sub.id)["queued"] == []  # seen: not queued again
    other = runtime.services.downloads.subscriptions.create(
        {"url": channel.publish(3, "other.xml"), "name": "Test Channel", "only_new": False}, None)
    again = wait_for(lambda: next((j.result for j in runtime.state.list_jobs(kind=DOWNLOAD_SUBSCRIPTION)
                                   if j.status == "done" and j.result["subscription_id"] == other.id), None), 120)
    ended = [finished(runtime, i) for i in again["queued"]]
    assert sorted(d.status for d in ended) == ["done", "done", "skipped"]  # episode 3 is in the archive
    assert len(_videos(runtime)) == 3


def test_retention_leaves_exactly_n_files(rig, channel):
    runtime = rig()
    url = channel.publish(3)
    runtime.services.downloads.subscriptions.create({"url": url, "name": "Test Channel", "only_new": False,
                                                     "keep_last": 2}, None)
    first = _first_check(runtime)
    assert len(first["queued"]) == 3
    ended = [finished(runtime, i) for i in first["queued"]]
    assert [d.status for d in ended] == ["done", "done", "done"], [d.error for d in ended]
    wait_for(lambda: (d := runtime.state.get_download(ended[0].id)).media_id is None and "retention" in d.message,
             30, what="retention to remove the oldest")
    names = [p.name for p in _videos(runtime)]
    assert len(names) == 2 and not any("Episode 1" in n for n in names), names
    assert not list((runtime.settings.media_dir / "Web videos").rglob("* - Episode 1*"))  # with its NFO and thumbnail


def _sub(**fields) -> Subscription:
    return Subscription(id=1, url="http://x.test/c", name="C", preset="best_mp4", schedule="daily 03:00", **fields)


def test_filters_pass_over_what_the_subscription_does_not_want():
    entry = {"title": "Weekly news #12", "duration": 600, "url": "https://x.test/watch?v=1", "upload_date": "20260301"}
    assert passed_over(_sub(), entry) is None
    assert passed_over(_sub(title_include="podcast"), entry) == "title does not match"
    assert passed_over(_sub(title_exclude="news"), entry) == "title is excluded"
    assert passed_over(_sub(min_duration_s=900.0), entry) == "too short"
    assert passed_over(_sub(max_duration_s=300.0), entry) == "too long"
    assert passed_over(_sub(include_shorts=False), {**entry, "url": "https://x.test/shorts/abc"}) == "a short"
    assert passed_over(_sub(), {**entry, "live_status": "is_live"}) == "a live stream"
    assert passed_over(_sub(include_live=True), {**entry, "live_status": "is_live"}) is None
    assert passed_over(_sub(date_after="2026-03-02"), entry) == "older than the date cutoff"
    assert passed_over(_sub(date_after="2026-03-01"), entry) is None
    assert passed_over(_sub(min_duration_s=900.0), {"title": "no facts"}) is None


@pytest.mark.parametrize("body", [{"keep_last": 0}, {"title_include": "("}, {"date_after": "yesterday"},
                                  {"schedule": "every now and then"}, {"preset": "8k"}, {"keep_days": "3"}, {"x": 1}])
def test_bad_subscription_fields_are_refused(body):
    with pytest.raises(InvalidInput):
        checked_fields(body)
