"""Watched state of mapped Plex users lands on our mapped users (counts, last viewed, resume
offsets), only differing rows are rewritten, and Plex's history is readable as a watch source;
discovering a show by title and year, and importing just that show."""

from __future__ import annotations

from tests.conftest import media_by_external_id
from tests.plex.conftest import add_server, run_sync

WICKED = "134703"
NINE_WEEKS = "9881"


def _two_users(runtime, plex, server):
    plex.add_user("2", "alice", "alice-token")
    plex.add_user("3", "bob", "bob-token")
    alice = runtime.state.add_user("alice", "x", "viewer")
    bob = runtime.state.add_user("bob", "x", "viewer")
    accounts = {a["name"]: a["id"] for a in runtime.services.plex.accounts(server.id)}
    assert set(accounts) >= {"owner", "alice", "bob"}
    runtime.services.plex.map_user(server.id, {"plex_account_id": accounts["alice"], "user_id": alice.id, "token": "alice-token",
                                               "plex_name": "alice", "keep_in_step": True})
    runtime.services.plex.map_user(server.id, {"plex_account_id": accounts["bob"], "user_id": bob.id, "token": "bob-token",
                                               "plex_name": "bob"})
    return alice, bob


def test_two_plex_users_watched_state_lands_on_the_two_mapped_users(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    alice, bob = _two_users(runtime, plex, server)
    plex.set_view("2", WICKED, offset_ms=3_600_000, last=1_735_900_000)
    plex.set_view("2", NINE_WEEKS, count=2, last=1_735_000_000)
    plex.set_view("3", NINE_WEEKS, offset_ms=1_200_000, last=1_735_100_000)
    result, _ = run_sync(runtime, server.id, tmp_path, watched=True)

    wicked = media_by_external_id(runtime.state, "imdb", "tt1262426", "movie")
    nine = media_by_external_id(runtime.state, "tmdb", "10068", "movie")
    resume = runtime.state.get_playback(alice.id, wicked.id)
    assert (resume.position_s, resume.watched, resume.updated_at) == (3600.0, False, 1_735_900_000)
    assert [p.media_id for p in runtime.state.list_continue_watching(alice.id)] == [wicked.id]
    seen = runtime.state.get_playback(alice.id, nine.id)
    assert (seen.watched, seen.play_count, seen.position_s) == (True, 2, 0.0)
    bobs = runtime.state.get_playback(bob.id, nine.id)
    assert (bobs.position_s, bobs.watched) == (1200.0, False) and runtime.state.get_playback(bob.id, wicked.id) is None
    assert {w["user_id"]: w["written"] for w in result["watched"]} == {alice.id: 2, bob.id: 1}

    again, _ = run_sync(runtime, server.id, tmp_path)  # only alice is kept in step; nothing changed
    assert [(w["user_id"], w["written"]) for w in again["watched"]] == [(alice.id, 0)]


def test_resume_offsets_play_from_there_in_the_app(runtime, plex, tmp_path, admin_client):
    server = add_server(runtime, plex)
    admin = next(u for u in runtime.state.list_users() if u.username == "admin")
    runtime.services.plex.map_user(server.id, {"plex_account_id": "1", "user_id": admin.id, "plex_name": "owner"})
    run_sync(runtime, server.id, tmp_path, watched=True)  # the recorded listing: 10,000 BC at viewOffset 3866000
    film = next(m for m in runtime.state.list_media(kind="movie", limit=1000) if m.title == "10,000 BC")
    answer = admin_client.get(f"/api/media/{film.id}/playback")
    assert answer.status_code == 200 and answer.json["position_s"] == 3866.0


def test_history_rows_name_our_items_and_users(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    alice, _ = _two_users(runtime, plex, server)
    run_sync(runtime, server.id, tmp_path)
    plex.history_rows = [{"ratingKey": WICKED, "accountID": 2, "viewedAt": 1_736_000_000, "type": "movie"},
                         {"ratingKey": "999999", "accountID": 2, "viewedAt": 1_736_000_001, "type": "movie"},
                         {"ratingKey": NINE_WEEKS, "accountID": 77, "viewedAt": 1_736_000_002, "type": "movie"}]
    rows = list(runtime.services.plex_watched.history(server.id))
    wicked = media_by_external_id(runtime.state, "imdb", "tt1262426", "movie")
    assert rows == [{"media_id": wicked.id, "user_id": alice.id, "viewed_at": 1_736_000_000, "rating_key": WICKED,
                     "plex_account_id": "2"}]
    assert all("X-Plex-Container-Size" in r.headers for r in plex.requests_to("/status/sessions/history/all"))


def test_discover_a_show_by_title_and_year_and_import_only_it(runtime, plex, tmp_path):
    server = add_server(runtime, plex)
    found = runtime.services.plex.discover_shows(server.id, "attack on", 2013)
    assert [(s["title"], s["year"], s["ids"]) for s in found] == [("Attack on Titan", 2013, {"tvdb": "267440"})]
    assert runtime.services.plex.discover_shows(server.id, "attack on", 2014) == []
    alice = runtime.services.plex.discover_shows(server.id, "borderland")[0]
    result, _ = run_sync(runtime, server.id, tmp_path, library_id=alice["library_id"], show_key=alice["rating_key"])
    report = result["libraries"][0]
    assert report["created"] == 1 + len([i for i in plex.items("2") if i.get("grandparentRatingKey") == alice["rating_key"]])
    assert [m.title for m in runtime.state.list_media(kind="show")] == ["Alice in Borderland"]


def test_plex_history_backfills_the_decisions_watch_history(runtime, plex, tmp_path):
    """Point 6: Plex as a watch source beside Jellyfin's, counted by the film's TMDb id."""
    server = add_server(runtime, plex)
    alice, _ = _two_users(runtime, plex, server)
    run_sync(runtime, server.id, tmp_path)
    plex.history_rows = [{"ratingKey": WICKED, "accountID": 2, "viewedAt": 1_736_000_000, "type": "movie"},
                         {"ratingKey": WICKED, "accountID": 2, "viewedAt": 1_736_100_000, "type": "movie"},
                         {"ratingKey": NINE_WEEKS, "accountID": 77, "viewedAt": 1_736_000_002, "type": "movie"}]
    wicked = media_by_external_id(runtime.state, "imdb", "tt1262426", "movie")
    tmdb = int(wicked.external_ids["tmdb"])

    assert runtime.services.watch_backfill.run("plex") == {"source": "plex", "records": 2}
    views = runtime.state.watch_history_of(tmdb_id=tmdb)
    assert [(v.user_name, v.source, v.completed, v.watched_at) for v in views] == [
        ("alice", "plex", True, 1_736_100_000), ("alice", "plex", True, 1_736_000_000)]
    assert runtime.services.watch_backfill.run("plex")["records"] == 2  # keyed by view: nothing twice
    assert len(runtime.state.watch_history_of(tmdb_id=tmdb)) == 2
