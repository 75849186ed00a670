#!/usr/bin/env bash
# Installs what running and testing Ledgerlink need beyond the .NET SDK, node and npm.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Azurite, pinned by deploy/azurite/package-lock.json.
if [ ! -x "$root/deploy/azurite/node_modules/.bin/azurite-blob" ]; then
  echo "Installing Azurite (deploy/azurite)..."
  (cd "$root/deploy/azurite" && npm ci --no-audit --no-fund --loglevel=error)
fi
