"""The podcast API end to end: subscribe, list, a podcast with its episodes, settings, star and
played, position (the playback service's resume), download, the phone feeds over HTTP Basic with
a feed-scoped token, OPML round trip and directory search."""

from __future__ import annotations

import defusedxml.ElementTree as SafeET

from tests.fakes.podcasts import rss
from tests.podcasts.conftest import basic, downloads_settled, finished

DAY = 86400.0


def _episodes(host, count: int) -> list[dict]:
    return [{"guid": f"g{n}", "title": f"Part {n}", "date": 1_700_000_000 + n * DAY, "url": f"{host.url}/media/p{n}.mp3",
             "duration": "5"} for n in range(1, count + 1)]


def _subscribed(runtime, admin_client, host, mp3_bytes, count: int = 2, mode: str = "latest"):
    for n in range(1, count + 1):
        host.media[f"p{n}.mp3"] = mp3_bytes
    host.feeds["api.xml"] = rss("API Show", _episodes(host, count), image=f"{host.url}/cover.jpg")
    created = admin_client.post("/api/podcasts", json={"feed_url": f"{host.url}/feeds/api.xml", "download_mode": mode})
    assert created.status_code == 201, created.json
    runtime.start()
    finished(runtime, runtime.state.list_jobs(kind="podcast.refresh")[0].id)
    downloads_settled(runtime)
    return created.json["id"]


def test_subscribe_list_detail_settings_and_marks(runtime, admin_client, host, mp3_bytes):
    podcast_id = _subscribed(runtime, admin_client, host, mp3_bytes)
    listed = admin_client.get("/api/podcasts").json["items"]
    assert [(p["title"], p["episodes"], p["unplayed"]) for p in listed] == [("API Show", 2, 2)]

    detail = admin_client.get(f"/api/podcasts/{podcast_id}").json
    assert [e["title"] for e in detail["items"]] == ["Part 2", "Part 1"]
    assert all(e["downloaded"] and e["media_id"] for e in detail["items"])
    episode = detail["items"][0]

    changed = admin_client.patch(f"/api/podcasts/{podcast_id}", json={"keep_count": 1, "schedule": "daily 04:30"})
    assert changed.status_code == 200 and changed.json["keep_count"] == 1
    assert admin_client.patch(f"/api/podcasts/{podcast_id}", json={"schedule": "sometimes"}).status_code == 400
    assert admin_client.patch(f"/api/podcasts/{podcast_id}", json={"feed_url": "x"}).json["error"] == "InvalidInput"

    starred = admin_client.patch(f"/api/podcasts/episodes/{episode['id']}", json={"starred": True, "played": True})
    assert starred.json["starred"] and starred.json["played"]

    saved = admin_client.put(f"/api/podcasts/episodes/{detail['items'][1]['id']}/position", json={"position_s": 1.5})
    assert saved.status_code == 200 and saved.json["position_s"] == 1.5
    resumed = admin_client.get(f"/api/media/{detail['items'][1]['media_id']}/playback").json
    assert resumed["position_s"] == 1.5


def test_refresh_and_download_routes_queue_jobs(runtime, admin_client, host, mp3_bytes):
    podcast_id = _subscribed(runtime, admin_client, host, mp3_bytes, mode="none")
    assert admin_client.post(f"/api/podcasts/{podcast_id}/refresh").status_code == 201
    episode = admin_client.get(f"/api/podcasts/{podcast_id}").json["items"][1]
    job = admin_client.post(f"/api/podcasts/episodes/{episode['id']}/download")
    assert job.status_code == 201 and job.json["kind"] == "podcast.download"
    assert finished(runtime, job.json["id"]).status == "done"
    assert admin_client.get(f"/api/podcasts/{podcast_id}").json["items"][1]["downloaded"]
    assert admin_client.delete(f"/api/podcasts/{podcast_id}").status_code == 204
    assert admin_client.get(f"/api/podcasts/{podcast_id}").status_code == 404


def test_phone_feeds_take_basic_with_a_feed_scoped_token_and_serve_our_copies(runtime, app, admin_client, host, mp3_bytes):
    podcast_id = _subscribed(runtime, admin_client, host, mp3_bytes)
    phone = app.test_client()
    headers = basic(admin_client, "podcast_feeds")

    feed = phone.get(f"/api/podcast-feeds/{podcast_id}.xml", headers=headers)
    assert feed.status_code == 200 and feed.mimetype == "application/rss+xml"
    items = SafeET.fromstring(feed.data).findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Part 2", "Part 1"]
    url = items[0].find("enclosure").get("url")
    assert url.startswith("http://localhost/api/podcast-feeds/episodes/")

    with phone.get(url.removeprefix("http://localhost"), headers=headers) as whole:
        assert whole.status_code == 200 and int(items[0].find("enclosure").get("length")) == len(whole.data)
    with phone.get(url.removeprefix("http://localhost"), headers={**headers, "Range": "bytes=10-19"}) as part:
        assert part.status_code == 206 and part.data == whole.data[10:20]
    everything = phone.get("/api/podcast-feeds/all.xml", headers=headers)
    assert len(SafeET.fromstring(everything.data).findall("channel/item")) == 2

    assert admin_client.get("/api/podcast-feeds/all.xml").status_code == 403  # a browser session is refused
    assert phone.get("/api/podcast-feeds/all.xml", headers=basic(admin_client, "all")).status_code == 403
    assert phone.get("/api/podcasts", headers=headers).status_code == 403  # the feed token reads feeds only
    assert phone.get("/api/podcast-feeds/all.xml", headers={"Authorization": "Basic bm9wZTpub3Bl"}).status_code == 401


def test_opml_of_twenty_feeds_in_three_app_shapes_round_trips(runtime, admin_client, host):
    urls = [f"{host.url}/feeds/f{n}.xml" for n in range(20)]
    antennapod = "".join(f'<outline text="F{n}" title="F{n}" type="rss" xmlUrl="{u}" htmlUrl="http://x.invalid/"/>'
                         for n, u in enumerate(urls[:7]))
    pocketcasts = '<outline text="feeds">' + "".join(f'<outline type="rss" text="F{n}" xmlUrl="{u}"/>'
                                                     for n, u in enumerate(urls[7:14], 7)) + "</outline>"
    overcast = '<outline text="feeds">' + "".join(
        f'<outline type="rss" text="F{n}" xmlUrl="{u}" overcastId="{n}"><outline type="podcast-episode" '
        f'text="E" url="http://x.invalid/e" enclosureUrl="http://x.invalid/e.mp3"/></outline>'
        for n, u in enumerate(urls[14:], 14)) + "</outline>"
    for body in (antennapod, pocketcasts, overcast):
        opml = f'<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>{body}</body></opml>'
        answer = admin_client.post("/api/podcasts/opml", json={"opml": opml})
        assert answer.status_code == 200 and answer.json["refused"] == [], answer.json
    again = admin_client.post("/api/podcasts/opml", json={"opml": f"<opml><body>{antennapod}</body></opml>"})
    assert len(again.json["existing"]) == 7 and again.json["added"] == []

    exported = admin_client.get("/api/podcasts/opml")
    assert exported.mimetype == "text/x-opml"
    assert sorted(o.get("xmlUrl") for o in SafeET.fromstring(exported.data).iter("outline")) == sorted(urls)

    laughs = '<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaa">]><opml><body><outline xmlUrl="&a;"/></body></opml>'
    assert "entities" in admin_client.post("/api/podcasts/opml", json={"opml": laughs}).json["message"]


def test_directory_search_uses_the_itunes_shape_and_is_off_when_unreachable(runtime, admin_client, host):
    host.directory = [{"collectionName": "Tech Talk", "artistName": "Ann", "feedUrl": f"{host.url}/feeds/t.xml",
                       "artworkUrl600": f"{host.url}/cover.jpg"}, {"collectionName": "Cooking"}]
    found = admin_client.get("/api/podcasts/directory?term=tech")
    assert found.json["items"] == [{"title": "Tech Talk", "author": "Ann", "feed_url": f"{host.url}/feeds/t.xml",
                                    "image_url": f"{host.url}/cover.jpg"}]
    assert host.requests_to("/search")[0].arg("media") == "podcast"
    host.close()
    gone = admin_client.get("/api/podcasts/directory?term=tech")
    assert gone.status_code == 502 and "could not reach" in gone.json["message"]
