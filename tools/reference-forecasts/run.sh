#!/usr/bin/env bash
# Runs the reference implementation (statsforecast, PyPI) on fixed series and writes
# libs/forecasting/test/fixtures/statsforecast-reference.json. The venv lives in .local/ (not committed).
#   run.sh [carparts.csv]         the test fixture
#   run.sh bench [carparts.csv]   statsforecast's forecasts of every carparts part's hold-out, for
#                                 bench/forecast-accuracy-carparts.ts, in .local/reference-forecasts/ (not committed)
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.local/reference-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# Reinstall whenever the pinned versions change.
if ! cmp -s tools/reference-forecasts/requirements.txt "$venv/requirements.installed"; then
  "$venv/bin/pip" install --quiet -r tools/reference-forecasts/requirements.txt
  cp tools/reference-forecasts/requirements.txt "$venv/requirements.installed"
fi
script=make_fixtures.py
if [ "${1:-}" = bench ]; then
  script=make_bench_reference.py
  shift
fi
"$venv/bin/python" "tools/reference-forecasts/$script" "${1:-../shared/data/carparts.csv}"
