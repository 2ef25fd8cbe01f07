"""Article fixtures: the local website (tests/fakes/articles.py), the web fixtures, and helpers
that save an article through the API and run its job on the real worker pool."""

from __future__ import annotations

import pytest

from tests.fakes.articles import FakeSite
from tests.library.conftest import drain
from tests.web.conftest import admin_client, app, client, user_client  # noqa: F401 - fixtures


@pytest.fixture
def site():
    with FakeSite() as fake:
        yield fake


@pytest.fixture
def save(admin_client, runtime):  # noqa: F811 - the imported fixture, by name
    """``save(url, tags=…)`` → the article after its job ran (POST /api/articles, then the pool)."""
    def run(url: str, **body):
        answer = admin_client.post("/api/articles", json={"url": url, **body})
        assert answer.status_code == 202, answer.json
        drain(runtime)
        return admin_client.get(f"/api/articles/{answer.json['id']}").json
    return run
