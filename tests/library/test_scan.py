"""Incremental scans: new, unchanged, changed, moved (by name or by content) and removed files;
symlinks leaving the roots are skipped."""

from __future__ import annotations

import os

from tests.library.conftest import jobs_of


def _write(path, data: bytes = b"\x1a\x45\xdf\xa3" + b"x" * 5000):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _file_at(lib, path):
    """What the library knows of the file at ``path`` (from the scan's own index)."""
    return lib.state.file_index(str(path.parent))[str(path)]


def test_new_then_unchanged_then_changed(lib, lib_runtime):
    a = _write(lib.roots["movies"] / "A (2001).mkv")
    _write(lib.roots["music"] / "song.flac", b"fLaC" + b"y" * 300)
    first = lib.scanner.scan()
    assert len(first.new) == 2 and first.unchanged == 0
    kinds = sorted(j.kind for j in lib_runtime.state.list_jobs(limit=50))
    assert kinds == ["library.identify", "music.identify"]

    again = lib.scanner.scan()
    assert (again.new, again.changed, again.moved, again.missing, again.unchanged) == ([], [], [], [], 2)

    a.write_bytes(b"\x1a\x45\xdf\xa3" + b"z" * 7000)
    changed = lib.scanner.scan()
    assert len(changed.changed) == 1 and changed.unchanged == 1


def test_moved_by_name_and_by_content_keeps_the_row(lib):
    a = _write(lib.roots["movies"] / "in" / "A (2001).mkv")
    b = _write(lib.roots["movies"] / "B (2002).mkv", b"\x1a\x45\xdf\xa3" + b"b" * 9000)
    lib.scanner.scan()
    ids = {p: _file_at(lib, p).id for p in (a, b)}

    a2 = lib.roots["shows"] / "elsewhere" / a.name
    a2.parent.mkdir(parents=True)
    os.rename(a, a2)
    b2 = lib.roots["movies"] / "renamed.mkv"
    os.rename(b, b2)
    report = lib.scanner.scan()
    assert sorted(report.moved) == sorted(ids.values()) and report.new == [] and report.missing == []
    assert _file_at(lib, a2).id == ids[a]
    assert _file_at(lib, b2).id == ids[b]


def test_removed_files_are_marked_missing_once(lib):
    a = _write(lib.roots["movies"] / "A (2001).mkv")
    lib.scanner.scan()
    a.unlink()
    assert len(lib.scanner.scan().missing) == 1
    assert _file_at(lib, a).missing
    assert lib.scanner.scan().missing == []


def test_symlinks_out_of_the_roots_are_skipped(lib, tmp_path):
    outside = _write(tmp_path / "outside" / "secret.mkv")
    inside = _write(lib.roots["movies"] / "real" / "Film (2000).mkv")
    (lib.roots["movies"] / "passwd.mkv").symlink_to("/etc/passwd")
    (lib.roots["movies"] / "secret.mkv").symlink_to(outside)
    (lib.roots["movies"] / "lib").symlink_to("/")
    (lib.roots["movies"] / "loop").symlink_to(lib.roots["movies"])
    (lib.roots["movies"] / "ok.mkv").symlink_to(inside)
    report = lib.scanner.scan()
    paths = sorted(os.path.relpath(lib.state.get_media_file(i).path, lib.roots["movies"]) for i in report.new)
    assert paths == ["ok.mkv", "real/Film (2000).mkv"]
    assert report.skipped_links == 3


def test_scan_job_runs_on_the_pool(lib, lib_runtime):
    _write(lib.roots["movies"] / "A (2001).mkv")
    lib_runtime.jobs.enqueue("library.scan", {})
    assert lib_runtime.pool.run_once()
    (job,) = jobs_of(lib_runtime, "library.scan")
    assert job.status == "done" and job.result["new"] == 1
