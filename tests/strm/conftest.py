"""Fixtures of the STRM export tests: a small library in a real migrated database."""

from __future__ import annotations

import pytest

from tests.conftest import build_runtime, make_settings

from .library import build_library


def strm_settings(tmp_path, **overrides):
    values = {"strm.public_base_url": "https://media.example.test", "strm.fsync": False, **overrides}
    return make_settings(tmp_path, **values)


@pytest.fixture
def strm_runtime(tmp_path):
    runtime = build_runtime(strm_settings(tmp_path), "worker")
    yield runtime
    runtime.stop()


@pytest.fixture
def library(strm_runtime):
    return build_library(strm_runtime.state)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "export"
