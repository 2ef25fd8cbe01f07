"""The admin commands that need no browser, run as a person would: a separate process each."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from media_library.db.engine import Database, DatabaseOptions
from media_library.services.auth import AccountService, Passwords
from media_library.state import AppState


def cli(tmp_path, *args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "ML_PATHS__DATA_DIR": str(tmp_path / "data"), "ML_PATHS__MEDIA_DIR": str(tmp_path / "media"),
           "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}
    done = subprocess.run([sys.executable, "-m", "media_library.cli.main", *args], input=stdin, env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _state(tmp_path) -> AppState:
    return AppState(Database(DatabaseOptions(path=tmp_path / "data" / "media-library.db")))


@pytest.mark.slow
def test_users_from_the_command_line(tmp_path):
    first = json.loads(cli(tmp_path, "user", "create", "Root", "--password-stdin", stdin="first-password\n").stdout)
    assert first["role"] == "admin" and first["username"] == "root"  # the first user is the admin
    second = json.loads(cli(tmp_path, "user", "create", "bob", "--password-stdin", stdin="bob-password\n").stdout)
    assert second["role"] == "user"
    assert [json.loads(line)["username"] for line in cli(tmp_path, "user", "list").stdout.splitlines()] == ["root", "bob"]
    cli(tmp_path, "user", "reset-password", "bob", "--password-stdin", stdin="new-bob-password\n")
    state = _state(tmp_path)
    try:
        accounts = AccountService(state, Passwords(1))
        assert accounts.authenticate("bob", "new-bob-password").username == "bob"
    finally:
        state.close()
    short = cli(tmp_path, "user", "create", "eve", "--password-stdin", stdin="short\n", check=False)
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    missing = cli(tmp_path, "user", "reset-password", "nobody", "--password-stdin", stdin="whatever-pass\n", check=False)
    assert missing.returncode == 1 and "nobody" in missing.stderr


@pytest.mark.slow
def test_jobs_and_migrations_from_the_command_line(tmp_path):
    assert "up to date" in cli(tmp_path, "db", "migrate").stdout
    job = json.loads(cli(tmp_path, "jobs", "add", "system.check").stdout)
    cancelled = json.loads(cli(tmp_path, "jobs", "cancel", str(job["id"])).stdout)
    assert cancelled["status"] == "cancelled"
    retried = json.loads(cli(tmp_path, "jobs", "retry", str(job["id"])).stdout)
    assert retried["status"] == "queued"
    listed = [json.loads(line) for line in cli(tmp_path, "jobs", "list", "--status", "queued").stdout.splitlines()]
    assert [j["id"] for j in listed] == [job["id"]]
    unknown = cli(tmp_path, "jobs", "add", "no.such.kind", check=False)
    assert unknown.returncode == 1 and "unknown job kind" in unknown.stderr
    bad = cli(tmp_path, "jobs", "add", "system.check", "--payload", "{not json", check=False)
    assert bad.returncode == 2 and "--payload is not JSON" in bad.stderr  # bad usage
