"""The deployment files, read as the tools that use them would (no container engine runs here):
docker-compose.yml parsed as YAML, the Dockerfile's stages, .env.example, the shell scripts
(``bash -n`` and ShellCheck), and the built package carrying the browser app."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from media_library.config import env_name, setting_keys
from media_library.sources import settings_sections

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "scripts").glob("*.sh")) + [ROOT / ".ci" / "run"]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _stages(dockerfile: str) -> dict[str, list[str]]:
    """Instruction lines (continuations joined) per stage, keyed by the stage's name."""
    text = re.sub(r"\\\n", " ", dockerfile)
    stages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            current = line.split()[-1] if " AS " in line.upper() else f"stage{len(stages)}"
            stages[current] = [line]
        elif current is not None:
            stages[current].append(line)
    return stages


def test_the_server_service(compose):
    server = compose["services"]["media-library"]
    assert server["restart"] == "unless-stopped"
    assert server["user"] == "${PUID:-1000}:${PGID:-1000}"
    assert server["build"]["args"]["PUID"] == "${PUID:-1000}" and server["build"]["args"]["PGID"] == "${PGID:-1000}"
    targets = {volume.rsplit(":", 1)[1] for volume in server["volumes"]}
    assert targets == {"/data", "/media"}
    assert "TZ" in server["environment"]
    assert "api/health" in " ".join(server["healthcheck"]["test"])
    assert server["ports"] == ["${BIND_ADDRESS:-127.0.0.1}:${PORT:-8420}:8420"]


def test_the_tunnel_is_optional_and_the_only_trusted_proxy(compose):
    tunnel = compose["services"]["cloudflared"]
    server = compose["services"]["media-library"]
    assert tunnel["profiles"] == ["tunnel"]
    assert tunnel["depends_on"]["media-library"]["condition"] == "service_healthy"
    assert "run" in tunnel["command"] and "TUNNEL_TOKEN" in tunnel["environment"]
    assert tunnel["networks"]["media"]["ipv4_address"] == server["environment"]["ML_SERVER__TRUSTED_PROXIES"]
    assert "ML_SERVER__PUBLIC_BASE_URL" in server["environment"]
    assert set(server["networks"]) == set(tunnel["networks"]) == {"media"}


def test_every_setting_the_compose_file_sets_exists(compose):
    known = {env_name(key) for key in setting_keys(settings_sections())}
    for service in compose["services"].values():
        for name in service.get("environment", {}):
            assert not name.startswith("ML_") or name in known, name


def test_every_variable_is_in_env_example():
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", (ROOT / "docker-compose.yml").read_text()))
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used and used <= listed, used - listed


def test_the_image_builds_the_app_in_node_and_runs_without_it():
    stages = _stages((ROOT / "Dockerfile").read_text())
    assert len(stages) >= 2
    (build_name, build), (_, runtime) = list(stages.items())[0], list(stages.items())[-1]
    assert build[0].startswith("FROM node:") and any("npm" in line and "run build" in line for line in build)
    runtime_text = "\n".join(runtime)
    assert runtime[0].startswith("FROM ${PYTHON_IMAGE}")
    assert not re.search(r"\b(nodejs|npm)\b", runtime_text), "the runtime stage must not carry Node"
    assert f"COPY --from={build_name}" in runtime_text
    assert re.search(r"RUN pip install [^\n]*\s\.(\s|$)", runtime_text)
    assert "site-packages" not in runtime_text
    user = next(line for line in runtime if line.startswith("USER "))
    assert user.split()[1] not in ("root", "0", "0:0")
    assert "${PUID}" in user
    for label in ("org.opencontainers.image.version", "org.opencontainers.image.source"):
        assert label in runtime_text
    assert any(line.startswith("HEALTHCHECK") and "api/health" in line for line in runtime)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_scripts_parse_and_are_shellcheck_clean(script):
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True, timeout=30).returncode == 0
    shellcheck = Path(sys.executable).parent / "shellcheck"
    done = subprocess.run([str(shellcheck), "-x", str(script)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stdout


def test_the_package_carries_the_built_app(tmp_path):
    """``pip install .`` (what the image runs) puts the browser app inside the package."""
    assert (ROOT / "src/media_library/web/static/app/index.html").is_file(), "build the app first (scripts/setup.sh)"
    had_build_dir = (ROOT / "build").exists()
    try:
        _build_wheel(tmp_path)
    finally:
        if not had_build_dir:  # setuptools builds in <root>/build; leave the checkout as it was
            shutil.rmtree(ROOT / "build", ignore_errors=True)
    wheel = next(tmp_path.glob("media_library-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "media_library/web/static/app/index.html" in names
    assert any(name.startswith("media_library/web/static/app/assets/") and name.endswith(".js") for name in names)
    assert "media_library/db/migrations/versions/0001_initial_schema.py" in names


def _build_wheel(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
