#!/usr/bin/env bash
# Runs maildev in the foreground: a local SMTP server on 127.0.0.1:1025 (MAILDEV_SMTP_PORT) whose web page and REST API
# (GET /api/email) on http://127.0.0.1:1080 (MAILDEV_WEB_PORT) show every email the silo sent. Mail stays in .data/maildev.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$root/deploy/install-prerequisites.sh"
data="$root/.data/maildev"
mkdir -p "$data"
exec "$root/deploy/maildev/node_modules/.bin/maildev" \
  --smtp "${MAILDEV_SMTP_PORT:-1025}" --ip 127.0.0.1 \
  --web "${MAILDEV_WEB_PORT:-1080}" --web-ip 127.0.0.1 \
  --mail-directory "$data" --silent
