#!/usr/bin/env bash
# Sets up everything Media Library needs on a fresh Debian/Ubuntu machine, idempotently:
#   1. Debian tools (ffmpeg, HandBrakeCLI, MediaInfo, fpcalc, dvdauthor, genisoimage, cdparanoia,
#      flac, Chromium for the browser tests, nginx for the web benchmark) when root and missing;
#   2. a virtualenv in .venv with the package and its test extras;
#   3. the browser app, built with npm into src/media_library/web/static/app when missing.
# Usage: bash scripts/setup.sh [--no-test-deps]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ffmpeg poppler-utils handbrake-cli mediainfo libmediainfo0v5 libchromaprint-tools dvdauthor genisoimage
              cdparanoia flac sqlite3 chromium nginx-light nodejs npm aria2)
EXTRAS="[test]"
[ "${1:-}" = "--no-test-deps" ] && EXTRAS=""

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  # node/npm may come from elsewhere (nvm, the image); only install when the command is absent.
  case "$pkg" in nodejs) command -v node >/dev/null 2>&1 && continue ;; npm) command -v npm >/dev/null 2>&1 && continue ;; esac
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: warning: missing Debian packages (run as root to install): ${missing[*]}" >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)${EXTRAS:+-test}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${EXTRAS}"
  rm -f .venv/.installed-* && touch "$stamp"
fi

if [ -f scripts/build_frontend.sh ]; then
  bash scripts/build_frontend.sh
fi
echo "setup: ready"
