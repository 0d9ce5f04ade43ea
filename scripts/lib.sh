# Shared by start.sh and test.sh: a pinned pnpm without a global install, and the
# settings native addons need on this kind of machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$ROOT/.tools/node_modules/.bin/pnpm" ]; then
    echo "› fetching pnpm $PNPM_VERSION into .tools/ (no global install)"
    npm install --silent --no-save --no-package-lock --prefix "$ROOT/.tools" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
fi

# better-sqlite3 compiles from source here; node-gyp must use the installed Node headers
# instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

install_dependencies() {
  echo "› installing dependencies"
  pnpm install --frozen-lockfile
}
