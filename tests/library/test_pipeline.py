"""The table of the issue, through the real pipeline: a file made by ffmpeg at the needed duration
in a library root → ``library.scan`` → ``library.identify`` → ``library.organize``, each run by
the real worker pool against the fake TMDb; then the organized file is where Jellyfin wants it."""

from __future__ import annotations

import pytest

from tests.conftest import media_by_external_id
from tests.library import data
from tests.library.conftest import drain, jobs_of
from tests.media import make_video

MOVIE = "Movies/{t} [tmdbid-{id}]/{t} [tmdbid-{id}].mkv"
SHOW = "Shows/Show Name (2015) [tmdbid-1400]"

CASES = [
    # name, minutes, expected path under media_dir, tmdb id
    ("Blade.Runner.2049.2017.1080p.BluRay.x264-GRP.mkv", 164, MOVIE.format(t="Blade Runner 2049 (2017)", id=335984), "335984"),
    ("12.Angry.Men.1957.mkv", 97, MOVIE.format(t="12 Angry Men (1957)", id=389), "389"),
    ("Robocop (2014).mkv", 117, MOVIE.format(t="RoboCop (2014)", id=97020), "97020"),
    ("RoboCop.1987.mkv", 102, MOVIE.format(t="RoboCop (1987)", id=5548), "5548"),
    ("Movie (2021) [tmdbid-680].mkv", 90, MOVIE.format(t="Pulp Fiction (1994)", id=680), "680"),
    ("Twin.Film.2019.mkv", 94, MOVIE.format(t="Twin Film (2019)", id=700001), "700001"),
    ("Twin Film (2019) 720p.mkv", 123, MOVIE.format(t="Twin Film (2019)", id=700002), "700002"),
]
DAILY = "Shows/The Daily Show (1996) [tmdbid-2224]"
EPISODE_CASES = [
    ("Show.Name.S01E01E02.mkv", 85, f"{SHOW}/Season 01/Show Name (2015) S01E01-E02.mkv", (1, 1, 2)),
    ("Show.Name.S00E01.mkv", 20, f"{SHOW}/Season 00/Show Name (2015) S00E01.mkv", (0, 1, None)),
]
TVDB_CASES = [
    # a TVDB id in the name is decisive like a TMDb one: a show id with S/E, or one episode's own id
    ("Wrong Title [tvdbid-300001] S01E02.mkv", f"{SHOW}/Season 01/Show Name (2015) S01E02.mkv"),
    ("Another.Name.{tvdb-300001}.S01E03.mkv", f"{SHOW}/Season 01/Show Name (2015) S01E03.mkv"),
    ("Whatever [tvdbid-9000102].mkv", f"{SHOW}/Season 01/Show Name (2015) S01E02.mkv"),
]
DATED_CASES = [
    # a date-based name is placed by the episode that aired that day (not the special of that date)
    ("The.Daily.Show.2024.03.14.mkv", f"{DAILY}/Season 29/The Daily Show (1996) S29E35.mkv", (29, 35)),
    ("The.Daily.Show.2023.01.18.Guest.720p.WEB.mkv", f"{DAILY}/Season 28/The Daily Show (1996) S28E02.mkv", (28, 2)),
]


def _video(path, minutes, cache):
    return make_video(path, minutes * 60, size="32x32", fps=1, audio=False, cache=cache)


@pytest.fixture
def catalogue(fake_tmdb):
    data.load(fake_tmdb)
    return fake_tmdb


@pytest.mark.parametrize(("name", "minutes", "expected", "tmdb_id"), CASES, ids=[c[0] for c in CASES])
def test_movie_table(lib_runtime, lib, catalogue, tmp_path_factory, name, minutes, expected, tmdb_id):
    source = _video(lib.roots["movies"] / name, minutes, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    media_dir = lib_runtime.settings.media_dir
    assert (media_dir / expected).is_file(), sorted(str(p.relative_to(media_dir)) for p in media_dir.rglob("*.mkv"))
    assert not source.exists()
    assert [j.status for j in jobs_of(lib_runtime, "library.identify")] == ["done"]
    item = media_by_external_id(lib.state, "tmdb", tmdb_id, kind="movie")
    assert item is not None and item.status == "identified" and item.confidence >= 0.75
    (file,) = lib.state.list_media_files(item.id)
    assert file.path == str(media_dir / expected)
    nfo = (media_dir / expected).with_suffix(".nfo").read_text()
    assert f"<tmdbid>{tmdb_id}</tmdbid>" in nfo and 'default="true"' in nfo


@pytest.mark.parametrize(("name", "minutes", "expected", "numbers"), EPISODE_CASES, ids=[c[0] for c in EPISODE_CASES])
def test_episode_table(lib_runtime, lib, catalogue, tmp_path_factory, name, minutes, expected, numbers):
    _video(lib.roots["shows"] / name, minutes, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    media_dir = lib_runtime.settings.media_dir
    assert (media_dir / expected).is_file(), sorted(str(p.relative_to(media_dir)) for p in media_dir.rglob("*.mkv"))
    show = media_by_external_id(lib.state, "tmdb", "1400", kind="show")
    assert show is not None and show.external_ids["tvdb"] == "300001"
    (season,) = lib.state.list_media(kind="season", parent_id=show.id)
    (episode,) = lib.state.list_media(kind="episode", parent_id=season.id)
    assert (episode.season_number, episode.episode_number, episode.episode_end) == numbers
    nfo = (media_dir / expected).with_suffix(".nfo").read_text()
    assert nfo.count("<episodedetails>") == (2 if numbers[2] else 1)
    assert (media_dir / SHOW / "tvshow.nfo").is_file()


def test_blade_runner_2049_is_neither_an_episode_nor_the_1982_film(lib, catalogue, tmp_path_factory):
    path = _video(lib.roots["movies"] / "Blade.Runner.2049.2017.1080p.BluRay.x264-GRP.mkv", 164, tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert (match.kind, match.tmdb_id, match.year, match.season) == ("movie", 335984, 2017, None)
    assert "78" not in [c.provider_id for c in match.candidates[:1]]


def test_runtime_breaks_a_tie_of_title_and_year(lib, catalogue, tmp_path_factory):
    path = _video(lib.roots["movies"] / "Twin.Film.2019.mkv", 94, tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert [c.provider_id for c in match.candidates] == ["700001", "700002"]
    assert match.candidates[0].score > match.candidates[1].score
    assert match.candidates[0].runtime_minutes == 94


def test_provider_id_is_decisive_whatever_the_search_says(lib, catalogue, tmp_path_factory):
    path = _video(lib.roots["movies"] / "Movie (2021) [tmdbid-680].mkv", 90, tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert (match.tmdb_id, match.confidence, match.decided_by) == (680, 1.0, "provider_id")
    assert not [r for r in catalogue.requests if r.path.startswith("/3/search")]


@pytest.mark.parametrize(("name", "expected", "numbers"), DATED_CASES, ids=[c[0] for c in DATED_CASES])
def test_date_named_episodes_are_placed_by_air_date(lib_runtime, lib, catalogue, tmp_path_factory, name, expected, numbers):
    _video(lib.roots["shows"] / name, 22, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    media_dir = lib_runtime.settings.media_dir
    assert (media_dir / expected).is_file(), sorted(str(p.relative_to(media_dir)) for p in media_dir.rglob("*.mkv"))
    show = media_by_external_id(lib.state, "tmdb", "2224", kind="show")
    (season,) = lib.state.list_media(kind="season", parent_id=show.id)
    (episode,) = lib.state.list_media(kind="episode", parent_id=season.id)
    assert (episode.season_number, episode.episode_number, episode.status) == (*numbers, "identified")
    nfo = (media_dir / expected).with_suffix(".nfo").read_text()
    assert f"<episode>{numbers[1]}</episode>" in nfo and "<aired>" in nfo
    # Nearest season first: the season of the file's year is the first one listed.
    listed = [r.path for r in catalogue.requests if r.path.startswith("/3/tv/2224/season/")]
    assert listed[0] == f"/3/tv/2224/season/{numbers[0]}"


def test_a_date_no_season_lists_keeps_only_the_air_date(lib, catalogue, tmp_path_factory):
    path = _video(lib.roots["shows"] / "The.Daily.Show.2024.12.25.mkv", 22, tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert (match.tmdb_id, match.season, match.episodes, match.air_date) == (2224, None, [], "2024-12-25")


def test_seasons_are_searched_nearest_in_year_first_specials_last():
    import datetime as dt

    from media_library.models.metadata import SeasonSummary
    from media_library.services.library.identify import seasons_by_nearness

    seasons = (SeasonSummary(0, air_date="1999-01-01"), SeasonSummary(1, air_date="2022-01-10"),
               SeasonSummary(2, air_date="2023-01-09"), SeasonSummary(3, air_date="2023-09-04"),
               SeasonSummary(4, air_date="2024-01-08"), SeasonSummary(5))
    # Season 3 began that year and before the day; season 4 began the next year; undated ones after.
    assert seasons_by_nearness(seasons, dt.date(2023, 11, 2)) == [3, 2, 1, 4, 5, 0]


@pytest.mark.parametrize(("name", "expected"), TVDB_CASES, ids=[c[0] for c in TVDB_CASES])
def test_tvdb_id_in_the_name_is_decisive(lib_runtime, lib, catalogue, tmp_path_factory, name, expected):
    _video(lib.roots["shows"] / name, 43, tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    media_dir = lib_runtime.settings.media_dir
    assert (media_dir / expected).is_file(), sorted(str(p.relative_to(media_dir)) for p in media_dir.rglob("*.mkv"))
    assert not [r for r in catalogue.requests if r.path.startswith("/3/search")]
    assert [r.args.get("external_source") for r in catalogue.requests if r.path.startswith("/3/find/")] == [["tvdb_id"]]
    show = media_by_external_id(lib.state, "tmdb", "1400", kind="show")
    (season,) = lib.state.list_media(kind="season", parent_id=show.id)
    (episode,) = lib.state.list_media(kind="episode", parent_id=season.id)
    assert (episode.status, episode.confidence) == ("identified", 1.0)


def test_unknown_tvdb_id_falls_back_to_the_search(lib, catalogue, tmp_path_factory):
    path = _video(lib.roots["shows"] / "Show.Name.[tvdbid-12345].S01E01.mkv", 42, tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert (match.tmdb_id, match.season, match.episodes, match.decided_by) == (1400, 1, [1], "score")
