"""Live channels as HLS through our proxy, against the fake provider's real sliding HLS stream: the
rewritten playlist carries no credential, token or provider URL; every part it names plays
through us; viewers of one channel share one upstream connection; the account's
``max_connections`` is never exceeded; an idle channel is stopped."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from media_library.errors import Busy, NotFound
from media_library.services.iptv import live as live_module
from media_library.services.iptv.hls_playlist import rewrite
from tests.fakes.xtream import make_hls_segments

MASTER = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-SESSION-DATA:DATA-ID="com.example",URI="http://cdn.example.test/u/p/data.json"
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English",URI="audio/u/p/en.m3u8?token=abc"
#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO="aud"
low/u/p/index.m3u8?token=abc
# a comment naming http://provider.example.test/u/p
#EXT-X-STREAM-INF:BANDWIDTH=2000000
http://cdn.example.test/hls/u/p/high.m3u8
"""
MEDIA = """#EXTM3U
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:7
#EXT-X-KEY:METHOD=AES-128,URI="/keys/u/p/key?token=abc"
#EXT-X-MAP:URI="init.mp4"
#EXTINF:2.000,Channel title with http://provider.example.test/u/p
/hlsr/tok/u/p/123/7.ts
#EXT-X-DISCONTINUITY
#EXTINF:2.000,
8.ts
"""


def _links():
    seen: list[tuple[str, str]] = []

    def link(url: str, kind: str) -> str:
        seen.append((url, kind))
        return f"hls/id{len(seen)}.{kind}"
    return seen, link


def test_rewrite_replaces_every_uri_and_drops_what_it_does_not_know():
    seen, link = _links()
    master = rewrite(MASTER, "http://provider.example.test/live/u/p/123.m3u8", link)
    assert master.master and seen == [
        ("http://provider.example.test/live/u/p/audio/u/p/en.m3u8?token=abc", "playlist"),
        ("http://provider.example.test/live/u/p/low/u/p/index.m3u8?token=abc", "playlist"),
        ("http://cdn.example.test/hls/u/p/high.m3u8", "playlist")]
    assert "example.test" not in master.text and "/u/p" not in master.text and "token" not in master.text
    assert "SESSION-DATA" not in master.text and "comment" not in master.text
    seen, link = _links()
    media = rewrite(MEDIA, "http://provider.example.test/vauth/xyz", link)
    assert not media.master and media.target_duration == 2.0
    assert [kind for _, kind in seen] == ["media"] * 4
    assert seen[0][0] == "http://provider.example.test/keys/u/p/key?token=abc"
    assert seen[3][0] == "http://provider.example.test/vauth/8.ts"
    assert media.text.splitlines() == [
        "#EXTM3U", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:7", '#EXT-X-KEY:METHOD=AES-128,URI="hls/id1.media"',
        '#EXT-X-MAP:URI="hls/id2.media"', "#EXTINF:2.000,", "hls/id3.media", "#EXT-X-DISCONTINUITY", "#EXTINF:2.000,",
        "hls/id4.media"]


@pytest.mark.parametrize("text", ["<html>blocked</html>", "#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\na.ts\n"])
def test_rewrite_refuses_what_it_cannot_relay(text):
    with pytest.raises(ValueError):
        rewrite(text, "http://provider.example.test/", _links()[1])


def _sync(runtime, account, ctx) -> None:
    runtime.services.iptv_sync.sync(account.id, ctx)


def _uris(playlist: bytes) -> list[str]:
    return [line for line in playlist.decode().splitlines() if line and not line.startswith("#")]


def test_a_live_channel_plays_as_hls_through_the_api_without_credentials(runtime, admin_client, provider):
    provider.quirks = {"token_redirect"}  # the playlist itself comes through an expiring token
    runtime.start()
    created = admin_client.post("/api/iptv/accounts", json={"name": "Fake", "base_url": provider.url,
                                                             "username": provider.username, "password": provider.password})
    account_id = created.json["id"]
    _wait_synced(admin_client)
    base = f"/api/iptv/accounts/{account_id}/live/123"
    answer = admin_client.get(f"{base}/index.m3u8")
    assert answer.status_code == 200 and answer.mimetype == "application/vnd.apple.mpegurl"
    text = answer.get_data(as_text=True)
    for secret in (provider.password, provider.username, "hlsr", "vauth", provider.url, "127.0.0.1", "://"):
        assert secret not in text
    uris = _uris(answer.data)
    assert len(uris) == 4 and all(u.startswith("hls/") and u.endswith(".ts") for u in uris)
    segments, _ = make_hls_segments(provider.live_segment_seconds)
    for uri in uris:
        part = admin_client.get(f"{base}/{uri}")
        assert part.status_code == 200 and part.mimetype == "video/mp2t" and part.data in segments
    assert admin_client.get(f"{base.replace('123', '124')}/{uris[0]}").status_code == 404  # ids belong to their channel
    missing = admin_client.get(f"{base}/hls/not-an-id.ts")
    assert missing.status_code == 404 and "reload the channel" in missing.json["message"]


def _wait_synced(admin_client) -> None:
    deadline = time.monotonic() + 60
    while not admin_client.get("/api/iptv/accounts").json["items"][0]["synced_at"]:
        assert time.monotonic() < deadline, "the first sync did not finish"
        time.sleep(0.1)


def test_viewers_of_a_channel_share_one_upstream_connection(iptv_runtime, account, provider, ctx):
    _sync(iptv_runtime, account, ctx)
    provider.max_connections = 4
    provider.bytes_per_second = 200_000  # each segment takes a moment: the viewers overlap
    live = iptv_runtime.services.iptv_live
    uris = _uris(live.playlist(account.id, "123").body)
    link_id = uris[-1].removeprefix("hls/").removesuffix(".ts")
    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(lambda _: live.part(account.id, "123", link_id), range(4)))
    assert len({p.body for p in parts}) == 1
    assert len([r for r in provider.media_requests if r["target"].startswith("hls/123/")]) == 1
    assert provider.peak_connections == 1
    assert iptv_runtime.state.get_iptv_account(account.id).max_connections == 4  # never tested: asked once


def test_the_account_budget_is_never_exceeded(iptv_runtime, account, provider, ctx):
    _sync(iptv_runtime, account, ctx)
    iptv_runtime.state.update_iptv_account(account.id, max_connections=1, checked_at=1.0)
    provider.bytes_per_second = 100_000
    live = iptv_runtime.services.iptv_live
    wanted = [(channel, uri) for channel in ("123", "124") for uri in _uris(live.playlist(account.id, channel).body)]
    errors: list[Exception] = []

    def watch(channel_and_uri):
        channel, uri = channel_and_uri
        try:
            live.part(account.id, channel, uri.removeprefix("hls/").removesuffix(".ts"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(watch, wanted))
    assert errors == [] and provider.peak_connections == 1
    assert len([r for r in provider.media_requests if r["target"].startswith("hls/")]) == len(wanted)
    assert live.connections_in_use(account.id) == 0


def test_no_free_connection_answers_busy(iptv_runtime, account, provider, ctx, monkeypatch):
    _sync(iptv_runtime, account, ctx)
    iptv_runtime.state.update_iptv_account(account.id, max_connections=1, checked_at=1.0)
    monkeypatch.setattr(iptv_runtime.state, "active_iptv_downloads", lambda _account_id: 1)  # a download holds it
    live = live_module.LiveHls(iptv_runtime.state, http=iptv_runtime.services.iptv_playback.http, wait_seconds=0.2)
    with pytest.raises(Busy, match="connections of the IPTV account are in use"):
        live.playlist(account.id, "123")
    assert provider.media_requests == []


def test_an_idle_channel_is_stopped(iptv_runtime, account, provider, ctx):
    _sync(iptv_runtime, account, ctx)
    now = [1000.0]
    live = live_module.LiveHls(iptv_runtime.state, http=iptv_runtime.services.iptv_playback.http, clock=lambda: now[0])
    link_id = _uris(live.playlist(account.id, "123").body)[0].removeprefix("hls/").removesuffix(".ts")
    assert live.part(account.id, "123", link_id).body[:1] == b"G"  # an MPEG-TS sync byte
    now[0] += live_module.IDLE_SECONDS + 1
    live.playlist(account.id, "124")  # any request notices the idle channel
    with pytest.raises(NotFound):
        live.part(account.id, "123", link_id)


def test_a_live_mpeg_ts_relay_holds_a_connection_of_the_budget(iptv_runtime, account, provider, ctx):
    _sync(iptv_runtime, account, ctx)
    iptv_runtime.state.update_iptv_account(account.id, max_connections=1, checked_at=1.0)
    live = iptv_runtime.services.iptv_live
    live.wait_seconds = 0.2
    relayed = iptv_runtime.services.iptv_playback.open(account.id, "live", "123")
    try:
        assert live.connections_in_use(account.id) == 1
        with pytest.raises(Busy):
            live.playlist(account.id, "124")
    finally:
        relayed.close()
    assert live.connections_in_use(account.id) == 0
    assert live.playlist(account.id, "124").content_type == "application/vnd.apple.mpegurl"
