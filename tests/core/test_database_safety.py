"""A database that lost its WAL is refused, not reopened as a fresh install; verified backups are
kept N deep, scheduled, and restored with ``media-library db backup|restore`` (never under a
running server)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from media_library.cli.main import main
from media_library.db.sentinel import DataSentinel
from media_library.errors import DatabaseEmptied, DatabaseInUse
from media_library.models.job_payloads import DATABASE_BACKUP
from media_library.services.backups import SCHEDULE_NAME, backups_for
from tests.conftest import build_runtime, make_settings

# Builds the daemon's runtime, creates the first admin, and dies without closing the database,
# as a kill -9 would: the data is in the WAL only.
DIE_AFTER_SETUP = textwrap.dedent("""
    import os, sys
    from media_library.runtime import Runtime
    from media_library.sources import load_settings
    settings = load_settings(None, environ={}, overrides={"paths.data_dir": sys.argv[1],
                             "database.backup_before_migrate": False, "scheduler.enabled": False})
    runtime = Runtime.build(settings, "worker")
    if sys.argv[2] == "checkpoint":
        runtime.db.checkpoint()  # the schema reaches the main file; the account stays in the WAL
    runtime.state.add_first_admin("admin", "not-a-real-hash")
    os._exit(0)
""")


def _die_after_setup(settings, checkpoint: bool) -> None:
    subprocess.run([sys.executable, "-c", DIE_AFTER_SETUP, str(settings.data_dir), "checkpoint" if checkpoint else "-"],
                   check=True, timeout=120)


def _lose_the_wal(settings) -> None:
    wal = settings.db_path.with_name(settings.db_path.name + "-wal")
    assert wal.stat().st_size > 0, "the data should still be in the WAL"
    wal.unlink()
    settings.db_path.with_name(settings.db_path.name + "-shm").unlink(missing_ok=True)


def _cli(settings, *args: str) -> int:
    return main(["--data-dir", str(settings.data_dir), *args])


@pytest.mark.parametrize("checkpoint", [False, True], ids=["schema-in-wal", "schema-checkpointed"])
def test_a_database_that_lost_its_wal_is_refused_with_the_way_out(tmp_path, checkpoint, capsys):
    settings = make_settings(tmp_path)
    _die_after_setup(settings, checkpoint)
    assert DataSentinel(settings.db_path).recorded()
    _lose_the_wal(settings)
    with pytest.raises(DatabaseEmptied) as refused:
        build_runtime(settings)
    message = refused.value.message
    assert "-wal" in message and "media-library db restore" in message and DataSentinel(settings.db_path).path.name in message
    assert _cli(settings, "user", "list") == 1  # the CLI says the same and builds nothing
    assert "Refusing to start" in capsys.readouterr().err
    with sqlite3.connect(settings.db_path) as conn:  # nothing was created in the empty file
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "users" not in tables or checkpoint


def test_starting_afresh_on_purpose_is_deleting_the_sentinel(tmp_path):
    settings = make_settings(tmp_path)
    _die_after_setup(settings, checkpoint=False)
    _lose_the_wal(settings)
    DataSentinel(settings.db_path).clear()
    runtime = build_runtime(settings)
    try:
        assert runtime.state.count_users() == 0
    finally:
        runtime.stop()


def test_an_install_from_before_the_sentinel_gets_one_at_start(runtime, settings):
    runtime.state.add_first_admin("admin", "hash")
    DataSentinel(settings.db_path).clear()
    runtime.stop()
    again = build_runtime(settings)
    again.stop()
    assert DataSentinel(settings.db_path).recorded()


def test_backups_are_verified_and_kept_n_deep(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ML_DATABASE__BACKUPS_KEPT", "2")  # for the CLI, which reads the environment
    settings = make_settings(tmp_path, **{"database.backups_kept": 2})
    runtime = build_runtime(settings)
    runtime.state.add_first_admin("admin", "hash")
    try:
        for _ in range(3):
            assert _cli(settings, "db", "backup") == 0  # online: the runtime above keeps the database open
        backups = backups_for(settings, runtime.db)
        kept = backups.list()
        assert len(kept) == 2 and all(runtime.db.check_copy(p) is None for p in kept)
        assert "backed up the database to" in capsys.readouterr().out
        assert not list(backups.folder.glob(".*partial"))
        with sqlite3.connect(kept[0]) as conn:
            assert conn.execute("SELECT username FROM users").fetchall() == [("admin",)]
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        runtime.stop()


def test_a_damaged_copy_fails_its_check(runtime, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\0" + b"\x07" * 8192)
    assert "not a Media Library database" in runtime.db.check_copy(damaged) or "damaged" in runtime.db.check_copy(damaged)
    assert "not a file" in runtime.db.check_copy(tmp_path / "missing.db")


def test_restore_refuses_while_the_database_is_in_use_then_brings_the_data_back(tmp_path, capsys):
    settings = make_settings(tmp_path)
    _die_after_setup(settings, checkpoint=False)
    runtime = build_runtime(settings)  # a clean open folds the WAL in; then back it up
    assert _cli(settings, "db", "backup") == 0
    assert _cli(settings, "db", "restore", "--latest") == 1  # the "server" is still running
    assert "stop the server" in capsys.readouterr().err
    with pytest.raises(DatabaseInUse):
        backups_for(settings, runtime.db).restore(backups_for(settings, runtime.db).list()[0])
    runtime.stop()

    later = build_runtime(settings)  # a change after the backup, which the restore takes back
    later.state.add_user("bob", "hash")
    later.stop()

    assert _cli(settings, "db", "restore", "--latest") == 0
    out = capsys.readouterr().out
    assert "restored the database from" in out and "before-restore-" in out
    assert list(settings.db_path.parent.glob("media-library.db.before-restore-*"))
    restored = build_runtime(settings)
    try:
        assert [u.username for u in restored.state.list_users()] == ["admin"]
        assert DataSentinel(settings.db_path).recorded()
    finally:
        restored.stop()


def test_a_server_cannot_start_during_a_restore(tmp_path):
    settings = make_settings(tmp_path)
    from media_library.db.sentinel import DatabaseLock

    lock = DatabaseLock(settings.db_path).hold_exclusive()
    try:
        with pytest.raises(DatabaseInUse, match="restore of the database is under way"):
            build_runtime(settings)
    finally:
        lock.release()


def test_restore_refuses_a_file_that_is_not_a_sound_backup(runtime, settings, tmp_path, capsys):
    runtime.stop()
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database")
    assert _cli(settings, "db", "restore", str(bogus)) == 1
    assert "not restoring" in capsys.readouterr().err
    assert _cli(settings, "db", "restore", "--latest") == 1
    assert "no backups in" in capsys.readouterr().err


def test_backups_run_on_a_schedule_as_a_job(tmp_path):
    settings = make_settings(tmp_path, **{"database.backup_schedule": "daily 03:30"})
    runtime = build_runtime(settings)
    try:
        schedule = {s.name: s for s in runtime.state.list_schedules()}[SCHEDULE_NAME]
        assert schedule.kind == DATABASE_BACKUP and schedule.expression == "daily 03:30"
        job, _ = runtime.jobs.enqueue(DATABASE_BACKUP, {})
        assert runtime.pool.run_once()
        done = runtime.state.get_job(job.id)
        assert done.status == "done", done.error
        assert (settings.data_dir / "backups" / done.result["backup"]).is_file()
    finally:
        runtime.stop()
    off = build_runtime(make_settings(tmp_path, **{"database.backup_schedule": ""}))
    try:
        assert SCHEDULE_NAME not in {s.name for s in off.state.list_schedules()}
    finally:
        off.stop()
