"""
Where libs/forecasting fits a constant that statsforecast's model takes as given
(SBA's and TSB's smoothing, the moving average's window), the reference fits it
here, with statsforecast's own optimised SES or the same rule in numpy, and then
runs statsforecast at that constant. Shared by make_fixtures.py and
make_bench_reference.py.
"""

import numpy as np
from statsforecast import models as sf


def sba_fitted(y):
    demand = y[y > 0]
    intervals = np.diff(np.where(y != 0)[0] + 1, prepend=0).astype(float)
    size, _, alpha_size = sf._optimized_ses_forecast(demand)
    interval, _, alpha_interval = sf._optimized_ses_forecast(intervals)
    rate = size / interval if interval != 0 else size
    return rate * (1 - alpha_interval / 2), {"sizeSmoothing": alpha_size, "intervalSmoothing": alpha_interval}


def croston_fitted(y):
    demand = y[y > 0]
    intervals = np.diff(np.where(y != 0)[0] + 1, prepend=0).astype(float)
    _, _, alpha_size = sf._optimized_ses_forecast(demand)
    _, _, alpha_interval = sf._optimized_ses_forecast(intervals)
    return {"sizeSmoothing": alpha_size, "intervalSmoothing": alpha_interval}


def tsb_fitted(y):
    """statsforecast's own optimised SES on TSB's two series, as Croston's constants are fitted."""
    _, _, alpha_d = sf._optimized_ses_forecast(y[y > 0])
    _, _, alpha_p = sf._optimized_ses_forecast((y > 0).astype(float))
    return alpha_d, alpha_p


def fitted_window(y, shortest=2, longest=12):
    """The moving-average window with the least squared one-step error, all judged from the longest window on."""
    longest = min(longest, len(y) - 1)
    best = None
    for window in range(shortest, longest + 1):
        error = sum((y[t] - y[t - window:t].mean()) ** 2 for t in range(longest, len(y)))
        if best is None or error < best[1]:
            best = (window, error)
    return best[0]
