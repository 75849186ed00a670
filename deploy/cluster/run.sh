#!/usr/bin/env bash
# Runs a cluster of silos on one machine: Azurite, maildev (owner emails) and N silos (default 2) sharing a membership table, by default in
# Azurite's table service (AzureTable clustering, as on Azure); CLUSTERING=Redis uses a redis-server instead.
# Silo i (0-based) serves HTTP on 5080+i, silo-to-silo on 11111+i and the agent gateway on 30000+i.
# Every silo presents the certificate in .data/tls (issued on first run) and checks the others against its CA.
# One silo ending (kill it to watch a failover) leaves the others running.
# Usage: [CLUSTERING=AzureTable|Redis] deploy/cluster/run.sh [N]. Ctrl-C stops everything it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
silos="${1:-2}"
clustering="${CLUSTERING:-AzureTable}"
case "$clustering" in AzureTable|Redis) ;; *) echo "CLUSTERING must be AzureTable or Redis, not '$clustering'." >&2; exit 2;; esac
bash deploy/install-prerequisites.sh

source deploy/process-groups.sh
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { for _ in $(seq 1 150); do listening "$1" && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; return 1; }

if ! listening 10000; then
  echo "Starting Azurite on 127.0.0.1:10000 (data in .data/azurite)..."
  start_server bash deploy/azurite/start.sh
  wait_for 10002
fi
# The table service holds the reminders (webhook retries, retention) and, with AzureTable clustering, the membership table.
if ! listening 10002; then
  echo "Something listens on 127.0.0.1:10000 but no table service on 10002: stop it and run again, so this script starts Azurite with its table service." >&2
  exit 1
fi
if [ "$clustering" = Redis ] && ! listening "${REDIS_PORT:-6379}"; then
  echo "Starting redis-server on 127.0.0.1:${REDIS_PORT:-6379} (data in .data/redis)..."
  start_server bash deploy/redis/start.sh > .data/redis.log 2>&1
  wait_for "${REDIS_PORT:-6379}"
fi

if ! listening 1025; then
  echo "Starting maildev: SMTP 127.0.0.1:1025, the emails the silos sent at http://127.0.0.1:1080/ ..."
  start_server bash deploy/maildev/start.sh
  wait_for 1025
fi
export Ledgerlink__Mail__SmtpHost=127.0.0.1 Ledgerlink__Mail__SmtpPort=1025

source deploy/local-keys.sh
# TLS on every Orleans connection: a local CA and silo certificate, issued on first run into .data/tls (reused after).
source deploy/tls/local-tls.sh
export Ledgerlink__Clustering__Mode="$clustering"
export Ledgerlink__Clustering__RedisConnectionString="127.0.0.1:${REDIS_PORT:-6379}"
export Ledgerlink__Logging__Directory="$root/.data/logs"

dotnet build silo -c Release --nologo -v q
silo_pids=()
declare -A silo_names
for i in $(seq 0 $((silos - 1))); do
  echo "Starting silo $i: HTTP http://127.0.0.1:$((5080 + i)), gateway 127.0.0.1:$((30000 + i))..."
  Urls="http://127.0.0.1:$((5080 + i))" \
  Ledgerlink__Clustering__SiloPort=$((11111 + i)) \
  Ledgerlink__Clustering__GatewayPort=$((30000 + i)) \
    start_group dotnet silo/bin/Release/net10.0/ledgerlink-silo.dll
  silo_pids+=("${groups[-1]}")
  silo_names["${groups[-1]}"]=$i
done
echo "Silos in the cluster: curl -s -u local-operator-key-Pd6Gt0Rw4Km8Xe: http://127.0.0.1:5080/operator/silos"
# One silo ending (killed to watch a failover, or crashed) leaves the others, Azurite and Redis running; the script
# ends when every silo has, or at Ctrl-C.
while [ ${#silo_pids[@]} -gt 0 ]; do
  set +e
  wait -n -p ended "${silo_pids[@]}"
  code=$?
  set -e
  echo "Silo ${silo_names[$ended]} (pid $ended) exited with code $code; $(( ${#silo_pids[@]} - 1 )) still running."
  remaining=()
  for pid in "${silo_pids[@]}"; do [ "$pid" != "$ended" ] && remaining+=("$pid"); done
  silo_pids=("${remaining[@]}")
done
