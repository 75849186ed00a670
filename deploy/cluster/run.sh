#!/usr/bin/env bash
# Runs a cluster of silos on one machine: Azurite, redis-server (membership), maildev (owner emails) and N silos (default 2) in Redis
# clustering mode. Silo i (0-based) serves HTTP on 5080+i, silo-to-silo on 11111+i and the agent gateway on 30000+i.
# Every silo presents the certificate in .data/tls (issued on first run) and checks the others against its CA.
# Usage: deploy/cluster/run.sh [N]. Ctrl-C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
silos="${1:-2}"
bash deploy/install-prerequisites.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { for _ in $(seq 1 150); do listening "$1" && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; return 1; }

if ! listening 10000; then
  echo "Starting Azurite on 127.0.0.1:10000 (data in .data/azurite)..."
  bash deploy/azurite/start.sh & pids+=($!)
  wait_for 10000
fi
if ! listening "${REDIS_PORT:-6379}"; then
  echo "Starting redis-server on 127.0.0.1:${REDIS_PORT:-6379} (data in .data/redis)..."
  bash deploy/redis/start.sh > .data/redis.log 2>&1 & pids+=($!)
  wait_for "${REDIS_PORT:-6379}"
fi

if ! listening 1025; then
  echo "Starting maildev: SMTP 127.0.0.1:1025, the emails the silos sent at http://127.0.0.1:1080/ ..."
  bash deploy/maildev/start.sh & pids+=($!)
  wait_for 1025
fi
export Ledgerlink__Mail__SmtpHost=127.0.0.1 Ledgerlink__Mail__SmtpPort=1025

source deploy/local-keys.sh
# TLS on every Orleans connection: a local CA and silo certificate, issued on first run into .data/tls (reused after).
source deploy/tls/local-tls.sh
export Ledgerlink__Clustering__Mode=Redis
export Ledgerlink__Clustering__RedisConnectionString="127.0.0.1:${REDIS_PORT:-6379}"
export Ledgerlink__Logging__Directory="$root/.data/logs"

dotnet build silo -c Release --nologo -v q
for i in $(seq 0 $((silos - 1))); do
  echo "Starting silo $i: HTTP http://127.0.0.1:$((5080 + i)), gateway 127.0.0.1:$((30000 + i))..."
  Urls="http://127.0.0.1:$((5080 + i))" \
  Ledgerlink__Clustering__SiloPort=$((11111 + i)) \
  Ledgerlink__Clustering__GatewayPort=$((30000 + i)) \
    dotnet silo/bin/Release/net10.0/ledgerlink-silo.dll & pids+=($!)
done
echo "Silos in the cluster: curl -s -u local-operator-key-Pd6Gt0Rw4Km8Xe: http://127.0.0.1:5080/operator/silos"
wait -n "${pids[@]}"
