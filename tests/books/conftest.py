"""Book fixtures: the web fixtures (app, admin and user clients)."""

from tests.web.conftest import admin_client, app, client, user_client  # noqa: F401 - fixtures
