"""Hostile titles stay inside the output root, with safe, distinct names."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import ListSource, ShowInfo

from .entries import episode, movie

HOSTILE = ["../../etc/passwd", "/etc/passwd", "a\x00b", "x" * 300, "🎬🍿" * 80, "CON", "nul.txt", "..", ".", " . ",
           "C:\\Windows\\system32", "Movie: Part 1/2", "trailing dot.", "\n", "<>:\"|?*"]


def all_files(root):
    return [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]


def check_tree(out, sandbox, before):
    root = out.resolve()
    for path in all_files(out):
        assert root in path.resolve().parents
        for part in path.relative_to(out).parts:
            assert len(part.encode("utf-8")) <= 255 and part not in (".", "..")
            assert not set('<>:"\\|?*') & set(part) and "\x00" not in part
            assert part.split(".")[0].strip().upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert set(os.listdir(sandbox)) - before <= {"export"}  # nothing written beside the root


def test_hostile_titles_stay_inside(strm_runtime, tmp_path, out):
    before = set(os.listdir(tmp_path))
    entries = [movie(f"h{i}", title, 2000) for i, title in enumerate(HOSTILE)]
    show = ShowInfo(key="t:show:evil", title="../../../tmp/evil", year=None)
    entries += [episode(f"he{i}", title, 1, i + 1, show=show) for i, title in enumerate(HOSTILE)]
    result = Exporter(strm_runtime.state, ExportOptions(out, fsync=False)).run(ListSource(entries))
    assert result.counts["created"] == result.planned == 2 * len(HOSTILE) * 2 + 2
    check_tree(out, tmp_path, before)


def test_colliding_names_get_distinct_stable_names(strm_runtime, out):
    entries = [movie("a", "Heat", 1995), movie("b", "Heat", 1995), movie("c", "HEAT", 1995)]
    first = Exporter(strm_runtime.state, ExportOptions(out, fsync=False)).run(ListSource(entries))
    folders = sorted(p.name for p in (out / "Movies").iterdir())
    assert len(folders) == 3 and "Heat (1995)" in folders  # the smallest key keeps the plain name
    assert sum("[ml-" in f for f in folders) == 2
    assert first.counts["created"] == 6
    again = Exporter(strm_runtime.state, ExportOptions(out, fsync=False)).run(ListSource(list(reversed(entries))))
    assert again.counts["unchanged"] == 6 and sorted(p.name for p in (out / "Movies").iterdir()) == folders


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_titles_stay_inside(strm_runtime, tmp_path, titles):
    out = tmp_path / "export"
    before = set(os.listdir(tmp_path))
    entries = [movie(f"x{i}", title, None) for i, title in enumerate(titles)]
    Exporter(strm_runtime.state, ExportOptions(out, fsync=False, cleanup="off")).run(ListSource(entries))
    check_tree(out, tmp_path, before)
