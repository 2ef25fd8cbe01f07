"""``media-library ytdlp``: the version the app runs, and the update that targets the same environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yt_dlp.version

from media_library.tools import ytdlp

CLI = Path(sys.executable).with_name("media-library")


def test_version_is_the_one_the_app_runs():
    done = subprocess.run([str(CLI), "ytdlp", "version"], capture_output=True, text=True, timeout=120, check=True)  # noqa: S603
    assert done.stdout.strip() == yt_dlp.version.__version__


def test_update_upgrades_with_pip_in_the_apps_own_environment():
    argv = ytdlp.update_argv()
    assert argv[0] == sys.executable == ytdlp.command()[0]
    assert argv[1:5] == ["-m", "pip", "install", "--upgrade"] and argv[-1] == "yt-dlp"
