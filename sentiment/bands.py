"""Choosing the abstain band: the 2015 post's steep region of TPR/TNR, or a target to reach.

Three criteria, each a band ``[lo, hi]`` around the threshold, computed exactly from labelled scores:

* ``steep`` (the post's idea): the shortest band over which TPR falls and TNR rises, each by at
  least ``share`` of their total change (1), i.e. the band holding at least that share of the
  positives' and of the negatives' scores. For a fixed amount of change the shortest interval is
  the one where both curves are steepest on average, so this is "where TPR and TNR change steeply".
* ``accuracy``: the narrowest band whose selective accuracy reaches a target (``band_for_accuracy``).
* ``coverage``: the most accurate band that still keeps a share of the texts (``band_for_coverage``).

>>> steep_band([0.1, 0.45, 0.55, 0.9], [0, 0, 1, 1], 0.5, share=0.5)
(0.45, 0.55)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from .thresholds import Band, _band, _data, _fraction, band_for_accuracy, band_for_coverage

CRITERIA = ("steep", "accuracy", "coverage")
DEFAULTS = {"steep": 0.5, "accuracy": 0.97, "coverage": 0.8}  # share, target accuracy, coverage


def steep_band(scores: ArrayLike, labels: ArrayLike, threshold: float, share: float = 0.5) -> Band:
    """Shortest band around the threshold over which TPR falls and TNR rises by at least ``share`` each.

    Over ``[lo, hi]`` TPR falls by the share of positives scored inside it and TNR rises by the
    share of negatives inside it (edges included, as the band abstains on them), so the band holds
    at least ceil(share * n) scores of each class. Edges are the threshold and the data's own
    scores; ties go to the band whose midpoint is nearest the threshold, then to the lower one.
    ``share`` 0 gives the zero-width band (t, t); 1 spans every score.
    """
    s, y = _data(scores, labels, both=True)
    t = _band(threshold, None)[0]
    p, q = _fraction(share, "share").as_integer_ratio()
    if p == 0:
        return t, t
    lo = np.concatenate(([t], np.unique(s[s < t])[::-1]))  # candidate lower edges, from t downwards
    hi = np.full(lo.shape, t)
    feasible = np.ones(lo.shape, dtype=bool)
    for cls in (np.sort(s[y == 1]), np.sort(s[y == 0])):
        need = -(-p * cls.size // q)  # ceil(share * n) scores of this class inside the band
        k = np.searchsorted(cls, lo, "left") + need  # the band must reach the k-th lowest score
        feasible &= k <= cls.size
        hi = np.maximum(hi, cls[np.minimum(k, cls.size) - 1])
    rows = np.flatnonzero(feasible)  # never empty: the lowest lo sees every score above it
    width = np.round(
        hi[rows] - lo[rows], 12
    )  # equal widths tie despite float rounding (0.58-0.40, 0.59-0.41)
    off_centre = np.abs((hi[rows] + lo[rows]) / 2 - t)
    k = rows[np.lexsort((lo[rows], off_centre, width))[0]]
    return float(lo[k]), float(hi[k])


def choose_band(criterion: str, scores: ArrayLike, labels: ArrayLike, threshold: float, value: float) -> Band:
    """The band around ``threshold`` by one of CRITERIA; ``value``: its share, target accuracy or coverage."""
    if criterion == "steep":
        return steep_band(scores, labels, threshold, value)
    if criterion == "accuracy":
        return band_for_accuracy(scores, labels, threshold, value)
    if criterion == "coverage":
        return band_for_coverage(scores, labels, threshold, value)
    raise ValueError(f"unknown band criterion {criterion!r}; use one of {', '.join(CRITERIA)}")
