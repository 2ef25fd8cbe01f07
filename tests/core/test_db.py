"""The database layer: migrations, pragmas, WAL refusal on network filesystems, no leaked handles."""

from __future__ import annotations

import os
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from media_library.db import migrate
from media_library.db.engine import Database, DatabaseOptions
from media_library.db.schema import is_managed_table, metadata
from media_library.db.sqlite import filesystem_type, wal_supported
from media_library.sources import tables as source_tables
from media_library.state import AppState


def _db(tmp_path, **kwargs) -> Database:
    return Database(DatabaseOptions(path=tmp_path / "t.db"), **kwargs)


def test_migrated_schema_matches_the_table_definitions(tmp_path):
    assert source_tables() and all(table.metadata is metadata for table in source_tables())  # sources' tables included
    db = _db(tmp_path)
    migrate.upgrade(db)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "include_object": lambda obj, name, type_, *_: type_ != "table" or is_managed_table(name)})
        diff = compare_metadata(context, metadata)
    assert diff == []
    db.close()


def test_one_head_and_upgrade_from_every_revision(tmp_path):
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    revisions = [r.revision for r in script.walk_revisions()][::-1]  # oldest first
    for n, revision in enumerate(revisions):
        db = Database(DatabaseOptions(path=tmp_path / f"from-{n}.db"))
        migrate.upgrade(db, target=revision)
        assert migrate.current_revision(db) == revision
        migrate.upgrade(db, backup_dir=tmp_path / "backups")
        assert migrate.current_revision(db) == migrate.head_revision()
        db.close()


def test_downgrade_to_empty_and_back(tmp_path):
    db = _db(tmp_path)
    migrate.upgrade(db)
    migrate.downgrade(db, "base")
    assert migrate.current_revision(db) is None
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.close()


def test_backup_is_taken_before_a_pending_migration(tmp_path):
    db = _db(tmp_path)
    revisions = [r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()]
    if len(revisions) < 2:
        migrate.upgrade(db)
        state = AppState(db)
        state.add_job("x", {})
        # Pretend an older version: the backup path is exercised by upgrade-from-revision above.
        assert migrate.upgrade(db, backup_dir=tmp_path / "b") is None
        db.close()
        return
    migrate.upgrade(db, target=revisions[-1])
    backup = migrate.upgrade(db, backup_dir=tmp_path / "b")
    assert backup and sqlite3.connect(backup).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_pragmas(tmp_path):
    db = _db(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    db.close()


@pytest.mark.parametrize("fs", ["nfs", "nfs4", "cifs", "smb3", "9p", "virtiofs", "fuse.sshfs", "fuse"])
def test_wal_is_refused_on_network_and_virtual_filesystems(tmp_path, fs, caplog):
    assert not wal_supported(fs)
    db = _db(tmp_path, fs_type=fs)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    assert "rollback journal" in caplog.text
    db.close()


def test_filesystem_type_reads_the_longest_mount(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda / ext4 rw 0 0\nserver:/export /mnt/nas nfs4 rw 0 0\n")
    assert filesystem_type(tmp_path, str(mounts)) == "ext4"
    assert filesystem_type("/mnt/nas/db", str(mounts)) == "nfs4"
    assert wal_supported("ext4") and wal_supported(None)


def test_opening_and_closing_in_a_loop_leaks_no_file_descriptors(tmp_path):
    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    db = _db(tmp_path)
    migrate.upgrade(db)
    db.close()
    before = open_fds()
    for _ in range(30):
        state = AppState(Database(DatabaseOptions(path=tmp_path / "t.db")))
        state.add_job("x", {})
        state.list_jobs()
        state.close()
    assert open_fds() <= before + 2


def test_write_transactions_take_the_lock_first(tmp_path):
    """A read-then-write inside write() never fails with 'database is locked' under contention."""
    import threading

    db = _db(tmp_path)
    migrate.upgrade(db)
    state = AppState(db)
    errors = []

    def add_many():
        try:
            for n in range(100):
                state.add_job("x", {}, idempotency_key=f"{threading.get_ident()}-{n}")
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add_many) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    newest = state.list_jobs(status="queued", limit=500)
    older = state.list_jobs(status="queued", before_id=newest[-1].id, limit=500)
    assert len(newest) + len(older) == 800
    db.close()


def test_executemany_binds_rows_in_any_column_order_inside_the_transaction(tmp_path):
    from sqlalchemy import Column, Integer, MetaData, Table, Text, select

    db = _db(tmp_path)
    items = Table("items", MetaData(), Column("id", Integer, primary_key=True), Column("name", Text), Column("note", Text))
    items.create(db.engine)
    statement = db.prepare(items.insert())
    with db.write(bulk=True) as conn:
        db.executemany(conn, statement, ("note", "id", "name"), [("a note", 1, "one"), (None, 2, "two")])
        db.executemany(conn, statement, ("id", "name", "note"), [])
    with pytest.raises(RuntimeError), db.write() as conn:  # rolled back with its transaction
        db.executemany(conn, statement, ("id", "name", "note"), [(3, "three", None)])
        raise RuntimeError("undo")
    with db.read() as conn:
        assert conn.execute(select(items).order_by(items.c.id)).all() == [(1, "one", "a note"), (2, "two", None)]
        assert conn.connection.driver_connection.execute("PRAGMA cache_size").fetchone()[0] == -2000  # put back
    db.close()
