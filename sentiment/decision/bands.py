"""Choosing the abstain band: the 2015 post's steep region of TPR/TNR, or a target to reach.

Three criteria, each a band ``[lo, hi]`` around the threshold, computed exactly from labelled scores:

* ``steep`` (the post's idea): the shortest band over which TPR falls and TNR rises, each by at
  least ``share`` of their total change (1), i.e. the band holding at least that share of the
  positives' and of the negatives' scores. For a fixed amount of change the shortest interval is
  the one where both curves are steepest on average, so this is "where TPR and TNR change steeply".
* ``accuracy``: the narrowest band whose selective accuracy reaches a target (``band_for_accuracy``).
* ``coverage``: the most accurate band that still keeps a share of the texts (``band_for_coverage``).

Band searches take their edges from the threshold and the data's own scores, so they are
exact; ``share``, ``target`` and ``coverage`` are read as the nearest fraction with denominator
up to 10**6 (0.97 is 97/100) and compared in integers. Boundaries follow ``thresholds``: both
edges of a band abstain.

>>> steep_band([0.1, 0.45, 0.55, 0.9], [0, 0, 1, 1], 0.5, share=0.5)
(0.45, 0.55)
"""

from __future__ import annotations

from collections import namedtuple
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike

from sentiment.decision.thresholds import Band, checked_band, cumulative_counts, scored_labels

CRITERIA = ("steep", "accuracy", "coverage")
DEFAULTS = {"steep": 0.5, "accuracy": 0.97, "coverage": 0.8}  # share, target accuracy, coverage


def _fraction(x: float, name: str) -> Fraction:
    """A share in [0, 1] as an exact fraction, so that count comparisons against it are exact."""
    x = float(x)
    if not 0 <= x <= 1:
        raise ValueError(f"{name} must lie in [0, 1], got {x}")
    return Fraction(x).limit_denominator(10**6)


def steep_band(scores: ArrayLike, labels: ArrayLike, threshold: float, share: float = 0.5) -> Band:
    """Shortest band around the threshold over which TPR falls and TNR rises by at least ``share`` each.

    Over ``[lo, hi]`` TPR falls by the share of positives scored inside it and TNR rises by the
    share of negatives inside it (edges included, as the band abstains on them), so the band holds
    at least ceil(share * n) scores of each class. Edges are the threshold and the data's own
    scores; ties go to the band whose midpoint is nearest the threshold, then to the lower one.
    ``share`` 0 gives the zero-width band (t, t); 1 spans every score.
    """
    s, y = scored_labels(scores, labels, both=True)
    t = checked_band(threshold, None)[0]
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


# Candidate bands [lo[i], hi[j]] keep kb[i] + ka[j] points and get cb[i] + ca[j] of them right. lo runs
# from the threshold down through the distinct scores below it, hi from the threshold up through those
# above. Pair (0, 0) would abstain on just the scores equal to the threshold, but lo == hi == t is the
# zero-width band, which abstains on nothing and gets zero_correct right, so the searches skip it.
_Space = namedtuple("_Space", "lo kb cb hi ka ca zero_correct")


def _space(s: np.ndarray, y: np.ndarray, t: float) -> _Space:
    """The band search space around threshold t, in O(n log n)."""
    s, neg, pos = cumulative_counts(s, y)
    lo = np.concatenate(([t], np.unique(s[s < t])[::-1]))
    hi = np.concatenate(([t], np.unique(s[s > t])))
    kb, right = np.searchsorted(s, lo, "left"), np.searchsorted(s, hi, "right")
    zero = int(neg[kb[0]] + pos[-1] - pos[kb[0]])
    return _Space(lo, kb, neg[kb], hi, s.size - right, pos[-1] - pos[right], zero)


def _prefix(g: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, max(g[: last + 1]) (-inf if last < 0) and the first index reaching it."""
    running = np.concatenate(([-np.inf], np.maximum.accumulate(g)))
    top = running[np.maximum(last, -1) + 1]
    return top, np.searchsorted(running, top, "left") - 1


def band_for_accuracy(scores: ArrayLike, labels: ArrayLike, threshold: float, target: float = 0.97) -> Band:
    """Narrowest band around the threshold whose selective accuracy reaches target; ties: higher coverage.

    When no band reaches the target, this is band_for_coverage(..., coverage=0.5): the most accurate
    band that still keeps at least half of the points.
    """
    s, y = scored_labels(scores, labels)
    t = checked_band(threshold, None)[0]
    p, q = _fraction(target, "target").as_integer_ratio()
    sp = _space(s, y, t)
    if sp.zero_correct * q >= p * s.size:
        return t, t
    need = p * sp.kb - q * sp.cb  # band (i, j) reaches the target iff q * ca[j] - p * ka[j] >= need[i]
    g = q * sp.ca - p * sp.ka
    j0 = 1 + np.searchsorted(np.maximum.accumulate(g[1:]), need[:1])  # (t, t) is the zero-width band
    j = np.concatenate((j0, np.searchsorted(np.maximum.accumulate(g), need[1:])))  # first hi reaching need
    ok = j < g.size
    j = np.minimum(j, g.size - 1)
    kept = sp.kb + sp.ka[j]
    ok &= kept > 0
    if not ok.any():
        return band_for_coverage(s, y, t, 0.5)
    rows = np.flatnonzero(ok)
    k = rows[np.lexsort((-kept[rows], sp.hi[j[rows]] - sp.lo[rows]))[0]]
    return float(sp.lo[k]), float(sp.hi[j[k]])


def band_for_coverage(scores: ArrayLike, labels: ArrayLike, threshold: float, coverage: float) -> Band:
    """Most accurate band around the threshold keeping at least coverage; ties: higher coverage, narrower.

    Maximises the ratio correct / kept exactly by Dinkelbach's iteration, each step O(n).
    """
    s, y = scored_labels(scores, labels)
    t = checked_band(threshold, None)[0]
    p, q = _fraction(coverage, "coverage").as_integer_ratio()
    min_kept = max(1, -(-p * s.size // q))
    sp = _space(s, y, t)
    last = np.searchsorted(-sp.ka, sp.kb - min_kept, "right") - 1  # last hi index keeping min_kept points
    a, b = sp.zero_correct, s.size  # best accuracy so far, a / b: the zero-width band's
    while True:
        g = b * sp.ca - a * sp.ka
        top0, j0 = _prefix(g[1:], last[:1] - 1)  # row 0 skips hi index 0: (t, t) is the zero-width band
        top, j = _prefix(g, last[1:])
        value, j = b * sp.cb - a * sp.kb + np.concatenate((top0, top)), np.concatenate((j0 + 1, j))
        i = int(np.argmax(value))
        if value[i] <= 0:
            break
        a, b = int(sp.cb[i] + sp.ca[j[i]]), int(sp.kb[i] + sp.ka[j[i]])
    if sp.zero_correct * b == a * s.size:
        return t, t
    rows = np.flatnonzero(value == 0)
    kept = sp.kb[rows] + sp.ka[j[rows]]
    k = rows[np.lexsort((sp.hi[j[rows]] - sp.lo[rows], -kept))[0]]
    return float(sp.lo[k]), float(sp.hi[j[k]])
