#!/usr/bin/env bash
# Runs every Ledgerlink test. Installs what the tests need (Azurite from deploy/azurite's lockfile, redis-server, maildev,
# chromium), builds the solution once, then runs the test projects one after another, fastest first (within a project
# the storage tests run in two lanes, one per core: see AzuriteCollection). Prints each project's summary and time,
# and ends with the one line CI reads: "Total: N passed, F failed, S skipped". Exits non-zero if any test failed.
#   ./test.sh                        every project
#   ./test.sh Unit Cluster           only those projects (tests/Ledgerlink.Tests.<name>)
#   ./test.sh Cluster --filter "FullyQualifiedName~Webhooks"   extra arguments after the names go to dotnet test
set -euo pipefail
cd "$(dirname "$0")"

all=(Unit Cluster EndToEnd Browser)
projects=()
while [[ $# -gt 0 && " ${all[*]} " == *" $1 "* ]]; do projects+=("$1"); shift; done
[[ ${#projects[@]} -gt 0 ]] || projects=("${all[@]}")

bash deploy/install-prerequisites.sh
dotnet build Orleans.sln --nologo -v q

passed=0 failed=0 skipped=0 status=0
summaries=()
for name in "${projects[@]}"; do
  log=$(mktemp)
  start=$SECONDS
  set +e
  # Minimal console logging: one line per assembly, and a failed test with its message and stack (quiet hides them).
  dotnet test "tests/Ledgerlink.Tests.$name" --no-build --nologo -v q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  took=$((SECONDS - start))
  # dotnet test prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, Duration: ..." per test assembly.
  read -r p f s < <(awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
      gsub(",", ""); for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
      }
    }
    END { printf "%d %d %d\n", p, f, s }' "$log")
  rm -f "$log"
  # A run that crashed or printed no summary counts as a failure, never as zero tests passed.
  if [[ $code -ne 0 && $f -eq 0 ]]; then f=1; fi
  [[ $code -eq 0 ]] || status=1
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  summaries+=("$(printf '%-9s %5d passed, %d failed, %d skipped in %dm%02ds' "$name" "$p" "$f" "$s" $((took / 60)) $((took % 60)))")
done

echo
printf '%s\n' "${summaries[@]}"
echo "Total: $passed passed, $failed failed, $skipped skipped"
exit "$status"
