#!/usr/bin/env bash
# Installs what running and testing Ledgerlink need beyond the .NET SDK, node and npm.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# npm tools, each pinned by its folder's package-lock.json: Azurite, maildev, and the offline checks of the deploy files.
npm_install() {
  local folder="$1" marker="$2"
  if [ ! -e "$root/$folder/node_modules/$marker" ]; then
    echo "Installing $folder (npm)..."
    # The registry sometimes drops a connection mid-install; a retry of the lockfile install is safe.
    for attempt in 1 2 3; do
      if (cd "$root/$folder" && npm ci --no-audit --no-fund --loglevel=error --fetch-retries=4); then return 0; fi
      if [ "$attempt" = 3 ]; then echo "Could not install $folder from the npm registry." >&2; exit 1; fi
      echo "npm ci failed (attempt $attempt); retrying..."
    done
  fi
}
npm_install deploy/azurite .bin/azurite
npm_install deploy/kubernetes/validate kubernetes-models/package.json
# maildev: the local SMTP server owner confirmation emails go to (run.sh, tests).
npm_install deploy/maildev .bin/maildev

# System packages: redis-server for clustering many silos (deploy/cluster) and its tests; curl and jq for run.sh;
# chromium for the browser tests.
apt_install() {
  local sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  echo "Installing $* (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q --no-install-recommends "$@" > /dev/null \
    || { $sudo apt-get update -q > /dev/null && $sudo apt-get install -y -q --no-install-recommends "$@" > /dev/null; }
}
missing=()
[ -x /usr/bin/redis-server ] || command -v redis-server > /dev/null || missing+=(redis-server)
command -v jq > /dev/null || missing+=(jq)
command -v curl > /dev/null || missing+=(curl)
# openssl issues the local CA and silo certificate (deploy/tls/issue-certificates.sh).
command -v openssl > /dev/null || missing+=(openssl)
# Chromium for the agent UI's browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# unixODBC and the SQLite ODBC driver: the agent's ODBC data source is tested over the demo company through them
# (odbcinst registers the driver as SQLite3 in /etc/odbcinst.ini).
command -v odbcinst > /dev/null || missing+=(odbcinst)
[ "$(ldconfig -p | grep -c 'libodbc\.so\.2 ')" != 0 ] || missing+=(unixodbc)
odbcinst -q -d -n SQLite3 > /dev/null 2>&1 || missing+=(libsqliteodbc)
# The sqlite3 shell holds a demo company locked from another process in the ODBC tests (as Sage does during backup).
command -v sqlite3 > /dev/null || missing+=(sqlite3)
# shellcheck checks the install and release scripts (deploy/install, deploy/release) in their tests.
command -v shellcheck > /dev/null || missing+=(shellcheck)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
