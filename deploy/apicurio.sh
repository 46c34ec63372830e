#!/usr/bin/env bash
# A real Confluent-compatible schema registry without Docker: Apicurio Registry 3.x (a Quarkus
# application from Maven Central) as a plain process, in-memory storage, every port on 127.0.0.1,
# state under .local/apicurio/ (or $SMI_LOCAL_DIR/apicurio).
#
#   deploy/apicurio.sh provision|start|status|stop|env
#
# `env` prints SCHEMA_REGISTRY_URL (its Confluent API, /apis/ccompat/v7) for the services and tests.
# Every subcommand is idempotent. The registry keeps nothing across a restart (in-memory storage):
# the schemas are registered again by their producers, or by `npm run schemas:register -- --registry`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
LOCAL_DIR="${SMI_LOCAL_DIR:-$REPO_ROOT/.local}"
case "$LOCAL_DIR" in /*) ;; *) LOCAL_DIR="$PWD/$LOCAL_DIR" ;; esac
STATE_DIR="$LOCAL_DIR/apicurio"
APP_DIR="$STATE_DIR/app"
PID_FILE="$STATE_DIR/apicurio.pid"
LOG_FILE="$STATE_DIR/apicurio.log"
POM="$SCRIPT_DIR/apicurio/pom.xml"
# Confluent's Python client (confluent-kafka, its own recent librdkafka, Avro and registry extras):
# the tests read records with it as a user of the Confluent tools would, through a registry.
CONFLUENT_PYTHON="$LOCAL_DIR/confluent-python"
CONFLUENT_CLIENT="confluent-kafka[avro,schemaregistry]==2.16.1"

PORT="${SMI_APICURIO_PORT:-18080}"
MANAGEMENT_PORT="${SMI_APICURIO_MANAGEMENT_PORT:-$((PORT + 1))}"
# A registry of a few dozen schemas: a small heap is plenty.
HEAP="${SMI_APICURIO_HEAP:--Xms32m -Xmx192m}"
WAIT_SECONDS="${SMI_START_TIMEOUT:-90}"
REGISTRY_URL="http://127.0.0.1:$PORT/apis/ccompat/v7"

log() { printf '[apicurio] %s\n' "$*" >&2; }
die() { printf '[apicurio] ERROR: %s\n' "$*" >&2; exit 1; }

# proc_alive, port_open, stop_process
# shellcheck source=deploy/lib/processes.sh
source "$SCRIPT_DIR/lib/processes.sh"

# The HTTP status of GET $2 on 127.0.0.1:$1 (bash only: curl may not be installed).
http_status() {
  timeout 3 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/$0 || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$1" >&3
    read -r _ status _ <&3 && echo "$status"' "$1" "$2" 2>/dev/null || true
}

take_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 120 9 || die "another apicurio.sh is still running (lock $STATE_DIR/.lock)"
}

# --- Java 21+ ----------------------------------------------------------------------------
java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

# Prints a java binary of version 21 or newer: SMI_JAVA21_HOME, else JAVA_HOME, else the java on
# PATH, else the newest JDK under /usr/lib/jvm (Debian's Java is 17; a Temurin 21+ sits beside it).
find_java21() {
  local candidate major
  if [ -n "${SMI_JAVA21_HOME:-}" ]; then
    candidate="$SMI_JAVA21_HOME/bin/java"
    major="$(java_major "$candidate" 2>/dev/null || true)"
    [ "${major:-0}" -ge 21 ] || die "SMI_JAVA21_HOME=$SMI_JAVA21_HOME has no Java 21+ (found: ${major:-none})"
    echo "$candidate"
    return 0
  fi
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" \
    $(find /usr/lib/jvm /opt -maxdepth 3 -path '*/bin/java' 2>/dev/null | sort -rV); do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate" 2>/dev/null || true)"
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  die "Apicurio Registry 3 needs Java 21+; none found (set SMI_JAVA21_HOME to a JDK 21+)"
}

# --- provision ---------------------------------------------------------------------------
provision_app() {
  # The marker holds the pom's hash: the same pom unpacked = nothing to do; a version bump
  # in the pom fetches and unpacks again.
  local want marker="$APP_DIR/.pom.sha256"
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
    log "provisioned ($APP_DIR)"
    return 0
  fi
  command -v mvn >/dev/null || die "Maven is needed to fetch Apicurio Registry (deploy/local-stack.sh provision installs it)"
  log "fetching Apicurio Registry with Maven and unpacking it into $APP_DIR ..."
  # Unpacked into a temp dir and renamed, so an interrupted run never looks complete.
  local tmp="$APP_DIR.tmp" out args=(-q -B)
  if [ -n "${SMI_MAVEN_REPO:-}" ]; then args+=("-Dmaven.repo.local=$SMI_MAVEN_REPO"); fi
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # copy-dependencies, not unpack-dependencies: the latter keeps markers in the pom's folder and
  # skips what it once unpacked.
  if ! out="$(mvn "${args[@]}" -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp/dist" 2>&1)"; then
    printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' >&2
    die "Maven could not fetch Apicurio Registry (output above)"
  fi
  tar -xzf "$tmp"/dist/apicurio-registry-app-*-all.tar.gz -C "$tmp"
  rm -rf "$tmp/dist"
  [ -f "$tmp/quarkus-run.jar" ] || die "the Apicurio tarball has no quarkus-run.jar"
  echo "$want" >"$tmp/.pom.sha256"
  if registry_pid >/dev/null; then log "note: the running registry keeps the version it started with until restarted"; fi
  rm -rf "$APP_DIR"
  mv "$tmp" "$APP_DIR"
  log "provisioned ($APP_DIR)"
}

provision_confluent_client() {
  local marker="$CONFLUENT_PYTHON/.installed"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$CONFLUENT_CLIENT" ]; then return 0; fi
  command -v python3 >/dev/null || die "python3 is needed for the Confluent client the registry tests use"
  log "installing $CONFLUENT_CLIENT into $CONFLUENT_PYTHON (pip) ..."
  rm -rf "$CONFLUENT_PYTHON"
  python3 -m venv "$CONFLUENT_PYTHON" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$CONFLUENT_PYTHON/bin/pip" install -q --disable-pip-version-check "$CONFLUENT_CLIENT" \
    || die "pip could not install $CONFLUENT_CLIENT"
  echo "$CONFLUENT_CLIENT" >"$marker"
}

cmd_provision() {
  take_lock
  provision_app
  provision_confluent_client
}

# --- run ---------------------------------------------------------------------------------
# Prints the pid if our registry runs (the command line is checked: a reused pid is not ours).
registry_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid cmdline
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && proc_alive "$pid" || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$APP_DIR/quarkus-run.jar"* ]] || return 1
  echo "$pid"
}

# The port the running registry listens on, whatever this shell's SMI_APICURIO_PORT says.
running_port() {
  local pid
  pid="$(registry_pid)" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^-Dquarkus\.http\.port=//p'
}

ready() {
  [ "$(http_status "$MANAGEMENT_PORT" /health/ready)" = 200 ] && [ "$(http_status "$PORT" /apis/ccompat/v7/subjects)" = 200 ]
}

cmd_start() {
  take_lock
  local pid java
  if pid="$(registry_pid)"; then
    log "already running (pid $pid) at http://127.0.0.1:$(running_port)/apis/ccompat/v7"
    return 0
  fi
  [ -f "$APP_DIR/.pom.sha256" ] || provision_app
  java="$(find_java21)"
  rm -f "$PID_FILE"
  if port_open "$PORT" || port_open "$MANAGEMENT_PORT"; then
    die "port $PORT or $MANAGEMENT_PORT is in use by a process we did not start (SMI_APICURIO_PORT moves both)"
  fi
  log "starting Apicurio Registry with $java ..."
  # In-memory H2 (the app's default storage), both listeners on loopback, a small JDBC pool,
  # no telemetry export. setsid: it outlives the shell that started it; the inner shell writes
  # its own pid and execs java, so the pid file holds the JVM's pid. HEAP is unquoted on purpose.
  # shellcheck disable=SC2016,SC2086
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$java" $HEAP -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=10 \
    -Dquarkus.otel.sdk.disabled=true -Dquarkus.http.access-log.enabled=false \
    -Dapicurio.storage.snapshot.location="$STATE_DIR" -Dapicurio.import.work-dir="$STATE_DIR" \
    -jar "$APP_DIR/quarkus-run.jar" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local deadline=$((SECONDS + WAIT_SECONDS))
  until ready; do
    if [ -s "$PID_FILE" ] && ! registry_pid >/dev/null; then
      tail -n 20 "$LOG_FILE" >&2 || true
      die "Apicurio Registry exited during startup (log $LOG_FILE)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$LOG_FILE" >&2 || true
      die "Apicurio Registry did not become ready within ${WAIT_SECONDS}s (log $LOG_FILE)"
    fi
    sleep 0.5
  done
  log "ready at $REGISTRY_URL (pid $(registry_pid))"
}

cmd_stop() {
  take_lock
  local pid
  if ! pid="$(registry_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  stop_process "$pid" "Apicurio Registry" 20
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(registry_pid)"; then
    echo "apicurio: running (pid $pid) at http://127.0.0.1:$(running_port)/apis/ccompat/v7"
  else
    echo "apicurio: stopped"
    return 3
  fi
}

cmd_env() {
  local port
  port="$(running_port 2>/dev/null || true)"
  echo "export SCHEMA_REGISTRY_URL=http://127.0.0.1:${port:-$PORT}/apis/ccompat/v7"
  echo "export SMI_CONFLUENT_PYTHON=$CONFLUENT_PYTHON/bin/python"
}

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") provision|start|status|stop|env
  state dir: $STATE_DIR (SMI_LOCAL_DIR moves it)
  registry:  $REGISTRY_URL (SMI_APICURIO_PORT; management on SMI_APICURIO_MANAGEMENT_PORT, default port + 1)
  java:      21+, from SMI_JAVA21_HOME, JAVA_HOME, PATH or /usr/lib/jvm; heap SMI_APICURIO_HEAP ("$HEAP")
EOF
}

case "${1:-}" in
  provision) cmd_provision ;;
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
