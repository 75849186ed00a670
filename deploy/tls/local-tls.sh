# Sourced by run.sh and deploy/cluster/run.sh: issues the local CA and silo certificate on first run (.data/tls) and
# points the silo and the agent at them. Silos present silo.crt and check other silos against ca.crt; agents pin ca.crt.
tls_folder="${LEDGERLINK_TLS_FOLDER:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.data/tls}"
bash "$(dirname "${BASH_SOURCE[0]}")/issue-certificates.sh" "$tls_folder"
export Ledgerlink__Tls__CertificatePath="$tls_folder/silo.crt"
export Ledgerlink__Tls__KeyPath="$tls_folder/silo.key"
export Ledgerlink__Tls__CaCertificatePath="$tls_folder/ca.crt"
export Ledgerlink__Agent__Tls__CaCertificatePath="$tls_folder/ca.crt"
