"""Search: accents, punctuation, typos and prefixes while typing; the FTS index follows every
insert, rename and delete through its triggers, and a database upgraded with items gets indexed."""

from __future__ import annotations

import pytest

from media_library.db import migrate
from media_library.db.engine import Database, DatabaseOptions
from media_library.db.sqlite import fts5_query
from media_library.models.search import Term, TextQuery
from media_library.services.browse import corrected_query, exact_query, in_titles, tokens_of
from media_library.state import AppState


@pytest.fixture
def library(add):
    add("movie", "Spider-Man", year=2002)
    add("movie", "Spider-Man: No Way Home", year=2021)
    add("movie", "Amélie", original_title="Le Fabuleux Destin d'Amélie Poulain", year=2001)
    add("movie", "The Godfather", year=1972, overview="The aging patriarch of an organized crime dynasty.")
    add("movie", "Ocean's Eleven", year=2001)
    add("movie", "WALL·E", year=2008)
    add("movie", "Spinal Tap", year=1984)
    show = add("show", "Dark", year=2017)
    add("season", "Season 1", parent_id=show.id, season_number=1)
    add("track", "Smells Like Teen Spirit")


def found(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200, response.json
    return [i["title"] for i in response.json["items"]]


@pytest.mark.parametrize(("query", "first"), [
    ("spider man", "Spider-Man"),
    ("Spider-Man", "Spider-Man"),
    ("spiderman", "Spider-Man"),
    ("amelie", "Amélie"),
    ("AMÉLIE", "Amélie"),
    ("fabuleux destin", "Amélie"),
    ("godfathr", "The Godfather"),
    ("the godfater", "The Godfather"),
    ("godf", "The Godfather"),
    ("oceans eleven", "Ocean's Eleven"),
    ("ocean's", "Ocean's Eleven"),
    ("walle", "WALL·E"),
    ("wall-e", "WALL·E"),
    ("teen spirit", "Smells Like Teen Spirit"),
    ("crime dynasty", "The Godfather"),
])
def test_forgiving_search(admin_client, library, query, first):
    assert found(admin_client, query)[0] == first


def test_spider_man_finds_both_and_nothing_else(admin_client, library):
    assert sorted(found(admin_client, "spider man")) == ["Spider-Man", "Spider-Man: No Way Home"]
    assert found(admin_client, "spider man no way") == ["Spider-Man: No Way Home"]


@pytest.mark.parametrize("query", ['"', "*", "(", ")", "AND", "OR NOT", "NEAR(a b)", "title:x", "^", "'", "-", "--",
                                   '"unterminated', "a* OR b*", "{title}: x", "\x00", "ｓｐｉｄｅｒ", "🎬", "x" * 500])
def test_query_syntax_never_reaches_fts5(admin_client, library, query):
    response = admin_client.get("/api/search", query_string={"q": query})
    assert response.status_code == 200, response.json
    assert isinstance(response.json["items"], list)


def test_fullwidth_letters_fold_like_ascii(admin_client, library):
    assert "Spider-Man" in found(admin_client, "ｓｐｉｄｅｒ")


def test_seasons_are_not_results_and_nothing_matches_gibberish(admin_client, library):
    assert found(admin_client, "season") == []
    assert found(admin_client, "qqqzzzxx") == []
    assert found(admin_client, "") == []


def test_the_index_follows_inserts_renames_and_deletes(admin_client, library, state, add):
    item = add("movie", "Zyzzyva")
    assert found(admin_client, "zyzzyva") == ["Zyzzyva"]
    state.update_media(item.id, title="Quetzalcoatl", overview="feathered")
    assert found(admin_client, "zyzzyva") == []
    assert found(admin_client, "quetzal") == ["Quetzalcoatl"]
    state.update_media(item.id, status="identified")  # not a text column: the index is untouched
    assert found(admin_client, "feathered") == ["Quetzalcoatl"]
    state.delete_media(item.id)
    assert found(admin_client, "quetzal") == []
    assert found(admin_client, "amelie") == ["Amélie"]


def test_deleting_a_show_drops_its_children_from_the_index(admin_client, state, add):
    show = add("show", "Twin Peaks")
    add("episode", "Pilot of Twin Peaks", parent_id=show.id)
    assert len(found(admin_client, "twin peaks")) == 2
    state.delete_media(show.id)
    assert found(admin_client, "twin peaks") == []


def test_upgrading_a_database_with_items_indexes_them(tmp_path):
    db = Database(DatabaseOptions(path=tmp_path / "old.db"))
    migrate.upgrade(db, target="0003")
    old = AppState(db)
    old.add_media("movie", "Amélie", year=2001)
    migrate.upgrade(db)
    state = AppState(db)
    assert [i.title for i in state.search_media(exact_query(tokens_of("amelie")), 1)] == ["Amélie"]
    db.close()


def test_tokens_and_query_are_plain_quoted_terms():
    assert tokens_of('Spider-Man: "No" (Way) *Home*') == ["spider", "man", "no", "way", "home"]
    query = exact_query(["spider", "man"])
    assert query == TextQuery(((Term("spider"),), (Term("man", prefix=True),)), glued=Term("spiderman", prefix=True))
    assert fts5_query(query) == '("spider" AND "man"*) OR compact : "spiderman"*'
    assert fts5_query(in_titles(query)) == '{title original_title compact} : (("spider" AND "man"*) OR compact : "spiderman"*)'
    assert fts5_query(corrected_query([[("godfathr", False), ("godfather", False)], [("x", True)]])) == \
        '("godfathr" OR "godfather") AND "x"*'


def test_a_quote_in_a_term_cannot_end_it():
    assert fts5_query(TextQuery(((Term('a" OR "b'),),))) == '"a"" OR ""b"'
