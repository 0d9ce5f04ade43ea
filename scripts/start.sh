#!/usr/bin/env bash
# Installs Quorum and starts it on an embedded SQLite file (./.data/quorum.db).
# The first start prints a one-time link to create the admin account.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/build.sh"
export DATA_DIR="${DATA_DIR:-$ROOT/.data}"
echo "› starting (data in $DATA_DIR)"
cd "$ROOT"
exec node apps/server/dist/main.js
