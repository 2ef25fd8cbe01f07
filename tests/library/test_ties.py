"""Ties (issue 11 item 9): what the name says about country or language breaks a tie of scores, and
a tie nothing breaks waits in the review queue instead of being matched at a lowered confidence.
Through the real scan → identify → organize jobs against the fake TMDb."""

from __future__ import annotations

import pytest

from tests.conftest import media_by_external_id
from tests.library.conftest import drain, jobs_of
from tests.media import make_video

US, UK = 2316, 2996


@pytest.fixture
def offices(fake_tmdb):
    # Both shows are "The Office"; the British one is the more popular, so it is listed first.
    fake_tmdb.add_tv(UK, "The Office", year=2001, origin_country=("GB",), popularity=40.0)
    fake_tmdb.add_tv(US, "The Office", year=2005, origin_country=("US",), popularity=30.0)
    for show in (UK, US):
        fake_tmdb.add_episode(show, 2, 1, f"Episode of {show}", runtime=22, air_date="2005-09-20")
    return fake_tmdb


@pytest.fixture
def twins(fake_tmdb):
    # Same title, same year, same runtime: only the original language tells them apart.
    fake_tmdb.add_movie(810001, "Le Jumeau", year=2011, runtime=100, original_language="en", popularity=50.0)
    fake_tmdb.add_movie(810002, "Le Jumeau", year=2011, runtime=100, original_language="fr",
                        origin_country=("FR",), popularity=10.0)
    return fake_tmdb


def _episode(lib, name, tmp_path_factory):
    return make_video(lib.roots["shows"] / name, 22 * 60, size="32x32", fps=1, audio=False, cache=tmp_path_factory)


def test_the_office_us_is_the_american_show(lib_runtime, lib, offices, tmp_path_factory):
    _episode(lib, "The.Office.US.S02E01.720p.mkv", tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    expected = lib_runtime.settings.media_dir / "Shows/The Office (2005) [tmdbid-2316]/Season 02/The Office (2005) S02E01.mkv"
    assert expected.is_file()
    show = media_by_external_id(lib.state, "tmdb", str(US), kind="show")
    assert show is not None and media_by_external_id(lib.state, "tmdb", str(UK), kind="show") is None
    (job,) = jobs_of(lib_runtime, "library.identify")
    assert job.result["tmdb_id"] == US and job.result["confidence"] == 1.0 and job.result["decided_by"] == "country"


def test_the_office_uk_is_the_british_show(lib, offices, tmp_path_factory):
    match = lib.matcher.identify_path(_episode(lib, "The Office (UK) S02E01.mkv", tmp_path_factory))
    assert (match.tmdb_id, match.tied, match.decided_by) == (UK, False, "country")


def test_a_tie_nothing_breaks_waits_for_review(lib_runtime, lib, offices, tmp_path_factory):
    path = _episode(lib, "The.Office.S02E01.mkv", tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)

    (item,) = lib.state.list_media(status="review")
    assert item.confidence < lib.settings.library.identify_threshold
    assert {c.provider_id for c in lib.state.list_candidates(item.id)} == {str(US), str(UK)}
    assert path.exists() and jobs_of(lib_runtime, "library.organize") == []
    (job,) = jobs_of(lib_runtime, "library.identify")
    assert job.result["status"] == "review" and job.result["tied"] is True


def test_the_language_in_the_name_breaks_a_tie_of_films(lib, twins, tmp_path_factory):
    path = make_video(lib.roots["movies"] / "Le.Jumeau.2011.FRENCH.1080p.mkv", 100 * 60, size="32x32", fps=1,
                      audio=False, cache=tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert (match.tmdb_id, match.tied, match.decided_by) == (810002, False, "language")
    assert match.confidence >= lib.settings.library.identify_threshold


def test_a_tie_of_films_without_a_language_is_not_decided(lib, twins, tmp_path_factory):
    path = make_video(lib.roots["movies"] / "Le.Jumeau.2011.mkv", 100 * 60, size="32x32", fps=1, audio=False,
                      cache=tmp_path_factory)
    match = lib.matcher.identify_path(path)
    assert match.tied and match.confidence < lib.settings.library.identify_threshold
