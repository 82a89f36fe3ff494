#!/usr/bin/env bash
# Starts a throwaway image registry (distribution v2, Debian's docker-registry package) bound to
# 127.0.0.1 for the registry integration tests (DESIGN.md §9).
#
#   eval "$(.ci/start-registry.sh)"   # starts it; exports DECKHAND_TEST_REGISTRY (the base URL the
#                                     # *IT tests read), DECKHAND_TEST_REGISTRY_PID and _DIR
#   .ci/start-registry.sh stop [DIR]  # stops the instance started in DIR
#                                     # (default: $DECKHAND_TEST_REGISTRY_DIR), by its recorded PID
#
# Progress and errors go to stderr; stdout carries only the export lines. Environment:
#   DECKHAND_REGISTRY_PORT  port on 127.0.0.1 (default 5000)
#   DECKHAND_REGISTRY_DIR   state directory: config, storage, log, PID file (default: a new temp dir)
# Never started through systemd or init scripts; never bound to anything but loopback. If the
# package's own service is listening on a non-loopback address, that process is stopped by its PID.
set -euo pipefail

PORT="${DECKHAND_REGISTRY_PORT:-5000}"
ADDR="127.0.0.1:${PORT}"
URL="http://${ADDR}"
BIN=/usr/bin/docker-registry
WAIT_SECONDS=30

log() { echo "start-registry: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

stop_registry() {
  local dir="${1:-${DECKHAND_TEST_REGISTRY_DIR:-}}"
  [[ -n $dir && -f $dir/registry.pid ]] || die "no registry.pid in '${dir}' (pass the directory)"
  local pid
  pid="$(cat "$dir/registry.pid")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "registry PID $pid did not stop"
    log "stopped registry PID $pid"
  else
    log "registry PID $pid was not running"
  fi
  rm -f "$dir/registry.pid"
}

install_registry() {
  [[ -x $BIN ]] && return
  log "installing docker-registry"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >&2
  [[ -x $BIN ]] || die "$BIN missing after installing docker-registry"
}

answers() { curl -fsS -o /dev/null --max-time 2 "$URL/v2/" 2>/dev/null; }

# Lines "<local-address> <pid> <process-name>" of the TCP listeners on $PORT.
listeners() {
  ss -Hltnp "sport = :${PORT}" 2>/dev/null | while read -r _ _ _ laddr _ users; do
    local pid name
    pid="$(grep -o 'pid=[0-9]*' <<<"$users" | head -1 | cut -d= -f2)"
    name="$(grep -o '(("[^"]*"' <<<"$users" | head -1 | cut -d'"' -f2)"
    echo "$laddr ${pid:--} ${name:--}"
  done
}

# Stops a docker-registry (e.g. the package's service) listening on a non-loopback address;
# refuses to touch any other process. Prints the PID of a loopback docker-registry, if any.
check_port() {
  local laddr pid name reuse=""
  while read -r laddr pid name; do
    [[ -z $laddr ]] && continue
    case "$laddr" in
      "127.0.0.1:${PORT}" | "[::1]:${PORT}")
        [[ $name == docker-registry ]] || die "$laddr is taken by '$name' (PID $pid)"
        reuse="$pid"
        ;;
      *)
        [[ $name == docker-registry && $pid != - ]] ||
          die "$laddr is taken by '$name' (PID $pid); free port $PORT or set DECKHAND_REGISTRY_PORT"
        log "stopping docker-registry PID $pid listening on non-loopback $laddr"
        as_root kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        ;;
    esac
  done < <(listeners)
  echo "$reuse"
}

write_config() {
  local dir="$1"
  mkdir -p "$dir/data"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $ADDR
EOF
}

start_registry() {
  install_registry
  command -v curl >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >&2
  local reuse
  reuse="$(check_port)"
  if [[ -n $reuse ]] && answers; then
    log "reusing the docker-registry already on $ADDR (PID $reuse)"
    echo "export DECKHAND_TEST_REGISTRY=$URL"
    echo "export DECKHAND_TEST_REGISTRY_PID=$reuse"
    return
  fi
  [[ -n $reuse ]] && die "a docker-registry (PID $reuse) holds $ADDR but does not answer"

  local dir="${DECKHAND_REGISTRY_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/deckhand-registry.XXXXXX")}"
  write_config "$dir"
  nohup "$BIN" serve "$dir/config.yml" </dev/null >"$dir/registry.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/registry.pid"

  local deadline=$((SECONDS + WAIT_SECONDS))
  until answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$dir/registry.log" >&2 || true
      die "docker-registry exited before answering on $URL/v2/"
    fi
    if ((SECONDS >= deadline)); then
      kill "$pid" 2>/dev/null || true
      die "docker-registry did not answer on $URL/v2/ within ${WAIT_SECONDS}s (log: $dir/registry.log)"
    fi
    sleep 0.2
  done
  log "docker-registry PID $pid answers on $URL (state in $dir)"
  echo "export DECKHAND_TEST_REGISTRY=$URL"
  echo "export DECKHAND_TEST_REGISTRY_PID=$pid"
  echo "export DECKHAND_TEST_REGISTRY_DIR=$dir"
}

case "${1:-start}" in
  start) start_registry ;;
  stop) stop_registry "${2:-}" ;;
  *) die "usage: $0 [start | stop [DIR]]" ;;
esac
