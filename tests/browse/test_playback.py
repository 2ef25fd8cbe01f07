"""Resume positions per user (never another person's), watched near the end, the home page rows, input checks."""

from __future__ import annotations

import pytest


@pytest.fixture
def film(add, state):
    item = add("movie", "Heat", year=1995)
    state.upsert_media_file("/nonexistent/heat.mkv", media_id=item.id, size=1, mtime=0, duration_s=600.0)
    return item


def put(client, media_id, position, duration=None):
    body = {"position_s": position} | ({"duration_s": duration} if duration is not None else {})
    return client.put(f"/api/media/{media_id}/playback", json=body)


def test_positions_are_per_user(admin_client, user_client, film):
    assert put(admin_client, film.id, 240).status_code == 200
    assert put(user_client, film.id, 30).status_code == 200
    mine, theirs = (c.get(f"/api/media/{film.id}/playback").json for c in (admin_client, user_client))
    assert (mine["position_s"], mine["resume_at"]) == (240, 240)
    assert (theirs["position_s"], theirs["resume_at"]) == (30, 30)
    assert mine["duration_s"] == 600


def test_no_route_takes_a_user_id(app):
    rules = [r.rule for r in app.url_map.iter_rules() if "playback" in r.rule or "watched" in r.rule]
    assert rules and not any("user" in r for r in rules)


def test_near_the_end_counts_as_watched_and_leaves_continue_watching(admin_client, film):
    put(admin_client, film.id, 300)
    (row,) = admin_client.get("/api/home").json["continue_watching"]
    assert row["id"] == film.id and row["playback"]["position_s"] == 300
    done = put(admin_client, film.id, 560).json
    assert done["watched"] is True and done["resume_at"] is None and done["play_count"] == 1
    assert admin_client.get("/api/home").json["continue_watching"] == []


def test_just_short_of_the_threshold_is_not_watched(admin_client, film):
    assert put(admin_client, film.id, 0.89 * 600).json["watched"] is False


def test_position_is_clamped_to_the_duration(admin_client, film):
    assert put(admin_client, film.id, 5000, 600).json["position_s"] == 600


def test_a_few_seconds_in_offers_no_resume(admin_client, film):
    assert put(admin_client, film.id, 2).json["resume_at"] is None


def test_mark_watched_and_unwatched(admin_client, user_client, film):
    assert admin_client.post(f"/api/media/{film.id}/watched", json={"watched": True}).json["watched"] is True
    assert user_client.get(f"/api/media/{film.id}/playback").json["watched"] is False
    assert admin_client.post(f"/api/media/{film.id}/watched", json={"watched": False}).json["watched"] is False
    assert admin_client.post(f"/api/media/{film.id}/watched", json={"watched": "yes"}).status_code == 400


@pytest.mark.parametrize("body", [{"position_s": -1}, {"position_s": "10"}, {"position_s": True}, {"position_s": 1e12},
                                  {}, {"position_s": 1, "user_id": 2}, {"position_s": 1, "duration_s": -5}])
def test_bad_positions_are_refused(admin_client, film, body):
    assert admin_client.put(f"/api/media/{film.id}/playback", json=body).status_code == 400


def test_nan_is_refused(admin_client, film):
    response = admin_client.put(f"/api/media/{film.id}/playback", data='{"position_s": NaN}',
                                content_type="application/json")
    assert response.status_code == 400


def test_unknown_item_is_404(admin_client):
    assert admin_client.get("/api/media/0000000000000000/playback").status_code == 404
    assert put(admin_client, "0000000000000000", 10).status_code == 404


def test_recently_added_newest_first_top_level_only(admin_client, add):
    for n in range(3):
        show = add("show", f"Show {n}", added_at=100.0 + n)
    add("episode", "An episode", parent_id=show.id, added_at=999.0)
    rows = admin_client.get("/api/home").json["recently_added"]
    assert [r["title"] for r in rows] == ["Show 2", "Show 1", "Show 0"]


def test_a_second_user_has_their_own_home(admin_client, user_client, film):
    put(admin_client, film.id, 100)
    assert user_client.get("/api/home").json["continue_watching"] == []
