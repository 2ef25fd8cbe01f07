"""The generated reference pages stay in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _generator(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("generator", "page"), [("gen_config_docs", "CONFIG.md"), ("gen_schema_docs", "SCHEMA.md")])
def test_reference_page_is_current(generator, page):
    expected = _generator(generator).render()
    assert (ROOT / "docs" / page).read_text() == expected, f"run .venv/bin/python scripts/{generator}.py and commit docs/{page}"


def test_every_table_is_described():
    assert "undocumented" not in _generator("gen_schema_docs").render()
