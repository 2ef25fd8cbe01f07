#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: lint, the browser app's
# unit tests, then every Python test (unit, real tools, real server, real browser) in parallel.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/jobs -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
npm --prefix frontend test --silent
mkdir -p artifacts
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" -p no:cacheprovider "$@"
