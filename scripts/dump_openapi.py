"""Write the API's OpenAPI document to frontend/openapi.json without running a server.

Usage: .venv/bin/python scripts/dump_openapi.py [--out PATH]
Then:  npm --prefix frontend run gen:api   (writes frontend/src/lib/api.gen.ts from it)

The app is built on a throwaway data folder (nothing is started, nothing listens), so the document
is exactly what ``GET /api/openapi.json`` answers. ``render()`` is what the docs tests compare the
generated TypeScript against.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from media_library.runtime import Runtime  # noqa: E402
from media_library.sources import load_settings  # noqa: E402
from media_library.web.app import create_app  # noqa: E402
from media_library.web.openapi import build_document, collect_specs  # noqa: E402

DEFAULT_OUT = ROOT / "frontend" / "openapi.json"


def document() -> dict:
    with tempfile.TemporaryDirectory(prefix="ml-openapi-") as folder:
        settings = load_settings(None, environ={}, overrides={
            "paths.data_dir": folder, "scheduler.enabled": False, "auth.setup_code": "not-used",
            "database.backup_before_migrate": False})
        runtime = Runtime.build(settings, "server")
        try:
            app = create_app(runtime)
            try:
                return build_document(collect_specs(app))
            finally:
                app.extensions["media_library_unsubscribe"]()
        finally:
            runtime.stop()


def render(described: dict | None = None) -> str:
    """The document as written to openapi.json (``described``: one already built)."""
    return json.dumps(document() if described is None else described, indent=2) + "\n"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    out = parser.parse_args().out
    logging.getLogger("media_library").setLevel(logging.ERROR)  # not "setup is pending": no server runs
    text = render()
    out.write_text(text)
    print(f"wrote {out} (sha256 {digest(text)})")


if __name__ == "__main__":
    main()
