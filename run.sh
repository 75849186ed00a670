#!/usr/bin/env bash
# Runs Ledgerlink locally: Azurite (unless one already listens on 127.0.0.1:10000), maildev (SMTP 127.0.0.1:1025, web
# page and REST API on http://127.0.0.1:1080, unless an SMTP server already listens on 1025), one silo with its HTTP API on
# http://127.0.0.1:5080, and an edge agent serving the bundled demo Sage 50 company. It creates a company, links the
# agent to it, syncs every data type and prints the record counts, then keeps running. Ctrl-C stops everything it started.
# Orleans connections (agent to gateway) use TLS with a local CA and silo certificate created in .data/tls on first run.
set -euo pipefail
cd "$(dirname "$0")"
bash deploy/install-prerequisites.sh

source deploy/process-groups.sh

if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  echo "Starting Azurite on 127.0.0.1:10000 (data in .data/azurite)..."
  start_server bash deploy/azurite/start.sh
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  # Reminders (webhook retries, retention) live in the table service next to the blobs.
  echo "Something listens on 127.0.0.1:10000 but no table service on 10002: stop it and run again, so this script starts Azurite with its table service." >&2
  exit 1
fi

if ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  echo "Starting maildev: SMTP on 127.0.0.1:1025, owner confirmation emails readable at http://127.0.0.1:1080/ ..."
  start_server bash deploy/maildev/start.sh
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null && break; sleep 0.2; done
fi
export Ledgerlink__Mail__SmtpHost=127.0.0.1 Ledgerlink__Mail__SmtpPort=1025

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
Ledgerlink__Logging__Directory="$PWD/.data/logs" start_group dotnet run --project silo -c Release >.data/logs/silo-console.log 2>&1
silo=${groups[-1]}
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
start_group dotnet edge-agent/bin/Release/net10.0/ledgerlink-agent.dll run

AUTH="Authorization: Basic $(printf %s "$API_KEY" | base64)"
# A second run reuses the company the first one created (its id is kept in .data/run) while the silo still has it and
# the agent is still linked to it; otherwise it creates the company and links the agent.
company_file=.data/run/company-id
company=""
if [ -f "$company_file" ]; then
  company=$(cat "$company_file")
  linked=$(curl -sf -H "$AUTH" "$API/companies/$company/connections" 2>/dev/null | jq -r '[.results[]? | select(.status == "Linked")] | length' 2>/dev/null || echo 0)
  if [ "${linked:-0}" -ge 1 ] && [ -d "$Ledgerlink__Agent__DataFolder" ]; then
    echo "Reusing company $company from the last run (its agent link is in .data/agent)."
  else
    company=""
  fi
fi
if [ -z "$company" ]; then
  company=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"name":"Hebden Oak Joinery Ltd","ownerEmail":"owner@hebdenoak.example"}' "$API/companies" | jq -r .id)
  connection=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"platformKey":"hbql"}' "$API/companies/$company/connections")
  link_code=$(jq -r .linkCode <<<"$connection")
  echo "Created company $company with a Sage 50 (hbql) connection (its link page: $(jq -r .linkUrl <<<"$connection")); linking the agent to it..."
  agent link --licence "$company" --code "$link_code" --data-dir "$PWD/.data/demo-company" --user MANAGER --password demo
  mkdir -p "$(dirname "$company_file")"
  echo "$company" > "$company_file"
fi
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
The agent's own web UI (About, Licence, Companies, Link a company, Manage your data): http://127.0.0.1:5180/
Emails the silo sent (owner verification, reset and restore confirmations): http://127.0.0.1:1080/ (REST: /api/email)
  The owner of this company must first confirm owner@hebdenoak.example from the email there before a reset or restore.
Ctrl-C stops the agent, the silo, maildev and Azurite.
EOT
wait "$silo"
