#!/usr/bin/env bash
# Installs everything and runs every check and test: lint, types, unit and contract tests
# on SQLite and PostgreSQL, server tests over HTTP with a real SMTP peer, Chromium e2e.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "› installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing. Install it with:  sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

install_dependencies
exec node scripts/test-all.mjs
