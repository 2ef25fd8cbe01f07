"""Library management fixtures: the library runtime (fake TMDb, AcoustID …) behind the web app,
so the folder, scan and service-key routes run against the same services the tests look into."""

from __future__ import annotations

import pytest

from tests.library.conftest import lib, lib_runtime, lib_settings  # noqa: F401 - fixtures (fakes: tests/conftest.py)
from tests.web.conftest import admin_client, app, client  # noqa: F401 - fixtures


@pytest.fixture
def runtime(lib_runtime):  # noqa: F811 - the web app runs on the library runtime
    return lib_runtime
