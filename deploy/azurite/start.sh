#!/usr/bin/env bash
# Runs Azurite's blob service in the foreground on 127.0.0.1:10000 (override with AZURITE_PORT), data under .data/azurite.
# --skipApiVersionCheck: the pinned Azure SDK speaks a newer REST API version than Azurite knows; the calls we use work.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$root/deploy/install-prerequisites.sh"
data="$root/.data/azurite"
mkdir -p "$data"
exec "$root/deploy/azurite/node_modules/.bin/azurite-blob" \
  --blobHost 127.0.0.1 --blobPort "${AZURITE_PORT:-10000}" \
  --location "$data" --skipApiVersionCheck --loose --silent
