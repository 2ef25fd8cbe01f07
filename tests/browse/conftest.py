"""Browse fixtures: the web fixtures (app, admin and second-user clients) and helpers that fill
the library through the state layer, the way identification would."""

from __future__ import annotations

import pytest

from tests.library.conftest import lib, lib_runtime, lib_settings  # noqa: F401 - fixtures (fakes: tests/conftest.py)
from tests.web.conftest import admin_client, app, client, user_client  # noqa: F401 - fixtures


@pytest.fixture
def add(state):
    """``add("movie", "Title", year=…, genres=[…], added_at=…)`` → the item (through the state layer)."""
    def make(kind: str, title: str, **fields):
        added_at = fields.pop("added_at", None)
        item = state.add_media(kind, title, **fields)
        if added_at is not None:
            with state.db.write() as conn:
                from media_library.db.schema import media

                conn.execute(media.update().where(media.c.id == item.id).values(added_at=added_at))
        return item
    return make
