"""A second copy of a film (issue 11 item 11): caught before it is published, shown in the review
queue, and settled by a person: keep both as versions, replace the old copy (moved to the trash),
or discard the new one. Through the web API, the real worker pool and the fake TMDb."""

from __future__ import annotations

import pytest

from tests.library import data
from tests.library.conftest import drain, jobs_of
from tests.library.test_web import _all_files, _upload, admin  # noqa: F401 (admin: the logged-in client fixture)
from tests.media import make_video

FOLDER = "Movies/Pulp Fiction (1994) [tmdbid-680]"
PLAIN = f"{FOLDER}/Pulp Fiction (1994) [tmdbid-680].mkv"


@pytest.fixture
def film(tmp_path_factory):
    """A short film (the test client spools bodies over 500 KiB to a file it never closes)."""
    return make_video(tmp_path_factory.mktemp("film") / "film.mkv", 2, size="32x32", fps=1, audio=False,
                      cache=tmp_path_factory).read_bytes()


@pytest.fixture
def first(admin, lib, lib_runtime, fake_tmdb, film):  # noqa: F811
    """The film uploaded once, identified and organized."""
    data.load(fake_tmdb)
    assert _upload(admin, ("Pulp.Fiction.1994.1080p.mkv", film)).status_code == 201
    drain(lib_runtime)
    media_dir = lib_runtime.settings.media_dir
    assert (media_dir / PLAIN).is_file()
    return (media_dir / PLAIN).stat().st_ino


def _held(admin):  # noqa: F811
    (waiting,) = admin.get("/api/review").json["items"]
    assert waiting["duplicate_of"] is not None
    return waiting


def test_a_second_copy_waits_in_review_and_nothing_moves(admin, lib, lib_runtime, first, film):  # noqa: F811
    assert _upload(admin, ("Pulp Fiction (1994) copy.mkv", film)).status_code == 201
    drain(lib_runtime)

    media_dir = lib_runtime.settings.media_dir
    assert [f for f in _all_files(media_dir) if f.endswith(".mkv")] == [PLAIN]
    assert (media_dir / PLAIN).stat().st_ino == first, "the film already there is neither renamed nor replaced"
    waiting = _held(admin)
    assert waiting["title"] == "Pulp Fiction" and waiting["year"] == 1994
    assert waiting["duplicate_of"]["same_content"] is True and waiting["duplicate_of"]["collision_path"] is None
    assert waiting["duplicate_of"]["files"][0]["path"] == str(media_dir / PLAIN)
    assert [j.status for j in jobs_of(lib_runtime, "library.organize")] == ["done"]  # only the first film's


@pytest.mark.parametrize("action", ["keep_both", "replace", "discard"])
def test_the_three_answers(admin, lib, lib_runtime, first, film, action):  # noqa: F811
    assert _upload(admin, ("Pulp Fiction (1994) copy.mkv", film)).status_code == 201
    drain(lib_runtime)
    waiting = _held(admin)

    answer = admin.post(f"/api/media/{waiting['id']}/duplicate", json={"action": action})
    assert answer.status_code == 200, answer.json
    assert answer.json["id"] == waiting["duplicate_of"]["media_id"]
    drain(lib_runtime)

    media_dir, data_dir = lib_runtime.settings.media_dir, lib_runtime.settings.data_dir
    films = sorted(f for f in _all_files(media_dir / FOLDER.split("/")[0]) if f.endswith(".mkv"))
    files = lib.state.list_media_files(answer.json["id"])
    assert _all_files(lib.settings.uploads_dir) == [], "nothing stays behind in uploads/"
    assert admin.get("/api/review").json["items"] == []
    if action == "keep_both":  # Jellyfin's versions naming; two files of one resolution are numbered
        base = PLAIN.split("/", 1)[1][:-4]
        assert films == [f"{base} - 32p 2.mkv", f"{base} - 32p.mkv"]
        assert len(files) == 2
    else:
        assert films == [PLAIN.split("/", 1)[1]] and len(files) == 1
        trash = _all_files(data_dir / "trash") if (data_dir / "trash").exists() else []
        if action == "replace":
            assert (media_dir / PLAIN).stat().st_ino != first and trash == ["Pulp Fiction (1994) [tmdbid-680].mkv"]
        else:
            assert (media_dir / PLAIN).stat().st_ino == first and trash == []


def test_picking_the_same_match_for_a_copy_asks_first(admin, lib, lib_runtime, first, film):  # noqa: F811
    assert _upload(admin, ("grandma tape.mkv", film)).status_code == 201
    drain(lib_runtime)
    (waiting,) = admin.get("/api/review").json["items"]
    assert waiting["duplicate_of"] is None and waiting["candidates"] == []

    picked = admin.post(f"/api/media/{waiting['id']}/match", json={"tmdb_id": 680, "kind": "movie"})
    assert picked.status_code == 200 and picked.json["status"] == "review"
    drain(lib_runtime)
    held = _held(admin)
    assert held["id"] == waiting["id"] and held["duplicate_of"]["same_content"] is True
    assert (lib_runtime.settings.media_dir / PLAIN).stat().st_ino == first


def test_another_edition_is_a_version_not_a_duplicate(admin, lib, lib_runtime, first, tmp_path_factory):  # noqa: F811
    cut = make_video(tmp_path_factory.mktemp("cut") / "cut.mkv", 3, size="32x32", fps=1, audio=False,
                     cache=tmp_path_factory).read_bytes()
    assert _upload(admin, ("Pulp.Fiction.1994.Directors.Cut.mkv", cut)).status_code == 201
    drain(lib_runtime)

    assert admin.get("/api/review").json["items"] == []
    base = PLAIN.split("/", 1)[1][:-4]
    films = sorted(f for f in _all_files(lib_runtime.settings.media_dir / "Movies") if f.endswith(".mkv"))
    assert films == [f"{base} - 32p.mkv", f"{base} - Director's Cut.mkv"]


def test_an_organize_collision_is_surfaced_not_done(admin, lib, lib_runtime, first, film):  # noqa: F811
    # A stranger's file already holds the name the next identified file wants.
    media_dir = lib_runtime.settings.media_dir
    (media_dir / "Movies/Blade Runner (1982) [tmdbid-78]").mkdir(parents=True)
    stray = media_dir / "Movies/Blade Runner (1982) [tmdbid-78]/Blade Runner (1982) [tmdbid-78].mkv"
    stray.write_bytes(b"someone else's file")
    assert _upload(admin, ("Blade.Runner.1982.mkv", film)).status_code == 201
    drain(lib_runtime)

    organize = [j for j in jobs_of(lib_runtime, "library.organize") if j.status != "done"]
    assert [j.status for j in organize] == ["failed"]
    assert "not placed" in organize[0].error and "review queue" in organize[0].error
    waiting = _held(admin)
    assert waiting["title"] == "Blade Runner"
    assert waiting["duplicate_of"]["collision_path"] == str(stray), "the review page names the file holding the name"
    answer = admin.post(f"/api/media/{waiting['id']}/duplicate", json={"action": "replace"})
    assert answer.status_code == 200, answer.json
    drain(lib_runtime)
    assert stray.is_file() and stray.read_bytes() == film
    assert _all_files(lib_runtime.settings.data_dir / "trash") == ["Blade Runner (1982) [tmdbid-78].mkv"]
    assert _all_files(lib.settings.uploads_dir) == []


def test_a_decision_is_only_for_a_held_copy(admin, first, lib):  # noqa: F811
    (item,) = [i for i in lib.state.list_media(kind="movie")]
    answer = admin.post(f"/api/media/{item.id}/duplicate", json={"action": "keep_both"})
    assert answer.status_code == 409 and "not waiting for a decision" in answer.json["message"]
    bad = admin.post(f"/api/media/{item.id}/duplicate", json={"action": "merge"})
    assert bad.status_code == 400 and "keep_both, replace, discard" in bad.json["message"]
