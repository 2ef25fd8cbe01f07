"""The admin commands that need no browser, run as a person would: a separate process each."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from media_library.db.engine import Database, DatabaseOptions
from media_library.models.activity import ActivityFilter
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
    second = json.loads(cli(tmp_path, "user", "create", "bob", "--password-stdin", stdin="copper-kettle-37\n").stdout)
    assert second["role"] == "viewer"  # as Jellyfin: a new account plays, it does not manage the library
    manager = cli(tmp_path, "user", "create", "max", "--role", "manager", "--password-stdin", stdin="quill-garden-64\n")
    assert json.loads(manager.stdout)["role"] == "manager"
    assert [json.loads(line)["username"] for line in cli(tmp_path, "user", "list").stdout.splitlines()] == ["root", "bob", "max"]
    cli(tmp_path, "user", "reset-password", "bob", "--password-stdin", stdin="silver-kettle-38\n")
    state = _state(tmp_path)
    try:
        accounts = AccountService(state, Passwords(1))
        assert accounts.authenticate("bob", "silver-kettle-38").username == "bob"
        recorded = [(e.event, e.address, e.what) for e in state.list_activity(ActivityFilter())]
        assert recorded[0] == ("password_changed", "shell", "user bob was given a new password from the shell")
        assert ("user_created", "shell", "user max (manager), from the shell") in recorded
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


@pytest.mark.slow
def test_reset_password_re_enables_only_when_asked(tmp_path):
    cli(tmp_path, "user", "create", "root", "--password-stdin", stdin="birch-window-52\n")
    cli(tmp_path, "user", "create", "bob", "--password-stdin", stdin="copper-kettle-37\n")
    state = _state(tmp_path)
    try:
        bob, _ = state.get_user_credentials("bob")
        state.update_user(bob.id, disabled=True)
    finally:
        state.close()
    kept = cli(tmp_path, "user", "reset-password", "bob", "--password-stdin", stdin="silver-kettle-38\n")
    assert "disabled" in kept.stdout and "--enable" in kept.stdout  # says how to let them in again
    assert _user(tmp_path, "bob")["disabled"] is True
    enabled = cli(tmp_path, "user", "reset-password", "bob", "--enable", "--password-stdin", stdin="golden-kettle-39\n")
    assert "enabled" in enabled.stdout
    assert _user(tmp_path, "bob")["disabled"] is False
    state = _state(tmp_path)
    try:
        assert AccountService(state, Passwords(1)).authenticate("bob", "golden-kettle-39").username == "bob"
    finally:
        state.close()


def _user(tmp_path, name: str) -> dict:
    users = [json.loads(line) for line in cli(tmp_path, "user", "list").stdout.splitlines()]
    return next(u for u in users if u["username"] == name)


@pytest.mark.slow
def test_user_list_on_an_empty_data_folder_says_so_and_where(tmp_path):
    done = cli(tmp_path, "user", "list")
    assert done.stdout == ""  # stdout stays one JSON user a line, for scripts
    assert "no users yet" in done.stderr and str(tmp_path / "data") in done.stderr
    assert "user create" in done.stderr


@pytest.mark.slow
def test_jobs_list_with_an_unknown_status_is_a_usage_error(tmp_path):
    done = cli(tmp_path, "jobs", "list", "--status", "bogus", check=False)
    assert done.returncode == 2
    for status in ("queued", "running", "done", "failed", "cancelled", "interrupted"):
        assert status in done.stderr


@pytest.mark.slow
def test_jobs_list_into_a_reader_that_stops_early_exits_quietly(tmp_path):
    cli(tmp_path, "db", "migrate")
    state = _state(tmp_path)
    try:
        for n in range(3000):  # far more than a pipe buffer holds
            state.add_job("system.check", {"n": n, "padding": "x" * 40})
    finally:
        state.close()
    env = {**os.environ, "ML_PATHS__DATA_DIR": str(tmp_path / "data"), "ML_PATHS__MEDIA_DIR": str(tmp_path / "media"),
           "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}
    reader = subprocess.Popen([sys.executable, "-m", "media_library.cli.main", "jobs", "list", "--limit", "3000"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    with reader:
        assert json.loads(reader.stdout.readline())["kind"] == "system.check"  # like `| head -1`
        reader.stdout.close()
        stderr = reader.stderr.read().decode()
        assert reader.wait(timeout=120) == 128 + signal.SIGPIPE  # what a shell shows for `ls | head`
    assert stderr == ""
