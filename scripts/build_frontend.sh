#!/usr/bin/env bash
# Build the browser app (frontend/) into src/media_library/web/static/app, which Flask serves.
#
# Idempotent: does nothing when the built index.html is newer than every source file of the app
# (sources, package files, configs), unless --force. Installs exactly the locked dependencies
# (npm ci) before building. Needs Node 20.19+ and npm; no network besides the npm registry.
#
#   scripts/build_frontend.sh           # build only if needed
#   scripts/build_frontend.sh --force   # always rebuild
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frontend="$root/frontend"
built="$root/src/media_library/web/static/app/index.html"

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "build_frontend.sh: unknown option $arg (use --force)" >&2; exit 2 ;;
  esac
done

needs_build() {
  [[ $force == 1 ]] && return 0
  [[ -f $built ]] || return 0
  # Any app source newer than the build output means the build is stale.
  local newer
  newer="$(find "$frontend/src" "$frontend/public" "$frontend/index.html" "$frontend/package.json" \
    "$frontend/package-lock.json" "$frontend/vite.config.ts" "$frontend/tsconfig.json" \
    -newer "$built" -print -quit 2>/dev/null || true)"
  [[ -n $newer ]]
}

if ! needs_build; then
  echo "frontend: up to date ($built)"
  exit 0
fi

command -v npm >/dev/null || { echo "frontend: npm is not installed (Node 20.19+ needed to build the app)" >&2; exit 1; }

cd "$frontend"
# Reinstall only when the lockfile changed since the last install (npm ci wipes node_modules).
stamp="node_modules/.package-lock.json"
if [[ ! -f $stamp || package-lock.json -nt $stamp || $force == 1 ]]; then
  npm ci --no-audit --no-fund
fi
npm run build
touch "$built"
echo "frontend: built $built"
