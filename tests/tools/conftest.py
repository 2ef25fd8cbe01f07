"""Fixtures for the tools tests: captured outputs under data/, and skips for missing programs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data():
    """Read a captured output from tests/tools/data by file name."""

    def read(name: str) -> str:
        return (DATA / name).read_text(encoding="utf-8")

    return read


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:  # a missing tool is a broken setup, never a reason to pass quietly
        pytest.fail(f"not installed: {', '.join(missing)}; run scripts/setup.sh")
