#!/usr/bin/env bash
# Issues a local CA and a silo certificate it signed, with openssl, into a folder (default .data/tls, never committed):
#   ca.crt / ca.key      the CA; agents and silos pin ca.crt (Ledgerlink:Agent:Tls:CaCertificatePath, Ledgerlink:Tls:CaCertificatePath)
#   silo.crt / silo.key  the silo's certificate (Ledgerlink:Tls:CertificatePath, Ledgerlink:Tls:KeyPath)
# Files that exist are kept: the first run creates them, later runs reuse them. A silo certificate that expires within
# 30 days is issued again by the same CA (agents pinning the CA need no change).
# Usage: deploy/tls/issue-certificates.sh [folder] [extra subject alternative names, e.g. IP:10.0.0.5 DNS:silo1.example]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
folder="${1:-$root/.data/tls}"
shift || true
command -v openssl > /dev/null || { echo "openssl is needed to issue certificates (apt-get install openssl)." >&2; exit 1; }
mkdir -p "$folder"
chmod 700 "$folder"
umask 077

names="DNS:localhost,IP:127.0.0.1,DNS:$(hostname)"
for name in "$@"; do names="$names,$name"; done

if [ ! -s "$folder/ca.crt" ] || [ ! -s "$folder/ca.key" ]; then
  echo "Issuing a local CA in $folder (ca.crt, ca.key)..."
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$folder/ca.key" 2> /dev/null
  openssl req -x509 -new -key "$folder/ca.key" -sha256 -days 3650 -subj "/CN=Ledgerlink Local CA $(date -u +%Y-%m-%d)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$folder/ca.crt"
  rm -f "$folder/silo.crt" "$folder/silo.key"
fi

if [ ! -s "$folder/silo.crt" ] || [ ! -s "$folder/silo.key" ] || ! openssl x509 -checkend $((30 * 86400)) -noout -in "$folder/silo.crt" > /dev/null; then
  echo "Issuing the silo certificate in $folder (silo.crt, silo.key) for $names..."
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$folder/silo.key" 2> /dev/null
  openssl req -new -key "$folder/silo.key" -subj "/CN=ledgerlink-silo" -out "$folder/silo.csr"
  # serverAuth for the gateway and silo port; clientAuth for a silo's own connections to other silos.
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
    "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=$names" > "$folder/silo.ext"
  openssl x509 -req -in "$folder/silo.csr" -CA "$folder/ca.crt" -CAkey "$folder/ca.key" -CAcreateserial \
    -days 397 -sha256 -extfile "$folder/silo.ext" -out "$folder/silo.crt" 2> /dev/null
  rm -f "$folder/silo.csr" "$folder/silo.ext"
fi
chmod 644 "$folder/ca.crt" "$folder/silo.crt"
