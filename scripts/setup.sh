#!/usr/bin/env bash
# Sets up everything Media Library needs, idempotently:
#   1. the system tools: on Debian/Ubuntu (as root) ffmpeg, HandBrakeCLI, MediaInfo, fpcalc,
#      dvdauthor, genisoimage, cdparanoia, flac, Chromium for the browser tests, nginx and aria2
#      for the benchmarks; on macOS the Homebrew formulas handbrake, ffmpeg, media-info,
#      chromaprint, python@3.11 and node (installed when brew is there, named when it is not);
#   2. a virtualenv in .venv with the package and its test extras;
#   3. the browser app, built with npm into src/media_library/web/static/app when missing.
# Usage: bash scripts/setup.sh [--no-test-deps]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ffmpeg poppler-utils handbrake-cli mediainfo libmediainfo0v5 libchromaprint-tools dvdauthor genisoimage
              cdparanoia flac sqlite3 chromium nginx-light aria2 nodejs npm)
BREW_FORMULAS=(handbrake ffmpeg media-info chromaprint python@3.11 node poppler)
EXTRAS="[test]"
[ "${1:-}" = "--no-test-deps" ] && EXTRAS=""

install_debian_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    # node/npm may come from elsewhere (nvm, the image); only install when the command is absent.
    case "$pkg" in nodejs) command -v node >/dev/null 2>&1 && continue ;; npm) command -v npm >/dev/null 2>&1 && continue ;; esac
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: warning: missing Debian packages (run as root to install): ${missing[*]}" >&2
  fi
}

install_homebrew_formulas() {
  if ! command -v brew >/dev/null 2>&1; then
    echo "setup: Homebrew is needed on macOS (https://brew.sh), then: brew install ${BREW_FORMULAS[*]}" >&2
    return 0
  fi
  local missing=() formula
  for formula in "${BREW_FORMULAS[@]}"; do
    brew list --formula "$formula" >/dev/null 2>&1 || missing+=("$formula")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Homebrew formulas: ${missing[*]}"
  brew install "${missing[@]}"
}

case "$(uname -s)" in
  Darwin)
    install_homebrew_formulas
    # Homebrew's python@3.11 when no newer python3 is first on PATH.
    if [ -z "${PYTHON:-}" ] && command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; fi ;;
  *) install_debian_packages ;;
esac

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "setup: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# Python computes the hash: macOS has no sha256sum.
hash="$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest()[:16])')"
stamp=".venv/.installed-${hash}${EXTRAS:+-test}"
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
