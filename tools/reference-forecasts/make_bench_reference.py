"""statsforecast's forecasts of the carparts hold-out, for bench/forecast-accuracy-carparts.ts.

Every carparts part observed for all 51 months, split as the bench splits it:
the first 39 months are the history each model is fitted on, the last 12 are
held out and forecast. One statsforecast model per libs/forecasting method
(tools/reference-forecasts/README.md says which is which), plus AutoETS. The
file keeps each part's history and held-out months so the bench can check its
own series are the same before it compares anything. The bench scores these
forecasts with libs/forecasting's own measures; nothing is scored here.

Writes .local/reference-forecasts/carparts-bench.json (not committed: .local/
is ignored). Run through run.sh, which makes the pinned venv:

    bash tools/reference-forecasts/run.sh bench [path/to/carparts.csv]
"""
import datetime
import json
import os
import sys
import time

import numpy as np
import statsforecast
from statsforecast import models as sf

from carparts_file import observed_months
from fitted_constants import fitted_window, tsb_fitted

MONTHS = 51
HOLD_OUT = 12
SEASON = 12
OUT = ".local/reference-forecasts/carparts-bench.json"

# statsforecast model name -> (the libs/forecasting method it stands beside, a fresh model).
# CrostonSBA is statsforecast's own: both constants fixed at 0.1, where ours fits them. The moving average's window and
# TSB's constants are fitted as ours are (fitted_constants.py), statsforecast then forecasts at them.
MODELS = {
    "Naive": ("naive", lambda y: sf.Naive()),
    "SeasonalNaive": ("seasonal-naive", lambda y: sf.SeasonalNaive(season_length=SEASON)),
    "WindowAverage(fitted window)": ("moving-average", lambda y: sf.WindowAverage(window_size=fitted_window(y))),
    "SimpleExponentialSmoothingOptimized": ("simple-exponential-smoothing", lambda y: sf.SimpleExponentialSmoothingOptimized()),
    "Holt": ("holt", lambda y: sf.Holt(season_length=1)),
    # statsforecast's Holt picks damped or not by AICc; this one is always damped, as ours.
    "AutoETS(AAN, damped)": ("holt-damped", lambda y: sf.AutoETS(model="AAN", damped=True)),
    "HoltWinters(additive)": ("holt-winters-additive", lambda y: sf.HoltWinters(season_length=SEASON, error_type="A")),
    "HoltWinters(multiplicative)": ("holt-winters-multiplicative", lambda y: sf.HoltWinters(season_length=SEASON, error_type="M")),
    "CrostonOptimized": ("croston", lambda y: sf.CrostonOptimized()),
    "CrostonSBA": ("sba", lambda y: sf.CrostonSBA()),
    "TSB(fitted constants)": ("tsb", lambda y: sf.TSB(*tsb_fitted(y))),
    "ADIDA": ("adida", lambda y: sf.ADIDA()),
    # No single counterpart: it chooses among ETS models by AICc, as our selection chooses by backtest.
    "AutoETS": ("selected by backtest RMSSE", lambda y: sf.AutoETS(season_length=SEASON)),
}


def forecasts_of(history):
    """Each model's 12 forecasts from the history, or why it gave none (recorded, not hidden)."""
    y = np.asarray(history, dtype=float)
    made, skipped, chosen = {}, {}, None
    for name, (_, model_of) in MODELS.items():
        try:
            model = model_of(y)
        except Exception as error:
            skipped[name] = f"{type(error).__name__}: {error}"
            continue
        try:
            model.fit(y)
            mean = model.predict(HOLD_OUT)["mean"]
        except Exception as error:
            skipped[name] = f"{type(error).__name__}: {error}"
            continue
        if np.isnan(mean).any():
            skipped[name] = "forecast is NaN"
            continue
        made[name] = [float(v) for v in mean]
        if name == "AutoETS":
            # Error, trend, season and damping of the ETS model it chose, e.g. ANNN.
            chosen = str(model.model_["components"])
    return made, skipped, chosen


def main():
    started = time.time()
    # Every part observed for all 51 months, as the bench takes them.
    parts = [(part, values) for part, values in observed_months(sys.argv[1]) if len(values) == MONTHS]
    out = []
    for part, values in parts:
        history, actual = values[: MONTHS - HOLD_OUT], values[MONTHS - HOLD_OUT :]
        made, skipped, chosen = forecasts_of(history)
        out.append({"id": part, "history": history, "actual": actual, "forecasts": made, "skipped": skipped, "autoEtsModel": chosen})
    reference = {
        "about": "statsforecast forecasts of the carparts hold-out for bench/forecast-accuracy-carparts.ts; made by tools/reference-forecasts/run.sh bench",
        "statsforecast": statsforecast.__version__,
        "numpy": np.__version__,
        "made": datetime.date.today().isoformat(),
        "historyMonths": MONTHS - HOLD_OUT,
        "horizon": HOLD_OUT,
        "seasonLength": SEASON,
        "counterparts": {name: ours for name, (ours, _) in MODELS.items()},
        "parts": out,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(reference, f)
    print(f"wrote {OUT}: {len(out)} parts, {len(MODELS)} models, {time.time() - started:.0f} s")


main()
