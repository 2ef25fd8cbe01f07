"""Settings people change in the app at run time (the file and environment settings are in
``config.py`` and are read-only here)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..db.schema import app_settings
from .base import dumps, loads


class SettingsRepository:
    def get_app_setting(self, key: str, default: Any = None) -> Any:
        with self.db.read() as conn:
            value = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).scalar()
        return loads(value, default) if value is not None else default

    def set_app_setting(self, key: str, value: Any) -> None:
        with self.db.write() as conn:
            conn.execute(app_settings.delete().where(app_settings.c.key == key))
            conn.execute(app_settings.insert().values(key=key, value=dumps(value), updated_at=self.now()))
