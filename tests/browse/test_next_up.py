"""Next Up on Home: the next unwatched episode after the last finished one in each show being
watched (Jellyfin's rule: by season and number, specials and episodes without a file left out),
the show with the newest activity first, per user."""

from __future__ import annotations

import pytest


@pytest.fixture
def show(add, state):
    """``show("Dark", seasons={1: 3, 0: 1})`` → {(season, episode): item}, each with a file."""
    def make(title: str, seasons: dict[int, int], *, without_file=()):
        top = add("show", title, year=2017)
        made = {}
        for number, count in seasons.items():
            season = add("season", f"Season {number}", parent_id=top.id, season_number=number)
            for episode in range(1, count + 1):
                item = add("episode", f"{title} {number}x{episode}", parent_id=season.id, season_number=number,
                           episode_number=episode)
                if (number, episode) not in without_file:
                    state.upsert_media_file(f"/nonexistent/{title}-{number}-{episode}.mkv", media_id=item.id, size=1,
                                            mtime=0, duration_s=600.0)
                made[(number, episode)] = item
        made["show"] = top
        return made
    return make


def finish(client, item):
    assert client.post(f"/api/media/{item.id}/watched", json={"watched": True}).status_code == 200


def next_up(client):
    return [(row["title"], row["show"]["title"]) for row in client.get("/api/home").json["next_up"]]


def test_nothing_until_an_episode_is_finished(admin_client, show):
    show("Dark", {1: 3})
    assert next_up(admin_client) == []


def test_the_episode_after_the_last_finished_one(admin_client, show):
    dark = show("Dark", {0: 1, 1: 2, 2: 2})
    finish(admin_client, dark[(1, 1)])
    assert next_up(admin_client) == [("Dark 1x2", "Dark")]
    finish(admin_client, dark[(1, 2)])
    assert next_up(admin_client) == [("Dark 2x1", "Dark")], "the next season follows; the special is left out"
    row = admin_client.get("/api/home").json["next_up"][0]
    assert row["show"]["id"] == dark["show"].id and row["kind"] == "episode" and row["season_number"] == 2


def test_an_earlier_gap_does_not_pull_back_and_a_finished_show_leaves(admin_client, show):
    dark = show("Dark", {1: 3})
    finish(admin_client, dark[(1, 2)])
    assert next_up(admin_client) == [("Dark 1x3", "Dark")]
    finish(admin_client, dark[(1, 3)])
    assert next_up(admin_client) == []


def test_episodes_without_a_file_are_skipped(admin_client, show):
    dark = show("Dark", {1: 3}, without_file=((1, 2),))
    finish(admin_client, dark[(1, 1)])
    assert next_up(admin_client) == [("Dark 1x3", "Dark")]


def test_newest_activity_first_and_per_user(admin_client, user_client, show, state):
    dark, lost = show("Dark", {1: 3}), show("Lost", {1: 3})
    finish(admin_client, dark[(1, 1)])
    finish(admin_client, lost[(1, 1)])
    assert next_up(admin_client) == [("Lost 1x2", "Lost"), ("Dark 1x2", "Dark")]
    admin_client.put(f"/api/media/{dark[(1, 2)].id}/playback", json={"position_s": 60, "duration_s": 600})
    assert next_up(admin_client) == [("Dark 1x2", "Dark"), ("Lost 1x2", "Lost")], "started again: Dark moves up"
    assert next_up(user_client) == []


def test_the_card_shows_the_show_poster_when_the_episode_has_none(admin_client, show, state, tmp_path):
    dark = show("Dark", {1: 2})
    poster = tmp_path / "poster.jpg"
    poster.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    state.set_artwork(dark["show"].id, "poster", str(poster))
    finish(admin_client, dark[(1, 1)])
    (row,) = admin_client.get("/api/home").json["next_up"]
    assert row["poster"] == f"/api/media/{dark['show'].id}/artwork/poster"
