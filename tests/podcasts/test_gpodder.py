"""gPodder sync API v2 over real HTTP (the production server in a thread), driven by a small
client speaking the documented API the way AntennaPod and Kasts do: HTTP Basic on every call,
``since`` cursors from the previous answer."""

from __future__ import annotations

import requests

from tests.fakes.podcasts import rss
from tests.podcasts.conftest import basic, downloads_settled, finished
from tests.web.conftest import serve_in_thread


class GpodderClient:
    """What a phone app does, per https://gpoddernet.readthedocs.io/en/latest/api/reference/."""

    def __init__(self, base: str, username: str, headers: dict, device: str = "phone"):
        self.base, self.user, self.device = base, username, device
        self.session = requests.Session()
        self.session.headers.update(headers)
        self.subs_since = self.actions_since = 0

    def call(self, method: str, path: str, **kwargs):
        answer = self.session.request(method, f"{self.base}/api/2{path}", timeout=10, **kwargs)
        assert answer.status_code == 200, (path, answer.status_code, answer.text)
        return answer.json()

    def login(self):
        return self.call("POST", f"/auth/{self.user}/login.json")

    def upload_subscriptions(self, add=(), remove=()):
        return self.call("POST", f"/subscriptions/{self.user}/{self.device}.json", json={"add": list(add), "remove": list(remove)})

    def pull_subscriptions(self):
        answer = self.call("GET", f"/subscriptions/{self.user}/{self.device}.json", params={"since": self.subs_since})
        self.subs_since = answer["timestamp"]
        return answer

    def upload_actions(self, actions):
        return self.call("POST", f"/episodes/{self.user}.json", json=actions)

    def pull_actions(self):
        answer = self.call("GET", f"/episodes/{self.user}.json", params={"since": self.actions_since})
        self.actions_since = answer["timestamp"]
        return answer["actions"]


def test_a_gpodder_client_syncs_subscriptions_and_episode_actions_both_ways(runtime, app, admin_client, host, mp3_bytes):
    host.media["s1.mp3"] = mp3_bytes
    host.feeds["phone.xml"] = rss("Phone Show", [{"guid": "s1", "title": "Synced", "date": 1_700_000_000,
                                                 "url": f"{host.url}/media/s1.mp3", "duration": "5"}])
    host.feeds["other.xml"] = rss("Other", [])
    runtime.start()
    server = serve_in_thread(app)
    try:
        phone = GpodderClient(server.url, "admin", basic(admin_client, "gpodder"))
        phone.login()
        feed = f"{host.url}/feeds/phone.xml"
        assert phone.upload_subscriptions(add=[feed])["timestamp"] >= 1
        podcast = runtime.state.find_podcast(feed)
        assert podcast is not None  # the server subscribed
        finished(runtime, runtime.state.list_jobs(kind="podcast.refresh")[0].id)
        episode = runtime.state.list_episodes(podcast.id)[0]
        runtime.services.podcasts.queue_download(episode.id)
        downloads_settled(runtime)
        assert phone.pull_subscriptions()["add"] == [feed]

        enclosure = f"{host.url}/media/s1.mp3"
        phone.upload_actions([{"podcast": feed, "episode": enclosure, "action": "play", "started": 0, "position": 2,
                               "total": 5, "timestamp": "2026-12-03T10:00:00", "device": "phone"}])
        media_id = runtime.state.get_episode(episode.id).media_id
        user, _hash = runtime.state.get_user_credentials("admin")
        assert runtime.state.get_playback(user.id, media_id).position_s == 2.0  # the server's state matches
        assert [a["position"] for a in phone.pull_actions()] == [2]

        # changes made on the server come back on the next sync
        admin_client.put(f"/api/podcasts/episodes/{episode.id}/position", json={"position_s": 4.0})
        other = admin_client.post("/api/podcasts", json={"feed_url": f"{host.url}/feeds/other.xml"}).json
        assert [(a["action"], a["position"], a["device"]) for a in phone.pull_actions()] == [("play", 4, "web")]
        assert phone.pull_subscriptions() == {"add": [other["feed_url"]], "remove": [], "timestamp": phone.subs_since,
                                              "update_urls": []}
        admin_client.delete(f"/api/podcasts/{other['id']}")
        assert phone.pull_subscriptions()["remove"] == [other["feed_url"]]
        phone.upload_subscriptions(remove=[feed])
        assert runtime.state.find_podcast(feed) is None

        wrong = requests.get(f"{server.url}/api/2/episodes/someone.json", headers=phone.session.headers, timeout=10)
        assert wrong.status_code == 403
        feed_token = requests.get(f"{server.url}/api/2/episodes/admin.json", headers=basic(admin_client, "podcast_feeds"),
                                  timeout=10)
        assert feed_token.status_code == 403
    finally:
        server.stop()
