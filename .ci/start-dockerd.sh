#!/usr/bin/env bash
# Starts a throwaway Docker Engine (Debian's docker.io package) on a unix socket in a temp dir for
# the build integration tests (DESIGN.md §9).
#
#   eval "$(.ci/start-dockerd.sh)"   # starts it; exports DOCKER_HOST (unix://DIR/docker.sock, what
#                                    # the *IT tests read), DECKHAND_TEST_DOCKERD_PID and _DIR
#   .ci/start-dockerd.sh stop [DIR]  # stops the instance started in DIR
#                                    # (default: $DECKHAND_TEST_DOCKERD_DIR), by its recorded PID
#
# Progress and errors go to stderr; stdout carries only the export lines. Environment:
#   DECKHAND_DOCKERD_DIR  state directory: socket, data, exec root, log, PID file
#                         (default: a new temp dir)
# dockerd is only ever started with --bridge=none --iptables=false --ip-forward=false: no bridge
# on a private range, no iptables rules, no sysctl changes. It listens on its unix socket only.
# Pushing to the plain-http registry on 127.0.0.1 needs no flag: dockerd treats 127.0.0.0/8 as an
# insecure registry by default (GET /info shows RegistryConfig.InsecureRegistryCIDRs).
# Never started through systemd or init scripts; the package's own service is kept from starting
# while it installs.
set -euo pipefail

BIN=/usr/sbin/dockerd
WAIT_SECONDS=60

log() { echo "start-dockerd: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

stop_dockerd() {
  local dir="${1:-${DECKHAND_TEST_DOCKERD_DIR:-}}"
  [[ -n $dir && -f $dir/docker.pid ]] || die "no docker.pid in '${dir}' (pass the directory)"
  local pid
  pid="$(cat "$dir/docker.pid")"
  if as_root kill "$pid" 2>/dev/null; then
    # dockerd stops the containerd it supervises before it exits.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "dockerd PID $pid did not stop within 15s"
    log "stopped dockerd PID $pid"
  else
    log "dockerd PID $pid was not running"
  fi
  rm -f "$dir/docker.pid"
  # The images (vfs keeps full copies) go with it, unless something is still mounted there.
  if ! grep -qF " $dir/" /proc/mounts; then
    as_root rm -rf "$dir/data" "$dir/exec"
  fi
}

install_dockerd() {
  [[ -x $BIN ]] && return
  log "installing docker.io"
  # Keep the package's service from starting with its defaults (a bridge, iptables rules).
  local guard=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$guard" >/dev/null
    as_root chmod 755 "$guard"
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >&2
  [[ -n $guard ]] && as_root rm -f "$guard"
  [[ -x $BIN ]] || die "$BIN missing after installing docker.io"
}

answers() {
  curl -fsS -o /dev/null --max-time 2 --unix-socket "$1" http://localhost/_ping 2>/dev/null
}

start_dockerd() {
  install_dockerd
  command -v curl >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >&2

  local dir="${DECKHAND_DOCKERD_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/deckhand-dockerd.XXXXXX")}"
  mkdir -p "$dir"
  local sock="$dir/docker.sock"
  [[ -f $dir/docker.pid ]] && kill -0 "$(cat "$dir/docker.pid")" 2>/dev/null &&
    die "a dockerd (PID $(cat "$dir/docker.pid")) already runs from $dir"
  # vfs: overlayfs on top of this machine's root filesystem is not guaranteed to mount.
  local cmd=("$BIN"
    --host "unix://$sock"
    --data-root "$dir/data"
    --exec-root "$dir/exec"
    --pidfile "$dir/docker.pid"
    --bridge=none --iptables=false --ip-forward=false --ip-masq=false
    --storage-driver=vfs)
  [[ $(id -u) -eq 0 ]] || cmd=(sudo "${cmd[@]}")
  nohup "${cmd[@]}" </dev/null >"$dir/dockerd.log" 2>&1 &
  local launched=$!

  local deadline=$((SECONDS + WAIT_SECONDS))
  until answers "$sock"; do
    if ! kill -0 "$launched" 2>/dev/null; then
      tail -n 20 "$dir/dockerd.log" >&2 || true
      die "dockerd exited before answering on $sock"
    fi
    if ((SECONDS >= deadline)); then
      as_root kill "$launched" 2>/dev/null || true
      die "dockerd did not answer GET /_ping on $sock within ${WAIT_SECONDS}s (log: $dir/dockerd.log)"
    fi
    sleep 0.2
  done
  local pid
  pid="$(cat "$dir/docker.pid")"
  log "dockerd PID $pid answers on unix://$sock (state in $dir)"
  echo "export DOCKER_HOST=unix://$sock"
  echo "export DECKHAND_TEST_DOCKERD_PID=$pid"
  echo "export DECKHAND_TEST_DOCKERD_DIR=$dir"
}

case "${1:-start}" in
  start) start_dockerd ;;
  stop) stop_dockerd "${2:-}" ;;
  *) die "usage: $0 [start | stop [DIR]]" ;;
esac
