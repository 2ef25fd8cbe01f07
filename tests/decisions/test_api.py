"""The decisions API: rules a person edits, overrides that change the next decision, what-if,
Radarr's test connection, the settings without secrets, the history back-fills and the
leaving-soon clean-up with its mass-deletion guard."""

from __future__ import annotations

import time

import pytest

from tests.conftest import build_runtime
from tests.decisions.conftest import (
    ADMIN_USER,
    MATRIX_ITEM,
    decision_of,
    decision_settings,
    iso,
    post,
    send_all,
    wait_for,
)
from tests.fakes.jellyfin import FakeJellyfin
from tests.fakes.jellystat import FakeJellystat
from tests.web.conftest import create_app, do_setup

DAY = 86400.0



def test_the_default_rules_are_the_seeds_three_tiers_and_can_be_edited(admin_client):
    listed = admin_client.get("/api/decisions/rules").json
    names = [r["name"] for r in listed["items"]]
    assert names[:2] == ["Never: TV episodes", "Never: guests"] and "Keep after rewatch" in names
    assert "imdb_rating" in listed["facts"] and "contains_any" in listed["ops"]

    bad = admin_client.post("/api/decisions/rules", json={"name": "x", "action": "keep",
                                                          "condition": {"all": [{"fact": "imdb", "op": ">=", "value": 1}]}})
    assert bad.status_code == 400 and "condition.all[0].fact must be one of" in bad.json["message"]
    made = admin_client.post("/api/decisions/rules", json={"name": "Keep Kubrick", "action": "keep", "priority": 60,
                                                           "condition": {"fact": "title", "op": "contains_any", "value": ["odyssey"]}})
    assert made.status_code == 201, made.json
    changed = admin_client.patch(f"/api/decisions/rules/{made.json['id']}", json={"enabled": False})
    assert changed.json["enabled"] is False
    assert admin_client.delete(f"/api/decisions/rules/{made.json['id']}").status_code == 204
    assert admin_client.post("/api/decisions/rules", json={"name": "Never: guests", "action": "never",
                                                           "condition": {"fact": "user", "op": "==", "value": "x"}}).status_code == 409


def test_an_override_changes_the_next_decision(runtime, admin_client, radarr):
    runtime.start()
    before = admin_client.get("/api/decisions/what-if?tmdb_id=550&user=admin").json
    assert (before["action"], before["rule_name"]) == ("stream", "No rule") and before["facts"]["imdb_rating"] == 8.1
    put = admin_client.put("/api/decisions/overrides/550", json={"mode": "always_keep", "title": "Fight Club"})
    assert put.status_code == 200 and put.json["film_key"] == "tmdb:550"
    after = admin_client.get("/api/decisions/what-if?tmdb_id=550&user=admin").json
    assert (after["action"], after["rule_name"]) == ("keep", "Override: always keep")
    answer = post(admin_client, send_all(ItemId="0000000000000000000000000000f550", Name="Fight Club", Provider_tmdb="550",
                                         UtcTimestamp=iso(time.time())))
    decision = decision_of(runtime, answer.json["event_id"])
    assert (decision.action, decision.reason) == ("keep", "a person chose to always keep this film")
    assert admin_client.get(f"/api/decisions/{decision.id}").json["rule_name"] == "Override: always keep"
    assert [d["id"] for d in admin_client.get("/api/decisions?film=tmdb:550").json["items"]] == [decision.id]
    assert admin_client.delete("/api/decisions/overrides/550").status_code == 204
    assert admin_client.get("/api/decisions/overrides").json == {"items": []}


def test_what_if_needs_a_film(admin_client):
    answer = admin_client.get("/api/decisions/what-if")
    assert answer.status_code == 400 and "tmdb_id is required" in answer.json["message"]


def test_the_cleanup_runs_on_its_schedule(state):
    found = {s.name: s for s in state.list_schedules()}["keep.cleanup"]
    assert (found.kind, found.expression) == ("keep.cleanup", "daily 04:30")


def test_radarr_test_connection_lists_profiles_and_root_folders_and_secrets_stay_hidden(admin_client, radarr):
    tested = admin_client.post("/api/decisions/radarr/test")
    assert tested.status_code == 200, tested.json
    assert [p["name"] for p in tested.json["quality_profiles"]] == ["Any", "HD-1080p"]
    assert [f["path"] for f in tested.json["root_folders"]] == ["/movies"]
    assert all(r.headers.get("X-Api-Key") == radarr.api_key and "apikey" not in r.query_string for r in radarr.requests)
    shown = admin_client.get("/api/decisions/settings").json
    assert shown["radarr_api_key"] is True and shown["webhook_secret"] is True and radarr.api_key not in str(shown)


def test_a_wrong_radarr_key_is_a_message_a_person_can_act_on(tmp_path, radarr):
    runtime = build_runtime(decision_settings(tmp_path, radarr, **{"decisions.radarr_api_key": "wrong"}))
    try:
        client = create_app(runtime).test_client()
        client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
        answer = client.post("/api/decisions/radarr/test")
        assert answer.status_code == 502 and "check the API key" in answer.json["message"]
    finally:
        runtime.stop()


@pytest.fixture
def jellystat():
    with FakeJellystat() as fake:
        yield fake


@pytest.fixture
def jellyfin():
    with FakeJellyfin() as fake:
        yield fake


def test_backfill_from_jellystat_and_from_playcount(tmp_path, radarr, jellystat, jellyfin):
    jellyfin.items[MATRIX_ITEM] = {"Id": MATRIX_ITEM, "Name": "The Matrix", "Type": "Movie", "RunTimeTicks": 81720000000}
    jellyfin.users = [{"Id": ADMIN_USER, "Name": "admin"}]
    jellyfin.played[ADMIN_USER] = [{"Id": "bbbb0000bbbb0000bbbb0000bbbb0680", "Name": "Pulp Fiction", "RunTimeTicks": 9240000000,
                                    "ProviderIds": {"Tmdb": "680"},
                                    "UserData": {"PlayCount": 3, "Played": True, "LastPlayedDate": iso(time.time() - DAY)}}]
    settings = decision_settings(tmp_path, radarr, **{"decisions.jellystat_url": jellystat.url,
                                                      "decisions.jellystat_api_key": jellystat.api_key,
                                                      "decisions.jellyfin_url": jellyfin.url,
                                                      "decisions.jellyfin_api_key": jellyfin.api_key})
    runtime = build_runtime(settings)
    try:
        client = create_app(runtime).test_client()
        client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
        runtime.start()
        for source in ("jellystat", "playcount"):
            queued = client.post("/api/decisions/backfill", json={"source": source})
            assert queued.status_code == 202, queued.json
            wait_for(lambda j=queued.json["id"]: runtime.state.get_job(j).status == "done", what=f"{source} back-fill")
        rows = runtime.state.list_watch_history(limit=50)
        stat = sorted((r.source, r.item_id, round(r.completion, 2)) for r in rows if r.source == "jellystat")
        assert stat == [("jellystat", MATRIX_ITEM, 0.96), ("jellystat", MATRIX_ITEM, 0.98)]
        plays = [r for r in rows if r.source == "playcount"]
        assert len(plays) == 3 and sum(1 for r in plays if r.watched_at > 0) == 1
        again = client.post("/api/decisions/backfill", json={"source": "jellystat"}).json["id"]
        wait_for(lambda: runtime.state.get_job(again).status == "done", what="second back-fill")
        assert len(runtime.state.list_watch_history(limit=50)) == len(rows)  # nothing twice
        # a rewatch only counts inside its window: one PlayCount play is dated, two are not
        assert client.get("/api/decisions/what-if?tmdb_id=680&user=admin").json["action"] == "stream"
    finally:
        runtime.stop()


def _kept(runtime, radarr, tmdb_id: int, title: str, days_ago: float):
    movie = radarr.have(tmdb_id, has_file=True)
    runtime.state.add_decision(film_key=f"tmdb:{tmdb_id}", tmdb_id=tmdb_id, title=title, action="keep",
                               rule_name="Keep after rewatch", reason="twice", outcome="completed",
                               radarr_movie_id=movie["id"])
    return movie


def test_cleanup_lists_unwatched_keeps_then_deletes_behind_the_guard_and_dry_run(tmp_path, radarr):
    clock = [time.time()]
    settings = decision_settings(tmp_path, radarr, **{"decisions.cleanup_unwatched_days": 180,
                                                      "decisions.cleanup_leaving_days": 14,
                                                      "decisions.cleanup_max_deletions": 1})
    runtime = build_runtime(settings)
    runtime.state._clock = lambda: clock[0]
    try:
        service = runtime.services.keep_cleanup
        _kept(runtime, radarr, 603, "The Matrix", 0)
        _kept(runtime, radarr, 550, "Fight Club", 0)
        assert service.run(dry_run=False)["listed"] == []  # just kept
        clock[0] += 181 * DAY
        assert sorted(service.run(dry_run=False)["listed"]) == ["Fight Club", "The Matrix"]
        assert {f.status for f in runtime.state.list_leaving()} == {"listed"}
        clock[0] += 15 * DAY
        refused = service.run(dry_run=False)
        assert refused["deleted"] == [] and "more than decisions.cleanup_max_deletions (1)" in refused["refused"]
        assert radarr.deleted == []
        runtime.state.record_watch("view:again", user_id="admin", user_name="admin", item_id="x", tmdb_id=603,
                                   completion=1.0, completed=True, started_at=clock[0], watched_at=clock[0])
        dry = service.run(dry_run=True)
        assert dry["would_delete"] == ["Fight Club"] and radarr.deleted == []  # The Matrix was played again
        done = service.run(dry_run=False)
        assert done["deleted"] == ["Fight Club"] and len(radarr.deleted) == 1
        assert [(f.title, f.status) for f in runtime.state.list_leaving()] == [("Fight Club", "deleted")]
    finally:
        runtime.stop()
