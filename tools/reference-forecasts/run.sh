#!/usr/bin/env bash
# Runs the reference implementation (statsforecast, PyPI) on fixed series and writes
# libs/forecasting/test/fixtures/statsforecast-reference.json. The venv lives in .local/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.local/reference-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# Reinstall whenever the pinned versions change.
if ! cmp -s tools/reference-forecasts/requirements.txt "$venv/requirements.installed"; then
  "$venv/bin/pip" install --quiet -r tools/reference-forecasts/requirements.txt
  cp tools/reference-forecasts/requirements.txt "$venv/requirements.installed"
fi
"$venv/bin/python" tools/reference-forecasts/make_fixtures.py "${1:-../shared/data/carparts.csv}"
