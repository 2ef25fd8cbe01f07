"""The NFO writer: ids, Kodi order, multi-episode files and XML safety (hostile text still parses)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from media_library.services import nfo
from media_library.services.nfo import (
    NfoItem,
    Thumb,
    clean_text,
    episode_nfo,
    movie_nfo,
    parse_roots,
    season_nfo,
    tvshow_nfo,
)
from tests.fakes.server import fixture_path

# Kodi's CVideoInfoTag::Save order for the elements we write (the order Kodi's own exporter uses).
KODI_ORDER = [
    "title", "originaltitle", "showtitle", "sorttitle", "season", "episode", "plot", "tagline", "runtime",
    "thumb", "fanart", "mpaa", "id", "uniqueid", "genre", "premiered", "year", "status", "aired", "studio",
]
JELLYFIN_TAGS = {"tmdbid", "imdbid", "imdb_id", "tvdbid"}

MATRIX = NfoItem(
    title="The Matrix", original_title="The Matrix", year=1999, plot="A hacker learns the truth.",
    runtime_minutes=136.4, genres=["Action", "Science Fiction", "action"], ids={"tmdb": 603, "imdb": "tt0133093"},
    thumbs=[Thumb("https://image.tmdb.org/t/p/original/p.jpg")], fanart=["https://image.tmdb.org/t/p/original/f.jpg"],
    premiered="1999-03-31T00:00:00", studios=["Warner Bros."],
)


def order_ok(root: ET.Element) -> bool:
    tags = [child.tag for child in root if child.tag not in JELLYFIN_TAGS and child.tag != "seasonnumber"]
    positions = [KODI_ORDER.index(tag) for tag in tags]
    return positions == sorted(positions)


def test_movie_nfo():
    data = movie_nfo(MATRIX)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<movie>')
    root = ET.fromstring(data)
    assert root.findtext("title") == "The Matrix"
    assert root.findtext("runtime") == "136"
    assert root.findtext("year") == "1999"
    assert root.findtext("premiered") == "1999-03-31"
    assert [g.text for g in root.findall("genre")] == ["Action", "Science Fiction"]
    assert root.findtext("tmdbid") == "603" and root.findtext("imdbid") == "tt0133093"
    assert root.find("imdb_id") is None
    defaults = [u for u in root.findall("uniqueid") if u.get("default") == "true"]
    assert [(u.get("type"), u.text) for u in defaults] == [("tmdb", "603")]
    assert root.findtext("id") == "603"
    assert root.find("thumb").get("aspect") == "poster"
    assert root.find("fanart/thumb").text.endswith("f.jpg")
    assert order_ok(root)


def test_tvshow_uses_imdb_id_and_season_uses_seasonnumber():
    show = ET.fromstring(tvshow_nfo(NfoItem("Breaking Bad", year=2008, ids={"imdb": "tt0903747", "tvdb": "81189"}, status="Ended")))
    assert show.findtext("imdb_id") == "tt0903747" and show.find("imdbid") is None
    assert show.findtext("tvdbid") == "81189"
    assert [u.get("type") for u in show.findall("uniqueid") if u.get("default")] == ["tvdb"]
    assert order_ok(show)
    season = ET.fromstring(season_nfo(NfoItem("Specials", season=0)))
    assert season.tag == "season" and season.findtext("seasonnumber") == "0"


@pytest.mark.parametrize("bad", [None, "", "None", "null", "0", "abc", "603x", " "])
def test_empty_or_malformed_ids_are_never_written(bad):
    root = ET.fromstring(movie_nfo(NfoItem("X", ids={"tmdb": bad, "imdb": bad})))
    assert root.find("uniqueid") is None and root.find("tmdbid") is None and root.find("id") is None
    assert b"None" not in movie_nfo(NfoItem("X", ids={"tmdb": bad}))


def test_requested_default_id_wins_and_stays_unique():
    root = ET.fromstring(movie_nfo(NfoItem("X", ids={"tmdb": "1", "imdb": "tt0000001"}, default_id="imdb")))
    assert [u.get("type") for u in root.findall("uniqueid") if u.get("default") == "true"] == ["imdb"]


def test_multi_episode_is_concatenated_roots():
    data = episode_nfo([
        NfoItem("Rising (1)", show_title="Stargate Atlantis", season=1, episode=1, aired="2004-07-16", ids={"tvdb": "25333"}),
        NfoItem("Rising (2)", show_title="Stargate Atlantis", season=1, episode=2, aired="2004-07-16"),
    ])
    assert data.count(b"<?xml") == 1 and data.count(b"<episodedetails>") == 2
    roots = parse_roots(data)
    assert [(r.findtext("season"), r.findtext("episode")) for r in roots] == [("1", "1"), ("1", "2")]
    assert all(order_ok(r) for r in roots)


def test_jellyfin_fixture_shape_parses_the_same_way():
    """Our multi-episode file is read like Jellyfin's own test file: wrap the roots, parse."""
    theirs = parse_roots(fixture_path("nfo", "jellyfin-test_Stargate_Atlantis_S01E01-E04.nfo").read_bytes())
    assert [r.tag for r in theirs] == ["episodedetails"] * len(theirs) and len(theirs) >= 2


def test_hostile_text_is_escaped_and_cleaned():
    title = "Tom & Jerry <b>]]> \x00\x08\x0b\x0c\x1f\ud800 🎬 \uffff"
    root = ET.fromstring(movie_nfo(NfoItem(title, plot="line1\r\nline2\rline3")))
    assert root.findtext("title") == "Tom & Jerry <b>]]>  🎬"
    assert root.findtext("plot") == "line1\nline2\nline3"


@settings(max_examples=10_000, deadline=None)
@given(st.text(), st.text(), st.lists(st.text(), max_size=3), st.text(max_size=20))
def test_any_text_reparses(title, plot, genres, an_id):
    """Whatever the text (hostile XML included), the NFO parses back and says what we meant."""
    data = movie_nfo(NfoItem(title, plot=plot, genres=genres, ids={"tmdb": an_id, "imdb": an_id}))
    root = ET.fromstring(data)
    assert (root.findtext("title") or "") == clean_text(title)
    assert (root.findtext("plot") or "") == clean_text(plot)
    assert len([u for u in root.findall("uniqueid") if u.get("default") == "true"]) <= 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_multi_episode_reparses(titles):
    items = [NfoItem(t, season=1, episode=n + 1) for n, t in enumerate(titles)]
    roots = parse_roots(episode_nfo(items))
    assert [(r.findtext("title") or "") for r in roots] == [clean_text(t) for t in titles]


def _elementtree_bytes(elements: list[ET.Element]) -> bytes:
    """What ElementTree itself writes for the same elements (the serialiser's reference)."""
    parts = [nfo.DECLARATION]
    for element in elements:
        ET.indent(element, "  ")
        parts += [ET.tostring(element, encoding="unicode", short_empty_elements=True), "\n"]
    return "".join(parts).encode("utf-8")


@settings(max_examples=2_000, deadline=None)
@given(st.text(), st.text(), st.lists(st.text(), max_size=3), st.lists(st.text(), max_size=2), st.text(max_size=12))
def test_the_serialiser_writes_what_elementtree_writes(title, plot, genres, urls, aspect):
    """Byte for byte, hostile text, attributes (thumb aspects), nested elements (fanart) included."""
    item = NfoItem(title, plot=plot, genres=genres, ids={"tmdb": "603", "imdb": "tt0133093"},
                   thumbs=[Thumb(u, aspect) for u in urls], fanart=urls, season=2, episode=3)
    for root in ("movie", "tvshow", "season", "episodedetails"):
        assert nfo._serialise([nfo._element(root, item)]) == _elementtree_bytes([nfo._element(root, item)])
