#!/usr/bin/env bash
# Runs redis-server (the system package) in the foreground on 127.0.0.1:6379 (override with REDIS_PORT), data under
# .data/redis. Silos in Redis clustering mode keep their membership table here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$root/deploy/install-prerequisites.sh"
data="$root/.data/redis"
mkdir -p "$data"
exec redis-server --bind 127.0.0.1 --port "${REDIS_PORT:-6379}" --dir "$data" --appendonly yes
