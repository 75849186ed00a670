#!/usr/bin/env bash
# Runs Ledgerlink locally: Azurite (unless one already listens on 127.0.0.1:10000), one silo with its HTTP API on
# http://127.0.0.1:5080, and an edge agent serving the bundled demo Sage 50 company. It creates a company, links the
# agent to it, syncs every data type and prints the record counts, then keeps running. Ctrl-C stops everything it started.
# Orleans connections (agent to gateway) use TLS with a local CA and silo certificate created in .data/tls on first run.
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

source deploy/local-keys.sh
# TLS on every Orleans connection: a local CA and silo certificate, issued on first run into .data/tls (reused after).
source deploy/tls/local-tls.sh
API_KEY="$Ledgerlink__Api__BootstrapKeys__0__Key"
# Local development only: webhooks may go to a receiver on this machine over http (production allows https to public addresses).
export Ledgerlink__Webhooks__AllowedInsecureHosts__0=127.0.0.1

echo "Building the edge agent..."
dotnet build edge-agent -c Release -v quiet -nologo
agent() { dotnet edge-agent/bin/Release/net10.0/ledgerlink-agent.dll "$@"; }

echo "Starting the silo: HTTP API on http://127.0.0.1:5080 (health: /health, readiness: /ready; console output in .data/logs/silo-console.log)..."
mkdir -p .data/logs
Ledgerlink__Logging__Directory="$PWD/.data/logs" dotnet run --project silo -c Release >.data/logs/silo-console.log 2>&1 &
silo=$!
pids+=($silo)
API=http://127.0.0.1:5080
for _ in $(seq 1 600); do
  curl -sf "$API/ready" >/dev/null 2>&1 && break
  kill -0 "$silo" 2>/dev/null || { echo "The silo stopped while starting." >&2; exit 1; }
  sleep 0.5
done
curl -sf "$API/ready" >/dev/null || { echo "The silo did not become ready." >&2; exit 1; }

# The edge agent, as it would run on the small business's PC; its identity, linked companies and logs stay in .data/agent.
export Ledgerlink__Agent__DataFolder="$PWD/.data/agent"
agent demo --data-dir "$PWD/.data/demo-company"
echo "Starting the edge agent (logs also in .data/agent/logs)..."
agent run &
pids+=($!)

AUTH="Authorization: Basic $(printf %s "$API_KEY" | base64)"
company=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"name":"Hebden Oak Joinery Ltd","ownerEmail":"owner@hebdenoak.example"}' "$API/companies" | jq -r .id)
connection=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"platformKey":"hbql"}' "$API/companies/$company/connections")
link_code=$(jq -r .linkCode <<<"$connection")
echo "Created company $company with a Sage 50 (hbql) connection (its link page: $(jq -r .linkUrl <<<"$connection")); linking the agent to it..."
agent link --licence "$company" --code "$link_code" --data-dir "$PWD/.data/demo-company" --user MANAGER --password demo
curl -sf -H "$AUTH" -X POST "$API/companies/$company/data/all" >/dev/null
echo "Refreshing every data type..."

for _ in $(seq 1 600); do
  status=$(curl -sf -H "$AUTH" "$API/companies/$company/dataStatus")
  pending=$(jq '[.[] | select(.currentStatus == "Queued" or .currentStatus == "Fetching")] | length' <<<"$status")
  [ "$pending" = 0 ] && break
  sleep 0.5
done
for type in $(jq -r 'keys_unsorted[]' <<<"$status"); do
  state=$(jq -r --arg t "$type" '.[$t].currentStatus' <<<"$status")
  dataset=$(jq -r --arg t "$type" '.[$t].latestSyncId' <<<"$status")
  count=$(curl -sf -H "$AUTH" "$API/companies/$company/data/history/$dataset" | jq -r .recordCount)
  printf '  %-18s %-10s %6s records\n' "$type" "$state" "$count"
done

cat <<EOT

Ledgerlink is running. Read the synced company as an integrator would:
  AUTH="Authorization: Basic \$(printf %s $API_KEY | base64)"
  curl -s -H "\$AUTH" $API/companies/$company/dataStatus | jq
  curl -s -H "\$AUTH" "$API/companies/$company/data/history?pageSize=20" | jq
  curl -s -H "\$AUTH" "$API/companies/$company/data/invoices?page=1&pageSize=10" | jq          # the synced records
  curl -s -H "\$AUTH" -X POST $API/companies/$company/data/queue/invoices | jq          # sync one data type again
The agent's own web UI (About, Licence, Companies, Link a company): http://127.0.0.1:5180/
Ctrl-C stops the agent, the silo and Azurite.
EOT
wait "$silo"
