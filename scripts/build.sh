#!/usr/bin/env bash
# Installs the dependencies and builds the server and the web app, without starting
# anything: once after cloning and after each upgrade (docs/operating.md). A service then
# runs `node apps/server/dist/main.js` directly.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_dependencies
echo "› building"
pnpm exec turbo run build --filter=@quorum/server --filter=@quorum/web --output-logs=errors-only
