"""Temperature scaling and reliability bins: the arithmetic behind sentiment.training.calibrate and the page's
reliability diagram (numpy only, so the Predictor can apply a temperature without extra imports).

>>> float(apply_temperature(0.9, 2.0))  # logit 2.197 halved
0.75
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from sentiment.core.forward import sigmoid
from sentiment.decision.thresholds import scored_labels

T_RANGE = (0.05, 20.0)  # temperatures searched
EPS = 1e-7  # scores are stored to 6 decimals, so 0 and 1 occur: clipped for the likelihood only


def logit(p: ArrayLike) -> np.ndarray:
    """log(p / (1 - p)); -inf at 0 and inf at 1."""
    p = np.asarray(p, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)


def apply_temperature(p: ArrayLike, temperature: float) -> np.ndarray:
    """sigmoid(logit(p) / T): the calibrated probability, increasing in p; T = 1 returns p unchanged."""
    p = np.asarray(p, dtype=np.float64)
    if temperature == 1.0:
        return p
    return sigmoid(logit(p) / temperature)


def nll(scores: ArrayLike, labels: ArrayLike, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of the labels under the tempered scores."""
    s, y = scored_labels(scores, labels)
    z = logit(np.clip(s, EPS, 1 - EPS)) / temperature
    return float(np.mean(np.logaddexp(0.0, z) - y * z))  # -log sigmoid(z) for y=1, -log(1-sigmoid(z)) for 0


def fit_temperature(scores: ArrayLike, labels: ArrayLike, steps: int = 100) -> float:
    """The temperature in ``T_RANGE`` that minimises the negative log-likelihood of the labels.

    The loss is convex in 1/T (a one-weight logistic regression on the logits), so a golden-section
    search over 1/T finds its minimum.
    """
    s, y = scored_labels(scores, labels, both=True)
    lo, hi = 1 / T_RANGE[1], 1 / T_RANGE[0]
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(steps):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(s, y, 1 / a) <= nll(s, y, 1 / b):
            hi = b
        else:
            lo = a
    return float(2 / (lo + hi))


def reliability(scores: ArrayLike, labels: ArrayLike, bins: int = 10) -> dict[str, np.ndarray]:
    """Per equal-width bin (as in expected_calibration_error): count, mean predicted probability and
    observed share of positives (NaN where a bin is empty); what a reliability diagram draws."""
    s, y = scored_labels(scores, labels)
    index = np.minimum((s * bins).astype(np.int64), bins - 1)
    count = np.bincount(index, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        predicted = np.bincount(index, weights=s, minlength=bins) / count
        observed = np.bincount(index, weights=y, minlength=bins) / count
    edges = np.linspace(0.0, 1.0, bins + 1)
    return {"lo": edges[:-1], "hi": edges[1:], "count": count, "predicted": predicted, "observed": observed}
