#!/usr/bin/env bash
# Runs the reference implementation (statsforecast, PyPI) on fixed series and writes
# libs/forecasting/test/fixtures/statsforecast-reference.json. The venv lives in .local/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.local/reference-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r tools/reference-forecasts/requirements.txt
fi
"$venv/bin/python" tools/reference-forecasts/make_fixtures.py "${1:-../shared/data/carparts.csv}"
