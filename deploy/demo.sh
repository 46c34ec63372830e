#!/usr/bin/env bash
# Quick start, command 1: brings the whole SMI platform up on this machine and shows it working.
#   - installs npm packages if missing (Node 24 comes with them), Kafka jars and Postgres if missing;
#   - starts one KRaft Kafka node and Postgres (deploy/local-stack.sh);
#   - starts the six services (deploy/services.sh);
#   - runs the demo buyer feed, which prints stock falling, orders, shipments, a stockout, a penalty and webhooks.
# `bash deploy/demo.sh stop` stops the services, the broker and the database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${1:-}" = "stop" ]; then
  bash deploy/services.sh stop
  bash deploy/local-stack.sh stop
  exit 0
fi

t0=$SECONDS
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
bash deploy/local-stack.sh start >/dev/null
eval "$(bash deploy/local-stack.sh env)"
export KAFKA_BROKERS DATABASE_URL KAFKAJS_NO_PARTITIONER_WARNING=1
bash deploy/services.sh start
echo "[demo] broker, database and six services up in $((SECONDS - t0)) s; starting the demo buyer feed"
exec node_modules/.bin/node -r @swc-node/register deploy/demo/buyer-feed.ts
