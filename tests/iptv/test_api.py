"""The IPTV API end to end against the fake provider: accounts whose password no answer carries,
test and sync, browsing, favorites, a series, playback through the proxy (Range passed through,
live as MPEG-TS and as MP4 for browsers), downloads, tracking, and the M3U/XMLTV behind a token
of scope iptv_tv."""

from __future__ import annotations

import json
import time

from defusedxml import ElementTree

from media_library.models.iptv import follow_job


def _wait(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _account(admin_client, provider) -> dict:
    created = admin_client.post("/api/iptv/accounts", json={"name": "Fake", "base_url": provider.url + "/player_api.php",
                                                             "username": provider.username, "password": provider.password})
    assert created.status_code == 201, created.json
    return created.json


def _synced(runtime, admin_client, provider) -> dict:
    runtime.start()
    account = _account(admin_client, provider)
    _wait(lambda: admin_client.get("/api/iptv/accounts").json["items"][0]["synced_at"])
    return account


def test_accounts_never_carry_the_password(runtime, admin_client, provider):
    account = _account(admin_client, provider)
    assert account["base_url"] == provider.url and "password" not in account
    schedules = {s.name: s for s in runtime.state.list_schedules()}
    assert schedules[f"iptv-sync:{account['id']}"].expression == "0 */6 * * *"  # every 6 hours
    assert [j.kind for j in runtime.state.list_jobs(kind="iptv.sync")] == ["iptv.sync"]  # the first sync
    listed = admin_client.get("/api/iptv/accounts")
    tested = admin_client.post(f"/api/iptv/accounts/{account['id']}/test")
    assert tested.status_code == 200 and tested.json["status"] == "Active"
    assert tested.json["max_connections"] == provider.max_connections
    edited = admin_client.patch(f"/api/iptv/accounts/{account['id']}", json={"name": "Renamed", "password": "new-Secret-9"})
    for answer in (listed, tested, edited):
        assert provider.password not in answer.get_data(as_text=True) and "new-Secret-9" not in answer.get_data(as_text=True)
    assert admin_client.delete(f"/api/iptv/accounts/{account['id']}").status_code == 204
    assert f"iptv-sync:{account['id']}" not in {s.name for s in runtime.state.list_schedules()}


def test_expired_account_is_reported_expired(runtime, admin_client, provider):
    provider.expired = True
    account = _account(admin_client, provider)
    tested = admin_client.post(f"/api/iptv/accounts/{account['id']}/test").json
    assert (tested["provider_status"], tested["status"], tested["expired"]) == ("Active", "Expired", True)


def test_bad_input_is_a_json_error_a_person_can_act_on(runtime, admin_client, provider):
    refused = admin_client.post("/api/iptv/accounts", json={"base_url": "ftp://x", "username": "u", "password": "p"})
    assert refused.status_code == 400 and set(refused.json) == {"error", "status", "message"}
    assert "http://host:port" in refused.json["message"]
    missing = admin_client.get("/api/iptv/accounts/99/catalog/vod")
    assert missing.status_code == 404 and "does not exist" in missing.json["message"]


def test_sync_browse_search_actor_language_favorite_and_series(runtime, admin_client, provider):
    provider.quirks = {"prefixes"}
    account = _synced(runtime, admin_client, provider)
    base = f"/api/iptv/accounts/{account['id']}/catalog"
    sidebar = admin_client.get(f"{base}/vod/sidebar").json
    assert sidebar["counts"]["vod"] == len(provider.vod)
    assert {c["name"] for c in sidebar["categories"]} == {"EN | Action", "EN | Drama"}
    assert sidebar["languages"] == [{"language": "EN", "count": len(provider.vod)}]
    action = admin_client.get(f"{base}/vod", query_string={"category": "10"}).json
    assert {i["name"] for i in action["items"]} == {"The Matrix", "Inception"}
    assert [i["name"] for i in admin_client.get(f"{base}/vod", query_string={"search": "matrix rel"}).json["items"]] == [
        "The Matrix Reloaded"]
    keanu = admin_client.get(f"{base}/vod", query_string={"actor": "Keanu Reeves"}).json
    assert keanu["total"] == 2
    actors = admin_client.get(f"{base}/vod/actors").json["items"]
    assert actors[0] == {"name": "Keanu Reeves", "count": 2}
    marked = admin_client.put(f"{base}/vod/456/favorite", json={"favorite": True})
    assert marked.status_code == 200 and marked.json["favorite"] is True
    assert [i["stream_id"] for i in admin_client.get(f"{base}/vod", query_string={"favorites": "1"}).json["items"]] == ["456"]
    series = admin_client.get(f"/api/iptv/accounts/{account['id']}/series/77/episodes").json
    assert series["series"]["name"] == "Breaking Bad"
    assert [(s["season"], [e["episode_id"] for e in s["episodes"]]) for s in series["seasons"]] == [(1, ["1001", "1002"])]


def test_play_through_the_proxy_with_range_and_no_credentials(runtime, admin_client, provider, movie_bytes, live_bytes):
    provider.quirks = {"token_redirect"}
    account = _synced(runtime, admin_client, provider)
    base = f"/api/iptv/accounts/{account['id']}/play"
    whole = admin_client.get(f"{base}/movie/456")
    assert whole.status_code == 200 and whole.data == movie_bytes
    part = admin_client.get(f"{base}/movie/456", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == movie_bytes[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(movie_bytes)}"
    assert provider.password not in json.dumps(dict(part.headers))
    live = admin_client.get(f"{base}/live/123")
    assert live.headers["Content-Type"] == "video/mp2t" and live.data == live_bytes
    remuxed = admin_client.get(f"{base}/live/123", query_string={"format": "mp4"})
    assert remuxed.status_code == 200 and remuxed.data[4:8] == b"ftyp"
    assert len(remuxed.data) > len(live_bytes) // 2  # every frame copied, not just the first (AAC needs its bitstream filter)


def test_download_through_the_api_and_track_a_series(runtime, admin_client, provider, movie_bytes):
    account = _synced(runtime, admin_client, provider)
    created = admin_client.post("/api/iptv/downloads", json={"account_id": account["id"], "kind": "movie", "stream_id": "457"})
    assert created.status_code == 201
    done = _wait(lambda: (d := admin_client.get("/api/iptv/downloads").json["items"][0])["status"] == "done" and d)
    assert done["done_bytes"] == done["total_bytes"] == len(movie_bytes)
    twin = admin_client.post("/api/iptv/downloads", json={"account_id": account["id"], "kind": "movie", "stream_id": "457"})
    assert twin.status_code == 409
    tracked = admin_client.put(f"/api/iptv/accounts/{account['id']}/series/77/track", json={"mode": "new"})
    assert tracked.status_code == 200 and tracked.json["name"] == "Breaking Bad"
    assert admin_client.get("/api/iptv/tracked").json["items"][0]["mode"] == "new"


def test_m3u_and_xmltv_need_a_token_of_their_own_scope(runtime, admin_client, provider):
    account = _synced(runtime, admin_client, provider)
    assert admin_client.get("/api/iptv/tv/playlist.m3u").status_code == 403  # a session is not enough
    stream_token = admin_client.post("/api/tokens", json={"name": "strm", "scope": "stream"}).json["secret"]
    assert admin_client.get("/api/iptv/tv/playlist.m3u", query_string={"token": stream_token}).status_code == 403
    token = admin_client.post("/api/tokens", json={"name": "tv", "scope": "iptv_tv"}).json["secret"]
    anonymous = admin_client.application.test_client()
    playlist = anonymous.get("/api/iptv/tv/playlist.m3u", query_string={"token": token})
    assert playlist.status_code == 200
    text = playlist.get_data(as_text=True)
    assert text.startswith("#EXTM3U") and 'tvg-id="bbc.one.uk"' in text and provider.password not in text
    url = next(line for line in text.splitlines() if line.startswith("http"))
    assert f"/api/iptv/tv/live/{account['id']}/123.ts?token=" in url
    live = anonymous.get(url.split("localhost", 1)[1])
    assert live.status_code == 200 and live.headers["Content-Type"] == "video/mp2t"
    guide = ElementTree.fromstring(anonymous.get("/api/iptv/tv/xmltv.xml", query_string={"token": token}).data)
    assert {c.get("id") for c in guide.iter("channel")} == {"bbc.one.uk", "cnn.international"}
    assert len(list(guide.iter("programme"))) == 2
    assert anonymous.get("/api/iptv/accounts").status_code == 401


def test_a_provider_out_of_connections_is_explained(runtime, admin_client, provider):
    account = _synced(runtime, admin_client, provider)
    provider.max_connections, provider.active = 1, 1
    refused = admin_client.get(f"/api/iptv/accounts/{account['id']}/play/movie/456")
    assert refused.status_code == 502 and "connection of the account may be in use" in refused.json["message"]
    assert provider.password not in refused.get_data(as_text=True)


def test_a_download_whose_attempt_failed_reads_retrying_until_its_next_try(runtime, admin_client, provider, movie_bytes):
    """A transient error (the answer ended short) while the job system will try again: the list says
    ``retrying`` with the attempt that failed and when the next one starts, not ``failed``."""
    account = _account(admin_client, provider)
    while runtime.pool.run_once():  # the first sync, by this test's hand (the runtime is not started)
        pass
    created = admin_client.post("/api/iptv/downloads", json={"account_id": account["id"], "kind": "movie", "stream_id": "457"})
    assert created.status_code == 201, created.json
    half = len(movie_bytes) // 2  # half fetched by an earlier run, of a file said to be 10 bytes longer: it ends short
    part = runtime.services.iptv_downloads.part_path(created.json["id"])
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(movie_bytes[:half])
    runtime.state.update_iptv_download(created.json["id"], total_bytes=len(movie_bytes) + 10, done_bytes=half,
                                       segments=[[0, len(movie_bytes) + 9, half]], validator='"fake-xtream-1"')
    before = time.time()
    assert runtime.pool.run_once()
    job = runtime.state.get_job(created.json["job_id"])
    assert (job.status, job.attempts) == ("queued", 1) and job.run_after > before  # the job system retries it

    listed = admin_client.get("/api/iptv/downloads").json["items"][0]
    assert listed["status"] == "retrying" and "stopped at" in listed["error"]
    assert listed["retry"] == {"attempt": 1, "max_attempts": runtime.settings.iptv.retries, "next_try_at": job.run_after}
    # The last attempt's failure is a failure: its job is failed, not queued, and so is the download.
    stored = runtime.state.get_iptv_download(created.json["id"])
    assert stored.status == "failed" and follow_job(stored, {**job.to_public(), "status": "failed"}).status == "failed"
    assert follow_job(stored, None) == stored
