#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and starts Media Library on its embedded defaults:
# SQLite and all data under ~/MediaLibrary, web app on http://127.0.0.1:8420.
# Extra arguments go to main.py, e.g. `bash scripts/run.sh --mode server --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-test-deps
exec .venv/bin/python main.py --mode full "$@"
