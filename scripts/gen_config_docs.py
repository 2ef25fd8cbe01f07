"""Regenerate docs/CONFIG.md from the settings dataclasses (run after adding a setting).

Usage: .venv/bin/python scripts/gen_config_docs.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from media_library.config import env_name, iter_settings  # noqa: E402
from media_library.sources import default_settings  # noqa: E402

HEADER = """# Configuration

Media Library runs with no configuration at all: everything lives under `~/MediaLibrary`
(database, logs, caches, and the library in `media/`). To change a setting, use any of these,
later ones winning:

1. `config.json` (the one in the working folder, or `--config PATH`). Values may use
   `${VAR}` or `${VAR:-default}` to read the environment. Keys starting with `_` are comments.
2. A `.env` file in the working folder (loaded with python-dotenv; it never overrides the
   real environment).
3. Environment variables: every setting `section.key` is `ML_SECTION__KEY`, e.g.
   `tmdb.base_url` → `ML_TMDB__BASE_URL`. Lists may be comma-separated; objects are JSON.
4. Command-line flags: `--data-dir`, `--log-level`, and for `serve` `--host`, `--port`, `--mode`.

An unknown key, a value of the wrong type or a folder that cannot be written stops the program
with exit status 2 and one line naming the setting and the fix. Settings marked *secret* are
never logged, never shown by the API and never written into exported files.

| setting | environment variable | default | meaning |
|---|---|---|---|
"""


def render() -> str:
    rows = []
    for key, value, meta in iter_settings(default_settings()):
        default = json.dumps(value) if not isinstance(value, str) else (f"`{value}`" if value else "(empty)")
        if not isinstance(value, str):
            default = f"`{default}`"
        secret = " *(secret)*" if meta.get("secret") else ""
        rows.append(f"| `{key}` | `{env_name(key)}` | {default} | {meta['doc'].replace('|', '/')}{secret} |")
    return HEADER + "\n".join(rows) + "\n"


def main() -> None:
    (ROOT / "docs" / "CONFIG.md").write_text(render())


if __name__ == "__main__":
    main()
