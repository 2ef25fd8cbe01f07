"""Settings: sources and precedence, and a table of bad configs that each exit 2 naming the key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from media_library import config
from media_library.config import ConfigError, env_name, setting_keys
from media_library.services.discs.settings import DiscSettings
from media_library.sources import load_settings, settings_sections

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_run_with_no_config_at_all(tmp_path):
    settings = load_settings(None, environ={}, overrides={"paths.data_dir": str(tmp_path / "d")})
    assert settings.server.port == 8420
    assert settings.media_dir == tmp_path / "d" / "media"
    assert settings.db_path == tmp_path / "d" / "media-library.db"
    assert settings.media_dir.is_dir()


def test_file_interpolation_environment_and_overrides_in_that_order(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({
        "server": {"port": "${PORT:-9000}", "host": "${HOST:-0.0.0.0}"},
        "tmdb": {"language": "de-DE"},
        "paths": {"data_dir": str(tmp_path / "data")},
    }))
    env = {"PORT": "9100", "ML_TMDB__LANGUAGE": "fr-FR", "ML_JOBS__CONCURRENCY": '{"rip": 2}'}
    settings = load_settings(config, environ=env, overrides={"server.host": "127.0.0.2"})
    assert settings.server.port == 9100          # ${PORT} from the environment
    assert settings.tmdb.language == "fr-FR"     # ML_ variable beats the file
    assert settings.server.host == "127.0.0.2"   # a flag beats both
    assert settings.jobs.concurrency == {"rip": 2}


def test_every_setting_has_an_environment_variable_by_one_rule():
    assert env_name("tmdb.base_url") == "ML_TMDB__BASE_URL"
    assert all(env_name(k).startswith("ML_") and "." not in env_name(k) for k in setting_keys(settings_sections()))


def test_settings_are_frozen(tmp_path):
    settings = load_settings(None, environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with pytest.raises(AttributeError):
        settings.server.port = 1  # type: ignore[misc]


BAD_CONFIGS = [
    ({"server": {"prot": 1}}, {}, "server.prot"),
    ({"server": {"port": "abc"}}, {}, "server.port"),
    ({"server": {"port": 70000}}, {}, "server.port"),
    ({"jobs": {"workers": 0}}, {}, "jobs.workers"),
    ({"jobs": {"concurrency": ["rip"]}}, {}, "jobs.concurrency"),
    ({"scheduler": {"enabled": "maybe"}}, {}, "scheduler.enabled"),
    ({"tmdb": {"base_url": "ftp://x"}}, {}, "tmdb.base_url"),
    ({"server": {"trusted_proxies": [1, 2]}}, {}, "server.trusted_proxies"),
    ({"nosuch": {}}, {}, "nosuch"),
    ({"log": "INFO"}, {}, "log"),
    ({}, {"ML_SERVER__PROT": "1"}, "ML_SERVER__PROT"),
    ({}, {"ML_DATABASE__SYNCHRONOUS": "SOMETIMES"}, "database.synchronous"),
]


@pytest.mark.parametrize(("config", "env", "key"), BAD_CONFIGS)
def test_bad_config_raises_naming_the_key(tmp_path, config, env, key):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={**env, "ML_PATHS__DATA_DIR": str(tmp_path / "d")})
    assert key in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(("config", "env", "key"), [BAD_CONFIGS[0], BAD_CONFIGS[1], BAD_CONFIGS[10]])
def test_bad_config_exits_2_with_one_line(tmp_path, config, env, key):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--config", str(path), "--data-dir", str(tmp_path / "d"), "--mode", "worker"],
        capture_output=True, text=True, timeout=60, env={**env, "PATH": "/usr/bin:/bin"}, cwd=tmp_path,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and key in lines[0], done.stderr


def test_unwritable_data_dir_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(blocker / "sub"), "--mode", "worker"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "paths.data_dir" in done.stderr


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "config.json"
    path.write_text('{"server": {"port": 1,}}')
    with pytest.raises(ConfigError, match="line 1"):
        load_settings(path, environ={})


def test_every_setting_is_documented():
    doc = (ROOT / "docs" / "CONFIG.md").read_text()
    documented = {line.split("`")[1] for line in doc.splitlines() if line.startswith("| `")}
    assert documented == set(setting_keys(settings_sections())), {
        "missing from docs/CONFIG.md": sorted(set(setting_keys(settings_sections())) - documented),
        "documented but not a setting": sorted(documented - set(setting_keys(settings_sections()))),
    }


def test_shipped_config_json_loads(tmp_path):
    settings = load_settings(ROOT / "config.json", environ={"ML_PATHS__DATA_DIR": str(tmp_path)})
    assert settings.server.port > 0


def test_a_source_contributes_its_own_section(tmp_path):
    settings = load_settings(None, environ={"ML_DISC__POLL_SECONDS": "1.5"}, overrides={"paths.data_dir": str(tmp_path)})
    assert isinstance(settings.disc, DiscSettings) and settings.disc.poll_seconds == 1.5
    assert "disc.poll_seconds" in [key for key, _, _ in config.iter_settings(settings)]
    with pytest.raises(ConfigError, match="disc.poll_seconds.*between 0 and 5"):  # the section's own checks()
        load_settings(None, environ={"ML_DISC__POLL_SECONDS": "9"}, overrides={"paths.data_dir": str(tmp_path)})
    core_only = config.load_settings(None, environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with pytest.raises(AttributeError, match="registered in media_library/sources"):
        core_only.disc  # noqa: B018 - the access is the test
    with pytest.raises(ConfigError, match="ML_DISC__POLL_SECONDS is not a setting"):
        config.load_settings(None, environ={"ML_DISC__POLL_SECONDS": "1"}, overrides={"paths.data_dir": str(tmp_path)})
