#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite: lint, then every test
# (unit, real tools, real server, real browser) in parallel on the machine's cores.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/jobs -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
mkdir -p artifacts
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" -p no:cacheprovider "$@"
