"""Band criteria on synthetic score distributions with a known answer."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from sentiment.decision.bands import (
    CRITERIA,
    DEFAULTS,
    band_for_accuracy,
    band_for_coverage,
    choose_band,
    steep_band,
)
from sentiment.decision.thresholds import rates_by_threshold, selective_metrics
from tests.decision.test_thresholds import random_data


def messy_middle():
    """Negatives on [0, 0.4], positives on [0.6, 1], a mixed middle on [0.45, 0.55] whose
    misclassified extremes are a positive at 0.45 and a negative at 0.55."""
    neg = np.linspace(0.0, 0.4, 200)
    pos = np.linspace(0.6, 1.0, 200)
    mid_neg = [0.46, 0.48, 0.52, 0.55]  # wrong from 0.5 up
    mid_pos = [0.45, 0.47, 0.51, 0.53]  # wrong below 0.5
    scores = np.concatenate((neg, mid_neg, pos, mid_pos))
    labels = np.concatenate((np.zeros(204, int), np.ones(204, int)))
    return scores, labels


def all_bands(s, t):
    """Every candidate band: edges from {t} and the scores on each side; (t, t) is the zero-width band."""
    los = [t, *sorted(set(s[s < t].tolist()))]
    his = [t, *sorted(set(s[s > t].tolist()))]
    for lo in los:
        for hi in his:
            yield lo, hi


def summary(s, y, t, band):
    """(width, coverage, selective accuracy) of a band, to compare answers that may tie."""
    m = selective_metrics(s, y, t, band)
    return band[1] - band[0], m["coverage"], m["selective_accuracy"]


def brute_rows(s, y, t):
    """O(n^2) reference: (width, coverage, selective accuracy) of every candidate band that keeps a point."""
    rows = [summary(s, y, t, b) for b in all_bands(s, t)]
    return [r for r in rows if r[2] is not None]


def brute_coverage(rows, coverage):
    """Best accuracy among bands keeping >= coverage, then coverage, then narrowness."""
    return max((r for r in rows if r[1] >= coverage), key=lambda r: (r[2], r[1], -r[0]))


def brute_accuracy(rows, target):
    """Narrowest band reaching target, then coverage; else the 50% coverage fallback."""
    hits = [r for r in rows if r[2] >= target]
    return min(hits, key=lambda r: (r[0], -r[1])) if hits else brute_coverage(rows, 0.5)


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


def test_band_for_accuracy_messy_middle():
    s, y = messy_middle()
    assert band_for_accuracy(s, y, 0.5, target=1.0) == (0.45, 0.55)
    m = selective_metrics(s, y, 0.5, (0.45, 0.55))
    assert m["selective_accuracy"] == 1.0 and m["n_abstained"] == 8
    # 4 of 408 wrong without a band: accuracy 404/408 > 0.99, so no band is needed
    assert band_for_accuracy(s, y, 0.5, target=0.99) == (0.5, 0.5)
    # 0.995 needs 2 errors fewer: cutting the outermost wrong points costs the least width
    lo, hi = band_for_accuracy(s, y, 0.5, target=0.995)
    assert selective_metrics(s, y, 0.5, (lo, hi))["selective_accuracy"] >= 0.995 and hi - lo < 0.1


def test_band_for_coverage_messy_middle():
    s, y = messy_middle()
    assert band_for_coverage(s, y, 0.5, coverage=400 / 408) == (0.45, 0.55)
    assert band_for_coverage(s, y, 0.5, coverage=1.0) == (0.5, 0.5)


def test_band_for_accuracy_unreachable_falls_back_to_half_coverage():
    # the lowest score is a positive and the highest a negative: every kept set holds one of them,
    # so accuracy 1.0 is unreachable
    s = np.array([0.05, 0.1, 0.2, 0.3, 0.45, 0.55, 0.7, 0.8, 0.9, 0.95])
    y = np.array([1, 0, 0, 0, 1, 0, 1, 1, 1, 0])
    band = band_for_accuracy(s, y, 0.5, target=1.0)
    assert band == band_for_coverage(s, y, 0.5, 0.5)
    assert selective_metrics(s, y, 0.5, band)["coverage"] >= 0.5
    assert summary(s, y, 0.5, band) == pytest.approx(brute_coverage(brute_rows(s, y, 0.5), 0.5))


@pytest.mark.parametrize("seed, decimals", [(10, None), (11, 2), (12, 1)])
@pytest.mark.parametrize("threshold", [0.5, 0.3, 0.0, 1.0])
def test_band_for_coverage_matches_brute_force(seed, decimals, threshold):
    s, y = random_data(seed, 200, decimals)
    rows = brute_rows(s, y, threshold)
    for coverage in (0.0, 0.3, 0.5, 0.8, 0.95, 1.0):
        band = band_for_coverage(s, y, threshold, coverage)
        got = summary(s, y, threshold, band)
        assert got == pytest.approx(brute_coverage(rows, coverage), abs=1e-12)
        assert band[0] <= threshold <= band[1]


@pytest.mark.parametrize("seed, decimals", [(20, None), (21, 2), (22, 1)])
@pytest.mark.parametrize("threshold", [0.5, 0.3, 0.0, 1.0])
def test_band_for_accuracy_matches_brute_force(seed, decimals, threshold):
    s, y = random_data(seed, 200, decimals)
    y[s.argmin()], y[s.argmax()] = 1, 0  # every kept set then holds an error: 1.0 needs the fallback
    rows = brute_rows(s, y, threshold)
    for target in (0.5, 0.75, 0.9, 0.97, 1.0):
        band = band_for_accuracy(s, y, threshold, target)
        got = summary(s, y, threshold, band)
        assert got == pytest.approx(brute_accuracy(rows, target), abs=1e-12)


def test_band_search_exact_at_decimal_target():
    # 97 right of 100 is exactly 0.97: reached without a band, not missed through rounding
    s = np.concatenate((np.full(97, 0.9), np.full(3, 0.8)))
    y = np.concatenate((np.ones(97, int), np.zeros(3, int)))
    assert band_for_accuracy(s, y, 0.5, 0.97) == (0.5, 0.5)
    assert band_for_accuracy(s, y, 0.5, 0.98) == (0.5, 0.8)


def test_band_abstaining_on_scores_at_threshold_has_width():
    # the two negatives at exactly 0.5 are the only errors, but (0.5, 0.5) means no abstention,
    # so the band must reach to a neighboring score: 0.8 (width 0.3) beats 0.1 (width 0.4)
    s, y = [0.1, 0.5, 0.5, 0.8], [0, 0, 0, 1]
    assert band_for_accuracy(s, y, 0.5, target=1.0) == (0.5, 0.8)
    assert band_for_coverage(s, y, 0.5, coverage=0.25) == (0.5, 0.8)
    assert selective_metrics(s, y, 0.5, (0.5, 0.8))["selective_accuracy"] == 1.0


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: band_for_accuracy(np.array([]), np.array([]), 0.5), "non-empty"),
        (lambda: band_for_accuracy([0.1, 0.9], [0, 1], 0.5, target=1.5), "target must lie in"),
        (lambda: band_for_coverage([0.1, 0.9], [0, 1], 0.5, coverage=-0.1), "coverage must lie in"),
    ],
)
def test_band_search_errors_name_the_bad_value(call, match):
    with pytest.raises(ValueError, match=match):
        call()
