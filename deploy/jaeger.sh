#!/usr/bin/env bash
# Jaeger v2 for local runs and tests, without Docker: built from the Go module proxy, traces kept in memory.
#
#   deploy/jaeger.sh provision|start|stop|status|env
#
# provision  builds the jaeger binary once into .local/jaeger/ (Go's module and build caches make a rebuild fast)
# start      starts it (provisioning first if needed): OTLP on 127.0.0.1:14318 (HTTP) and :14317 (gRPC),
#            query API and UI on http://127.0.0.1:16686
# env        prints the variables that make the services export to it (eval "$(deploy/jaeger.sh env)")
# Every subcommand is idempotent.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
STATE_DIR="${SMI_LOCAL_DIR:-$REPO_ROOT/.local}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
JAEGER_DIR="$STATE_DIR/jaeger"
JAEGER_BIN="$JAEGER_DIR/jaeger"
JAEGER_BUILT="$JAEGER_DIR/built-from"
JAEGER_PID_FILE="$JAEGER_DIR/jaeger.pid"
JAEGER_LOG="$STATE_DIR/logs/jaeger.log"
JAEGER_CONFIG="$SCRIPT_DIR/jaeger.yaml"

# The Go module carries Jaeger v2 under its v1.x tags (v1.76.0 is Jaeger v2.13.0): the proxy serves no v2.x
# of github.com/jaegertracing/jaeger, whose module path has no /v2.
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_MODULE_VERSION="${SMI_JAEGER_MODULE_VERSION:-v1.76.0}"
JAEGER_RELEASE="${SMI_JAEGER_RELEASE:-v2.13.0}"

export SMI_JAEGER_OTLP_PORT="${SMI_JAEGER_OTLP_PORT:-14318}"
export SMI_JAEGER_OTLP_GRPC_PORT="${SMI_JAEGER_OTLP_GRPC_PORT:-14317}"
export SMI_JAEGER_UI_PORT="${SMI_JAEGER_UI_PORT:-16686}"
export SMI_JAEGER_QUERY_GRPC_PORT="${SMI_JAEGER_QUERY_GRPC_PORT:-16685}"
QUERY_URL="http://127.0.0.1:$SMI_JAEGER_UI_PORT"
OTLP_URL="http://127.0.0.1:$SMI_JAEGER_OTLP_PORT"
WAIT_SECONDS="${SMI_START_TIMEOUT:-60}"

log() { printf '[jaeger] %s\n' "$*" >&2; }
die() { printf '[jaeger] ERROR: %s\n' "$*" >&2; exit 1; }

jaeger_pid() {
  [ -f "$JAEGER_PID_FILE" ] || return 1
  local pid
  pid="$(cat "$JAEGER_PID_FILE")"
  kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && echo "$pid"
}

query_answers() { curl -fs -o /dev/null --max-time 2 "$QUERY_URL/api/services"; }

# `go install module/cmd@version` refuses a module whose go.mod has replace directives, so the binary is
# built as a tool of a throw-away module (`go get -tool`), which restates Jaeger's one replace.
cmd_provision() {
  if [ -x "$JAEGER_BIN" ] && [ "$(cat "$JAEGER_BUILT" 2>/dev/null)" = "$JAEGER_MODULE@$JAEGER_MODULE_VERSION" ]; then
    log "jaeger $JAEGER_RELEASE already built ($JAEGER_BIN)"
    return 0
  fi
  # Go from PATH, else where the official archive installs it.
  command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null || die "Go is needed to build Jaeger (1.24 or later; https://go.dev/dl/)"
  mkdir -p "$JAEGER_DIR"
  local build t0=$SECONDS
  build="$(mktemp -d)"
  # shellcheck disable=SC2064 # the folder is known now
  trap "rm -rf '$build'" EXIT
  log "building jaeger $JAEGER_RELEASE ($JAEGER_MODULE@$JAEGER_MODULE_VERSION) with $(go version | cut -d' ' -f3); minutes on a cold cache ..."
  (
    cd "$build"
    go mod init smi.local/jaeger-build >/dev/null 2>&1
    go mod edit -replace github.com/Shopify/sarama=github.com/Shopify/sarama@v1.33.0
    go get -tool "$JAEGER_MODULE/cmd/jaeger@$JAEGER_MODULE_VERSION"
    go build -o "$JAEGER_BIN.tmp" \
      -ldflags "-s -w -X $JAEGER_MODULE/internal/version.latestVersion=$JAEGER_RELEASE" \
      "$JAEGER_MODULE/cmd/jaeger"
  )
  mv -f "$JAEGER_BIN.tmp" "$JAEGER_BIN"
  echo "$JAEGER_MODULE@$JAEGER_MODULE_VERSION" >"$JAEGER_BUILT"
  log "built $JAEGER_BIN in $((SECONDS - t0))s"
}

cmd_start() {
  local pid
  if pid="$(jaeger_pid)"; then
    log "already running (pid $pid); UI $QUERY_URL"
    return 0
  fi
  if query_answers; then
    log "a Jaeger not started from this checkout already answers on $QUERY_URL; using it"
    return 0
  fi
  cmd_provision
  mkdir -p "$(dirname "$JAEGER_LOG")"
  log "starting: OTLP $OTLP_URL, UI $QUERY_URL (log $JAEGER_LOG)"
  nohup "$JAEGER_BIN" --config "$JAEGER_CONFIG" >>"$JAEGER_LOG" 2>&1 </dev/null &
  echo $! >"$JAEGER_PID_FILE"
  local deadline=$((SECONDS + WAIT_SECONDS))
  until query_answers; do
    jaeger_pid >/dev/null || { tail -20 "$JAEGER_LOG" >&2; die "jaeger exited before it answered (see $JAEGER_LOG)"; }
    [ "$SECONDS" -lt "$deadline" ] || die "jaeger did not answer on $QUERY_URL within ${WAIT_SECONDS}s (see $JAEGER_LOG)"
    sleep 0.5
  done
  log "up; UI $QUERY_URL. Use:"
  cmd_env
}

cmd_stop() {
  local pid
  if ! pid="$(jaeger_pid)"; then
    rm -f "$JAEGER_PID_FILE"
    log "not running"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do jaeger_pid >/dev/null || break; sleep 0.2; done
  if pid="$(jaeger_pid)"; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$JAEGER_PID_FILE"
  log "stopped (its traces were in memory: gone)"
}

cmd_status() {
  local pid
  if pid="$(jaeger_pid)"; then
    echo "jaeger: running (pid $pid), OTLP $OTLP_URL, UI $QUERY_URL"
  else
    echo "jaeger: stopped"
    return 3
  fi
}

cmd_env() {
  echo "export OTEL_EXPORTER_OTLP_ENDPOINT=$OTLP_URL"
  echo "export JAEGER_OTLP_URL=$OTLP_URL"
  echo "export JAEGER_QUERY_URL=$QUERY_URL"
  echo "export SMI_JAEGER_UI_URL=$QUERY_URL"
}

case "${1:-}" in
  provision) cmd_provision ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $(basename "$0") provision|start|stop|status|env (ports: SMI_JAEGER_OTLP_PORT, SMI_JAEGER_UI_PORT; state in $JAEGER_DIR)" >&2
    exit 2
    ;;
esac
