"""The library grid over the API: filters, sorts, keyset paging (never OFFSET), per-user watched
state, cursor checks, hostile titles as plain data, and the access rules."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.web.conftest import login

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def films(add):
    rows = [("Heat", 1995, ["Crime", "Drama"], 100.0), ("Alien", 1979, ["Horror"], 300.0),
            ("The Abyss", 1989, ["Drama"], 200.0), ("Zodiac", 2007, ["Crime"], 400.0),
            ("Brazil", None, [], 500.0), ("Casino", 1995, ["Crime"], 600.0)]
    made = {title: add("movie", title, year=year, genres=genres, added_at=added) for title, year, genres, added in rows}
    show = add("show", "Dark", year=2017, added_at=700.0)
    season = add("season", "Season 1", parent_id=show.id, season_number=1, added_at=700.0)
    for n in (2, 1):
        add("episode", f"Episode {n}", parent_id=season.id, season_number=1, episode_number=n, added_at=700.0)
    made["Dark"], made["season"] = show, season
    return made


def titles(response):
    assert response.status_code == 200, response.json
    return [i["title"] for i in response.json["items"]]


def walk(client, url, limit):
    """Every page of ``url``, following ``next``; returns the titles in order."""
    seen, after = [], None
    for _ in range(50):
        page = client.get(f"{url}&limit={limit}" + (f"&after={after}" if after else "")).json
        seen += [i["title"] for i in page["items"]]
        after = page["next"]
        if after is None:
            return seen
    raise AssertionError("paging did not end")


def test_top_level_grid_sorted_by_title_then_children_by_number(admin_client, films):
    assert titles(admin_client.get("/api/library")) == ["The Abyss", "Alien", "Brazil", "Casino", "Dark", "Heat", "Zodiac"]
    season = films["season"]
    assert titles(admin_client.get(f"/api/library?parent={films['Dark'].id}")) == ["Season 1"]
    assert titles(admin_client.get(f"/api/library?parent={season.id}")) == ["Episode 1", "Episode 2"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("-title", ["Zodiac", "Heat", "Dark", "Casino", "Brazil", "Alien", "The Abyss"]),
    ("year", ["Brazil", "Alien", "The Abyss", "Casino", "Heat", "Zodiac", "Dark"]),
    ("-year", ["Dark", "Zodiac", "Heat", "Casino", "The Abyss", "Alien", "Brazil"]),
    ("added", ["Heat", "The Abyss", "Alien", "Zodiac", "Brazil", "Casino", "Dark"]),
    ("-added", ["Dark", "Casino", "Brazil", "Zodiac", "Alien", "The Abyss", "Heat"]),
])
def test_every_sort_pages_by_key_to_the_same_order(admin_client, films, sort, expected):
    assert titles(admin_client.get(f"/api/library?sort={sort}")) == expected
    for limit in (1, 2, 3):
        assert walk(admin_client, f"/api/library?sort={sort}", limit) == expected


def test_filters_kind_genre_year_and_added(admin_client, films):
    assert titles(admin_client.get("/api/library?kind=show")) == ["Dark"]
    assert titles(admin_client.get("/api/library?genre=Crime")) == ["Casino", "Heat", "Zodiac"]
    assert titles(admin_client.get("/api/library?genre=Crim")) == []
    assert titles(admin_client.get("/api/library?year=1995&sort=title")) == ["Casino", "Heat"]
    assert titles(admin_client.get("/api/library?added_after=350&added_before=650")) == ["Brazil", "Casino", "Zodiac"]
    assert titles(admin_client.get("/api/library?genre=Crime&year=1995&kind=movie")) == ["Casino", "Heat"]
    assert admin_client.get("/api/library/genres").json["items"] == ["Crime", "Drama", "Horror"]


def test_paging_never_uses_offset(admin_client, films, runtime):
    statements = []
    listener = lambda conn, cursor, statement, params, *rest: statements.append((statement, params))  # noqa: E731
    event.listen(runtime.db.engine, "before_cursor_execute", listener)
    try:
        walk(admin_client, "/api/library?sort=-year", 2)
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", listener)
    pages = [(s, p) for s, p in statements if "FROM media" in s and "LIMIT" in s]
    assert len(pages) >= 3
    # SQLAlchemy's SQLite dialect always writes "LIMIT ? OFFSET ?": the offset must stay 0
    assert all(not s.rstrip().endswith("OFFSET ?") or p[-1] == 0 for s, p in pages)


def test_watched_filter_is_per_user(app, admin_client, user_client, films):
    heat = films["Heat"].id
    assert admin_client.post(f"/api/media/{heat}/watched", json={"watched": True}).status_code == 200
    assert titles(admin_client.get("/api/library?watched=true")) == ["Heat"]
    assert "Heat" not in titles(admin_client.get("/api/library?watched=false"))
    assert titles(user_client.get("/api/library?watched=true")) == []
    assert "Heat" in titles(user_client.get("/api/library?watched=false"))
    mine = {i["title"]: i["playback"]["watched"] for i in admin_client.get("/api/library").json["items"]}
    theirs = {i["title"]: i["playback"]["watched"] for i in user_client.get("/api/library").json["items"]}
    assert mine["Heat"] is True and theirs["Heat"] is False


@pytest.mark.parametrize("query", ["sort=bogus", "kind=bogus", "year=abc", "limit=0", "limit=999", "watched=maybe",
                                   "added_after=yesterday", "after=not-a-cursor", "after=WyJ0aXRsZSIsWzFdXQ"])
def test_bad_parameters_get_a_400_with_a_message(admin_client, films, query):
    response = admin_client.get(f"/api/library?{query}")
    assert response.status_code == 400 and response.json["message"]


def test_a_cursor_of_another_sort_is_refused(admin_client, films):
    cursor = admin_client.get("/api/library?sort=title&limit=1").json["next"]
    response = admin_client.get(f"/api/library?sort=-added&after={cursor}")
    assert response.status_code == 400 and "sort" in response.json["message"]


def test_hostile_title_is_returned_as_plain_data(admin_client, add):
    item = add("movie", XSS, overview='"><script>alert(1)</script>')
    (card,) = admin_client.get("/api/library").json["items"]
    assert card["title"] == XSS and card["poster"] is None
    assert admin_client.get(f"/api/search?q={item.title}").json["items"][0]["title"] == XSS
    response = admin_client.get("/api/library")
    assert response.mimetype == "application/json" and response.headers["X-Content-Type-Options"] == "nosniff"


def test_routes_need_a_login(client, app, films):
    for url in ("/api/library", "/api/search?q=heat", "/api/home", f"/api/media/{films['Heat'].id}/playback",
                f"/api/media/{films['Heat'].id}/about", "/api/collections", f"/api/media/{films['Heat'].id}/subtitles"):
        assert client.get(url).status_code in (401, 503), url


def test_edit_is_admin_only_and_sticks(app, admin_client, user_client, films):
    heat = films["Heat"].id
    assert user_client.patch(f"/api/media/{heat}", json={"title": "Hot"}).status_code == 403
    edited = admin_client.patch(f"/api/media/{heat}", json={"title": "Heat (Director's Cut)", "year": 1996})
    assert edited.status_code == 200 and edited.json["match_locked"] is True
    assert admin_client.get("/api/search?q=directors cut").json["items"][0]["id"] == heat
    assert admin_client.patch(f"/api/media/{heat}", json={"year": "1996"}).status_code == 400
    assert admin_client.patch(f"/api/media/{heat}", json={"bogus": 1}).status_code == 400
    assert login(app.test_client(), "alice", "tulip-meadow-91").status_code == 200
