#!/usr/bin/env bash
# Installs Quorum and starts it on an embedded SQLite file (./.data/quorum.db).
# The first start prints a one-time link to create the admin account.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_dependencies
echo "› building"
pnpm exec turbo run build --filter=@quorum/server --filter=@quorum/web --output-logs=errors-only
export DATA_DIR="${DATA_DIR:-$ROOT/.data}"
echo "› starting (data in $DATA_DIR)"
exec node apps/server/dist/main.js
