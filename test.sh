#!/usr/bin/env bash
# Runs every Ledgerlink test. Installs what the tests need (Azurite from deploy/azurite's lockfile),
# builds the solution, runs all test projects, and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")"

bash deploy/install-prerequisites.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Orleans.sln --nologo -v q 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per test project; add them up into the one closing line CI reads.
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { printf "Total: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
