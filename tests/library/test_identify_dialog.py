"""Identifying an item the way a person asks (issue 11 item 10): Re-identify after an edit searches
what was typed, not the file name; the API searches by free text and year or by a TMDb, IMDb or
TVDB id (IMDb and TVDB through TMDb's /find), so an item without candidates is never stuck."""

from __future__ import annotations

import pytest

from tests.library import data
from tests.library.conftest import drain
from tests.library.test_web import admin  # noqa: F401 (the logged-in admin client fixture)
from tests.media import make_video


@pytest.fixture
def stuck(lib, lib_runtime, fake_tmdb, tmp_path_factory):
    """A 94-minute film under a name TMDb finds nothing for: it waits in review without candidates."""
    data.load(fake_tmdb)
    make_video(lib.roots["movies"] / "untitled capture.mkv", 94 * 60, size="32x32", fps=1, audio=False,
               cache=tmp_path_factory)
    lib_runtime.jobs.enqueue("library.scan", {})
    drain(lib_runtime)
    (item,) = lib.state.list_media(status="review")
    assert lib.state.list_candidates(item.id) == []
    return item


def test_reidentify_after_an_edit_searches_what_was_typed(admin, lib, lib_runtime, fake_tmdb, stuck):  # noqa: F811
    edited = admin.patch(f"/api/media/{stuck.id}", json={"title": "Twin Film", "year": 2019})
    assert edited.status_code == 200, edited.json
    assert admin.post(f"/api/media/{stuck.id}/identify").status_code == 202
    drain(lib_runtime)

    searched = [r.args.get("query") for r in fake_tmdb.requests if r.path == "/3/search/movie"]
    assert searched[-1] == ["Twin Film"]
    (item,) = [i for i in lib.state.list_media(kind="movie") if i.external_ids.get("tmdb")]
    assert (item.external_ids["tmdb"], item.status) == ("700001", "identified")  # the runtime picks the 94-minute one
    (file,) = lib.state.list_media_files(item.id)
    assert file.path.endswith("Twin Film (2019) [tmdbid-700001].mkv")
    assert admin.get("/api/review").json["items"] == []


def test_search_by_text_and_year_then_pick(admin, lib, lib_runtime, stuck):  # noqa: F811
    found = admin.get(f"/api/media/{stuck.id}/search", query_string={"q": "twin film", "year": "2019"})
    assert found.status_code == 200, found.json
    assert [c["provider_id"] for c in found.json["items"]] == ["700001", "700002"]  # scored with the file's runtime
    assert all(c["poster_url"] is None for c in found.json["items"])
    assert lib.state.get_media(stuck.id).status == "review", "searching writes nothing"

    picked = admin.post(f"/api/media/{stuck.id}/match", json={"tmdb_id": 700002, "kind": "movie"})
    assert picked.status_code == 200 and picked.json["match_locked"] is True
    drain(lib_runtime)
    assert lib.state.list_media(status="review") == []


@pytest.mark.parametrize(("args", "expected", "source"), [
    ({"id": "tt0110912"}, ("680", "movie", "Pulp Fiction"), "imdb_id"),
    ({"provider": "imdb", "id": "TT0083658"}, ("78", "movie", "Blade Runner"), "imdb_id"),
    ({"provider": "tvdb", "id": "300001", "kind": "show"}, ("1400", "show", "Show Name"), "tvdb_id"),
    ({"provider": "tmdb", "id": "389"}, ("389", "movie", "12 Angry Men"), None),
])
def test_search_by_id(admin, stuck, fake_tmdb, args, expected, source):  # noqa: F811
    found = admin.get(f"/api/media/{stuck.id}/search", query_string=args)
    assert found.status_code == 200, found.json
    (candidate,) = found.json["items"]
    assert (candidate["provider_id"], candidate["kind"], candidate["title"]) == expected
    finds = [r.args.get("external_source") for r in fake_tmdb.requests if r.path.startswith("/3/find/")]
    assert finds == ([[source]] if source else [])


@pytest.mark.parametrize(("args", "status", "words"), [
    ({}, 400, "type a title"),
    ({"provider": "imdb", "id": "680"}, 400, "not a IMDB id"),
    ({"provider": "anidb", "id": "5"}, 400, "provider must be"),
    ({"q": "Twin", "year": "nineteen"}, 400, "year must be"),
    ({"q": "Twin", "kind": "season"}, 400, "kind must be"),
    ({"id": "tt9999999"}, 404, "TMDb knows no IMDB id tt9999999"),
])
def test_search_refusals_say_what_to_fix(admin, stuck, args, status, words):  # noqa: F811
    answer = admin.get(f"/api/media/{stuck.id}/search", query_string=args)
    assert answer.status_code == status
    assert set(answer.json) == {"error", "status", "message"} and words in answer.json["message"]
