#!/usr/bin/env bash
# Installs the Ledgerlink agent (Sage 50 connector) on Linux as a systemd service, and links a company in the same
# step when given its licence key and link code. Run it as root, once; the service then runs in the background as the
# system user `ledgerlink`, starts at boot and updates itself (into its data folder). Running it again is safe: it
# replaces the program files (that is how the supervisor itself is updated) and keeps the settings not given again.
#
#   sudo install-agent.sh --package linux-x64.tar.gz --gateway silo.example.com:30000 --ca-cert ca.crt \
#       --release-key release-public.pem [--licence-key <key> --link-code <code>]
#   sudo install-agent.sh --uninstall [--purge]
#
# Where things go (each under --root when given):
#   /opt/ledgerlink/agent                         the program (root's; the service only reads it)
#   /etc/systemd/system/ledgerlink-agent.service  the unit (deploy/systemd/ledgerlink-agent.service, shipped in the package)
#   /etc/ledgerlink/agent.env                     the settings (0600)
#   /etc/ledgerlink/ca.crt, release-public.pem    the pinned CA certificate and release public key
#   /var/lib/ledgerlink-agent                     the data folder: identity, linked companies, logs, updates (0700)
set -euo pipefail

# Everything runs in main, called on the script's last line: piped into bash (curl … | sudo bash -s -- …), nothing
# runs before the whole script has arrived, and no command it starts can read the rest of the script as its input.
main() {
program_name="ledgerlink-agent"
usage() {
  cat <<'USAGE'
usage: install-agent.sh [options]
  --package <file|https URL>   the agent for Linux (linux-x64.tar.gz from the link page or the release)
  --gateway <host:port>        a silo gateway the agent connects to (repeat for each silo); kept from the last install if left out
  --cluster-id <id>            the cluster's id (default: kept, else ledgerlink)
  --service-id <id>            the cluster's service id (default: kept, else ledgerlink)
  --ca-cert <file|https URL>   PEM CA certificate the silos' certificates chain to (pinned by the agent)
  --release-key <file|https URL>  the release public key (PEM) updates must be signed with (pinned by the agent)
  --licence-key <key>          link a company: its licence key (on the link page)
  --link-code <code>           link a company: its one-time link code (on the link page)
  --sage-data-dir <dir>        link a company: the Sage 50 data directory (asked for when left out)
  --sage-user <name>           link a company: the Sage 50 user (asked for when left out)
                               the Sage password comes from LEDGERLINK_SAGE_PASSWORD or is asked for
  --ui-port <port>             the agent's local web page port (default 5180)
  --uninstall                  stop and remove the service, program and settings (the data folder stays)
  --purge                      with --uninstall: remove the data folder too (identity, linked companies, logs)
  --root <dir>                 install under <dir> instead of / (staging an image, tests); root is then not needed
  --no-start                   do not run systemctl (no daemon-reload, enable or start)
USAGE
}

say() { echo "ledgerlink-agent install: $*"; }
fail() { echo "ledgerlink-agent install: $1" >&2; exit "${2:-1}"; }

package="" ; gateways=() ; cluster_id="" ; service_id="" ; ca_cert="" ; release_key=""
licence_key="" ; link_code="" ; sage_data_dir="" ; sage_user="" ; ui_port=""
uninstall=0 ; purge=0 ; root="" ; no_start=0
while [ $# -gt 0 ]; do
  case "$1" in
    --package) package="${2:?--package needs a value}"; shift 2 ;;
    --gateway) gateways+=("${2:?--gateway needs a value}"); shift 2 ;;
    --cluster-id) cluster_id="${2:?--cluster-id needs a value}"; shift 2 ;;
    --service-id) service_id="${2:?--service-id needs a value}"; shift 2 ;;
    --ca-cert) ca_cert="${2:?--ca-cert needs a value}"; shift 2 ;;
    --release-key) release_key="${2:?--release-key needs a value}"; shift 2 ;;
    --licence-key|--license-key) licence_key="${2:?--licence-key needs a value}"; shift 2 ;;
    --link-code) link_code="${2:?--link-code needs a value}"; shift 2 ;;
    --sage-data-dir) sage_data_dir="${2:?--sage-data-dir needs a value}"; shift 2 ;;
    --sage-user) sage_user="${2:?--sage-user needs a value}"; shift 2 ;;
    --ui-port) ui_port="${2:?--ui-port needs a value}"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    --root) root="${2:?--root needs a value}"; shift 2 ;;
    --no-start) no_start=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument '$1'." 2 ;;
  esac
done

if [ -n "$root" ]; then
  mkdir -p "$root"
  root="$(cd "$root" && pwd)"
elif [ "$(id -u)" != "0" ]; then
  fail "run this as root (sudo $0 ...): it installs a system service. Only this once: the agent then runs and updates itself without it." 2
fi
if { [ -n "$licence_key" ] && [ -z "$link_code" ]; } || { [ -z "$licence_key" ] && [ -n "$link_code" ]; }; then
  fail "linking needs both --licence-key and --link-code (both are on the link page)." 2
fi
if [ -n "$ui_port" ] && ! [[ "$ui_port" =~ ^[0-9]+$ ]]; then fail "--ui-port must be a port number." 2; fi

program_dir="$root/opt/ledgerlink/agent"
settings_dir="$root/etc/ledgerlink"
env_file="$settings_dir/agent.env"
unit_file="$root/etc/systemd/system/ledgerlink-agent.service"
data_dir="$root/var/lib/ledgerlink-agent"
# What the service sees: the unit names absolute paths of the target system, whatever --root is.
target_settings_dir="/etc/ledgerlink"
service_user="ledgerlink"
systemctl_ok() { [ "$no_start" = 0 ] && [ -z "$root" ] && command -v systemctl > /dev/null; }
# The system user is made only on the real system; a staged root gets it when installed there.
manage_user() { [ -z "$root" ] && [ "$(id -u)" = "0" ]; }

if [ "$uninstall" = 1 ]; then
  if systemctl_ok; then
    systemctl disable --now ledgerlink-agent > /dev/null 2>&1 || true
  fi
  rm -f "$unit_file"
  if systemctl_ok; then systemctl daemon-reload; fi
  rm -rf "$program_dir" "$settings_dir"
  if [ "$purge" = 1 ]; then
    rm -rf "$data_dir"
    # DynamicUser-era installs kept their state here.
    rm -rf "$root/var/lib/private/ledgerlink-agent"
    if manage_user && id "$service_user" > /dev/null 2>&1; then userdel "$service_user" || true; fi
    say "removed the agent, its settings and its data folder."
  else
    say "removed the agent and its settings; its data folder $data_dir is kept (--purge removes it)."
  fi
  exit 0
fi

# A file argument or an https URL (the link page's): fetched into the work folder.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() {
  local source="$1" target="$2"
  case "$source" in
    https://*|http://*)
      command -v curl > /dev/null || fail "curl is needed to download $source."
      curl -fsSL --retry 3 -o "$target" "$source" || fail "could not download $source."
      ;;
    *)
      [ -f "$source" ] || fail "no such file: $source" 2
      cp "$source" "$target"
      ;;
  esac
}

# Settings not given again are kept from the last install (a re-run to update the program names none).
existing() { if [ -f "$env_file" ]; then sed -n "s/^$1=//p" "$env_file" | tail -n 1; fi; }
if [ ${#gateways[@]} -eq 0 ] && [ -f "$env_file" ]; then
  mapfile -t gateways < <(sed -n 's/^Ledgerlink__Agent__Gateways__[0-9]*=//p' "$env_file")
fi
[ ${#gateways[@]} -gt 0 ] || fail "--gateway is needed on the first install (the silo's gateway address, host:port, on the link page)." 2
for gateway in "${gateways[@]}"; do
  # host:port, or [IPv6]:port
  [[ "$gateway" =~ ^[A-Za-z0-9._-]+:[0-9]+$ || "$gateway" =~ ^\[[0-9A-Fa-f:.]+\]:[0-9]+$ ]] || fail "--gateway '$gateway' is not host:port." 2
done
cluster_id="${cluster_id:-$(existing Ledgerlink__Agent__ClusterId)}"
service_id="${service_id:-$(existing Ledgerlink__Agent__ServiceId)}"
ui_port="${ui_port:-$(existing Ledgerlink__Agent__Ui__Port)}"

if [ -z "$package" ] && [ ! -x "$program_dir/$program_name" ]; then
  fail "--package is needed on the first install (linux-x64.tar.gz from the link page)." 2
fi

# 1. The program: unpacked aside, then put in place whole, so a failed download never leaves half a program.
if [ -n "$package" ]; then
  say "unpacking $package..."
  fetch "$package" "$work/agent.tar.gz"
  mkdir -p "$work/agent"
  tar -xzf "$work/agent.tar.gz" -C "$work/agent" --no-same-owner || fail "$package is not a tar.gz of the agent."
  [ -f "$work/agent/$program_name" ] || fail "$package holds no $program_name at its root: is it the Linux (linux-x64) download?"
  chmod 0755 "$work/agent/$program_name"
  if systemctl_ok && systemctl is-active --quiet ledgerlink-agent; then
    say "stopping the running agent to replace it..."
    systemctl stop ledgerlink-agent
  fi
  mkdir -p "$(dirname "$program_dir")"
  rm -rf "$program_dir.old"
  if [ -d "$program_dir" ]; then mv "$program_dir" "$program_dir.old"; fi
  mv "$work/agent" "$program_dir"
  rm -rf "$program_dir.old"
  chmod -R u=rwX,go=rX "$program_dir"
fi

# 2. The settings: the pinned CA certificate and release key, and the environment file the unit reads.
mkdir -p "$settings_dir"
chmod 0755 "$settings_dir"
if [ -n "$ca_cert" ]; then
  fetch "$ca_cert" "$work/ca.crt"
  grep -q "BEGIN CERTIFICATE" "$work/ca.crt" || fail "$ca_cert is not a PEM certificate." 2
  install -m 0644 "$work/ca.crt" "$settings_dir/ca.crt"
fi
if [ -n "$release_key" ]; then
  fetch "$release_key" "$work/release-public.pem"
  grep -q "BEGIN PUBLIC KEY" "$work/release-public.pem" || fail "$release_key is not a PEM public key." 2
  install -m 0644 "$work/release-public.pem" "$settings_dir/release-public.pem"
fi
{
  echo "# Written by install-agent.sh; run it again to change these (settings left out are kept)."
  for i in "${!gateways[@]}"; do echo "Ledgerlink__Agent__Gateways__$i=${gateways[$i]}"; done
  echo "Ledgerlink__Agent__ClusterId=${cluster_id:-ledgerlink}"
  echo "Ledgerlink__Agent__ServiceId=${service_id:-ledgerlink}"
  if [ -n "$ui_port" ]; then echo "Ledgerlink__Agent__Ui__Port=$ui_port"; fi
  if [ -f "$settings_dir/ca.crt" ]; then echo "Ledgerlink__Agent__Tls__CaCertificatePath=$target_settings_dir/ca.crt"; fi
  if [ -f "$settings_dir/release-public.pem" ]; then echo "Ledgerlink__Agent__Releases__PublicKeyPath=$target_settings_dir/release-public.pem"; fi
} > "$work/agent.env"
install -m 0600 "$work/agent.env" "$env_file"

# 3. The service account and its data folder (updates are unpacked there: it must stay the agent's to write).
if manage_user && ! id "$service_user" > /dev/null 2>&1; then
  useradd --system --home-dir /var/lib/ledgerlink-agent --no-create-home --shell /usr/sbin/nologin "$service_user"
fi
mkdir -p "$data_dir"
chmod 0700 "$data_dir"
if manage_user; then chown -R "$service_user:$service_user" "$data_dir"; fi

# 4. The unit: the one shipped in the package (deploy/systemd/ledgerlink-agent.service), else the repository's.
unit_source="$program_dir/ledgerlink-agent.service"
[ -f "$unit_source" ] || unit_source="$(cd "$(dirname "$0")" 2> /dev/null && pwd)/../systemd/ledgerlink-agent.service"
[ -f "$unit_source" ] || fail "the package holds no ledgerlink-agent.service."
mkdir -p "$(dirname "$unit_file")"
install -m 0644 "$unit_source" "$unit_file"

# 5. Link the company, as the service's user so the service can read what it writes, with the service's settings.
# A link that cannot happen leaves the agent installed and started, and says so (exit code: the link's).
link_status=0
if [ -n "$licence_key" ]; then
  if [ -z "$sage_data_dir" ] || [ -z "$sage_user" ] || [ -z "${LEDGERLINK_SAGE_PASSWORD:-}" ]; then
    if (: < /dev/tty > /dev/tty) 2> /dev/null; then
      [ -n "$sage_data_dir" ] || { printf 'Sage 50 data directory (Sage: Help > About): ' > /dev/tty; IFS= read -r sage_data_dir < /dev/tty; }
      [ -n "$sage_user" ] || { printf 'Sage 50 user name: ' > /dev/tty; IFS= read -r sage_user < /dev/tty; }
      if [ -z "${LEDGERLINK_SAGE_PASSWORD:-}" ]; then
        printf 'Sage 50 password (stays on this computer): ' > /dev/tty
        IFS= read -rs LEDGERLINK_SAGE_PASSWORD < /dev/tty
        echo > /dev/tty
      fi
    else
      echo "ledgerlink-agent install: linking needs --sage-data-dir, --sage-user and LEDGERLINK_SAGE_PASSWORD (no terminal to ask on)." >&2
      link_status=2
    fi
  fi
fi
if [ -n "$licence_key" ] && [ "$link_status" = 0 ]; then
  say "linking the company..."
  (
    set -a
    # shellcheck disable=SC1090
    . "$env_file"
    set +a
    export Ledgerlink__Agent__DataFolder="$data_dir"
    if [ -f "$settings_dir/ca.crt" ]; then export Ledgerlink__Agent__Tls__CaCertificatePath="$settings_dir/ca.crt"; fi
    if [ -f "$settings_dir/release-public.pem" ]; then export Ledgerlink__Agent__Releases__PublicKeyPath="$settings_dir/release-public.pem"; fi
    export LEDGERLINK_SAGE_PASSWORD
    exec < /dev/null
    link=("$program_dir/$program_name" link --licence "$licence_key" --code "$link_code" --data-dir "$sage_data_dir" --user "$sage_user")
    if manage_user; then
      cd /
      exec runuser -u "$service_user" -- "${link[@]}"
    fi
    exec "${link[@]}"
  ) || link_status=$?
fi
if [ "$link_status" != 0 ]; then
  echo "ledgerlink-agent install: the agent is installed, but the company is not linked (exit code $link_status, reason above)." >&2
  echo "  Fix that and run this again, or link it on the agent's page: http://127.0.0.1:${ui_port:-5180}/link" >&2
fi

# 6. Start now and at every boot.
if systemctl_ok; then
  systemctl daemon-reload
  systemctl enable ledgerlink-agent > /dev/null
  systemctl restart ledgerlink-agent
  say "the agent is running (systemctl status ledgerlink-agent); its page: http://127.0.0.1:${ui_port:-5180}/"
else
  say "installed under ${root:-/}; not started (--no-start or --root). Start it with: systemctl daemon-reload && systemctl enable --now ledgerlink-agent"
fi
exit "$link_status"
}

main "$@"
