# shellcheck shell=bash
# Shared helpers for test/neo4j/start and test/neo4j/stop (sourced, not run).
# Expects `set -euo pipefail` in the caller.

# parse_args NAME ARGS... -> sets globals: port, data, pidfile, and each
# script's own flags: keep_data (start --keep-data), remove and hard_kill
# (stop --remove, stop --kill). A flag of the other script is an error.
parse_args() {
  local name="$1"; shift
  local usage="usage: test/neo4j/$name [--port 7687] [--data DIR]"
  case "$name" in
    start) usage+=" [--keep-data]" ;;
    stop) usage+=" [--kill] [--remove]" ;;
  esac
  port=7687
  data=""
  keep_data=false
  remove=false
  hard_kill=false
  while [[ $# -gt 0 ]]; do
    case "$name:$1" in
      start:--keep-data) keep_data=true; shift ;;
      stop:--remove) remove=true; shift ;;
      stop:--kill) hard_kill=true; shift ;;
      *:--port) [[ $# -ge 2 ]] || { echo "neo4j/$name: --port needs a value" >&2; exit 2; }
              port="$2"; shift 2 ;;
      *:--port=*) port="${1#--port=}"; shift ;;
      *:--data) [[ $# -ge 2 ]] || { echo "neo4j/$name: --data needs a value" >&2; exit 2; }
              data="$2"; shift 2 ;;
      *:--data=*) data="${1#--data=}"; shift ;;
      *:-h|*:--help) echo "$usage" >&2; exit 0 ;;
      *) echo "neo4j/$name: unknown argument: $1" >&2
         echo "$usage" >&2; exit 2 ;;
    esac
  done
  if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
    echo "neo4j/$name: invalid --port: $port" >&2; exit 2
  fi
  if [[ -z "$data" ]]; then
    data="${TMPDIR:-/tmp}"
    data="${data%/}/trellis-neo4j-$port"
  fi
  # Absolute path, so pid/log locations do not depend on the caller's cwd.
  case "$data" in
    /*) ;;
    *) data="$PWD/$data" ;;
  esac
  data="${data%/}"
  pidfile="$data/neo4j.pid"
}

# port_open PORT -> 0 if something accepts TCP connections on 127.0.0.1:PORT
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# alive PID -> 0 while PID exists and has not fully exited. A zombie whose
# other threads are still exiting (a JVM after SIGKILL) counts as alive: its
# sockets and files are released only when the last thread is gone.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  if [[ -r "/proc/$1/status" ]] && grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; then
    local tasks=("/proc/$1/task"/*)
    (( ${#tasks[@]} > 1 ))
    return
  fi
  return 0
}

# is_launcher PID -> 0 if PID is alive and is our Neo4j launcher JVM
is_launcher() {
  local pid="$1"
  alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'trellis\.testing\.Neo4jLauncher'
  else
    return 0  # no /proc: trust the pid file
  fi
}

# running_pid -> prints the pid and returns 0 if the pid file names a live
# launcher; otherwise returns 1.
running_pid() {
  local pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' < "$pidfile")"
  [[ -n "$pid" ]] || return 1
  is_launcher "$pid" || return 1
  echo "$pid"
}
