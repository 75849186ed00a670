#!/usr/bin/env bash
# Runs Ledgerlink locally: Azurite (unless one already listens on 127.0.0.1:10000) and one silo with its HTTP API
# on http://127.0.0.1:5080. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
bash deploy/install-prerequisites.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  echo "Starting Azurite on 127.0.0.1:10000 (data in .data/azurite)..."
  bash deploy/azurite/start.sh &
  pids+=($!)
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null && break; sleep 0.2; done
fi

# Local API keys (tenant "local"); override them through the environment. Never use these outside your machine.
export Ledgerlink__Api__BootstrapKeys__0__Key="${LEDGERLINK_API_KEY:-local-integrator-key-0001}"
export Ledgerlink__Api__BootstrapKeys__0__TenantId=local
export Ledgerlink__Api__BootstrapKeys__0__Role=Integrator
export Ledgerlink__Api__BootstrapKeys__1__Key="${LEDGERLINK_SUPPORT_KEY:-local-support-key-00001}"
export Ledgerlink__Api__BootstrapKeys__1__TenantId=local
export Ledgerlink__Api__BootstrapKeys__1__Role=Support
export Ledgerlink__Api__BootstrapKeys__2__Key="${LEDGERLINK_OPERATOR_KEY:-local-operator-key-0001}"
export Ledgerlink__Api__BootstrapKeys__2__TenantId=local
export Ledgerlink__Api__BootstrapKeys__2__Role=Operator

echo "Starting the silo: HTTP API on http://127.0.0.1:5080 (health: /health, readiness: /ready)..."
Ledgerlink__Logging__Directory="$PWD/.data/logs" dotnet run --project silo -c Release &
pids+=($!)
wait "${pids[-1]}"
