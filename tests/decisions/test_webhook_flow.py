"""Jellyfin webhook deliveries, both payload modes and both content types, through the real
endpoint and decision jobs to the fake Radarr built from its openapi.json."""

from __future__ import annotations

import time

import pytest

from tests.decisions.conftest import (
    ADMIN_USER,
    GUEST_USER,
    MATRIX_ITEM,
    decision_of,
    decision_settings,
    iso,
    jobs_settled,
    post,
    send_all,
    template,
    wait_for,
)
from tests.fakes.jellyfin import FakeJellyfin

DAY = 86400.0



def _posts(radarr, path: str):
    return [r for r in radarr.requests_to(path) if r.method == "POST"]


def test_a_film_worth_keeping_is_added_and_searched_exactly_once(runtime, admin_client, radarr):
    runtime.start()
    first = post(admin_client, send_all(UtcTimestamp=iso(time.time())))
    assert first.status_code == 202, first.json
    wrong = post(admin_client, send_all(), secret="wrong")
    assert wrong.status_code == 401 and "X-Webhook-Secret" in wrong.json["message"]

    decision = decision_of(runtime, first.json["event_id"])
    assert (decision.action, decision.rule_name) == ("keep", "Instant keep: IMDb 8.5+")
    assert "imdb rating 8.7 ≥ 8.5" in decision.reason
    assert decision.facts["imdb_rating"] == 8.7 and decision.facts["tracked_user"] is True
    final = wait_for(lambda: (d := runtime.state.get_decision(decision.id)).outcome == "completed" and d, what="command end")
    assert final.command_status == "completed" and final.radarr_movie_id is not None
    added = _posts(radarr, "/api/v3/movie")
    assert len(added) == 1
    sent = added[0].body
    assert b'"searchForMovie": true' in sent and b'"monitored": true' in sent and b'"qualityProfileId": 1' in sent
    assert [t["label"] for t in radarr.tags] == ["media-library"]
    assert len(radarr.searches()) == 1 and not _posts(radarr, "/api/v3/command")


def test_a_duplicate_delivery_is_acknowledged_and_decided_once(runtime, admin_client, radarr):
    runtime.start()
    body = send_all(UtcTimestamp=iso(time.time()))
    first = post(admin_client, body)
    duplicate = post(admin_client, body, content_type="application/json")
    assert first.status_code == 202 and duplicate.status_code == 200
    assert duplicate.json == {"status": "duplicate", "event_id": first.json["event_id"]}
    decision_of(runtime, first.json["event_id"])
    jobs_settled(runtime)
    assert len(runtime.state.list_decisions()) == 1
    assert len(_posts(radarr, "/api/v3/movie")) == 1 and len(radarr.searches()) == 1


def test_template_mode_as_json_and_a_film_on_disk_is_never_added(runtime, admin_client, radarr):
    radarr.have(603, has_file=True)
    runtime.start()
    answer = post(admin_client, template(UtcTimestamp=time.strftime("%m/%d/%Y %H:%M:%S")), content_type="application/json")
    assert answer.status_code == 202, answer.json
    decision = decision_of(runtime, answer.json["event_id"])
    assert decision.action == "keep" and decision.outcome == "on_disk"
    assert decision.item_id == MATRIX_ITEM and decision.user_name == "admin"  # the dashed id normalised
    jobs_settled(runtime)
    assert not _posts(radarr, "/api/v3/movie") and not radarr.searches()


def test_a_film_in_radarr_without_its_file_is_searched_and_never_twice_while_pending(runtime, admin_client, radarr):
    movie = radarr.have(603, has_file=False)
    radarr.hold = True  # the search runs until the test lets it end
    runtime.start()
    first = post(admin_client, send_all(UtcTimestamp=iso(time.time())))
    searched = decision_of(runtime, first.json["event_id"])
    assert searched.outcome == "searched" and searched.command_id is not None
    wait_for(lambda: runtime.state.get_decision(searched.id).command_status == "started", what="the search to start")
    second = post(admin_client, send_all(UtcTimestamp=iso(time.time() + 1), NotificationType="PlaybackStart"))
    pending = decision_of(runtime, second.json["event_id"])
    assert (pending.action, pending.outcome, pending.command_id) == ("keep", "already_pending", searched.command_id)
    radarr.hold = False
    jobs_settled(runtime)
    assert runtime.state.get_decision(searched.id).outcome == "completed"
    assert len(_posts(radarr, "/api/v3/command")) == 1 and radarr.searches()[0]["body"]["movieIds"] == [movie["id"]]


def test_an_episode_and_a_guest_never_trigger(runtime, admin_client, radarr):
    runtime.start()
    episode = post(admin_client, send_all(ItemType="Episode", SeriesName="Dark", ItemId="11112222333344445555666677778888",
                                          UtcTimestamp=iso(time.time())))
    guest = post(admin_client, send_all(UserId=GUEST_USER, NotificationUsername="guest", UtcTimestamp=iso(time.time() + 2)))
    by_episode, by_guest = decision_of(runtime, episode.json["event_id"]), decision_of(runtime, guest.json["event_id"])
    assert (by_episode.action, by_episode.rule_name) == ("never", "Never: TV episodes")
    assert by_episode.film_key == "jellyfin:11112222333344445555666677778888"  # an episode's TMDb id is no film's
    assert "item type Episode ≠ Movie" in by_episode.reason
    assert (by_guest.action, by_guest.rule_name) == ("never", "Never: guests")
    jobs_settled(runtime)
    assert not _posts(radarr, "/api/v3/movie") and not radarr.searches()


@pytest.fixture
def jellyfin():
    with FakeJellyfin() as fake:
        yield fake


def test_a_strm_item_with_zero_ticks_gets_its_runtime_from_jellyfin(tmp_path, radarr, jellyfin):
    from tests.conftest import build_runtime
    from tests.web.conftest import create_app, do_setup

    jellyfin.legacy_only = True  # the 10.9 build that answers 405 to /Items/{id}
    jellyfin.items[MATRIX_ITEM] = {"Id": MATRIX_ITEM, "Name": "The Matrix", "Type": "Movie", "RunTimeTicks": 81720000000}
    settings = decision_settings(tmp_path, radarr, **{"decisions.jellyfin_url": jellyfin.url,
                                                      "decisions.jellyfin_api_key": jellyfin.api_key})
    runtime = build_runtime(settings)
    try:
        app = create_app(runtime)
        client = app.test_client()
        assert do_setup(client).status_code == 201
        runtime.start()
        answer = post(client, send_all(RunTimeTicks=0, PlaybackPositionTicks=40860000000, PlayedToCompletion=True,
                                       UtcTimestamp=iso(time.time())))
        decision_of(runtime, answer.json["event_id"])
        view = runtime.state.list_watch_history()[0]
        assert (view.runtime_ticks, view.completion, view.completed) == (81720000000, 0.5, False)
        assert jellyfin.requests_to(f"/Users/{ADMIN_USER}/Items/{MATRIX_ITEM}")
    finally:
        runtime.stop()


def test_a_rewatch_within_the_window_triggers_and_one_outside_does_not(runtime, admin_client, radarr):
    runtime.start()
    now = time.time()
    old = post(admin_client, send_all(ItemId="aaaa0000aaaa0000aaaa0000aaaa0680", Name="Pulp Fiction", Provider_tmdb="680",
                                      UtcTimestamp=iso(now - 120 * DAY)))
    assert decision_of(runtime, old.json["event_id"]).action == "stream"
    recent = post(admin_client, send_all(ItemId="aaaa0000aaaa0000aaaa0000aaaa0680", Name="Pulp Fiction",
                                         Provider_tmdb="680", UtcTimestamp=iso(now - 1 * DAY)))
    outside = decision_of(runtime, recent.json["event_id"])
    assert (outside.action, outside.rule_name) == ("stream", "No rule")  # one view inside 90 days, one outside
    again = post(admin_client, send_all(ItemId="aaaa0000aaaa0000aaaa0000aaaa0680", Name="Pulp Fiction",
                                        Provider_tmdb="680", UtcTimestamp=iso(now)))
    inside = decision_of(runtime, again.json["event_id"])
    assert (inside.action, inside.rule_name) == ("keep", "Keep after rewatch")
    assert "completed views (≥ 90 %) in 90 days: 2 ≥ 2" in inside.reason
    wait_for(lambda: runtime.state.get_decision(inside.id).outcome == "completed", what="search end")
    assert [m["tmdbId"] for m in radarr.movies.values()] == [680]


def test_dry_run_decides_the_same_and_triggers_nothing(tmp_path, radarr):
    from tests.conftest import build_runtime
    from tests.web.conftest import create_app, do_setup

    runtime = build_runtime(decision_settings(tmp_path, radarr, **{"decisions.dry_run": True}))
    try:
        client = create_app(runtime).test_client()
        assert do_setup(client).status_code == 201
        runtime.start()
        answer = post(client, send_all(UtcTimestamp=iso(time.time())))
        decision = decision_of(runtime, answer.json["event_id"])
        assert (decision.action, decision.rule_name, decision.dry_run, decision.outcome) == (
            "keep", "Instant keep: IMDb 8.5+", True, "dry_run")
        jobs_settled(runtime)
        assert not [r for r in radarr.requests if r.method != "GET"]
    finally:
        runtime.stop()


def test_the_webhook_is_authenticated_by_secret_or_webhook_token_never_in_the_url(runtime, admin_client):
    body = send_all(UtcTimestamp=iso(time.time()))
    assert post(admin_client, body, secret=None).status_code == 401
    made = admin_client.post("/api/tokens", json={"name": "jellyfin", "scope": "webhook"})
    assert made.status_code == 201, made.json
    bearer = {"Authorization": f"Bearer {made.json['secret']}"}
    anon = admin_client.application.test_client()
    assert post(anon, body, secret=None, headers=bearer).status_code == 202
    broad = admin_client.post("/api/tokens", json={"name": "script", "scope": "all"}).json["secret"]
    refused = post(anon, body, secret=None, headers={"Authorization": f"Bearer {broad}"})
    assert refused.status_code == 403 and "scope 'webhook'" in refused.json["message"]
    in_url = anon.post(f"/api/webhooks/jellyfin?api_key={made.json['secret']}", data="{}", content_type="text/plain")
    assert in_url.status_code == 400


def test_other_notifications_are_acknowledged_and_ignored(runtime, admin_client):
    answer = post(admin_client, {"NotificationType": "AuthenticationSuccess", "NotificationUsername": "admin"})
    assert answer.status_code == 200 and answer.json == {"status": "ignored", "event_id": None}
    broken = admin_client.post("/api/webhooks/jellyfin", data="{{Name}} stopped", content_type="text/plain",
                               headers={"X-Webhook-Secret": "webhook-test-secret"})
    assert broken.status_code == 400 and "not JSON" in broken.json["message"]
    assert runtime.state.list_watch_events() == []


def test_progress_is_recorded_at_once_and_each_stop_is_a_view_of_its_own(runtime, admin_client):
    runtime.start()
    now = time.time()
    start = post(admin_client, send_all(NotificationType="PlaybackStart", PlaybackPositionTicks=0, UtcTimestamp=iso(now)))
    progress = post(admin_client, send_all(NotificationType="PlaybackProgress", PlaybackPositionTicks=40860000000,
                                           UtcTimestamp=iso(now + 10)))
    assert progress.status_code == 200 and progress.json["status"] == "recorded"
    decision_of(runtime, start.json["event_id"])
    live = runtime.state.list_watch_history()
    assert [(r.session_key.split(":")[0], r.completion, r.completed) for r in live] == [("live", 0.5, False)]
    assert runtime.state.list_decisions(event_id=progress.json["event_id"]) == []  # no job, no decision
    for offset in (20, 9000):  # two plays in one client session: two views
        stop = post(admin_client, send_all(UtcTimestamp=iso(now + offset)))
        decision_of(runtime, stop.json["event_id"])
    views = runtime.state.list_watch_history()
    assert [(r.session_key.split(":")[0], r.completed) for r in views] == [("view", True), ("view", True)]
    finished = post(admin_client, {"NotificationType": "UserDataSaved", "ItemId": MATRIX_ITEM, "ItemType": "Movie",
                                   "UserId": ADMIN_USER, "NotificationUsername": "admin", "Played": True,
                                   "SaveReason": "PlaybackFinished", "UtcTimestamp": iso(now + 9001)})
    decision_of(runtime, finished.json["event_id"])
    assert len(runtime.state.list_watch_history()) == 2  # the Stop's view, completed, not a third
