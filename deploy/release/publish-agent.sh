#!/usr/bin/env bash
# Builds the agent's release files: a self-contained agent for Windows x64 and for Linux x64, each packed with the
# agent's files at the archive's root, ready for `ledgerlink-silo release sign` (README: Branding and agent releases).
#
#   deploy/release/publish-agent.sh <version> <out-dir>
#     <out-dir>/linux-x64.tar.gz   (the executable bit kept: tar records it)
#     <out-dir>/win-x64.zip
#
# Self-contained: the PC needs no .NET installed. The runtime packs come from the NuGet registry like any package.
set -euo pipefail

usage() { echo "usage: $0 <version (e.g. 1.5.0)> <out-dir>" >&2; exit 2; }
[ $# -eq 2 ] || usage
version="$1"
out="$2"
# The version becomes the agent's own (AgentVersion) and the manifest's: numbers only, as the release rules want.
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "The version must look like 1.5.0 (got '$version')." >&2; exit 2; }
command -v zip > /dev/null || { echo "zip is needed to pack the Windows archive (apt-get install zip)." >&2; exit 2; }

root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for rid in linux-x64 win-x64; do
  echo "Publishing the agent $version for $rid..."
  dotnet publish "$root/edge-agent/Ledgerlink.EdgeAgent.csproj" -c Release -r "$rid" --self-contained \
    -p:Version="$version" -p:DebugType=none -o "$work/$rid" -v q --nologo
done

# The archives hold the files at their root (no top folder): the install scripts and the silent update unpack them
# into a folder of their own.
rm -f "$out/linux-x64.tar.gz" "$out/win-x64.zip"
chmod 0755 "$work/linux-x64/ledgerlink-agent"
tar -C "$work/linux-x64" --owner=0 --group=0 -czf "$out/linux-x64.tar.gz" .
(cd "$work/win-x64" && zip -q -r -X "$out/win-x64.zip" .)

echo "Wrote $out/linux-x64.tar.gz and $out/win-x64.zip (agent $version). Next:"
echo "  ledgerlink-silo release sign --version $version --key <release-private.pem> --out <release dir> $out/linux-x64.tar.gz $out/win-x64.zip"
