"""The library API through the web app: uploads with hostile names and contents, the size limit, the review queue and a manual match, item detail and artwork, paging, and
organize preview / run / undo as jobs."""

from __future__ import annotations

import io
import os

import pytest

from media_library.web.app import BLUEPRINTS, create_app
from media_library.web.routes import library as library_routes
from tests.conftest import build_runtime
from tests.library import data
from tests.library.conftest import drain, make_settings
from tests.media import make_audio, make_video
from tests.openapi_check import check_responses
from tests.web.conftest import do_setup


def _app(runtime):
    extra = [] if library_routes.bp in BLUEPRINTS else [library_routes.bp]
    app = create_app(runtime, extra_blueprints=extra)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def admin(lib_runtime, lib):
    app = _app(lib_runtime)
    answers = check_responses(app)
    client = app.test_client()
    response = do_setup(client)
    assert response.status_code == 201, response.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    yield client
    app.extensions["media_library_unsubscribe"]()
    answers.assert_clean()


@pytest.fixture
def mkv(tmp_path_factory):
    path = make_video(tmp_path_factory.mktemp("src") / "v.mkv", 2, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    return path.read_bytes()


def _upload(client, *files):
    return client.post("/api/upload", data={"file": [(io.BytesIO(body), name) for name, body in files]},
                       content_type="multipart/form-data")


def _all_files(root):
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names)


def test_hostile_names_land_under_server_chosen_names(admin, lib, mkv, tmp_path):
    names = ["../../etc/passwd", "/etc/passwd", "..\\..\\x.mkv", "日本語の映画.mp4", "é.mkv", "\u202egpm.exe.mkv",
             "-rf.mkv", "same.mkv", "same.mkv"]
    response = _upload(admin, *[(name, mkv) for name in names])
    assert response.status_code == 201, response.json
    items = response.json["items"]
    titles = [i["title"] for i in items]
    # The multipart encoding eats backslashes on the way; whatever arrives is only a title.
    assert titles[:2] + titles[3:] == ["passwd", "passwd", "日本語の映画", "é", "gpm.exe", "-rf", "same", "same"]
    assert titles[2].endswith("x") and not {"/", "\\"} & set(titles[2])
    stored = _all_files(lib.settings.uploads_dir)
    assert len(stored) == len(names) and all(len(n) == 36 and n.endswith(".mkv") for n in stored)
    outside = [p for p in _all_files(tmp_path) if "passwd" in p or p.endswith("x.mkv")]
    assert outside == []
    file = lib.state.get_media_file(items[3]["file_id"])
    assert file.tech["original_name"] == "日本語の映画.mp4"


@pytest.mark.parametrize(("name", "body", "status", "why"), [
    ("film.mp4", b"just some text pretending to be a film\n" * 50, 415, "'film.mp4' is a text file"),
    ("page.mp4", b"<!doctype html><html><script>alert(1)</script></html>" * 20, 415, "'page.mp4' is a text file"),
    ("tool.mkv", b"\x7fELF\x02\x01\x01" + b"\0" * 4000, 415, "'tool.mkv' is application/x-executable"),
    ("empty.mkv", b"", 400, "'empty.mkv' is empty (0 bytes)"),
])
def test_non_media_is_refused_with_its_name_and_why_and_leaves_nothing(admin, lib, name, body, status, why):
    response = _upload(admin, (name, body))
    assert response.status_code == status and response.json["message"].startswith(why), response.json
    assert _all_files(lib.settings.uploads_dir) == []
    assert lib.state.list_media() == []


def test_media_named_txt_is_retyped_by_content(admin, lib, tmp_path_factory):
    mp4 = make_video(tmp_path_factory.mktemp("m") / "a.mp4", 2, size="32x32", fps=1, cache=tmp_path_factory).read_bytes()
    flac = make_audio(tmp_path_factory.mktemp("a") / "a.flac", 2, cache=tmp_path_factory).read_bytes()
    response = _upload(admin, ("notes.txt", mp4), ("song.txt", flac))
    assert response.status_code == 201
    exts = sorted(os.path.splitext(n)[1] for n in _all_files(lib.settings.uploads_dir))
    assert exts == [".flac", ".mp4"]
    kinds = sorted(j.kind for j in lib.state.list_jobs(limit=10))
    assert kinds == ["library.identify", "music.identify"]


def test_upload_over_the_limit_gets_413_and_no_partial(tmp_path, fake_tmdb, mkv):

    settings = make_settings(tmp_path, **{"server.max_upload_mb": 1, "tmdb.base_url": fake_tmdb.url})
    runtime = build_runtime(settings)
    try:
        app = _app(runtime)
        client = app.test_client()
        client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
        big = mkv + b"\0" * (2 * 1024 * 1024)
        body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mkv\"\r\n"
                b"Content-Type: video/x-matroska\r\n\r\n" + big + b"\r\n--XyZ--\r\n")
        response = client.post("/api/upload", data=body, content_type="multipart/form-data; boundary=XyZ")
        assert response.status_code == 413
        assert _all_files(settings.uploads_dir) == [] if settings.uploads_dir.exists() else True
        app.extensions["media_library_unsubscribe"]()
    finally:
        runtime.stop()


def test_review_match_detail_artwork_and_paging(admin, lib, lib_runtime, fake_tmdb, tmp_path_factory):
    data.load(fake_tmdb)
    fake_tmdb.movies[700002]["poster_path"] = "/twin.jpg"
    make_video(lib.roots["movies"] / "Twin Film.mkv", 600, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    assert admin.post("/api/library/scan").status_code == 202
    drain(lib_runtime)

    (waiting,) = admin.get("/api/review").json["items"]
    assert {c["provider_id"] for c in waiting["candidates"]} == {"700001", "700002"}
    assert all({"poster_url", "year", "runtime_minutes", "score"} <= set(c) for c in waiting["candidates"])
    with_poster = next(c for c in waiting["candidates"] if c["provider_id"] == "700002")
    assert with_poster["poster_url"].startswith(f"/api/media/{waiting['id']}/candidates/")  # our origin, not TMDb's
    for _ in range(2):  # fetched through TMDb once, then from the cache
        with admin.get(with_poster["poster_url"]) as poster:
            assert poster.status_code == 200 and poster.mimetype == "image/jpeg"
            assert poster.headers["X-Content-Type-Options"] == "nosniff"
    assert sum("/twin.jpg" in r.path for r in fake_tmdb.requests) == 1

    picked = admin.post(f"/api/media/{waiting['id']}/match", json={"tmdb_id": 700002})
    assert picked.status_code == 200 and picked.json["match_locked"] is True
    drain(lib_runtime)
    detail = admin.get(f"/api/media/{picked.json['id']}").json
    assert detail["external_ids"]["tmdb"] == "700002" and detail["files"][0]["path"].endswith("[tmdbid-700002].mkv")
    assert "poster" in detail["artwork"]
    with admin.get(f"/api/media/{picked.json['id']}/artwork/poster") as art:
        assert art.status_code == 200 and art.mimetype == "image/jpeg"
        assert art.headers["X-Content-Type-Options"] == "nosniff"
    assert admin.get(f"/api/media/{picked.json['id']}/artwork/backdrop").status_code == 404
    assert admin.get("/api/review").json["items"] == []

    lib.state.add_media("movie", "Another", year=2000)
    first = admin.get("/api/media?limit=1").json
    second = admin.get(f"/api/media?limit=1&after_id={first['next_after_id']}").json
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert admin.get("/api/media?kind=bogus").status_code == 400


def test_organize_preview_run_and_undo(admin, lib, lib_runtime, tmp_path):
    source = tmp_path / "in" / "heat.mkv"
    source.parent.mkdir()
    source.write_bytes(b"heat")
    item = lib.state.add_media("movie", "Heat", year=1995, status="identified", external_ids={"tmdb": "949"})
    lib.state.upsert_media_file(str(source), media_id=item.id, size=4, mtime=0)
    (planned,) = admin.get("/api/library/organize/preview").json["items"]
    assert planned["status"] == "move" and source.exists()
    assert admin.post("/api/library/organize").status_code == 202
    drain(lib_runtime)
    assert not source.exists() and os.path.exists(planned["target"])
    assert admin.post("/api/library/organize/undo").status_code == 202
    drain(lib_runtime)
    assert source.exists() and not os.path.exists(planned["target"])
