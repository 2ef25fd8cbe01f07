import datetime as dt

import pytest

from media_library.tools.names import ParsedName, extract_provider_ids, from_guess, parse_name

MOVIES = [
    # (file name, title, year)
    ("Blade.Runner.2049.2017.1080p.BluRay.x264-GRP.mkv", "Blade Runner 2049", 2017),
    ("Blade Runner 2049 (2017).mkv", "Blade Runner 2049", 2017),
    ("blade.runner.2049.2017.mkv", "blade runner 2049", 2017),
    ("12.Angry.Men.1957.mkv", "12 Angry Men", 1957),
    ("Robocop (2014).mkv", "Robocop", 2014),
    ("RoboCop.1987.mkv", "RoboCop", 1987),
    ("Amélie (2001).mkv", "Amélie", 2001),
    ("1917.2019.mkv", "1917", 2019),
    ("2001.A.Space.Odyssey.1968.mkv", "2001 A Space Odyssey", 1968),
    ("Wonder.Woman.1984.2020.1080p.mkv", "Wonder Woman 1984", 2020),
    ("Death.Race.2000.1975.mkv", "Death Race 2000", 1975),
    ("1408.2007.mkv", "1408", 2007),
    # a title number guessit reads as S20E49 when no year follows: no episode marker → movie
    ("Blade.Runner.2049.mkv", "Blade Runner 2049", None),
    ("Blade.Runner.2049.720p.mkv", "Blade Runner 2049", None),
    ("Blade Runner 2049.mkv", "Blade Runner 2049", None),
]


@pytest.mark.parametrize(("name", "title", "year"), MOVIES)
def test_movies(name, title, year):
    parsed = parse_name(name)
    assert (parsed.kind, parsed.title, parsed.year) == ("movie", title, year)
    assert parsed.season is None and parsed.episodes == []


def test_release_details():
    parsed = parse_name("Blade.Runner.2049.2017.1080p.BluRay.x264-GRP.mkv")
    assert (parsed.release_group, parsed.screen_size, parsed.source) == ("GRP", "1080p", "Blu-ray")


EPISODES = [
    # (file name, title, season, episodes, special)
    ("Show.Name.S01E01E02.mkv", "Show Name", 1, [1, 2], False),
    ("Show.Name.S01E01-02.mkv", "Show Name", 1, [1, 2], False),
    ("Show.Name.S00E01.mkv", "Show Name", 0, [1], True),
    ("Show.Name.1x05.mkv", "Show Name", 1, [5], False),
    ("Andor.S02E03.1080p.mkv", "Andor", 2, [3], False),
    ("Show.2049.S01E01.mkv", "Show 2049", 1, [1], False),  # a number in a show title stays a title
    ("Show.Name.S20E49.mkv", "Show Name", 20, [49], False),  # explicit markers are never "fixed"
]


@pytest.mark.parametrize(("name", "title", "season", "episodes", "special"), EPISODES)
def test_episodes(name, title, season, episodes, special):
    parsed = parse_name(name)
    assert (parsed.kind, parsed.title, parsed.season, parsed.episodes, parsed.is_special) == (
        "episode",
        title,
        season,
        episodes,
        special,
    )


def test_date_based_episode():
    parsed = parse_name("The.Daily.Show.2024.03.14.mkv")
    assert (parsed.kind, parsed.title, parsed.air_date) == ("episode", "The Daily Show", dt.date(2024, 3, 14))
    assert parsed.episodes == [] and parsed.year is None


PROVIDER_IDS = [
    ("Movie (2021) [tmdbid-680].mkv", {"tmdb": "680"}, "Movie", 2021),
    ("Movie (2021) {tmdb-680}.mkv", {"tmdb": "680"}, "Movie", 2021),
    ("Pulp Fiction (1994) [imdbid-tt0110912].mkv", {"imdb": "tt0110912"}, "Pulp Fiction", 1994),
    ("Pulp Fiction (1994) {imdb-tt0110912}.mkv", {"imdb": "tt0110912"}, "Pulp Fiction", 1994),
    ("Pulp Fiction (1994) [tmdbid=680] {IMDB-TT0110912}.mkv", {"tmdb": "680", "imdb": "tt0110912"}, "Pulp Fiction", 1994),
    ("Show (2010) [tvdbid-123] S01E01.mkv", {"tvdb": "123"}, "Show", 2010),
    ("Show (2010) {tvdb-123} - S01E01.mkv", {"tvdb": "123"}, "Show", 2010),
    ("Movie [tmdbid-abc].mkv", {}, None, None),  # malformed ids are not ids
]  # fmt: skip


@pytest.mark.parametrize(("name", "ids", "title", "year"), PROVIDER_IDS)
def test_provider_ids_are_decisive_and_stripped(name, ids, title, year):
    parsed = parse_name(name)
    assert parsed.provider_ids == ids
    if title is not None:
        assert (parsed.title, parsed.year) == (title, year)
        assert "tmdb" not in (parsed.release_group or "").lower()


def test_extract_provider_ids_is_pure():
    assert extract_provider_ids("A (2000) [tmdbid-1] [tmdbid-2].mkv") == ({"tmdb": "1"}, "A (2000) .mkv")
    assert extract_provider_ids("No ids.mkv") == ({}, "No ids.mkv")


def test_results_are_cached_but_callers_get_their_own_copy():
    first = parse_name("Show.Name.S01E01E02.mkv")
    first.episodes.append(99)
    first.provider_ids["tmdb"] = "1"
    again = parse_name("Show.Name.S01E01E02.mkv")
    assert again.episodes == [1, 2] and again.provider_ids == {}


def test_from_guess_handles_lists_and_missing_fields():
    parsed = from_guess({"type": "episode", "title": ["A", "B"], "season": [1, 2], "episode": [3, 3, 2]})
    assert parsed == ParsedName(kind="episode", title="A", season=1, episodes=[2, 3])
    assert from_guess({}) == ParsedName(kind="movie", title=None)
