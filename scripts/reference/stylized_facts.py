#!/usr/bin/env python3
"""Reference values of src/stats/stylized-facts.ts, computed with numpy and scipy.

Writes test/fixtures/stylized-facts.json: a deterministic return series (stored in the
file, so the TypeScript test needs no Python) and the value of every statistic on it.
Rerun after changing a definition:

    python3 scripts/reference/stylized_facts.py

The series is GARCH(1,1)-scaled Student-t(4) noise from numpy's default_rng(7): heavy
tails and volatility clustering, like the returns the statistics are meant for.
statsmodels is not needed: the ACF is written out by its formula (statsmodels' acf with
its defaults, adjusted=False).
"""
import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

N = 3000
SEED = 7
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "stylized-facts.json"


def series() -> np.ndarray:
    rng = np.random.default_rng(SEED)
    shocks = rng.standard_t(4, N) / math.sqrt(2.0)  # unit variance (t4 has variance 2)
    omega, alpha, beta = 1e-6, 0.08, 0.9
    var = omega / (1 - alpha - beta)
    out = np.empty(N)
    for t in range(N):
        out[t] = math.sqrt(var) * shocks[t]
        var = omega + alpha * out[t] ** 2 + beta * var
    return out


def acf(x: np.ndarray, lag: int) -> float:
    d = x - x.mean()
    return float(np.dot(d[: len(x) - lag], d[lag:]) / np.dot(d, d))


def hill(x: np.ndarray, k=None) -> float:
    """Hill estimator of the tail index of |x|; zeros dropped first (as the TS does)."""
    a = np.abs(x)
    a = a[a > 0]
    k = int(math.floor(0.05 * len(a))) if k is None else k
    s = np.sort(a)[::-1]
    return float(1.0 / np.mean(np.log(s[:k] / s[k])))


def aggregate(x: np.ndarray, m: int) -> np.ndarray:
    blocks = len(x) // m
    return x[: blocks * m].reshape(blocks, m).sum(axis=1)


def leverage(x: np.ndarray, lag: int) -> float:
    return float(np.corrcoef(x[:-lag], x[lag:] ** 2)[0, 1])


def kurtosis(x: np.ndarray) -> float:
    return float(stats.kurtosis(x))  # fisher=True, bias=True


def main() -> None:
    x = series()
    with_zeros = x.copy()
    with_zeros[::7] = 0.0
    absx = np.abs(x)
    expected = {
        "excessKurtosis": kurtosis(x),
        "acf": {str(lag): acf(x, lag) for lag in (0, 1, 2, 10, 50)},
        "acfAbs": {str(lag): acf(absx, lag) for lag in (1, 10, 50)},
        "hill": {"default": hill(x), **{str(k): hill(x, k) for k in (1, 10, 100, 500)}},
        "hillWithZeros": hill(with_zeros),
        "aggregate": {str(m): aggregate(x, m).tolist() for m in (7, 50)},
        "kurtosis50": kurtosis(aggregate(x, 50)),
        "leverage": {str(lag): leverage(x, lag) for lag in (1, 5)},
    }
    doc = {
        "about": "reference values for test/stats/stylized-facts.test.ts; written by scripts/reference/stylized_facts.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "seed": SEED,
        "series": x.tolist(),
        "zeroEvery": 7,
        "expected": expected,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT} ({N} returns)")


if __name__ == "__main__":
    main()
