#!/usr/bin/env bash
# Runs the six SMI services and the web dashboard as background processes against the local stack
# (or KAFKA_BROKERS / DATABASE_URL when set). Logs and pid files go to .local/.
#
#   deploy/services.sh start|stop|status
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
STATE_DIR="${SMI_LOCAL_DIR:-$REPO_ROOT/.local}"
RUN_DIR="$STATE_DIR/services"
LOG_DIR="$STATE_DIR/logs"
NODE="$REPO_ROOT/node_modules/.bin/node"

# name:port — the same ports as libs/testing SERVICE_PORTS and docker-compose.yml.
SERVICES="inventory-ingest:3001 forecasting:3002 replenishment:3003 shipment:3004 sla-monitor:3005 notification:3006"
# Apps without a broker or database of their own (libs/testing APP_PORTS): the dashboard calls the services' APIs.
WEB_APPS="dashboard:3007"

# Settings the services read from the environment, passed on to each: the business clock (a file
# holding "now": the demo's simulated calendar; unset, the wall clock) and how often the sweeps run.
PASSED_SETTINGS="SMI_CLOCK_FILE SMI_ORDER_EXPIRY_SWEEP_MS SMI_CAPACITY_ALLOCATION_MS SMI_FORECAST_RUN_MS SMI_PERIOD_CLOSE_SWEEP_MS SMI_PERIOD_CLOSE_GRACE_HOURS SMI_NOTIFICATION_SWEEP_MS SMI_KAFKA_FETCH_BYTES_PER_PARTITION"

log() { printf '[services] %s\n' "$*" >&2; }

pid_of() {
  local f="$RUN_DIR/$1.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && echo "$pid"
}

infrastructure_env() {
  if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
    eval "$(bash "$SCRIPT_DIR/local-stack.sh" env)"
  fi
  export KAFKA_BROKERS DATABASE_URL KAFKAJS_NO_PARTITIONER_WARNING=1
  ADMIN_SASL_USERNAME="${KAFKA_SASL_USERNAME:-}"
  ADMIN_SASL_PASSWORD="${KAFKA_SASL_PASSWORD:-}"
}

# The admin's credentials in the environment, or, when the stack lists the services' passwords
# (SMI_KAFKA_PRINCIPALS_FILE), those of this service's principal.
service_principal_env() {
  export KAFKA_SASL_USERNAME="$ADMIN_SASL_USERNAME" KAFKA_SASL_PASSWORD="$ADMIN_SASL_PASSWORD"
  [ -n "${KAFKA_SASL_MECHANISM:-}" ] && [ -f "${SMI_KAFKA_PRINCIPALS_FILE:-}" ] || return 0
  local password
  password="$(awk -v n="smi-$1" '$1 == n { print $2; exit }' "$SMI_KAFKA_PRINCIPALS_FILE")"
  [ -n "$password" ] || { log "no Kafka password for smi-$1 in $SMI_KAFKA_PRINCIPALS_FILE (restart the stack)"; exit 1; }
  export KAFKA_SASL_USERNAME="smi-$1" KAFKA_SASL_PASSWORD="$password"
}

# The secret the dashboard seals its session cookies with: SMI_DASHBOARD_SECRET, else one made once and kept in
# the state directory, so sessions survive a restart of the dashboard.
dashboard_secret_env() {
  if [ -z "${SMI_DASHBOARD_SECRET:-}" ]; then
    local file="$STATE_DIR/secrets/dashboard-secret"
    if [ ! -s "$file" ]; then
      mkdir -p "$STATE_DIR/secrets"
      (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n=' >"$file")
    fi
    SMI_DASHBOARD_SECRET="$(cat "$file")"
  fi
  export SMI_DASHBOARD_SECRET
}

# Each service's V8 memory settings, before any NODE_OPTIONS of the caller's (a later flag wins): a young generation
# of 2 x 16 MiB (V8 sizes it by the machine's memory, 2 x 64 MiB here, and its pages count in every service's RSS),
# and for inventory-ingest an old generation capped at 192 MiB, which keeps a million-row upload under 300 MB RSS
# (bench/README.md, "Stock movement files"). The same as deploy/docker/Dockerfile and docker-compose.yml.
node_options_of() {
  local options="--max-semi-space-size=16"
  [ "$1" = inventory-ingest ] && options="$options --max-old-space-size=192"
  echo "$options${NODE_OPTIONS:+ $NODE_OPTIONS}"
}

cmd_start() {
  infrastructure_env
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  cd "$REPO_ROOT"
  # Services run compiled (dist/), as deployed: compiling TypeScript in each process costs memory and start time.
  "$NODE" -r @swc-node/register tools/build-services.ts >&2
  # As the admin: the topics (the buyers' inbound ones too) and the broker's rules for every principal.
  "$NODE" -r @swc-node/register tools/kafka-setup.ts >&2
  local entry name port setting settings=""
  for setting in $PASSED_SETTINGS; do
    [ -n "${!setting:-}" ] || continue
    export "${setting?}"
    settings="$settings $setting=${!setting}"
  done
  [ -z "$settings" ] || log "with$settings"
  dashboard_secret_env
  for entry in $SERVICES $WEB_APPS; do
    name="${entry%%:*}"; port="${entry##*:}"
    if pid_of "$name" >/dev/null; then log "$name already running (with the settings it started with)"; continue; fi
    # A simple command in the background, so $! is the service's own pid (nohup execs node).
    # Each service connects as its own principal (smi-<name>), with its own password.
    case " $WEB_APPS " in *" $name:"*) unset KAFKA_SASL_USERNAME KAFKA_SASL_PASSWORD ;; *) service_principal_env "$name" ;; esac
    PORT="$port" NODE_OPTIONS="$(node_options_of "$name")" nohup "$NODE" "dist/services/$name/src/main.js" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/$name.pid"
  done
  local deadline=$((SECONDS + 120)) pending
  while :; do
    pending=""
    for entry in $SERVICES $WEB_APPS; do
      name="${entry%%:*}"; port="${entry##*:}"
      pid_of "$name" >/dev/null || { log "$name exited; last lines of $LOG_DIR/$name.log:"; tail -20 "$LOG_DIR/$name.log" >&2; exit 1; }
      curl -fs "http://localhost:$port/health" >/dev/null 2>&1 || pending="$pending $name"
    done
    [ -z "$pending" ] && break
    [ "$SECONDS" -lt "$deadline" ] || { log "not healthy after 120 s:$pending (logs in $LOG_DIR)"; exit 1; }
    sleep 1
  done
  log "all six services and the dashboard are healthy (dashboard: http://localhost:3007)"
}

cmd_stop() {
  local entry name pid
  for entry in $SERVICES $WEB_APPS; do
    name="${entry%%:*}"
    if pid="$(pid_of "$name")"; then kill "$pid" 2>/dev/null || true; fi
  done
  for entry in $SERVICES $WEB_APPS; do
    name="${entry%%:*}"
    for _ in $(seq 1 50); do pid_of "$name" >/dev/null || break; sleep 0.2; done
    if pid="$(pid_of "$name")"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$RUN_DIR/$name.pid"
  done
  log "stopped"
}

cmd_status() {
  local rc=0 entry name port pid
  for entry in $SERVICES $WEB_APPS; do
    name="${entry%%:*}"; port="${entry##*:}"
    if pid="$(pid_of "$name")"; then echo "$name: running (pid $pid) on http://localhost:$port"; else echo "$name: stopped"; rc=3; fi
  done
  return "$rc"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
