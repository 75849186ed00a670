#!/usr/bin/env bash
# Installs what running and testing Ledgerlink need beyond the .NET SDK, node and npm.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# Azurite, pinned by deploy/azurite/package-lock.json.
if [ ! -x "$root/deploy/azurite/node_modules/.bin/azurite-blob" ]; then
  echo "Installing Azurite (deploy/azurite)..."
  # The registry sometimes drops a connection mid-install; a retry of the lockfile install is safe.
  for attempt in 1 2 3; do
    if (cd "$root/deploy/azurite" && npm ci --no-audit --no-fund --loglevel=error --fetch-retries=4); then break; fi
    if [ "$attempt" = 3 ]; then echo "Could not install Azurite from the npm registry." >&2; exit 1; fi
    echo "npm ci failed (attempt $attempt); retrying..."
  done
fi

# redis-server from the system packages: clustering of many silos (deploy/cluster) and its tests.
if ! command -v redis-server > /dev/null && [ ! -x /usr/bin/redis-server ]; then
  echo "Installing redis-server (apt)..."
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q --no-install-recommends redis-server > /dev/null \
    || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q --no-install-recommends redis-server > /dev/null; }
fi

# Chromium from the system packages: the agent UI's browser tests drive it headless through Playwright
# (tests/Ledgerlink.Tests/AgentUi), pointed at /usr/bin/chromium, so Playwright never downloads a browser.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (apt)..."
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q --no-install-recommends chromium > /dev/null \
    || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q --no-install-recommends chromium > /dev/null; }
fi
