#!/usr/bin/env bash
# Runs Azurite in the foreground, data under .data/azurite: blob on 127.0.0.1:10000 (override with AZURITE_PORT),
# queue on the next port and table (Orleans membership in AzureTable clustering mode) on the one after.
# --skipApiVersionCheck: the pinned Azure SDK speaks a newer REST API version than Azurite knows; the calls we use work.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$root/deploy/install-prerequisites.sh"
data="$root/.data/azurite"
mkdir -p "$data"
blob="${AZURITE_PORT:-10000}"
exec "$root/deploy/azurite/node_modules/.bin/azurite" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort $((blob + 1)) \
  --tableHost 127.0.0.1 --tablePort $((blob + 2)) \
  --location "$data" --skipApiVersionCheck --loose --silent
