#!/usr/bin/env bash
# Quick start, command 1: brings the whole SMI platform up on this machine and shows it working.
#   - installs npm packages if missing (Node 24 comes with them), Kafka jars and Postgres if missing;
#   - starts one KRaft Kafka node and Postgres (deploy/local-stack.sh);
#   - starts the six services and the web dashboard (deploy/services.sh) on a simulated business clock;
#   - runs the demo feed (deploy/demo/buyer-feed.ts): DEMO_DAYS simulated days (default 92) of
#     DEMO_DAY_MS wall time each (default 1500): stock, orders, shipments with their advance shipping
#     notices, a short and a late delivery, stockouts, forecasts moving on, and each month's close
#     with its KPIs, penalties with their evidence and the scorecard.
# A second run continues the calendar where the first ended.
# `bash deploy/demo.sh stop` stops the services, the broker and the database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${1:-}" = "stop" ]; then
  bash deploy/services.sh stop
  bash deploy/local-stack.sh stop
  exit 0
fi

STATE_DIR="${SMI_LOCAL_DIR:-$PWD/.local}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
# The services read "now" from this file and the feed moves it forward, one simulated day at a time.
export SMI_CLOCK_FILE="${SMI_CLOCK_FILE:-$STATE_DIR/clock}"
if [ ! -s "$SMI_CLOCK_FILE" ]; then
  # The moment before the first demo day (deploy/demo/calendar.ts), written before the services
  # start: on the wall clock their sweeps would close every month of the calendar still empty.
  mkdir -p "$(dirname "$SMI_CLOCK_FILE")"
  echo "2025-12-31T23:59:59.999Z" >"$SMI_CLOCK_FILE"
fi
# Sweeps every half second of wall time: a simulated day lasts about 1.5 s.
export SMI_ORDER_EXPIRY_SWEEP_MS="${SMI_ORDER_EXPIRY_SWEEP_MS:-500}"
export SMI_CAPACITY_ALLOCATION_MS="${SMI_CAPACITY_ALLOCATION_MS:-500}"
export SMI_FORECAST_RUN_MS="${SMI_FORECAST_RUN_MS:-500}"
export SMI_PERIOD_CLOSE_SWEEP_MS="${SMI_PERIOD_CLOSE_SWEEP_MS:-500}"
export SMI_PERIOD_CLOSE_GRACE_HOURS="${SMI_PERIOD_CLOSE_GRACE_HOURS:-6}"
export SMI_NOTIFICATION_SWEEP_MS="${SMI_NOTIFICATION_SWEEP_MS:-500}"

t0=$SECONDS
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
bash deploy/local-stack.sh start >/dev/null
eval "$(bash deploy/local-stack.sh env)"
export KAFKA_BROKERS DATABASE_URL KAFKAJS_NO_PARTITIONER_WARNING=1
bash deploy/services.sh start
echo "[demo] broker, database, six services and the dashboard up in $((SECONDS - t0)) s; starting the demo feed"
dashboard="[demo] dashboard: http://localhost:3007 (sign in with demo-acme-key, the buyer; demo-northwind-key, the supplier; or demo-operator-key)"
echo "$dashboard"
status=0
node_modules/.bin/node -r @swc-node/register deploy/demo/buyer-feed.ts || status=$?
# The services and the dashboard keep running after the feed: `bash deploy/demo.sh stop` stops them.
echo "$dashboard"
exit "$status"
