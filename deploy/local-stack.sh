#!/usr/bin/env bash
# Local infrastructure for SMI without Docker: one KRaft Kafka node and one Postgres,
# both running as plain processes with their state under .local/ (or $SMI_LOCAL_DIR).
#
#   deploy/local-stack.sh provision|start|status|stop|wipe|env
#
# Every subcommand is idempotent: re-running it after success, after a partial run,
# or after a crash (stale pid files) is safe.
set -euo pipefail

# --- locations -------------------------------------------------------------------------
# Resolve from the script itself so it works from any cwd (Nx targets, CI, a subfolder).
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
STATE_DIR="${SMI_LOCAL_DIR:-$REPO_ROOT/.local}"
# Absolute, because Postgres commands run from / (see as_pg) and the daemons outlive our cwd.
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
KAFKA_LIBS="$STATE_DIR/kafka-libs"
KAFKA_DATA="$STATE_DIR/kafka-data"
PG_DATA="$STATE_DIR/pg-data"
LOG_DIR="$STATE_DIR/logs"
KAFKA_PID_FILE="$STATE_DIR/kafka.pid"
KAFKA_PROPS="$STATE_DIR/kafka-server.properties"
KAFKA_LOG="$LOG_DIR/kafka-server.log"
KAFKA_OUT="$LOG_DIR/kafka.out"
PG_LOG="$LOG_DIR/postgres.log"
KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
KAFKA_LOG4J="$SCRIPT_DIR/kafka/log4j2.yaml"
# Secrets of this stack (generated, never committed): one "principal password" line per Kafka
# principal, the admin first; the broker's TLS keystore and the CA clients trust.
SECRETS_DIR="$STATE_DIR/secrets"
PRINCIPALS_FILE="$SECRETS_DIR/kafka-principals"
ADMIN_PROPS="$SECRETS_DIR/kafka-admin.properties"
TLS_DIR="$SECRETS_DIR/kafka-tls"
KAFKA_CA_FILE="$TLS_DIR/ca.pem"
KAFKA_ADMIN=admin
SASL_MECHANISM=SCRAM-SHA-512
PLATFORM_PRINCIPALS=()
# The services, each its own principal (smi-<service>), and the parties file whose buyers and
# suppliers get one principal each (party-<id>).
SMI_SERVICE_NAMES="inventory-ingest forecasting replenishment shipment sla-monitor notification"
PARTIES_FILE="${SMI_PARTIES_FILE:-$SCRIPT_DIR/seed/parties.json}"

# Ports come from the environment so several stacks can run side by side on one machine.
KAFKA_PORT="${SMI_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${SMI_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_TLS_PORT="${SMI_KAFKA_TLS_PORT:-19094}"
PG_PORT="${SMI_PG_PORT:-15432}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
WAIT_SECONDS="${SMI_START_TIMEOUT:-90}"

KAFKA_BROKERS="localhost:$KAFKA_PORT"
DATABASE_URL="postgres://smi:smi@localhost:$PG_PORT/smi"

log() { printf '[local-stack] %s\n' "$*" >&2; }
die() { printf '[local-stack] ERROR: %s\n' "$*" >&2; exit 1; }

# Postgres refuses to run as root, so as root we drop to the `postgres` user;
# as an ordinary user we simply run it as ourselves.
# Run from / because our cwd may be unreadable for postgres (e.g. /root).
if [ "$(id -u)" -eq 0 ]; then
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  as_pg() { "$@"; }
fi

# User postgres cannot enter a private folder (mktemp -d makes them 0700, so does a clone
# in /root): then the cluster and its log live in a folder of their own under /var/tmp,
# named after the state dir so every checkout keeps its own.
PG_HOME=""
pg_blocked() {
  [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 || return 1
  local nearest="$STATE_DIR"
  while [ ! -e "$nearest" ]; do nearest="$(dirname "$nearest")"; done
  ! as_pg test -x "$nearest"
}
if pg_blocked; then
  PG_HOME="/var/tmp/smi-postgres-$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)"
  PG_DATA="$PG_HOME/pg-data"
  PG_LOG="$PG_HOME/postgres.log"
fi

# kill -0 also succeeds for zombies (if nothing reaps orphans, as in some containers),
# so look at the process state as well.
proc_alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Serialise concurrent invocations (two `start`s racing would both format/initdb).
# fd 9 must be closed for every long-lived child (9>&-), or the daemon would hold the lock.
take_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 120 9 || die "another local-stack.sh is still running (lock $STATE_DIR/.lock)"
}

# --- provision ---------------------------------------------------------------------------
maven_args() {
  local args=(-q -B)
  # Lets CI/devs point at a shared or pre-warmed Maven cache.
  if [ -n "${SMI_MAVEN_REPO:-}" ]; then args+=("-Dmaven.repo.local=$SMI_MAVEN_REPO"); fi
  printf '%s\n' "${args[@]}"
}

apt_install() {
  [ "$(id -u)" -eq 0 ] || die "need root to apt-get install $*; install it yourself"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists may be empty on a fresh machine.
  apt-get update -q >/dev/null
  apt-get install -y -q "$@" >/dev/null
}

# Debian's chromium, for the dashboard's browser tests (driven by playwright-core; no browser download).
provision_browser() {
  command -v chromium >/dev/null || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || { log "installing chromium with apt-get ..."; apt_install chromium; }
}

provision_kafka() {
  # The marker holds the pom's hash: jars present for the same pom = nothing to do,
  # and editing the pom (e.g. a version bump) triggers a fresh download.
  local want marker="$KAFKA_LIBS/.pom.sha256"
  want="$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
    return 0
  fi
  command -v mvn >/dev/null || apt_install maven
  log "fetching Kafka jars with Maven into $KAFKA_LIBS ..."
  # Download into a temp dir and rename, so an interrupted run never looks complete.
  local tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  local margs
  mapfile -t margs < <(maven_args)
  # Output is kept only for failures (Debian's Maven 3.8 prints stray ANSI codes even with -q).
  local out
  if ! out="$(mvn "${margs[@]}" -f "$KAFKA_POM" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1)"; then
    printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' >&2
    die "Maven could not fetch the Kafka jars (output above)"
  fi
  echo "$want" >"$tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log "Kafka jars ready ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars)"
}

pg_bin_dir() {
  # Prefer the major version the data dir was created with: a newer server can't open it.
  if [ -f "$PG_DATA/PG_VERSION" ]; then
    local v
    v="$(cat "$PG_DATA/PG_VERSION")"
    if [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
      echo "/usr/lib/postgresql/$v/bin"
      return 0
    fi
  fi
  local p
  p="$(printf '%s\n' /usr/lib/postgresql/*/bin/postgres | grep -v '\*' | sort -V | tail -n1 || true)"
  [ -n "$p" ] && dirname "$p"
}

provision_postgres() {
  if [ -n "$(pg_bin_dir)" ]; then return 0; fi
  log "installing Postgres with apt-get ..."
  # Debian's package would create and start its own 'main' cluster on 5432; we only want
  # the binaries, so turn that off before the server package is installed.
  apt_install postgresql-common
  sed -i 's/^#\?\s*create_main_cluster\s*=.*/create_main_cluster = false/' \
    /etc/postgresql-common/createcluster.conf
  apt_install postgresql
  [ -n "$(pg_bin_dir)" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres found"
}

check_java() {
  command -v java >/dev/null || apt_install default-jre-headless
  # Kafka 4.x brokers need Java 17+.
  local major
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [ "${major:-0}" -ge 17 ] || die "Kafka 4.1 needs Java 17+, found: $(java -version 2>&1 | head -n1)"
}

# The metrics test scrapes the services with a real Prometheus, which it starts itself on a free loopback port.
provision_prometheus() {
  command -v prometheus >/dev/null || apt_install --no-install-recommends prometheus
}

cmd_provision() {
  take_lock
  check_java
  provision_kafka
  provision_postgres
  provision_browser
  provision_prometheus
  if kafka_pid >/dev/null; then log "note: a running broker keeps the jars it started with until restarted"; fi
  log "provisioned (kafka libs: $KAFKA_LIBS, postgres: $(pg_bin_dir))"
}

# --- secrets: Kafka principals and TLS -------------------------------------------------
random_secret() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

password_of() { [ -f "$PRINCIPALS_FILE" ] && awk -v n="$1" '$1 == n { print $2; exit }' "$PRINCIPALS_FILE"; }

# A principal name must survive SCRAM (no , or =) and ACLs; party ids are kept to this.
valid_principal() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; }

# Gives each named principal a generated password unless it has one (they never change after).
ensure_passwords() {
  mkdir -p "$SECRETS_DIR"
  chmod 700 "$SECRETS_DIR"
  [ -f "$PRINCIPALS_FILE" ] || (umask 077 && : >"$PRINCIPALS_FILE")
  local name
  for name in "$@"; do
    valid_principal "$name" || die "not a usable Kafka principal name: '$name'"
    [ -n "$(password_of "$name")" ] || printf '%s %s\n' "$name" "$(random_secret)" >>"$PRINCIPALS_FILE"
  done
}

# A CA of this stack and a broker certificate for localhost signed by it, made with keytool.
# Clients trust the CA (KAFKA_SSL_CA_FILE=$KAFKA_CA_FILE) on the TLS listener.
ensure_tls() {
  if [ -f "$TLS_DIR/broker.p12" ] && [ -f "$KAFKA_CA_FILE" ] && [ -f "$TLS_DIR/store.password" ]; then return 0; fi
  command -v keytool >/dev/null || die "keytool (from the JDK) is needed to make the broker's TLS certificate"
  local tmp="$TLS_DIR.tmp" pw
  rm -rf "$tmp"
  mkdir -p "$tmp"
  chmod 700 "$tmp"
  pw="$(random_secret)"
  (umask 077 && printf '%s' "$pw" >"$tmp/store.password")
  log "making a CA and a TLS certificate for the broker (keytool) ..."
  {
    keytool -genkeypair -alias ca -dname "CN=SMI local stack CA" -keyalg RSA -keysize 2048 -validity 825 \
      -ext bc:c -keystore "$tmp/ca.p12" -storetype PKCS12 -storepass "$pw"
    keytool -exportcert -rfc -alias ca -keystore "$tmp/ca.p12" -storepass "$pw" -file "$tmp/ca.pem"
    keytool -genkeypair -alias broker -dname "CN=localhost" -keyalg RSA -keysize 2048 -validity 825 \
      -keystore "$tmp/broker.p12" -storetype PKCS12 -storepass "$pw"
    keytool -certreq -alias broker -keystore "$tmp/broker.p12" -storepass "$pw" -file "$tmp/broker.csr"
    keytool -gencert -alias ca -keystore "$tmp/ca.p12" -storepass "$pw" -infile "$tmp/broker.csr" \
      -outfile "$tmp/broker.pem" -rfc -validity 825 -ext "SAN=dns:localhost,ip:127.0.0.1"
    keytool -importcert -noprompt -alias ca -file "$tmp/ca.pem" -keystore "$tmp/broker.p12" -storepass "$pw"
    keytool -importcert -noprompt -alias broker -file "$tmp/broker.pem" -keystore "$tmp/broker.p12" -storepass "$pw"
  } >"$tmp/keytool.log" 2>&1 || { cat "$tmp/keytool.log" >&2; die "keytool could not make the TLS certificate"; }
  rm -rf "$TLS_DIR"
  mv "$tmp" "$TLS_DIR"
}

# The port the running broker listens on, whatever this shell's SMI_KAFKA_PORT says.
admin_port() {
  local port
  port="$(sed -n 's|^listeners=CLIENT://localhost:\([0-9]*\).*|\1|p' "$KAFKA_PROPS" 2>/dev/null)"
  echo "${port:-$KAFKA_PORT}"
}

write_admin_props() {
  (umask 077 && cat >"$ADMIN_PROPS") <<EOF
bootstrap.servers=localhost:$(admin_port)
security.protocol=SASL_PLAINTEXT
sasl.mechanism=$SASL_MECHANISM
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN" password="$(password_of "$KAFKA_ADMIN")";
EOF
}

# The buyers' and suppliers' ids in the parties file (operators reach the platform over HTTP only).
integration_parties() {
  [ -f "$PARTIES_FILE" ] || return 0
  node -e '
    const { parties } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const p of parties) if (p.kind === "buyer" || p.kind === "supplier") console.log(p.id);
  ' "$PARTIES_FILE"
}

# Creates on the running broker the SCRAM credential of each named principal it lacks
# (.smi-principals in the data dir lists those it has: those of the format step, then these, so a
# reformat creates them again). Kafka's own kafka-configs (ConfigCommand), one JVM per principal
# (it takes one entity at a time), so the platform's principals are made at format time instead.
ensure_principals() {
  ensure_passwords "$@"
  local applied="$KAFKA_DATA/.smi-principals" name
  touch "$applied"
  for name in "$@"; do
    grep -qxF "$name" "$applied" && continue
    write_admin_props
    java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$LOG_DIR" \
      kafka.admin.ConfigCommand --bootstrap-server "localhost:$(admin_port)" --command-config "$ADMIN_PROPS" \
      --alter --entity-type users --entity-name "$name" \
      --add-config "$SASL_MECHANISM=[iterations=8192,password=$(password_of "$name")]" >>"$KAFKA_OUT" 2>&1 \
      || { tail -n 20 "$KAFKA_OUT" >&2; die "could not create the SCRAM credential of $name"; }
    echo "$name" >>"$applied"
    log "Kafka principal created: $name"
  done
}

# The platform's principals: one per service, one per buyer and supplier of the parties file.
platform_principals() {
  local name party
  for name in $SMI_SERVICE_NAMES; do echo "smi-$name"; done
  while read -r party; do
    if valid_principal "$party"; then echo "party-$party"; else log "party id '$party' cannot be a Kafka principal; skipped"; fi
  done < <(integration_parties)
}

# --- kafka -------------------------------------------------------------------------------
# Prints the pid if our broker is running. Checks the command line too, so a stale pid
# file whose pid was reused by another process (after a crash/reboot) is not trusted.
kafka_pid() {
  [ -f "$KAFKA_PID_FILE" ] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && proc_alive "$pid" || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *" kafka.Kafka "* ]] || return 1
  echo "$pid"
}

write_kafka_props() {
  # Regenerated on every start so edits to this script apply; the cluster id lives in
  # kafka-data/meta.properties, not here. It holds the admin password: readable by us only.
  local admin_password
  admin_password="$(password_of "$KAFKA_ADMIN")"
  (umask 077 && : >"$KAFKA_PROPS")
  cat >"$KAFKA_PROPS" <<EOF
# Generated by deploy/local-stack.sh - edit the script, not this file.
process.roles=broker,controller
node.id=1
# Dynamic single-voter quorum (what 'format --standalone' sets up in Kafka 4.x).
controller.quorum.bootstrap.servers=localhost:$KAFKA_CONTROLLER_PORT
# Every listener authenticates. CLIENT: SASL/SCRAM in clear on loopback (the services, tests,
# tools); TLS: SASL/SCRAM over TLS (certificate from ensure_tls) for clients on other hosts;
# CONTROLLER: SASL/PLAIN with the admin only (KRaft controllers cannot check SCRAM themselves).
listeners=CLIENT://localhost:$KAFKA_PORT,TLS://localhost:$KAFKA_TLS_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
advertised.listeners=CLIENT://localhost:$KAFKA_PORT,TLS://localhost:$KAFKA_TLS_PORT,CONTROLLER://localhost:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,TLS:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=$SASL_MECHANISM
sasl.mechanism.inter.broker.protocol=$SASL_MECHANISM
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$KAFKA_ADMIN" password="$admin_password" user_$KAFKA_ADMIN="$admin_password";
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN" password="$admin_password";
listener.name.tls.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.tls.ssl.keystore.location=$TLS_DIR/broker.p12
listener.name.tls.ssl.keystore.type=PKCS12
listener.name.tls.ssl.keystore.password=$(cat "$TLS_DIR/store.password")
# Nothing is allowed that an ACL does not allow; the admin (tests, tools, topic and ACL set-up) may do anything.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:$KAFKA_ADMIN
allow.everyone.if.no.acl.found=false
log.dirs=$KAFKA_DATA
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
# Topics are created explicitly by the services, so typos fail loudly.
auto.create.topics.enable=false
# One broker: internal topics must not ask for more replicas than exist.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumers in tests join instantly instead of waiting 3 s for more members.
group.initial.rebalance.delay.ms=0
num.recovery.threads.per.data.dir=1
EOF
}

format_kafka_storage() {
  # meta.properties is written by the format step; without it the dir holds no usable data
  # (e.g. an interrupted format), so it is safe to clear and format again.
  # The SCRAM credentials of the admin and of the platform's principals are written at format
  # time (.smi-scram marks it); a store formatted before the broker required SASL has no admin
  # and is formatted again.
  if [ -f "$KAFKA_DATA/meta.properties" ] && [ -f "$KAFKA_DATA/.smi-scram" ]; then return 0; fi
  if [ -f "$KAFKA_DATA/meta.properties" ]; then
    log "Kafka storage was formatted without SCRAM credentials; formatting it again (its topics are lost)"
  fi
  rm -rf "$KAFKA_DATA"
  local cluster_id
  cluster_id="$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid)"
  log "formatting Kafka storage (cluster id $cluster_id) ..."
  local name scram=()
  for name in "$KAFKA_ADMIN" "${PLATFORM_PRINCIPALS[@]}"; do
    scram+=(--add-scram "$SASL_MECHANISM=[name=$name,iterations=8192,password=$(password_of "$name")]")
  done
  java -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$LOG_DIR" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_PROPS" --standalone "${scram[@]}" \
    >>"$KAFKA_OUT" 2>&1 || { tail -n 20 "$KAFKA_OUT" >&2; die "Kafka storage format failed"; }
  printf '%s\n' "${PLATFORM_PRINCIPALS[@]}" >"$KAFKA_DATA/.smi-principals"
  touch "$KAFKA_DATA/.smi-scram"
}

# Offset into the broker log before launch, so we only accept a "started" line from this run;
# -1 = broker was already running, so only the port + metadata checks apply.
KAFKA_LOG_OFFSET=-1

start_kafka() {
  local pid
  if pid="$(kafka_pid)"; then
    log "kafka already running (pid $pid)"
    return 0
  fi
  rm -f "$KAFKA_PID_FILE"
  if port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT" || port_open "$KAFKA_TLS_PORT"; then
    die "port $KAFKA_PORT, $KAFKA_TLS_PORT or $KAFKA_CONTROLLER_PORT is in use by a process we did not start"
  fi
  mapfile -t PLATFORM_PRINCIPALS < <(platform_principals)
  ensure_passwords "$KAFKA_ADMIN" "${PLATFORM_PRINCIPALS[@]}"
  ensure_tls
  write_kafka_props
  format_kafka_storage
  KAFKA_LOG_OFFSET="$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)"
  log "starting kafka ..."
  # setsid: own session, so the broker survives the terminal/CI step that started it.
  # The inner shell records its own pid then execs java, so the pid file is the JVM's pid
  # whatever setsid does. KAFKA_HEAP is left unquoted on purpose (several JVM flags).
  # shellcheck disable=SC2016,SC2086
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
    java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS" \
    </dev/null >>"$KAFKA_OUT" 2>&1 9>&- &
  # The pid file is written by the child; don't report "exited" before it exists.
  for _ in $(seq 1 50); do
    [ -s "$KAFKA_PID_FILE" ] && return 0
    sleep 0.1
  done
  die "kafka did not launch (see $KAFKA_OUT)"
}

# A real protocol round trip: ApiVersions, the one request a SASL listener answers before the
# client authenticates (the admin's authenticated round trip follows in ensure_principals).
# Uses node (always present in this repo) with raw bytes, since the Maven artifacts carry no
# CLI tools and kafkajs may not be installed yet.
kafka_answers() {
  command -v node >/dev/null || return 0 # best effort: the log line + port already passed
  node -e '
    const net = require("net");
    const port = Number(process.argv[1]);
    const cid = "local-stack";
    // ApiVersions v0: header only (api key 18, version 0, correlation id, client id), no body.
    const body = Buffer.alloc(2 + 2 + 4 + 2 + cid.length);
    let o = 0;
    o = body.writeInt16BE(18, o); o = body.writeInt16BE(0, o); o = body.writeInt32BE(42, o);
    o = body.writeInt16BE(cid.length, o); body.write(cid, o);
    const req = Buffer.concat([Buffer.alloc(4), body]); req.writeInt32BE(body.length, 0);
    const s = net.connect(port, "127.0.0.1", () => s.write(req));
    let buf = Buffer.alloc(0);
    const fail = (m) => { console.error(m); process.exit(1); };
    s.setTimeout(3000, () => fail("timeout"));
    s.on("error", (e) => fail(e.message));
    s.on("close", () => fail("connection closed without an ApiVersions response"));
    s.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      if (buf.readInt32BE(4) !== 42 || buf.readInt16BE(8) !== 0) fail("unexpected ApiVersions response");
      process.exit(0);
    });
  ' "$KAFKA_PORT" 2>/dev/null
}

wait_kafka() {
  local deadline=$((SECONDS + WAIT_SECONDS)) size
  while :; do
    local pid
    if ! pid="$(kafka_pid)"; then
      tail -n 20 "$KAFKA_OUT" "$KAFKA_LOG" >&2 2>/dev/null || true
      die "kafka exited during startup (logs: $KAFKA_OUT, $KAFKA_LOG)"
    fi
    local started=1
    if [ "$KAFKA_LOG_OFFSET" -ge 0 ]; then
      size="$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)"
      # The log rolled over since we looked: read it from the beginning.
      if [ "$size" -lt "$KAFKA_LOG_OFFSET" ]; then KAFKA_LOG_OFFSET=0; fi
      # grep without -q reads to EOF: with -q, tail can die of SIGPIPE and pipefail fails the test.
      tail -c +"$((KAFKA_LOG_OFFSET + 1))" "$KAFKA_LOG" 2>/dev/null \
        | grep -F 'Kafka Server started' >/dev/null || started=0
    fi
    if [ "$started" -eq 1 ] && port_open "$KAFKA_PORT" && kafka_answers; then
      log "kafka ready on $KAFKA_BROKERS (pid $pid)"
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$KAFKA_LOG" >&2 2>/dev/null || true
      die "kafka did not become ready within ${WAIT_SECONDS}s (still running as pid $pid; log $KAFKA_LOG)"
    fi
    sleep 0.5
  done
}

stop_kafka() {
  local pid
  if ! pid="$(kafka_pid)"; then
    rm -f "$KAFKA_PID_FILE"
    log "kafka not running"
    return 0
  fi
  log "stopping kafka (pid $pid) ..."
  # SIGTERM triggers Kafka's controlled shutdown (flushes logs, clean-shutdown marker,
  # so the next start skips log recovery).
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    proc_alive "$pid" || break
    sleep 0.5
  done
  if proc_alive "$pid"; then
    log "kafka did not stop within 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$KAFKA_PID_FILE"
  log "kafka stopped"
}

# --- postgres ----------------------------------------------------------------------------
# Prints the postmaster pid if our server is running. pg_ctl status alone would trust a
# stale postmaster.pid whose pid now belongs to some other process.
pg_pid() {
  [ -f "$PG_DATA/postmaster.pid" ] || return 1
  local pid
  pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && proc_alive "$pid" || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "postgres" ] || return 1
  echo "$pid"
}

pg_socket_dir() {
  # Unix socket paths are limited to ~107 bytes; fall back to /tmp for deep state dirs.
  if [ "${#PG_DATA}" -lt 80 ]; then echo "$PG_DATA"; else echo /tmp; fi
}

init_postgres() {
  if [ -f "$PG_DATA/PG_VERSION" ]; then return 0; fi
  local bin tmp="$PG_DATA.tmp"
  bin="$(pg_bin_dir)"
  log "initdb into $PG_DATA ..."
  if [ -n "$PG_HOME" ]; then
    log "user postgres cannot reach $STATE_DIR: its cluster goes to $PG_HOME"
    mkdir -p "$PG_HOME" && chown postgres:postgres "$PG_HOME" && chmod 700 "$PG_HOME"
  fi
  # initdb into a temp dir and rename, so a half-done initdb is never mistaken for a cluster.
  rm -rf "$tmp"
  mkdir -p "$tmp"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$tmp"
  chmod 700 "$tmp"
  # peer for the socket (admin as OS user postgres), passwords over TCP (the apps).
  as_pg "$bin/initdb" -D "$tmp" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$LOG_DIR/initdb.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed"; }
  echo "include_if_exists = 'smi-local.conf'" >>"$tmp/postgresql.conf"
  mv "$tmp" "$PG_DATA"
}

write_pg_conf() {
  # Regenerated each start (included from postgresql.conf) so script edits apply.
  cat >"$PG_DATA/smi-local.conf" <<EOF
# Generated by deploy/local-stack.sh - edit the script, not this file.
listen_addresses = 'localhost'
port = $PG_PORT
unix_socket_directories = '$(pg_socket_dir)'
max_connections = 200
shared_buffers = 128MB
password_encryption = 'scram-sha-256'
logging_collector = off
log_min_messages = warning
EOF
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DATA/smi-local.conf"
}

# A killed postmaster leaves postmaster.pid and the socket lock behind. Postgres itself
# ignores them only if the pid in them is gone; a reused pid, or a zombie (on machines whose
# init does not reap orphans, like this sandbox) makes it refuse to start with
# "lock file ... already exists". So drop each one whose pid is not a live postgres.
clear_stale_pg_locks() {
  local f pid
  for f in "$PG_DATA/postmaster.pid" "$(pg_socket_dir)/.s.PGSQL.$PG_PORT.lock"; do
    [ -f "$f" ] || continue
    pid="$(head -n1 "$f" 2>/dev/null || true)"
    if [ -n "$pid" ] && proc_alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "postgres" ]; then
      continue
    fi
    log "removing stale $(basename "$f") (pid ${pid:-?} is gone)"
    rm -f "$f"
  done
}

start_postgres() {
  local pid bin
  bin="$(pg_bin_dir)"
  init_postgres
  write_pg_conf
  if pid="$(pg_pid)"; then
    log "postgres already running (pid $pid)"
    return 0
  fi
  clear_stale_pg_locks
  if port_open "$PG_PORT"; then
    die "port $PG_PORT is in use by a process we did not start"
  fi
  # pg_ctl runs as postgres and opens the log itself, so the file must be postgres's.
  touch "$PG_LOG"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_LOG"
  log "starting postgres ..."
  as_pg "$bin/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$WAIT_SECONDS" >/dev/null 9>&- \
    || { tail -n 30 "$PG_LOG" >&2; die "postgres failed to start (log $PG_LOG)"; }
}

# Role and database are (re)asserted every start: cheap, and it heals a half-done first run.
ensure_pg_app_db() {
  local bin sock
  bin="$(pg_bin_dir)"
  sock="$(pg_socket_dir)"
  as_pg "$bin/psql" -h "$sock" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smi') THEN
    CREATE ROLE smi LOGIN CREATEDB PASSWORD 'smi';
  ELSE
    ALTER ROLE smi LOGIN CREATEDB PASSWORD 'smi';
  END IF;
END
$$;
SELECT 'CREATE DATABASE smi OWNER smi' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'smi')
\gexec
SQL
}

wait_postgres() {
  local bin deadline=$((SECONDS + WAIT_SECONDS))
  bin="$(pg_bin_dir)"
  until "$bin/pg_isready" -q -h localhost -p "$PG_PORT"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$PG_LOG" >&2 || true
      die "postgres did not answer on localhost:$PG_PORT within ${WAIT_SECONDS}s (log $PG_LOG)"
    fi
    sleep 0.5
  done
  ensure_pg_app_db
  # Prove the exact URL the apps use works (TCP + password auth + database exists).
  "$bin/psql" "$DATABASE_URL" -qAtc 'select 1' >/dev/null \
    || die "postgres is up but $DATABASE_URL does not accept connections"
  log "postgres ready at $DATABASE_URL (pid $(pg_pid))"
}

stop_postgres() {
  local pid bin
  if ! pid="$(pg_pid)"; then
    log "postgres not running"
    return 0
  fi
  bin="$(pg_bin_dir)"
  log "stopping postgres (pid $pid) ..."
  as_pg "$bin/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null
  log "postgres stopped"
}

# --- subcommands -------------------------------------------------------------------------
cmd_env() {
  echo "export KAFKA_BROKERS=$KAFKA_BROKERS"
  # The admin principal (tests, tools, topic and ACL set-up); each service runs as its own
  # principal, whose password it finds in SMI_KAFKA_PRINCIPALS_FILE (deploy/services.sh).
  echo "export KAFKA_SASL_MECHANISM=$SASL_MECHANISM"
  echo "export KAFKA_SASL_USERNAME=$KAFKA_ADMIN"
  echo "export KAFKA_SASL_PASSWORD=$(password_of "$KAFKA_ADMIN")"
  echo "export SMI_KAFKA_PRINCIPALS_FILE=$PRINCIPALS_FILE"
  echo "export DATABASE_URL=$DATABASE_URL"
  # The TLS listener, for a client on another host: KAFKA_BROKERS=<these> KAFKA_SSL_CA_FILE=<this CA>.
  echo "export SMI_KAFKA_TLS_BROKERS=localhost:$KAFKA_TLS_PORT"
  echo "export SMI_KAFKA_TLS_CA_FILE=$KAFKA_CA_FILE"
}

# Creates the named principals if missing and prints "principal password" for each (tests
# use this for integrations of their own).
cmd_principals() {
  take_lock
  kafka_pid >/dev/null || die "kafka is not running (deploy/local-stack.sh start)"
  ensure_principals "$@"
  local name
  for name in "$@"; do printf '%s %s\n' "$name" "$(password_of "$name")"; done
}

cmd_start() {
  take_lock
  check_java
  # Never swap the jars under a running broker; `provision` does that explicitly.
  kafka_pid >/dev/null || provision_kafka
  provision_postgres
  mkdir -p "$LOG_DIR"
  local t0=$SECONDS
  # Kafka is launched in the background first; Postgres starts while the JVM boots.
  start_kafka
  start_postgres
  wait_postgres
  wait_kafka
  local principals
  mapfile -t principals < <(platform_principals)
  ensure_principals "${principals[@]}"
  log "stack up in $((SECONDS - t0))s. Use:"
  cmd_env
}

cmd_status() {
  local rc=0 pid
  if pid="$(kafka_pid)"; then echo "kafka: running (pid $pid) on $KAFKA_BROKERS"; else echo "kafka: stopped"; rc=3; fi
  if pid="$(pg_pid)"; then echo "postgres: running (pid $pid) on localhost:$PG_PORT"; else echo "postgres: stopped"; rc=3; fi
  return "$rc"
}

cmd_stop() {
  take_lock
  stop_kafka
  stop_postgres
}

cmd_wipe() {
  cmd_stop
  log "deleting state in $STATE_DIR (keeping kafka-libs) ..."
  rm -rf "$KAFKA_DATA" "$PG_DATA" "$PG_DATA.tmp" "$LOG_DIR" "$KAFKA_PROPS" "$KAFKA_PID_FILE" "$SECRETS_DIR"
  [ -z "$PG_HOME" ] || rm -rf "$PG_HOME"
}

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") provision|start|status|stop|wipe|env|principals NAME...
  state dir: $STATE_DIR (override with SMI_LOCAL_DIR)
  kafka:     $KAFKA_BROKERS SASL/SCRAM, localhost:$KAFKA_TLS_PORT SASL/SCRAM over TLS (KAFKA_HEAP overrides "$KAFKA_HEAP")
  ports:     SMI_KAFKA_PORT, SMI_KAFKA_TLS_PORT, SMI_KAFKA_CONTROLLER_PORT, SMI_PG_PORT
  postgres:  $DATABASE_URL
EOF
}

case "${1:-}" in
  provision) cmd_provision ;;
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  wipe) cmd_wipe ;;
  env) cmd_env ;;
  principals) shift; cmd_principals "$@" ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
