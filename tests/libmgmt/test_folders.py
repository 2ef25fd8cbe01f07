"""Library folders: the seeded three, the media folder's own files, adding with a kind (which
steers identification), refusing folders outside the configured ones, removing, and the scan
job with its progress and summary, over the API with the roles' rules."""

from __future__ import annotations

import os

import pytest

from media_library.models import MediaFile
from media_library.services.library.apply import steered
from media_library.tools.names import parse_name
from tests.library.conftest import drain
from tests.media import make_video
from tests.web.conftest import login

MKV = b"\x1a\x45\xdf\xa3" + b"x" * 5000


def _write(path, data: bytes = MKV):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _paths(lib, report) -> list[str]:
    return sorted(os.path.relpath(lib.state.get_media_file(i).path, lib.folders.media_root) for i in report.new)


def test_the_three_roots_are_seeded_and_the_media_folder_is_listed(admin_client, lib):
    listing = admin_client.get("/api/library/folders").json
    assert listing["media_root"] == str(lib.folders.media_root)
    assert [(f["builtin"], f["kind"], os.path.basename(f["path"])) for f in listing["items"]] == [
        ("movies", "films", "Movies"), ("shows", "shows", "Shows"), ("music", "music", "Music")]
    assert listing["kinds"] == ["films", "shows", "music", "mixed"]


def test_files_dropped_in_the_media_folder_are_found_but_not_its_other_subfolders(lib):
    root = lib.folders.media_root
    _write(root / "Dropped (2004).mkv")
    _write(root / "Other" / "Not A Library Folder (2001).mkv")
    _write(lib.roots["movies"] / "Heat (1995).mkv", MKV + b"h")
    report = lib.scanner.scan()
    assert _paths(lib, report) == ["Dropped (2004).mkv", "Movies/Heat (1995).mkv"]
    roots = {os.path.basename(f.path): f.tech["root"] for f in map(lib.state.get_media_file, report.new)}
    assert roots == {"Dropped (2004).mkv": "mixed", "Heat (1995).mkv": "movies"}
    again = lib.scanner.scan()
    assert (again.new, again.missing, again.unchanged, again.found) == ([], [], 2, 2)


def test_a_file_gone_from_the_media_folder_is_removed_without_touching_the_folders(lib):
    dropped = _write(lib.folders.media_root / "Dropped (2004).mkv")
    _write(lib.roots["movies"] / "Heat (1995).mkv", MKV + b"h")
    lib.scanner.scan()
    dropped.unlink()
    summary = lib.scanner.scan().to_dict()
    assert (summary["found"], summary["new"], summary["changed"], summary["removed"]) == (1, 0, 0, 1)


def test_an_added_folder_is_scanned_with_its_kind(admin_client, lib):
    added = admin_client.post("/api/library/folders", json={"path": "Anime", "kind": "shows"})
    assert added.status_code == 201, added.json
    assert added.json["path"] == str(lib.folders.media_root / "Anime") and added.json["exists"] is True
    _write(lib.folders.media_root / "Anime" / "Frieren - 01.mkv")
    (file_id,) = lib.scanner.scan().new
    assert lib.state.get_media_file(file_id).tech["root"] == "shows"


def test_the_kind_steers_film_or_episode():
    def file_in(root):
        return MediaFile(id=1, media_id=None, path="/m/x.mkv", size=1, mtime=0, tech={"root": root})

    episode_like = parse_name("Heat.S01E02.mkv")
    film_like = parse_name("Heat (1995).mkv")
    assert steered(episode_like, file_in("movies")).kind == "movie"
    assert steered(film_like, file_in("shows")).kind == "episode"
    assert steered(episode_like, file_in("mixed")).kind == "episode"
    assert steered(film_like, file_in("mixed")).kind == "movie"


@pytest.mark.parametrize("path", ["/etc", "../outside", "/", "Movies/../../escape"])
def test_folders_outside_the_configured_ones_are_refused(admin_client, path):
    answer = admin_client.post("/api/library/folders", json={"path": path, "kind": "films"})
    assert answer.status_code == 400
    assert answer.json["error"] == "InvalidInput" and "outside the media folder" in answer.json["message"]


def test_a_symlink_out_of_the_media_folder_is_refused(admin_client, lib, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (lib.folders.media_root / "link").symlink_to(tmp_path / "elsewhere")
    answer = admin_client.post("/api/library/folders", json={"path": "link", "kind": "films"})
    assert answer.status_code == 400 and "outside the media folder" in answer.json["message"]


def test_bad_kind_overlap_and_the_media_folder_itself_are_refused(admin_client, lib):
    assert admin_client.post("/api/library/folders", json={"path": "X", "kind": "books"}).status_code == 400
    inside = admin_client.post("/api/library/folders", json={"path": "Movies/Anime", "kind": "shows"})
    assert inside.status_code == 409 and "overlaps" in inside.json["message"]
    assert admin_client.post("/api/library/folders", json={"path": str(lib.folders.media_root), "kind": "mixed"}).status_code == 400
    assert admin_client.post("/api/library/folders", json={"path": "", "kind": "mixed"}).status_code == 400


def test_an_allowed_folder_outside_the_media_folder_is_accepted(tmp_path, fake_tmdb, fake_musicbrainz, fake_acoustid,
                                                                 fake_coverart):
    from tests.conftest import build_runtime, make_settings

    nas = tmp_path / "nas" / "films"
    nas.mkdir(parents=True)
    rt = build_runtime(make_settings(tmp_path, **{"library.allowed_folders": [str(tmp_path / "nas")]}))
    try:
        folder = rt.services.library.folders.add(str(nas), "films")
        assert folder.path == str(nas)
        _write(nas / "Heat (1995).mkv")
        assert len(rt.services.library.scanner.scan(folder_id=folder.id).new) == 1
    finally:
        rt.stop()


def test_removing_a_folder_stops_scanning_it_and_keeps_its_files(admin_client, lib):
    folder = admin_client.post("/api/library/folders", json={"path": "Anime", "kind": "shows"}).json
    _write(lib.folders.media_root / "Anime" / "Frieren - 01.mkv")
    (file_id,) = lib.scanner.scan().new
    assert admin_client.delete(f"/api/library/folders/{folder['id']}").status_code == 204
    assert admin_client.delete(f"/api/library/folders/{folder['id']}").status_code == 404
    assert lib.scanner.scan().missing == []
    assert not lib.state.get_media_file(file_id).missing
    assert [f["path"] for f in admin_client.get("/api/library/folders").json["items"]
            if f["builtin"] is None] == []


def test_scan_job_of_one_folder_reports_progress_and_a_summary(admin_client, lib, lib_runtime):
    events = []
    lib_runtime.bus.subscribe(lambda event: events.append(event) if type(event).__name__ == "JobProgress" else None)
    folder = admin_client.post("/api/library/folders", json={"path": "Anime", "kind": "shows"}).json
    _write(lib.folders.media_root / "Anime" / "Frieren - 01.mkv")
    _write(lib.roots["movies"] / "Heat (1995).mkv", MKV + b"h")
    queued = admin_client.post("/api/library/scan", json={"folder_id": folder["id"]})
    assert queued.status_code == 202 and queued.json["kind"] == "library.scan"
    assert admin_client.post("/api/library/scan", json={"folder_id": 999}).status_code == 404
    drain(lib_runtime, limit=1)
    job = lib_runtime.state.get_job(queued.json["id"])
    assert job.status == "done", job.error
    assert {k: job.result[k] for k in ("found", "new", "changed", "removed")} == {"found": 1, "new": 1, "changed": 0, "removed": 0}
    assert job.progress == 100 and "1 found, 1 new" in (job.message or "")
    assert any("Reading" in (getattr(e, "message", "") or "") for e in events)


def test_folders_need_a_library_manager(app, admin_client):
    assert admin_client.post("/api/users", json={"username": "vera", "password": "tulip-meadow-91"}).status_code == 201
    viewer = app.test_client()
    assert login(viewer, "vera", "tulip-meadow-91").status_code == 200
    assert viewer.get("/api/library/folders").status_code == 403
    assert viewer.post("/api/library/folders", json={"path": "X", "kind": "films"}).status_code == 403


def test_files_in_an_added_folder_are_organized_inside_it_and_not_questioned(admin_client, lib, lib_runtime, fake_tmdb,
                                                                              tmp_path_factory):
    fake_tmdb.add_movie(949, "Heat", year=1995)
    film = make_video(tmp_path_factory.mktemp("film") / "film.mkv", 2, size="32x32", fps=1, audio=False,
                      cache=tmp_path_factory).read_bytes()
    nas = lib.folders.media_root / "Films on the NAS"
    assert admin_client.post("/api/library/folders", json={"path": str(nas), "kind": "films"}).status_code == 201
    _write(nas / "incoming" / "heat.1995.mkv", film)
    dropped = _write(lib.folders.media_root / "Heat (1995) copy.mkv", film)
    lib.scanner.scan()
    drain(lib_runtime)
    heat = [i for i in lib.state.list_media(kind="movie") if i.title == "Heat"]
    assert len(heat) == 1 and heat[0].status == "identified", "a second copy found by a scan is not questioned"
    paths = sorted(os.path.relpath(f.path, lib.folders.media_root) for f in lib.state.list_media_files(heat[0].id))
    assert paths[0].startswith("Films on the NAS/Heat (1995) [tmdbid-949]/"), paths
    assert paths[1].startswith("Movies/Heat (1995) [tmdbid-949]/"), "a file dropped in the media folder goes to Movies/"
    assert not dropped.exists()


def test_an_added_folder_that_is_gone_is_skipped_not_emptied(admin_client, lib):
    folder = admin_client.post("/api/library/folders", json={"path": "Share", "kind": "films"}).json
    _write(lib.folders.media_root / "Share" / "Heat (1995).mkv")
    (file_id,) = lib.scanner.scan().new
    (lib.folders.media_root / "Share" / "Heat (1995).mkv").unlink()
    (lib.folders.media_root / "Share").rmdir()  # an unmounted share
    assert lib.scanner.scan(folder_id=folder["id"]).missing == []
    assert not lib.state.get_media_file(file_id).missing and not (lib.folders.media_root / "Share").exists()
    listed = [f for f in admin_client.get("/api/library/folders").json["items"] if f["id"] == folder["id"]]
    assert listed[0]["exists"] is False
