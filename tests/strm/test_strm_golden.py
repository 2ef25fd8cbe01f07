"""Golden trees: a small export in each style, byte for byte (set STRM_UPDATE_GOLDEN=1 to rewrite
them after an intended change, then review the diff). Also checks the tree is what Jellyfin
imports without fixes (its naming and NFO conventions) and every file parses."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from media_library.services import nfo
from media_library.services.naming import STYLES
from media_library.services.strm.exporter import Exporter, ExportOptions
from media_library.services.strm.sources import ListSource
from tests.fakes.server import fixture_path

from .entries import sample

GOLDEN = Path(__file__).parent / "golden"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def export(state, out: Path, style: str, entries=None):
    return Exporter(state, ExportOptions(out, style=style, fsync=False)).run(ListSource(entries or sample()))


@pytest.mark.parametrize("style", STYLES)
def test_export_matches_the_golden_tree(strm_runtime, out, style):
    export(strm_runtime.state, out, style)
    golden = GOLDEN / style
    if os.environ.get("STRM_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(out, golden)
    assert tree(out) == tree(golden)


def test_every_file_parses_and_every_strm_is_one_url(strm_runtime, out):
    export(strm_runtime.state, out, "jellyfin")
    for rel, data in tree(out).items():
        if rel.endswith(".strm"):
            lines = data.decode().splitlines()
            assert len(lines) == 1 and re.fullmatch(r"https://[^\s]+", lines[0]), rel
            assert data.endswith(b"\n")
        else:
            assert rel.endswith(".nfo")
            assert nfo.parse_roots(data), rel


def test_tree_follows_jellyfin_naming(strm_runtime, out):
    export(strm_runtime.state, out, "jellyfin")
    files = tree(out)
    movie_dirs = {rel.split("/")[1] for rel in files if rel.startswith("Movies/")}
    assert movie_dirs == {"The Matrix (1999) [tmdbid-603]", "Blade Runner (1982) [tmdbid-78]", "Plan 9 from Outer Space (1957)"}
    for rel in files:
        parts = rel.split("/")
        if parts[0] == "Movies" and rel.endswith(".strm"):
            folder, stem = parts[1], parts[2][: -len(".strm")]
            assert stem == folder or re.fullmatch(re.escape(folder) + r" - \S.*", stem), rel  # versions: " - Label"
        if parts[0] == "Shows" and rel.endswith(".strm"):
            assert re.fullmatch(r"Season \d\d", parts[2]), rel
            assert re.fullmatch(r"Stargate Atlantis \(2004\) S\d\dE\d\d(-E\d\d)?\.strm", parts[3]), rel
    assert "Shows/Stargate Atlantis (2004) [tmdbid-2290]/tvshow.nfo" in files
    assert "Shows/Stargate Atlantis (2004) [tmdbid-2290]/Season 00/season.nfo" in files
    multi = files["Shows/Stargate Atlantis (2004) [tmdbid-2290]/Season 01/Stargate Atlantis (2004) S01E01-E02.nfo"]
    assert [r.findtext("episode") for r in nfo.parse_roots(multi)] == ["1", "2"]


def test_strm_files_look_like_the_recorded_fixture(strm_runtime, out):
    """Same shape as tests/fixtures/strm/Fight Club (1999).strm: one absolute http(s) URL and a newline."""
    fixture = fixture_path("strm", "Fight Club (1999).strm").read_bytes()
    export(strm_runtime.state, out, "jellyfin")
    ours = (out / "Movies/The Matrix (1999) [tmdbid-603]/The Matrix (1999) [tmdbid-603].strm").read_bytes()
    assert fixture.count(b"\n") == ours.count(b"\n") == 1
    assert fixture.startswith(b"https://") and ours.startswith(b"https://")
