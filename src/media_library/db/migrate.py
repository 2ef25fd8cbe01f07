"""Schema migrations with Alembic, run at start-up after an online backup of the database.

Each migration runs in its own transaction (SQLite has transactional DDL), so a kill mid-way
leaves the database at the previous revision and the next start simply runs it again.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .engine import Database

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(database: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database is not None:
        config.set_main_option("sqlalchemy.url", str(database.engine.url))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(database: Database, *, target: str = "head", backup_dir: Path | None = None) -> str | None:
    """Bring the schema to ``target``; back the database up first when there is work to do.

    Returns the path of the backup copy, if one was made.
    """
    current = current_revision(database)
    if current == head_revision() and target == "head":
        return None
    backup = None
    if backup_dir is not None and current is not None:
        backup = str(database.backup_to(backup_dir / f"before-{head_revision()}-{int(time.time())}.db"))
        log.info("Backed up the database to %s before migrating from %s", backup, current)
    config = alembic_config(database)
    with database.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        conn.commit()
    log.info("Database schema is at %s", current_revision(database))
    return backup


def downgrade(database: Database, target: str) -> None:
    config = alembic_config(database)
    with database.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, target)
        conn.commit()
