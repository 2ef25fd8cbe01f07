"""Keeping a film through our own downloader: a playback of one of our STRM exports whose source
is an Xtream VOD title, replayed through the real webhook endpoint, with a rule whose ``via`` is
``download`` (the IPTV downloader fetches it from the fake Xtream provider and publishes it into
the library) or ``radarr`` (the fake Radarr is asked instead)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from media_library.models.iptv import IPTV_DOWNLOAD
from media_library.services.strm.service import run_export
from tests.decisions import conftest as hooks
from tests.fakes.jellyfin import FakeJellyfin
from tests.iptv.conftest import Ctx, live_bytes, movie_bytes, provider  # noqa: F401 - the fake Xtream provider

INCEPTION_ITEM = "1234abcd1234abcd1234abcd1234abcd"
JELLYFIN_STRM_ROOT = "/srv/jellyfin/media/strm"  # where Jellyfin mounts our export folder


@pytest.fixture
def jellyfin():
    with FakeJellyfin() as fake:
        yield fake


@pytest.fixture
def settings(tmp_path, radarr, jellyfin, fake_tmdb):
    fake_tmdb.add_movie(603, "The Matrix", year=1999, runtime=136)  # the publish step identifies the download by it
    return hooks.decision_settings(tmp_path, radarr, **{"decisions.jellyfin_url": jellyfin.url,
                                                        "decisions.jellyfin_api_key": jellyfin.api_key,
                                                        "tmdb.base_url": fake_tmdb.url, "tmdb.api_key": fake_tmdb.api_key})


@pytest.fixture
def exported(runtime, admin_client, provider, tmp_path):  # noqa: F811 - the fixture imported above
    """An Xtream account synced from the fake provider and its films exported as STRM files."""
    account = runtime.state.add_iptv_account("Fake", provider.url, provider.username, provider.password)
    runtime.services.iptv_sync.sync(account.id, Ctx())
    out = tmp_path / "strm"
    changed = admin_client.put("/api/strm/settings", json={"public_base_url": "http://media.test", "output_dir": str(out)})
    assert changed.status_code == 200, changed.json
    run_export(runtime.state, runtime.settings, refresh=False, media_servers=runtime.services.clients.media_servers)
    return account, out


def _keep_via(admin_client, rule_name: str, via: str) -> None:
    rule = next(r for r in admin_client.get("/api/decisions/rules").json["items"] if r["name"] == rule_name)
    changed = admin_client.patch(f"/api/decisions/rules/{rule['id']}", json={"via": via})
    assert changed.status_code == 200 and changed.json["via"] == via, changed.json


def _iptv_jobs(runtime):
    return [j for j in runtime.state.list_jobs(limit=500) if j.kind == IPTV_DOWNLOAD]


def _posts(radarr, path: str):
    return [r for r in radarr.requests_to(path) if r.method == "POST"]


def test_a_download_rule_fetches_an_iptv_strm_film_once_and_it_lands_in_the_library(runtime, admin_client, radarr, exported,
                                                                                  movie_bytes):  # noqa: F811
    account, out = exported
    assert any(p.name.startswith("The Matrix (1999)") for p in out.rglob("*.strm"))  # Jellyfin streams this export
    _keep_via(admin_client, "Instant keep: IMDb 8.5+", "download")
    runtime.start()
    now = time.time()
    first = hooks.post(admin_client, hooks.send_all(UtcTimestamp=hooks.iso(now)))  # The Matrix, Provider_tmdb 603
    replay = hooks.post(admin_client, hooks.send_all(UtcTimestamp=hooks.iso(now + 30)))  # played again: a second keep decision
    queued, again = hooks.decision_of(runtime, first.json["event_id"]), hooks.decision_of(runtime, replay.json["event_id"])
    assert (queued.action, queued.via, queued.outcome) == ("keep", "download", "download_queued")
    assert queued.facts["iptv_vod"] is True and queued.facts["in_library"] is False and queued.facts["our_strm"] is True
    assert again.outcome in ("already_pending", "in_library") and again.job_id == queued.job_id

    download = hooks.wait_for(lambda: (d := runtime.state.find_iptv_download(account.id, "movie", "456")) and d.status == "done" and d,
                              what="the IPTV download", timeout=60)
    hooks.jobs_settled(runtime)
    assert [j.id for j in _iptv_jobs(runtime)] == [queued.job_id]  # queued exactly once
    assert Path(download.path).read_bytes() == movie_bytes
    assert runtime.state.library_film_with_tmdb(603) == download.media_id  # in the library, by its TMDb id
    assert not _posts(radarr, "/api/v3/movie") and not radarr.searches()

    later = hooks.post(admin_client, hooks.send_all(UtcTimestamp=hooks.iso(now + 60)))
    held = hooks.decision_of(runtime, later.json["event_id"])
    assert (held.outcome, held.facts["in_library"]) == ("in_library", True)  # held locally now: nothing to fetch
    hooks.jobs_settled(runtime)
    assert len(_iptv_jobs(runtime)) == 1


def test_a_title_without_a_tmdb_id_is_found_by_its_strm_path(runtime, admin_client, radarr, jellyfin, exported):
    account, out = exported
    strm = next(p for p in out.rglob("*.strm") if p.name.startswith("Inception"))
    jellyfin.items[INCEPTION_ITEM] = {"Id": INCEPTION_ITEM, "Name": "Inception", "Type": "Movie", "RunTimeTicks": 88800000000,
                                      "Path": f"{JELLYFIN_STRM_ROOT}/{strm.relative_to(out).as_posix()}"}
    made = admin_client.post("/api/decisions/rules", json={
        "name": "Keep Nolan", "priority": 60, "action": "keep", "via": "download",
        "condition": {"fact": "title", "op": "contains_any", "value": ["inception"]}})
    assert made.status_code == 201, made.json
    stream_id = next(s.stream_id for s in runtime.state.iptv_catalog_items("vod") if s.name == "Inception")
    runtime.start()
    answer = hooks.post(admin_client, hooks.send_all(ItemId=INCEPTION_ITEM, Name="Inception", Provider_tmdb="",
                                                     Provider_imdb="", UtcTimestamp=hooks.iso(time.time())))
    decision = hooks.decision_of(runtime, answer.json["event_id"])
    assert (decision.rule_name, decision.outcome) == ("Keep Nolan", "download_queued"), decision.error
    assert decision.facts["our_strm"] is False  # no TMDb id to know it by: the path found it when keeping
    assert runtime.state.find_iptv_download(account.id, "movie", stream_id).job_id == decision.job_id
    hooks.jobs_settled(runtime)
    assert runtime.state.find_iptv_download(account.id, "movie", stream_id).status == "done"
    assert jellyfin.requests_to(f"/Items/{INCEPTION_ITEM}")


def test_a_radarr_rule_asks_radarr_even_for_an_iptv_title(runtime, admin_client, radarr, exported):
    _keep_via(admin_client, "Instant keep: IMDb 8.5+", "radarr")
    runtime.start()
    answer = hooks.post(admin_client, hooks.send_all(UtcTimestamp=hooks.iso(time.time())))
    decision = hooks.decision_of(runtime, answer.json["event_id"])
    assert (decision.via, decision.outcome, decision.facts["iptv_vod"]) == ("radarr", "added", True)
    hooks.jobs_settled(runtime)
    assert len(_posts(radarr, "/api/v3/movie")) == 1 and len(radarr.searches()) == 1
    assert _iptv_jobs(runtime) == []


def test_a_download_rule_on_a_film_we_have_no_source_for_says_why(runtime, admin_client, radarr):
    _keep_via(admin_client, "Instant keep: IMDb 8.5+", "download")
    runtime.start()
    answer = hooks.post(admin_client, hooks.send_all(UtcTimestamp=hooks.iso(time.time())))
    decision = hooks.decision_of(runtime, answer.json["event_id"])
    assert decision.outcome == "failed" and "neither in our library nor an Xtream VOD title" in decision.error
    hooks.jobs_settled(runtime)
    assert not _posts(radarr, "/api/v3/movie")
