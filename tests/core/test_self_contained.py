"""The repository stands on its own: no tracked file points outside it, and tests read their
recorded payloads from tests/fixtures. A fresh clone with nothing beside it must pass the suite,
and every comment and document must explain itself instead of citing a text the clone lacks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.fakes import server

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"\.\./shared|/work/shared|shared/fixtures|\bPROTOCOLS\b|\bRELIABILITY\b")
EXEMPT = ("tests/fixtures/", "tests/core/test_self_contained.py")  # recordings, and this list itself


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    names = [n for n in listed.decode().split("\0") if n and not n.startswith(EXEMPT)]
    assert names, "git ls-files listed nothing: run the tests from a git checkout"
    return [ROOT / n for n in names if (ROOT / n).is_file()]


def _references(path: Path) -> list[str]:
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return []  # binary (images, fonts)
    text = data.decode("utf-8", errors="replace")
    return [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:120]}"
            for n, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]


def test_no_tracked_file_points_outside_the_repository():
    found = [hit for path in _tracked_text_files() for hit in _references(path)]
    assert not found, "explain in plain words / copy the file into tests/fixtures instead:\n" + "\n".join(found)


def test_recorded_payloads_are_read_from_inside_the_repository():
    assert server.FIXTURES == ROOT / "tests" / "fixtures"
    assert server.load_fixture("tmdb", "search_movie.json")["results"]
    assert (server.FIXTURES / "README.md").is_file(), "say where each recording came from"


def test_every_fixture_folder_is_described():
    readme = (server.FIXTURES / "README.md").read_text()
    folders = {p.relative_to(server.FIXTURES).parts[0] for p in server.FIXTURES.rglob("*") if p.is_file()}
    undescribed = [f for f in sorted(folders - {"README.md"}) if f"`{f}/" not in readme]
    assert not undescribed, f"tests/fixtures/README.md does not say where these come from: {undescribed}"
