"""TMDb: the client against the fake, the fake against the recorded fixtures, the parsers on both."""

from __future__ import annotations

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from media_library.clients.tmdb import (
    MAX_RESULTS,
    TmdbClient,
    parse_episode,
    parse_find_results,
    parse_image_config,
    parse_movie_candidate,
    parse_movie_details,
    parse_season,
    parse_tv_details,
    tmdb_error,
)
from media_library.errors import ExternalServiceError, InvalidInput, NotConfigured, NotFound, RateLimited
from media_library.models.metadata import Collection, MovieDetails
from tests.fakes.server import load_fixture


@pytest.fixture
def tmdb(http, fake_tmdb):
    return TmdbClient(http, fake_tmdb.url, fake_tmdb.api_key, "en-US")


def raw_get(fake, path, key=None, **params):
    """What the fake answers, straight (no client), with the right Bearer header by default."""
    headers = {"Authorization": f"Bearer {key or fake.api_key}"}
    return requests.get(fake.url + path, params=params, headers=headers, timeout=5)


# --- the fake speaks what was recorded ----------------------------------------------------------


@pytest.mark.parametrize(("path", "fixture"), [
    ("/3/movie/11", "movie_details.json"),
    ("/3/movie/550/credits", "movie_credits.json"),
    ("/3/movie/550/external_ids", "movie_external_ids.json"),
    ("/3/tv/1399", "tv_series_details.json"),
    ("/3/tv/1399/external_ids", "tv_external_ids.json"),
    ("/3/tv/1399/season/1", "tv_season_details.json"),
    ("/3/tv/1399/season/1/episode/1", "tv_episode_details.json"),
])
def test_fake_serves_the_recorded_payloads(fake_tmdb, path, fixture):
    answer = raw_get(fake_tmdb, path)
    assert answer.status_code == 200
    assert answer.json() == load_fixture("tmdb", fixture)


def test_fake_search_movie_has_the_recorded_shape(fake_tmdb):
    recorded = load_fixture("tmdb", "search_movie.json")
    answer = raw_get(fake_tmdb, "/3/search/movie", query="Fight Club").json()
    assert answer.keys() == recorded.keys()
    assert {r["id"] for r in answer["results"]} == {r["id"] for r in recorded["results"]}
    for result in answer["results"]:
        assert result.keys() == recorded["results"][0].keys()
    popularity = [r["popularity"] for r in answer["results"]]
    assert popularity == sorted(popularity, reverse=True)


def test_fake_search_tv_matches_the_recording(fake_tmdb):
    answer = raw_get(fake_tmdb, "/3/search/tv", query="breaking bad").json()
    assert answer == load_fixture("tmdb", "search_tv.json")


def test_fake_find_and_configuration_have_the_recorded_shape(fake_tmdb):
    recorded = load_fixture("tmdb", "find_by_external_id.json")
    found = raw_get(fake_tmdb, "/3/find/tt17663992", external_source="imdb_id").json()
    assert found.keys() == recorded.keys()
    assert found["movie_results"] == recorded["movie_results"]
    config = raw_get(fake_tmdb, "/3/configuration").json()
    recorded_config = load_fixture("tmdb", "configuration.json")
    assert config["images"].keys() == recorded_config["images"].keys()
    assert config["images"]["poster_sizes"] == recorded_config["images"]["poster_sizes"]
    assert config["images"]["secure_base_url"] == f"{fake_tmdb.url}/t/p/"


def test_fake_added_movie_has_every_key_of_a_real_movie(fake_tmdb):
    fake_tmdb.add_movie(9001, "Test Film", year=2001, runtime=90)
    answer = raw_get(fake_tmdb, "/3/movie/9001").json()
    assert answer.keys() == load_fixture("tmdb", "movie_details.json").keys()


def test_fake_season_of_an_added_show_has_the_recorded_shape(fake_tmdb):
    fake_tmdb.add_tv(5005, "The Office", first_air_date="2005-03-24", tvdb_id=73244)
    fake_tmdb.add_episode(5005, 2, 2, "Sexual Harassment", air_date="2005-09-27")
    fake_tmdb.add_episode(5005, 2, 1, "The Dundies", air_date="2005-09-20")
    recorded = load_fixture("tmdb", "tv_season_details.json")
    answer = raw_get(fake_tmdb, "/3/tv/5005/season/2").json()
    assert answer.keys() == recorded.keys()
    assert [e.keys() for e in answer["episodes"]] == [recorded["episodes"][0].keys()] * 2
    assert [e["episode_number"] for e in answer["episodes"]] == [1, 2]
    assert answer["air_date"] == "2005-09-20"  # a season's date is its first episode's
    show = raw_get(fake_tmdb, "/3/tv/5005").json()
    assert [(s["season_number"], s["air_date"], s["episode_count"]) for s in show["seasons"]] == [(2, "2005-09-20", 2)]


def test_fake_find_by_tvdb_id(fake_tmdb):
    fake_tmdb.add_tv(5005, "The Office", first_air_date="2005-03-24", imdb_id="tt0386676", tvdb_id=73244)
    found = raw_get(fake_tmdb, "/3/find/73244", external_source="tvdb_id").json()
    assert found.keys() == load_fixture("tmdb", "find_by_external_id.json").keys()
    assert [r["id"] for r in found["tv_results"]] == [5005] and found["movie_results"] == []
    assert raw_get(fake_tmdb, "/3/find/tt0386676", external_source="tvdb_id").json()["tv_results"] == []
    fake_tmdb.add_episode(5005, 2, 1, "The Dundies", air_date="2005-09-20", tvdb_id=311111)
    [episode] = raw_get(fake_tmdb, "/3/find/311111", external_source="tvdb_id").json()["tv_episode_results"]
    assert (episode["show_id"], episode["season_number"], episode["episode_number"]) == (5005, 2, 1)
    assert raw_get(fake_tmdb, "/3/find/73244", external_source="facebook").status_code == 400


def test_fake_answers_errors_like_tmdb(fake_tmdb):
    wrong_key = raw_get(fake_tmdb, "/3/movie/11", key="wrong")
    assert (wrong_key.status_code, wrong_key.json()) == (401, load_fixture("tmdb", "error_401_invalid_api_key.json"))
    missing = raw_get(fake_tmdb, "/3/movie/424242")
    assert (missing.status_code, missing.json()) == (404, load_fixture("tmdb", "error_404_not_found.json"))
    bad_page = raw_get(fake_tmdb, "/3/search/movie", query="x", page="0")
    assert (bad_page.status_code, bad_page.json()["status_code"]) == (400, 22)


def test_fake_refuses_a_key_in_the_query_string(fake_tmdb):
    answer = requests.get(f"{fake_tmdb.url}/3/movie/11", params={"api_key": fake_tmdb.api_key}, timeout=5)
    assert answer.status_code == 401


# --- the parsers on the recorded payloads -------------------------------------------------------


def test_parse_recorded_search():
    results = [parse_movie_candidate(r) for r in load_fixture("tmdb", "search_movie.json")["results"]]
    assert results[0].tmdb_id == 550 and results[0].title == "Fight Club" and results[0].year == 1999
    russian = next(r for r in results if r.title == "Fight Club (Russian version)")
    assert russian.year is None and russian.release_date == ""


def test_parse_recorded_movie_details():
    movie = parse_movie_details(load_fixture("tmdb", "movie_details.json"))
    assert isinstance(movie, MovieDetails)
    assert (movie.tmdb_id, movie.runtime, movie.imdb_id, movie.year) == (11, 121, "tt0076759", 1977)
    assert movie.collection == Collection(10, "Star Wars Collection")
    assert movie.genres == ("Adventure", "Action", "Science Fiction")
    assert movie.tagline.startswith("A long time ago")


def test_parse_recorded_tv_episode_find_and_configuration():
    show = parse_tv_details(load_fixture("tmdb", "tv_series_details.json") | {
        "external_ids": load_fixture("tmdb", "tv_external_ids.json")})
    assert (show.tmdb_id, show.title, show.year, show.tvdb_id, show.imdb_id) == (
        1399, "Game of Thrones", 2011, 121361, "tt0944947")
    assert [s.season_number for s in show.seasons][:2] == [0, 1] and show.number_of_seasons == 8
    episode = parse_episode(load_fixture("tmdb", "tv_episode_details.json"))
    assert (episode.season, episode.episode, episode.title, episode.runtime) == (1, 1, "Winter Is Coming", 62)
    season = parse_season(load_fixture("tmdb", "tv_season_details.json"), show_id=1399)
    assert (season.season_number, season.air_date, len(season.episodes)) == (1, "2011-04-17", 10)
    assert (season.episodes[0].title, season.episodes[0].air_date, season.episodes[0].show_id) == (
        "Winter Is Coming", "2011-04-17", 1399)
    found = parse_find_results(load_fixture("tmdb", "find_by_external_id.json"))
    assert [m.tmdb_id for m in found.movies] == [934433] and found.tv == ()
    config = parse_image_config(load_fixture("tmdb", "configuration.json"))
    assert config.base_url == "https://image.tmdb.org/t/p/" and "w500" in config.poster_sizes


# --- hostile payloads (wrong types, huge or missing values) ---------------------------------------

BAD_VALUES = [None, [], {}, "", "x", 1.5, True, -1, [None], {"id": None}]
DETAIL_KEYS = sorted(load_fixture("tmdb", "movie_details.json"))


@pytest.mark.parametrize("key", DETAIL_KEYS)
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_movie_details_survive_any_bad_field(key, bad):
    raw = load_fixture("tmdb", "movie_details.json") | {key: bad}
    movie = parse_movie_details(raw)
    if key == "id":
        assert movie is None
    else:
        assert movie.tmdb_id == 11


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_tv_episode_and_config_survive_bad_fields(bad):
    show = load_fixture("tmdb", "tv_series_details.json")
    for key in show:
        parsed = parse_tv_details(show | {key: bad})
        assert parsed is None if key == "id" else parsed.tmdb_id == 1399
    episode = load_fixture("tmdb", "tv_episode_details.json")
    for key in episode:
        parse_episode(episode | {key: bad})
    assert parse_image_config({"images": bad}) is None
    assert parse_find_results(bad) is not None
    season = load_fixture("tmdb", "tv_season_details.json")
    for key in season:
        parsed = parse_season(season | {key: bad})
        assert parsed is None if key == "season_number" else parsed.season_number == 1


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=10)


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={key: JSON for key in DETAIL_KEYS + ["credits", "external_ids"]}))
def test_movie_parser_never_raises_on_arbitrary_json(raw):
    parse_movie_details(raw)
    parse_movie_candidate(raw)
    parse_tv_details(raw)
    parse_episode(raw)


@pytest.mark.parametrize("body", [
    {"page": 1, "results": None},
    {"page": 1, "results": "nothing"},
    {"page": 1, "results": {"id": 5}},
    {"page": 1, "results": [None, 1, "a", {"id": None}, {"id": "abc"}]},
])
def test_search_with_garbage_results_is_no_match(tmdb, fake_tmdb, body):
    fake_tmdb.script(200, body)
    assert tmdb.search_movie("anything") == []


def test_search_keeps_good_items_among_bad_ones(tmdb, fake_tmdb):
    fake_tmdb.script(200, {"results": [None, {"id": 7, "title": 42, "original_title": "Seven",
                                              "release_date": None, "popularity": "high"}]})
    [movie] = tmdb.search_movie("seven")
    assert (movie.tmdb_id, movie.title, movie.year, movie.popularity) == (7, "Seven", None, 0.0)


def test_ten_thousand_results_are_capped(tmdb, fake_tmdb):
    fake_tmdb.script(200, {"results": [{"id": i + 1, "title": f"M{i}"} for i in range(10_000)]})
    assert len(tmdb.search_movie("m")) == MAX_RESULTS


# --- the client against the fake ----------------------------------------------------------------


def test_search_and_details_through_the_fake(tmdb):
    [fight_club] = tmdb.search_movie("fight club", year=1999)
    details = tmdb.movie_details(fight_club.tmdb_id)
    assert (details.imdb_id, details.cast[0].name) == ("tt0137523", "Edward Norton")
    assert tmdb.movie_details(11).collection.name == "Star Wars Collection"


def test_search_is_case_and_punctuation_insensitive_ordered_by_popularity(tmdb, fake_tmdb):
    fake_tmdb.add_movie(1001, "Spider-Man: No Way Home", year=2021, popularity=50)
    fake_tmdb.add_movie(1002, "Spider-Man", year=2002, popularity=90)
    fake_tmdb.add_movie(1003, "The Amazing Spider-Man", year=2012, original_title="Amazing Spiderman", popularity=10)
    assert [m.tmdb_id for m in tmdb.search_movie("SPIDER man")] == [1002, 1001, 1003]
    assert [m.tmdb_id for m in tmdb.search_movie("spider man", year=2021)] == [1001]
    assert [m.tmdb_id for m in tmdb.search_movie("amazing spiderman")] == [1003]


def test_added_movie_round_trips(tmdb, fake_tmdb):
    fake_tmdb.add_movie(4242, "Heat", release_date="1995-12-15", runtime=170, imdb_id="tt0113277",
                        poster_path="/heat.jpg", collection=(77, "Heat Collection"), genres=("Crime",),
                        cast=("Al Pacino", "Robert De Niro"))
    heat = tmdb.movie_details(4242)
    assert (heat.runtime, heat.imdb_id, heat.year, heat.collection) == (170, "tt0113277", 1995, Collection(77, "Heat Collection"))
    assert [c.name for c in heat.cast] == ["Al Pacino", "Robert De Niro"]
    assert tmdb.find_by_imdb("tt0113277").movies[0].tmdb_id == 4242


def test_tv_and_episodes_through_the_fake(tmdb, fake_tmdb):
    fake_tmdb.add_tv(5005, "The Office", first_air_date="2005-03-24", imdb_id="tt0386676", tvdb_id=73244)
    fake_tmdb.add_episode(5005, 2, 1, "The Dundies", air_date="2005-09-20", runtime=22)
    [show] = [s for s in tmdb.search_tv("the office", year=2005)]
    details = tmdb.tv_details(show.tmdb_id)
    assert (details.tvdb_id, details.number_of_seasons, details.seasons[0].episode_count) == (73244, 1, 1)
    assert tmdb.episode(5005, 2, 1).title == "The Dundies"
    assert tmdb.find_by_imdb("tt0386676").tv[0].tmdb_id == 5005
    assert tmdb.tv_details(1399).title == "Game of Thrones"


def test_season_lists_episodes_with_air_dates(tmdb, fake_tmdb):
    fake_tmdb.add_tv(5005, "The Office", first_air_date="2005-03-24")
    fake_tmdb.add_episode(5005, 2, 1, "The Dundies", air_date="2005-09-20", runtime=22)
    fake_tmdb.add_episode(5005, 2, 2, "Sexual Harassment", air_date="2005-09-27", runtime=22)
    season = tmdb.season(5005, 2)
    assert [(e.episode, e.title, e.air_date) for e in season.episodes] == [
        (1, "The Dundies", "2005-09-20"), (2, "Sexual Harassment", "2005-09-27")]
    assert tmdb.season(1399, 1).episodes[0].title == "Winter Is Coming"  # the recorded season
    with pytest.raises(NotFound):
        tmdb.season(5005, 9)


def test_find_by_tvdb_and_imdb(tmdb, fake_tmdb):
    fake_tmdb.add_tv(5005, "The Office", first_air_date="2005-03-24", imdb_id="tt0386676", tvdb_id=73244)
    assert [s.tmdb_id for s in tmdb.find(73244, "tvdb_id").tv] == [5005]
    assert [s.tmdb_id for s in tmdb.find("73244", "tvdb_id").tv] == [5005]
    assert [s.tmdb_id for s in tmdb.find("tt0386676").tv] == [5005]
    assert tmdb.find(999999, "tvdb_id").tv == ()
    fake_tmdb.add_episode(5005, 2, 1, "The Dundies", tvdb_id=311111)
    [episode] = tmdb.find(311111, "tvdb_id").episodes
    assert (episode.show_id, episode.season, episode.episode, episode.title) == (5005, 2, 1, "The Dundies")
    sent = len(fake_tmdb.requests)
    for call in (lambda: tmdb.find("tt0386676", "tvdb_id"), lambda: tmdb.find(73244, "facebook_id"),
                 lambda: tmdb.find("1/../2", "tvdb_id"), lambda: tmdb.find(True, "tvdb_id")):
        with pytest.raises(InvalidInput):
            call()
    assert len(fake_tmdb.requests) == sent


def test_unknown_ids_raise_not_found(tmdb):
    with pytest.raises(NotFound):
        tmdb.movie_details(999_999)
    with pytest.raises(NotFound):
        tmdb.episode(1399, 1, 99)


def test_bad_arguments_are_invalid_input_and_send_nothing(tmdb, fake_tmdb):
    for call in (lambda: tmdb.find_by_imdb("nm0000001"), lambda: tmdb.movie_details(-3),
                 lambda: tmdb.search_movie("   "), lambda: tmdb.episode(1, -1, 1)):
        with pytest.raises(InvalidInput):
            call()
    assert fake_tmdb.requests == []


def test_key_only_in_the_bearer_header(tmdb, fake_tmdb):
    tmdb.search_movie("fight club")
    tmdb.movie_details(550)
    tmdb.image_config()
    assert fake_tmdb.requests
    for recorded in fake_tmdb.requests:
        assert recorded.headers["Authorization"] == f"Bearer {fake_tmdb.api_key}"
        assert fake_tmdb.api_key not in recorded.full_url_part and "api_key" not in recorded.args


def test_missing_key_names_the_setting(http, fake_tmdb):
    client = TmdbClient(http, fake_tmdb.url, "")
    with pytest.raises(NotConfigured, match="tmdb.api_key"):
        client.search_movie("x")
    assert fake_tmdb.requests == []


def test_refused_key_is_a_clear_permanent_error(http, fake_tmdb):
    client = TmdbClient(http, fake_tmdb.url, "canary-secret-key")
    with pytest.raises(ExternalServiceError, match="tmdb.api_key") as caught:
        client.movie_details(11)
    assert caught.value.transient is False
    assert "canary-secret-key" not in str(caught.value)
    assert len(fake_tmdb.requests) == 1  # a refused key is not retried


def test_error_body_with_200_is_mapped():
    assert isinstance(tmdb_error({"success": False, "status_code": 34, "status_message": "gone"}), NotFound)
    assert isinstance(tmdb_error({"success": False, "status_code": 25}), RateLimited)
    refused = tmdb_error({"success": False, "status_code": 7, "status_message": "Invalid API key"})
    assert refused.transient is False and "tmdb.api_key" in refused.message
    assert isinstance(tmdb_error({"status_code": "garbage"}), ExternalServiceError)


def test_success_false_with_200_raises(tmdb, fake_tmdb):
    fake_tmdb.script(200, load_fixture("tmdb", "error_401_invalid_api_key.json"))
    with pytest.raises(ExternalServiceError, match="tmdb.api_key"):
        tmdb.movie_details(11)


def test_429_retry_after_is_honoured(tmdb, fake_tmdb, sleeps):
    fake_tmdb.script(429, {"success": False, "status_code": 25, "status_message": "over limit"},
                     headers={"Retry-After": "3"})
    assert tmdb.movie_details(11).tmdb_id == 11
    assert sleeps == [3.0]
    assert len(fake_tmdb.requests_to("/3/movie/11")) == 2


def test_429_until_out_of_retries_is_rate_limited(tmdb, fake_tmdb, sleeps):
    fake_tmdb.script(429, {"success": False, "status_code": 25}, headers={"Retry-After": "7"}, times=5)
    with pytest.raises(RateLimited) as caught:
        tmdb.movie_details(11)
    assert caught.value.retry_after == 7.0


def test_5xx_is_retried_then_succeeds(tmdb, fake_tmdb):
    fake_tmdb.script(500, "oops", times=1)
    fake_tmdb.script(503, "busy", times=1)
    assert tmdb.search_movie("fight club")[0].tmdb_id == 550
    assert len(fake_tmdb.requests) == 3


def test_5xx_forever_is_a_transient_error(tmdb, fake_tmdb):
    fake_tmdb.script(502, "bad gateway", times=10)
    with pytest.raises(ExternalServiceError) as caught:
        tmdb.movie_details(11)
    assert caught.value.transient is True


@pytest.mark.parametrize("body", [b"<html><body>Cloudflare</body></html>", b"{not json", b""])
def test_non_json_with_200_is_a_transient_error(tmdb, fake_tmdb, body):
    fake_tmdb.script(200, body, headers={"Content-Type": "text/html"}, times=5)
    with pytest.raises(ExternalServiceError, match="not JSON") as caught:
        tmdb.movie_details(11)
    assert caught.value.transient is True


def test_json_that_is_not_an_object_is_an_error(tmdb, fake_tmdb):
    fake_tmdb.script(200, [1, 2, 3])
    with pytest.raises(ExternalServiceError):
        tmdb.movie_details(11)


# --- images -------------------------------------------------------------------------------------


def test_image_config_is_fetched_once_and_images_come_from_the_fake(tmdb, fake_tmdb):
    url = tmdb.image_url("/poster.jpg", "w500")
    assert url == f"{fake_tmdb.url}/t/p/w500/poster.jpg"
    assert tmdb.image_url("/poster.jpg", "w9999").endswith("/original/poster.jpg")
    assert tmdb.download_image(url).startswith(b"\xff\xd8\xff")
    assert len(fake_tmdb.requests_to("/3/configuration")) == 1


def test_configured_image_base_url_skips_the_fetch(http, fake_tmdb):
    client = TmdbClient(http, fake_tmdb.url, fake_tmdb.api_key, image_base_url=f"{fake_tmdb.url}/t/p")
    assert client.image_url("/a.jpg", "w342") == f"{fake_tmdb.url}/t/p/w342/a.jpg"
    assert fake_tmdb.requests == []


@pytest.mark.parametrize("path", [None, "", "poster.jpg", "/../../etc/passwd", "//evil.example/x.jpg",
                                  "/x.jpg?y=1", 42, ["/a.jpg"]])
def test_odd_image_paths_give_no_url(tmdb, path):
    assert tmdb.image_url(path) is None


def test_download_only_from_the_image_host(tmdb, fake_tmdb):
    with pytest.raises(InvalidInput):
        tmdb.download_image("http://127.0.0.1:1/t/p/w500/x.jpg")
    with pytest.raises(InvalidInput):
        tmdb.download_image("file:///etc/passwd")
    assert fake_tmdb.requests_to("/t/p") == []


def test_settings_build_the_client(http):
    from media_library.config import Settings, TmdbSettings

    settings = Settings(tmdb=TmdbSettings(base_url="http://127.0.0.1:9/", api_key="k", language="de-DE"))
    client = TmdbClient.from_settings(settings, http)
    assert (client.base_url, client.api_key, client.language) == ("http://127.0.0.1:9", "k", "de-DE")
