"""``media-library monitor install|uninstall``: the launchd agent is a valid plist that runs the
monitor with the token read from an owner-only file, never from the command line."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys

import pytest

from media_library.cli.main import main
from media_library.clients.http import HttpClient
from media_library.clients.server_api import ServerApi
from media_library.errors import ConfigError
from media_library.sources import load_settings

TOKEN = "ml_monitor_secret_token_value"


@pytest.fixture
def token_file(tmp_path):
    path = tmp_path / "monitor.token"
    path.write_text(TOKEN + "\n")
    path.chmod(0o600)
    return path


def _install(tmp_path, token_file, *extra):
    (tmp_path / "media").mkdir(exist_ok=True)
    return main(["monitor", "install", "--server", "http://127.0.0.1:8420/", "--token-file", str(token_file),
                 "--media-dir", str(tmp_path / "media"),
                 "--agents-dir", str(tmp_path / "LaunchAgents"), "--logs-dir", str(tmp_path / "Logs"), *extra])


def test_install_writes_a_launch_agent_that_runs_the_monitor(tmp_path, token_file, capsys):
    assert _install(tmp_path, token_file) == 0
    plist_path = tmp_path / "LaunchAgents" / "org.medialibrary.monitor.plist"
    agent = plistlib.loads(plist_path.read_bytes())
    assert agent["Label"] == "org.medialibrary.monitor"
    assert agent["ProgramArguments"] == [sys.executable, "-m", "media_library.cli.main", "serve", "--mode", "monitor"]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] is True
    assert agent["StandardOutPath"] == str(tmp_path / "Logs" / "monitor.log")
    assert (tmp_path / "Logs").is_dir()
    env = agent["EnvironmentVariables"]
    assert env["ML_DISC__SERVER_URL"] == "http://127.0.0.1:8420"
    assert env["ML_DISC__API_TOKEN_FILE"] == str(token_file.resolve())
    assert env["ML_PATHS__MEDIA_DIR"] == str((tmp_path / "media").resolve())
    assert "/opt/homebrew/bin" in env["PATH"].split(":")  # HandBrakeCLI from Homebrew is found under launchd
    assert TOKEN not in plist_path.read_text()
    assert TOKEN not in " ".join(agent["ProgramArguments"])
    assert "launchctl" in capsys.readouterr().out  # no launchctl here: it says how to load it


def test_the_agents_program_starts_and_reads_its_token_file(tmp_path, token_file):
    """The exact argv and environment launchd would use start the CLI (``--help`` of serve)."""
    _install(tmp_path, token_file)
    agent = plistlib.loads((tmp_path / "LaunchAgents" / "org.medialibrary.monitor.plist").read_bytes())
    argv = agent["ProgramArguments"][:4] + ["--help"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, **agent["EnvironmentVariables"]})
    assert done.returncode == 0 and "--mode" in done.stdout
    settings = load_settings(None, environ={**agent["EnvironmentVariables"], "ML_PATHS__DATA_DIR": str(tmp_path / "d")})
    api = ServerApi.from_settings(settings, HttpClient())
    assert api.token == TOKEN and api.base_url == "http://127.0.0.1:8420"


def test_a_token_file_others_may_read_is_refused(tmp_path, token_file, capsys):
    token_file.chmod(0o644)
    assert _install(tmp_path, token_file) == 2
    assert "chmod 600" in capsys.readouterr().err
    assert not (tmp_path / "LaunchAgents" / "org.medialibrary.monitor.plist").exists()
    settings = load_settings(None, environ={"ML_DISC__SERVER_URL": "http://127.0.0.1:1", "ML_PATHS__DATA_DIR": str(tmp_path / "d"),
                                            "ML_DISC__API_TOKEN_FILE": str(token_file)})
    with pytest.raises(ConfigError, match="chmod 600"):
        ServerApi.from_settings(settings, HttpClient())


def test_a_server_url_with_credentials_is_refused(tmp_path, token_file, capsys):
    status = main(["monitor", "install", "--server", "http://user:pw@host:8420", "--token-file", str(token_file), "--media-dir", str(tmp_path),
                   "--agents-dir", str(tmp_path / "A"), "--logs-dir", str(tmp_path / "L")])
    assert status == 1 and "--token-file" in capsys.readouterr().err


def test_uninstall_removes_the_agent(tmp_path, token_file, capsys):
    _install(tmp_path, token_file)
    plist_path = tmp_path / "LaunchAgents" / "org.medialibrary.monitor.plist"
    assert plist_path.exists()
    assert main(["monitor", "uninstall", "--agents-dir", str(tmp_path / "LaunchAgents"), "--logs-dir", str(tmp_path / "Logs")]) == 0
    assert not plist_path.exists()
    assert "removed" in capsys.readouterr().out
