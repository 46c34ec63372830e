#!/usr/bin/env bash
# The whole test suite: type-check, lint, unit tests, then integration and end-to-end
# tests against a real Kafka and Postgres (see libs/testing: KAFKA_BROKERS/DATABASE_URL,
# else testcontainers, else deploy/local-stack.sh). Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
[ -x node_modules/.bin/node ] || npm ci --no-audit --no-fund
# node_modules/.bin first: the pinned Node 24 (npm package node@24) runs everything.
export PATH="$ROOT/node_modules/.bin:$PATH"
export KAFKAJS_NO_PARTITIONER_WARNING=1

results="$(mktemp -d)"
status=0
failed_checks=0
step() { echo; echo "== $1"; }

# Type-check, lint, format and the Helm chart's validation count as one test each in the summary, so a red check is never hidden.
# Both go through Nx, project by project, so a project graph Nx cannot build fails them too.
step "type-check (nx run-many -t build)"
if nx run-many -t build --outputStyle=static; then passed_checks=1; else passed_checks=0; failed_checks=1; status=1; fi
step "lint (nx run-many -t lint)"
if nx run-many -t lint --outputStyle=static; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); status=1; fi
step "format (prettier --check)"
if prettier --check .; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); status=1; fi
step "Helm chart (deploy/helm/validate.sh: topics and principals from the code, lint, render, schemas)"
if bash deploy/helm/validate.sh; then passed_checks=$((passed_checks + 1)); else failed_checks=$((failed_checks + 1)); status=1; fi

stack_was_running=1
if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  bash deploy/local-stack.sh status >/dev/null 2>&1 || stack_was_running=0
fi

# Services left running by the demo share the tests' consumer groups on the same broker and
# would take their events: stop them first.
if bash deploy/services.sh status >/dev/null 2>&1 || [ -n "$(ls .local/services/*.pid 2>/dev/null)" ]; then
  echo "stopping the demo's services (deploy/services.sh), which would compete with the tests for events"
  bash deploy/services.sh stop
fi

step "unit tests"
jest -c jest.config.js --json --outputFile="$results/unit.json" || status=1
step "integration and end-to-end tests (real Kafka and Postgres)"
jest -c jest.integration.config.js --json --outputFile="$results/integration.json" || status=1

# Leave the machine as we found it: stop a local stack that this run started.
if [ "$stack_was_running" = 0 ] && [ -z "${SMI_KEEP_STACK:-}" ]; then
  bash deploy/local-stack.sh stop >/dev/null 2>&1 || true
fi

node -e '
  const fs = require("fs");
  let passed = Number(process.argv[2]), failed = Number(process.argv[3]), missing = [];
  for (const suite of ["unit", "integration"]) {
    const file = `${process.argv[1]}/${suite}.json`;
    if (!fs.existsSync(file)) { missing.push(suite); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    // A suite that failed to run (syntax error, setup crash) has no failed tests but is a failure.
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  failed += missing.length;
  if (missing.length) console.error(`no results from: ${missing.join(", ")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
' "$results" "$passed_checks" "$failed_checks" || status=1
exit $status
