"""Organize: the preview lists every move, nothing is ever overwritten, the last batch can be
undone, and a move across filesystems copies, verifies, then deletes."""

from __future__ import annotations

import errno
import os

import pytest

from media_library.errors import Conflict
from media_library.services.library import organize as organize_mod
from media_library.services.library.organize import Organizer

HEAT = "Heat (1995) [tmdbid-949]"


def _movie_file(lib, tmp_path, name="heat.mkv", data=b"heat-bytes" * 1000):
    source = tmp_path / "incoming" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    item = lib.state.add_media("movie", "Heat", year=1995, status="identified", external_ids={"tmdb": "949"})
    file = lib.state.upsert_media_file(str(source), media_id=item.id, size=len(data), mtime=source.stat().st_mtime)
    return item, file, source


def test_preview_lists_moves_and_touches_nothing(lib, tmp_path):
    item, file, source = _movie_file(lib, tmp_path)
    (planned,) = lib.organizer.plan()
    target = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    assert planned.to_dict() == {"file_id": file.id, "media_id": item.id, "source": str(source),
                                 "target": str(target), "status": "move", "reason": ""}
    assert source.exists() and not target.exists()


def test_organize_then_undo(lib, tmp_path):
    item, file, source = _movie_file(lib, tmp_path)
    result = lib.organizer.organize()
    target = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    assert result.batch_id and len(result.moved) == 1
    assert target.read_bytes() == b"heat-bytes" * 1000 and not source.exists()
    assert lib.state.get_media_file(file.id).path == str(target)
    assert target.with_suffix(".nfo").is_file() and target.with_suffix(".json").is_file()
    assert lib.organizer.plan()[0].status == "in_place"

    undone = lib.organizer.undo_last()
    assert undone.batch_id == result.batch_id and len(undone.moved) == 1
    assert source.read_bytes() == b"heat-bytes" * 1000 and not (lib.roots["movies"] / HEAT).exists()
    assert lib.state.get_media_file(file.id).path == str(source)
    with pytest.raises(Conflict):
        lib.organizer.undo_last()


def test_collision_is_reported_never_overwritten(lib, tmp_path):
    _item, _file, source = _movie_file(lib, tmp_path)
    target = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"someone else's film")
    (planned,) = lib.organizer.plan()
    assert planned.status == "collision"
    result = lib.organizer.organize()
    assert result.moved == [] and len(result.collisions) == 1
    assert target.read_bytes() == b"someone else's film" and source.exists()


def test_a_file_appearing_between_plan_and_move_is_not_overwritten(lib, tmp_path):
    _movie_file(lib, tmp_path)
    target = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    real_move = organize_mod.same_fs_move

    def racing_move(src, dst):
        with open(dst, "xb") as fh:
            fh.write(b"raced")
        real_move(src, dst)

    lib.organizer.move_fn = racing_move
    result = lib.organizer.organize()
    assert result.moved == [] and result.collisions[0]["reason"] == "a file appeared there"
    assert target.read_bytes() == b"raced"


def test_two_versions_of_one_film_get_version_names(lib, tmp_path):
    item, _file, _source = _movie_file(lib, tmp_path)
    other = tmp_path / "incoming" / "heat-4k.mkv"
    other.write_bytes(b"4k")
    lib.state.upsert_media_file(str(other), media_id=item.id, size=2, mtime=0, height=2160)
    statuses = sorted((p.status, os.path.basename(p.target)) for p in lib.organizer.plan())
    assert statuses == [("move", f"{HEAT} - 2160p.mkv"), ("move", f"{HEAT} - v1.mkv")]


def test_cross_device_move_copies_verifies_then_deletes(lib, tmp_path):
    _item, file, source = _movie_file(lib, tmp_path, data=os.urandom(3 * 1024 * 1024 + 17))
    original = source.read_bytes()
    mtime = source.stat().st_mtime_ns

    def exdev(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    organizer = Organizer(lib.state, lib.roots, move=exdev)
    result = organizer.organize()
    target = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    assert len(result.moved) == 1 and not source.exists()
    assert target.read_bytes() == original and target.stat().st_mtime_ns == mtime
    assert not [n for n in os.listdir(target.parent) if n.startswith(".")]
    assert lib.state.get_media_file(file.id).path == str(target)


def test_a_bad_copy_keeps_the_source(lib, tmp_path, monkeypatch):
    _item, _file, source = _movie_file(lib, tmp_path)

    def exdev(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def torn_copy(src, temp):
        with open(temp, "xb") as fh:
            fh.write(b"torn")
        return "0" * 64

    monkeypatch.setattr(organize_mod, "_copy", torn_copy)
    result = Organizer(lib.state, lib.roots, move=exdev).organize()
    assert result.moved == [] and len(result.errors) == 1
    assert source.exists()
    folder = lib.roots["movies"] / HEAT
    assert not folder.exists() or list(folder.iterdir()) == []


def test_organize_and_undo_jobs(lib, lib_runtime, tmp_path):
    item, _file, source = _movie_file(lib, tmp_path)
    lib_runtime.jobs.enqueue("library.organize", {"media_ids": [item.id]})
    assert lib_runtime.pool.run_once()
    assert not source.exists()
    lib_runtime.jobs.enqueue("library.organize_undo", {})
    assert lib_runtime.pool.run_once()
    assert source.exists()


def test_a_renamed_item_leaves_no_stale_metadata_and_keeps_folders_with_other_things(lib, tmp_path):
    """Renamed (re-identified) later: the old NFO, JSON and folder art go with an emptied folder;
    a folder still holding something else (an extras folder, a user's file) keeps it all."""
    item, file, _source = _movie_file(lib, tmp_path)
    lib.organizer.organize()
    old = lib.roots["movies"] / HEAT / f"{HEAT}.mkv"
    (old.parent / "poster.jpg").write_bytes(b"\xff\xd8poster")
    assert old.with_suffix(".nfo").is_file() and old.with_suffix(".json").is_file()

    lib.state.update_media(item.id, title="Heat Redux", year=1996)
    assert len(lib.organizer.organize().moved) == 1
    new = lib.roots["movies"] / "Heat Redux (1996) [tmdbid-949]" / "Heat Redux (1996) [tmdbid-949].mkv"
    assert new.is_file() and new.with_suffix(".nfo").is_file() and lib.state.get_media_file(file.id).path == str(new)
    assert not old.parent.exists()

    (new.parent / "extras").mkdir()
    (new.parent / "extras" / "Making of.mkv").write_bytes(b"extra")
    lib.state.update_media(item.id, title="Heat", year=1995)
    lib.organizer.organize()
    assert old.is_file() and old.with_suffix(".nfo").is_file()
    assert sorted(p.name for p in new.parent.iterdir()) == ["extras"]  # stale NFO/JSON gone, extras kept
