# Sourced by run.sh and deploy/cluster/run.sh. Every server they start runs in its own process group (setsid), so
# stopping a group also stops what that server started (`dotnet run`'s child, Azurite's node, an agent's worker).
# Ctrl-C, a TERM, or the script ending stops every group it started: first the programs (silos and agents, together,
# gracefully: up to 35 s), then the storage and membership servers they hand their state to (start_server).
groups=()
servers=()
start_group() { setsid "$@" & groups+=($!); }
start_server() { setsid "$@" & servers+=($!); }
# A group is running while it has a process that is not a zombie (an exited child bash has not reaped yet).
running() { ps -o stat= --pgid "$1" 2>/dev/null | grep -qv '^Z'; }
stop_all() {
  local group
  for group in "$@"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  for _ in $(seq 1 175); do
    local alive=0
    for group in "$@"; do running "$group" && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.2
  done
  for group in "$@"; do kill -KILL -- "-$group" 2>/dev/null || true; done
}
stop_groups() {
  trap - EXIT INT TERM
  stop_all "${groups[@]}"
  stop_all "${servers[@]}"
  wait 2>/dev/null || true
}
trap stop_groups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
