#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")"
bash deploy/install-prerequisites.sh
dotnet run --project silo
