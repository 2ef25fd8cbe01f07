"""Subscribing and checking feeds end to end: the real worker pool, feedparser and defusedxml on
what the fake host serves, every fetch through the outbound guard."""

from __future__ import annotations

import time

from media_library.services.podcasts.service import schedule_name
from tests.conftest import build_runtime, make_settings
from tests.fakes.outbound import Canary, StubServer, redirect_to
from tests.fakes.podcasts import rss
from tests.podcasts.conftest import downloads_settled, finished

DAY = 86400.0


def _episodes(host, count: int, *, start: float = 1_700_000_000.0) -> list[dict]:
    return [{"guid": f"ep-{n}", "title": f"Episode {n}", "date": start + n * DAY, "url": f"{host.url}/media/ep{n}.mp3",
             "duration": "1:02:03" if n == 1 else "125", "season": 2, "episode": n,
             "chapters": f"{host.url}/chapters/ep{n}.json", "transcript": f"{host.url}/t/ep{n}.vtt",
             "description": "<p>Hello <script>alert(1)</script><b>world</b></p>"} for n in range(1, count + 1)]


def _subscribe(runtime, url: str, **kwargs):
    podcast = runtime.services.podcasts.subscribe(url, **kwargs)
    job = runtime.state.list_jobs(kind="podcast.refresh")[0]
    assert finished(runtime, job.id).status == "done", job
    return runtime.state.get_podcast(podcast.id)


def test_subscribe_records_the_show_and_its_episodes(podcast_runtime, host):
    host.feeds["show.xml"] = rss("The Show", _episodes(host, 2), image=f"{host.url}/cover.jpg")
    podcast = _subscribe(podcast_runtime, f"{host.url}/feeds/show.xml")

    assert podcast.title == "The Show" and podcast.author == "Fake Host"
    assert podcast.image_url == f"{host.url}/cover.jpg" and podcast.etag
    episodes = podcast_runtime.state.list_episodes(podcast.id)
    assert [e.title for e in episodes] == ["Episode 2", "Episode 1"]
    first = episodes[1]
    assert first.duration_s == 3723.0 and first.season == 2 and first.episode == 1
    assert first.chapters_url == f"{host.url}/chapters/ep1.json"
    assert first.transcripts == [{"url": f"{host.url}/t/ep1.vtt", "type": "text/vtt", "language": "en"}]
    assert "<script>" not in first.description and "<b>world</b>" in first.description
    assert time.gmtime(first.published_at)[:3] == (2023, 11, 15)
    schedules = {s.name: s for s in podcast_runtime.state.list_schedules()}
    assert schedules[schedule_name(podcast.id)].expression == f"{podcast.id % 60} * * * *"


def test_an_unchanged_feed_is_a_304_that_writes_nothing_and_a_new_episode_appears(podcast_runtime, host):
    host.feeds["show.xml"] = rss("The Show", _episodes(host, 2))
    podcast = _subscribe(podcast_runtime, f"{host.url}/feeds/show.xml")
    before = (podcast_runtime.state.get_podcast(podcast.id), podcast_runtime.state.list_episodes(podcast.id))

    assert podcast_runtime.services.podcasts.refresh(podcast.id) == {"podcast_id": podcast.id, "status": 304, "new": 0, "removed": 0}
    assert host.requests_to("/feeds/show.xml")[-1].headers["If-None-Match"] == podcast.etag
    assert (podcast_runtime.state.get_podcast(podcast.id), podcast_runtime.state.list_episodes(podcast.id)) == before

    host.feeds["show.xml"] = rss("The Show", _episodes(host, 3))
    result = podcast_runtime.services.podcasts.refresh(podcast.id)
    assert result["status"] == 200 and result["new"] == 1
    assert podcast_runtime.state.list_episodes(podcast.id)[0].title == "Episode 3"


def test_a_new_episode_is_downloaded_when_auto_download_is_on(podcast_runtime, host, mp3_bytes):
    for n in (1, 2, 3):
        host.media[f"ep{n}.mp3"] = mp3_bytes
        host.chapters[f"ep{n}.json"] = {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"},
                                                                         {"startTime": 2.5, "title": "Talk"}]}
    host.feeds["show.xml"] = rss("The Show", _episodes(host, 2), image=f"{host.url}/cover.jpg")
    podcast = _subscribe(podcast_runtime, f"{host.url}/feeds/show.xml", download_mode="all")
    podcast_runtime.services.podcasts.update(podcast.id, {"download_latest": 1})
    host.feeds["show.xml"] = rss("The Show", _episodes(host, 3), image=f"{host.url}/cover.jpg")

    assert podcast_runtime.services.podcasts.refresh(podcast.id)["downloads_queued"] == 1
    downloads_settled(podcast_runtime)
    newest = podcast_runtime.state.list_episodes(podcast.id)[0]
    assert newest.downloaded and newest.media_id
    path = newest.file_path
    assert path.endswith("Podcasts/The Show/2023-11-17 - Episode 3.mp3")
    assert newest.chapters == [{"start_s": 0.0, "title": "Intro", "url": None}, {"start_s": 2.5, "title": "Talk", "url": None}]
    from mutagen.id3 import ID3

    tags = ID3(path)
    assert str(tags["TIT2"]) == "Episode 3" and str(tags["TALB"]) == "The Show" and tags.getall("APIC")
    item = podcast_runtime.state.get_media(newest.media_id)
    assert item.kind == "podcast_episode" and podcast_runtime.state.list_media_files(item.id)[0].path == path


def test_each_failing_feed_fails_alone_with_its_reason_and_backs_off(podcast_runtime, host, mp3_bytes):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>')
    host.feeds["laughs.xml"] = laughs
    host.feeds["huge.xml"] = b"<rss>" + b" " * (50 * 1024 * 1024) + b"</rss>"  # 50 MB; the cap is 10 MiB
    host.feeds["broken.xml"] = b"<rss><channel><title>oops</channel></rss>"
    host.feeds["good.xml"] = rss("Good", _episodes(host, 1))
    service = podcast_runtime.services.podcasts
    ids = {name: service.subscribe(f"{host.url}/feeds/{name}").id for name in ("laughs.xml", "huge.xml", "broken.xml", "missing.xml", "good.xml")}
    for job in podcast_runtime.state.list_jobs(kind="podcast.refresh"):
        finished(podcast_runtime, job.id)

    errors = {name: podcast_runtime.state.get_podcast(pid).last_error for name, pid in ids.items()}
    assert "refused unsafe XML" in errors["laughs.xml"]
    assert "larger than" in errors["huge.xml"]
    assert "malformed XML" in errors["broken.xml"]
    assert "not found" in errors["missing.xml"]
    assert errors["good.xml"] is None and podcast_runtime.state.list_episodes(ids["good.xml"])
    failing = podcast_runtime.state.get_podcast(ids["broken.xml"])
    assert failing.failures == 1 and failing.retry_at > time.time() + 200
    skipped = service.refresh(failing.id, scheduled=True)
    assert "backing off" in skipped["skipped"]


def test_a_permanent_redirect_and_new_feed_url_move_the_subscription(podcast_runtime, host):
    host.feeds["new.xml"] = rss("Moved", _episodes(host, 1))
    host.redirects["old.xml"] = (301, f"{host.url}/feeds/new.xml")
    podcast = _subscribe(podcast_runtime, f"{host.url}/moved/old.xml")
    assert podcast.feed_url == f"{host.url}/feeds/new.xml"

    host.feeds["newer.xml"] = rss("Moved again", _episodes(host, 1))
    host.feeds["new.xml"] = rss("Moved", _episodes(host, 1),
                                extra_channel=f"<itunes:new-feed-url>{host.url}/feeds/newer.xml</itunes:new-feed-url>")
    podcast_runtime.services.podcasts.refresh(podcast.id)
    assert podcast_runtime.state.get_podcast(podcast.id).feed_url == f"{host.url}/feeds/newer.xml"
    assert len(podcast_runtime.state.list_episodes(podcast.id)) == 1


def test_an_enclosure_redirecting_to_loopback_is_refused_and_the_feed_still_updates(tmp_path):
    """A "public" host (127.0.0.2, allow-listed) whose enclosure redirects to a canary on 127.0.0.1."""
    with Canary() as canary:
        feed = rss("Sneaky", [{"guid": "x", "title": "X", "date": 1_700_000_000, "url": "http://127.0.0.2:{port}/ep.mp3"}])

        def answer(seen):
            if seen.path == "/feed.xml":
                return 200, {"Content-Type": "application/rss+xml"}, feed.replace(b"{port}", str(public.port).encode())
            return redirect_to(f"http://127.0.0.1:{canary.port}/inside")(seen)

        with StubServer("127.0.0.2", answer) as public:
            runtime = build_runtime(make_settings(tmp_path, **{"http.allow_hosts": ["127.0.0.2"]}))
            runtime.start()
            try:
                podcast = runtime.services.podcasts.subscribe(f"{public.url}/feed.xml", download_mode="latest")
                finished(runtime, runtime.state.list_jobs(kind="podcast.refresh")[0].id)
                downloads_settled(runtime)
                episode = runtime.state.list_episodes(podcast.id)[0]
                job = runtime.state.list_jobs(kind="podcast.download")[0]
                inward = runtime.services.podcasts.subscribe(f"{public.url}/moved-feed.xml")  # the feed itself points inside
                finished(runtime, runtime.services.podcasts.queue_refresh(inward.id).id)
                inward_error = runtime.state.get_podcast(inward.id).last_error
            finally:
                runtime.stop()
    assert runtime.state is not None and job.status == "failed" and "loopback" in job.error
    assert "loopback" in episode.download_error and not episode.downloaded
    assert "loopback" in inward_error
    assert canary.hits == 0


def test_new_episodes_of_a_chosen_podcast_are_notified_through_apprise(tmp_path, host):
    port = host.url.rsplit(":", 1)[1]
    runtime = build_runtime(make_settings(tmp_path, **{"notify.urls": [f"json://127.0.0.1:{port}/notify"]}))
    try:
        host.feeds["n.xml"] = rss("Noisy", _episodes(host, 1))
        quiet = host.feeds["q.xml"] = rss("Quiet", _episodes(host, 1))
        service = runtime.services.podcasts
        noisy = service.subscribe(f"{host.url}/feeds/n.xml", refresh=False)
        other = service.subscribe(f"{host.url}/feeds/q.xml", refresh=False)
        service.update(noisy.id, {"notify": True})
        service.refresh(noisy.id)
        service.refresh(other.id)
        assert host.requests_to("/notify") == []  # not on the first check
        host.feeds["n.xml"] = rss("Noisy", _episodes(host, 2))
        host.feeds["q.xml"] = quiet.replace(b"</channel>", b"<language>en</language></channel>")
        service.refresh(noisy.id)
        service.refresh(other.id)
        sent = host.requests_to("/notify")
        assert len(sent) == 1 and b"New on Noisy" in sent[0].body and b"Episode 2" in sent[0].body
    finally:
        runtime.stop()


def test_id3_chapters_are_read_when_the_feed_has_no_chapters_link(podcast_runtime, host, mp3_bytes, tmp_path):
    from mutagen.id3 import CHAP, ID3, TIT2

    path = tmp_path / "chaptered.mp3"
    path.write_bytes(mp3_bytes)
    tags = ID3()
    for n, (start, title) in enumerate([(0, "Opening"), (3000, "Main part")]):
        tags.add(CHAP(element_id=f"ch{n}", start_time=start, end_time=start + 2000, sub_frames=[TIT2(text=[title])]))
    tags.save(path)
    host.media["chap.mp3"] = path.read_bytes()
    host.feeds["chap.xml"] = rss("Chaptered", [{"guid": "c1", "title": "With chapters", "date": 1_700_000_000,
                                               "url": f"{host.url}/media/chap.mp3"}])
    podcast = _subscribe(podcast_runtime, f"{host.url}/feeds/chap.xml", download_mode="latest")
    downloads_settled(podcast_runtime)
    episode = podcast_runtime.state.list_episodes(podcast.id)[0]
    assert episode.downloaded and episode.chapters == [{"start_s": 0.0, "title": "Opening", "url": None},
                                                       {"start_s": 3.0, "title": "Main part", "url": None}]
