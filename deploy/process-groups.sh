# Sourced by run.sh and deploy/cluster/run.sh. Every server they start runs in its own process group (setsid), so
# stopping a group also stops what that server started (`dotnet run`'s child, Azurite's node, an agent's worker).
# Ctrl-C, a TERM, or the script ending stops every group it started: TERM first, KILL after 10 s.
groups=()
start_group() { setsid "$@" & groups+=($!); }
stop_groups() {
  trap - EXIT INT TERM
  for group in "${groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for group in "${groups[@]}"; do kill -0 -- "-$group" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for group in "${groups[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_groups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
