"""Cleanup: only files the manifest owns, before generation, empty folders pruned, and the
mass-deletion guard (a 60% deletion, an empty source, a failing source)."""

from __future__ import annotations

from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import ListSource

from .entries import movie, sample


def run(state, out, entries, **options):
    return Exporter(state, ExportOptions(out, fsync=False, **options)).run(ListSource(entries))


def films(n: int):
    return [movie(f"m{i:02d}", f"Film {i:02d}", 2000 + i, (("tmdb", str(100 + i)),)) for i in range(n)]


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


class FailingSource:
    name = "broken"

    def entries(self):
        raise ConnectionError("catalog unreachable")


def test_removed_item_is_deleted_and_its_folder_pruned(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    user_file = out / "Movies" / "notes.txt"
    user_file.write_text("mine")
    result = run(strm_runtime.state, out, [e for e in sample() if e.key != "t:movie:blade"])
    assert result.counts["deleted"] == 4 and result.guard is None
    assert not (out / "Movies/Blade Runner (1982) [tmdbid-78]").exists()
    assert user_file.read_text() == "mine" and (out / "Movies").is_dir()
    assert not any("Blade" in p for p in strm_runtime.state.list_strm_manifest(str(out.resolve())))


def test_a_folder_holding_a_user_file_is_not_pruned(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    keep = out / "Movies/Blade Runner (1982) [tmdbid-78]/poster.jpg"
    keep.write_bytes(b"user art")
    run(strm_runtime.state, out, [e for e in sample() if e.key != "t:movie:blade"])
    assert keep.read_bytes() == b"user art"


def test_owned_file_changed_by_someone_is_not_deleted(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    edited = out / "Movies/Plan 9 from Outer Space (1957)/Plan 9 from Outer Space (1957).nfo"
    edited.write_text("<movie><title>my edit</title></movie>")
    result = run(strm_runtime.state, out, [e for e in sample() if e.key != "t:movie:noid"])
    assert edited.exists()
    assert [r.action for r in result.rows if r.path.endswith("(1957).nfo")] == ["skipped"]


def test_preview_reports_and_deletes_nothing(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    before = files_under(out)
    result = run(strm_runtime.state, out, [e for e in sample() if e.key != "t:movie:blade"], cleanup="preview")
    assert files_under(out) == before
    assert result.counts["stale"] == 4 and result.counts["deleted"] == 0


def test_cleanup_off_keeps_everything(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    before = files_under(out)
    result = run(strm_runtime.state, out, sample()[:1], cleanup="off")
    assert files_under(out) == before and result.counts["deleted"] == 0


def test_guard_refuses_a_60_percent_deletion_unless_forced(strm_runtime, out):
    run(strm_runtime.state, out, films(10))
    before = files_under(out)
    result = run(strm_runtime.state, out, films(10)[6:])  # 6 of 10 films gone: 12 of 20 files
    assert files_under(out) == before
    assert result.counts["deleted"] == 0 and result.counts["skipped"] == 12
    assert "60%" in result.guard and "20%" in result.guard
    forced = run(strm_runtime.state, out, films(10)[6:], force=True)
    assert forced.counts["deleted"] == 12 and len(files_under(out)) == 8


def test_guard_refuses_an_empty_source(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    before = files_under(out)
    result = run(strm_runtime.state, out, [])
    assert files_under(out) == before and "no items" in result.guard
    assert result.counts["deleted"] == 0


def test_a_failing_source_deletes_and_writes_nothing(strm_runtime, out):
    run(strm_runtime.state, out, sample())
    before = files_under(out)
    result = Exporter(strm_runtime.state, ExportOptions(out, fsync=False, force=True)).run(FailingSource())
    assert files_under(out) == before
    assert "catalog unreachable" in result.source_error and "nothing was deleted" in result.guard
    assert result.rows == []


def test_renamed_item_moves_without_tripping_the_guard(strm_runtime, out):
    run(strm_runtime.state, out, films(20))
    renamed = films(20)
    renamed[0] = movie("m00", "Film Zero", 2000, (("tmdb", "100"),))
    result = run(strm_runtime.state, out, renamed)
    assert result.counts["deleted"] == 2 and result.counts["created"] == 2
    assert (out / "Movies/Film Zero (2000) [tmdbid-100]/Film Zero (2000) [tmdbid-100].strm").exists()
