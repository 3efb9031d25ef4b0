"""Band criteria on synthetic score distributions with a known answer."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from sentiment.bands import CRITERIA, DEFAULTS, band_for_accuracy, band_for_coverage, choose_band, steep_band
from sentiment.thresholds import rates_by_threshold


def overlapping_grids() -> tuple[np.ndarray, np.ndarray]:
    """Negatives every 0.01 on [0, 0.6], positives every 0.01 on [0.4, 1]: overlapping on [0.4, 0.6]."""
    neg, pos = np.round(np.linspace(0, 0.6, 61), 2), np.round(np.linspace(0.4, 1.0, 61), 2)
    return np.concatenate([neg, pos]), np.r_[np.zeros(61), np.ones(61)]


def test_steep_band_on_overlapping_uniform_classes() -> None:
    scores, labels = overlapping_grids()
    # 30 % of 61 is 18.3, so 19 scores of each class: 0.41..0.59 (width 0.18; [0.40, 0.58] and
    # [0.42, 0.60] are as short, the tie goes to the band centred on the threshold)
    lo, hi = steep_band(scores, labels, 0.5, share=0.3)
    assert (lo, hi) == (pytest.approx(0.41), pytest.approx(0.59))
    rates = rates_by_threshold(scores, labels, [lo, hi + 1e-9])
    assert rates["tpr"][0] - rates["tpr"][1] >= 0.3 and rates["tnr"][1] - rates["tnr"][0] >= 0.3


def test_steep_band_finds_where_both_curves_change_fast() -> None:
    # both classes are flat far from 0.5 and crowded on [0.45, 0.55]: the band is that crowd
    rng = np.random.default_rng(0)
    neg = np.r_[rng.uniform(0.0, 0.3, 200), rng.uniform(0.45, 0.55, 200)]
    pos = np.r_[rng.uniform(0.7, 1.0, 200), rng.uniform(0.45, 0.55, 200)]
    scores, labels = np.r_[neg, pos], np.r_[np.zeros(400), np.ones(400)]
    lo, hi = steep_band(scores, labels, 0.5, share=0.5)
    assert 0.45 <= lo < 0.46 and 0.54 < hi <= 0.55


def test_steep_band_extremes() -> None:
    scores, labels = overlapping_grids()
    assert steep_band(scores, labels, 0.5, share=0.0) == (0.5, 0.5)
    assert steep_band(scores, labels, 0.5, share=1.0) == (0.0, 1.0)
    with pytest.raises(ValueError, match="both classes"):
        steep_band([0.2, 0.3], [1, 1], 0.5)
    with pytest.raises(ValueError, match="share"):
        steep_band(scores, labels, 0.5, share=1.5)


@pytest.mark.parametrize("seed", range(20))
def test_steep_band_is_the_shortest_by_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 14))
    scores = np.round(rng.uniform(0, 1, n), 1)  # rounding makes ties
    labels = np.r_[0, 1, rng.integers(0, 2, n - 2)]
    t, share = float(rng.choice([0.3, 0.5, 0.7])), float(rng.choice([0.2, 0.5, 0.75]))
    need = [math.ceil(share * np.sum(labels == c)) for c in (0, 1)]
    edges = sorted({t, *scores.tolist()})

    def holds(lo: float, hi: float) -> bool:
        inside = (scores >= lo) & (scores <= hi)
        return all(np.sum(inside & (labels == c)) >= need[c] for c in (0, 1))

    widths = [hi - lo for lo, hi in itertools.product(edges, edges) if lo <= t <= hi and holds(lo, hi)]
    lo, hi = steep_band(scores, labels, t, share)
    assert lo <= t <= hi and holds(lo, hi)
    assert hi - lo == pytest.approx(min(widths))


def test_choose_band_dispatches_each_criterion() -> None:
    scores, labels = overlapping_grids()
    assert choose_band("steep", scores, labels, 0.5, 0.3) == steep_band(scores, labels, 0.5, 0.3)
    assert choose_band("accuracy", scores, labels, 0.5, 0.95) == band_for_accuracy(scores, labels, 0.5, 0.95)
    assert choose_band("coverage", scores, labels, 0.5, 0.8) == band_for_coverage(scores, labels, 0.5, 0.8)
    assert set(DEFAULTS) == set(CRITERIA)
    with pytest.raises(ValueError, match="unknown band criterion"):
        choose_band("widest", scores, labels, 0.5, 0.5)
