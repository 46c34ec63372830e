"""Reference forecasts from statsforecast for libs/forecasting's tests.

For each fixed series (20 carparts parts, 39 months of history; seeded smooth,
trended and seasonal series) and each method of libs/forecasting, the forecast
12 periods ahead from statsforecast, and the fitted constants where it gives
them. SBA with fitted constants has no statsforecast model of its own: it is
built from statsforecast's optimised SES (the pieces CrostonOptimized uses)
times 1 - alpha/2 of the interval's constant.

Holt, damped Holt and Holt-Winters are statsforecast's ETS with the model
fixed (AutoETS with model and damped given): ETS(A,A,N), ETS(A,Ad,N),
ETS(A,A,A) and ETS(M,A,M). statsforecast's Holt and HoltWinters classes are
the same models but choose damped or not by AICc, which ours do not. For these
the fixture also records the fitted alpha, beta, gamma, phi and the level and
trend after the last period.
"""
import datetime
import json
import sys

import numpy as np
import statsforecast
from statsforecast import models as sf

from carparts_file import observed_months
from fitted_constants import croston_fitted, fitted_window, sba_fitted, tsb_fitted

H = 12
SEASON = 12


def carparts(path):
    parts = [(part, values) for part, values in observed_months(path) if len(values) == 51 and sum(1 for v in values if v > 0) >= 6]
    parts.sort(key=lambda p: p[0])
    step = len(parts) // 20
    return [(f"carparts-{part}", values[:39]) for part, values in parts[::step][:20]]


def generated():
    rng = np.random.RandomState(20261201)
    out = []
    for i in range(3):
        out.append((f"smooth-{i + 1}", list(np.round(rng.uniform(50, 200) + rng.normal(0, 10, 60), 2))))
    for i in range(3):
        t = np.arange(60)
        out.append((f"trend-{i + 1}", list(np.round(40 + rng.uniform(0.5, 3) * t + rng.normal(0, 4, 60), 2))))
    season = 15 * np.sin(2 * np.pi * np.arange(12) / 12)
    for i in range(3):
        t = np.arange(72)
        out.append((f"seasonal-add-{i + 1}", list(np.round(100 + 0.5 * t + season[t % 12] + rng.normal(0, 3, 72), 2))))
    ratio = 1 + 0.3 * np.sin(2 * np.pi * np.arange(12) / 12)
    for i in range(3):
        t = np.arange(72)
        out.append((f"seasonal-mult-{i + 1}", list(np.round((100 + t) * ratio[t % 12] * rng.uniform(0.97, 1.03, 72), 2))))
    # Fewer than three seasons (30 months): statsforecast starts the season from a Fourier fit, not a decomposition.
    short = np.random.RandomState(20261202)
    t = np.arange(30)
    out.append(("seasonal-short-add-1", list(np.round(100 + 0.5 * t + season[t % 12] + short.normal(0, 3, 30), 2))))
    out.append(("seasonal-short-mult-1", list(np.round((100 + t) * ratio[t % 12] * short.uniform(0.97, 1.03, 30), 2))))
    return out


def reference(name, values):
    y = np.asarray(values, dtype=float)
    out = {}

    def fit(method, model, parameters=None):
        try:
            model.fit(y)
            mean = model.predict(H)["mean"]
            if np.isnan(mean).any():
                return
            out[method] = {"forecast": [float(v) for v in mean], **({"parameters": parameters} if parameters else {})}
        except Exception as error:  # recorded, not hidden
            out[method] = {"skipped": f"{type(error).__name__}: {error}"}

    def ets(method, model, names):
        fit(method, model)
        if "forecast" in out.get(method, {}):
            alpha, beta, gamma, phi = (float(v) for v in model.model_["par"][:4])
            fitted = {"alpha": alpha, "beta": beta, "gamma": gamma, "phi": phi}
            level, trend = (float(v) for v in model.model_["states"][-1][:2])
            out[method]["parameters"] = {k: fitted[k] for k in names}
            out[method]["states"] = {"level": level, "trend": trend}

    fit("naive", sf.Naive())
    fit("seasonal-naive", sf.SeasonalNaive(season_length=SEASON))
    window = fitted_window(y)
    fit("moving-average", sf.WindowAverage(window_size=window), {"window": window})
    ses = sf.SimpleExponentialSmoothingOptimized()
    fit("simple-exponential-smoothing", ses)
    if "simple-exponential-smoothing" in out and hasattr(ses, "model_"):
        out["simple-exponential-smoothing"]["parameters"] = {"alpha": float(ses.model_["alpha"])}
    if (y > 0).any():
        fit("croston", sf.CrostonOptimized(), croston_fitted(y))
        rate, parameters = sba_fitted(y)
        out["sba"] = {"forecast": [float(rate)] * H, "parameters": parameters}
        alpha_d, alpha_p = tsb_fitted(y)
        fit("tsb", sf.TSB(alpha_d=alpha_d, alpha_p=alpha_p), {"sizeSmoothing": alpha_d, "probabilitySmoothing": alpha_p})
        fit("adida", sf.ADIDA())
        fit("imapa", sf.IMAPA())
    ets("holt", sf.AutoETS(model="AAN", damped=False), ["alpha", "beta"])
    ets("holt-damped", sf.AutoETS(model="AAN", damped=True), ["alpha", "beta", "phi"])
    ets("holt-winters-additive", sf.AutoETS(season_length=SEASON, model="AAA", damped=False), ["alpha", "beta", "gamma"])
    ets("holt-winters-multiplicative", sf.AutoETS(season_length=SEASON, model="MAM", damped=False), ["alpha", "beta", "gamma"])
    return out


def main():
    series = carparts(sys.argv[1]) + generated()
    fixture = {
        "about": "statsforecast reference forecasts for libs/forecasting; made by tools/reference-forecasts/run.sh",
        "statsforecast": statsforecast.__version__,
        "numpy": np.__version__,
        "made": datetime.date.today().isoformat(),
        "horizon": H,
        "seasonLength": SEASON,
        "series": [{"name": name, "history": [float(v) for v in values], "reference": reference(name, values)} for name, values in series],
    }
    with open("libs/forecasting/test/fixtures/statsforecast-reference.json", "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(series)} series")


main()
