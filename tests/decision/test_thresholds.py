"""Tests for sentiment.decision.thresholds, each against a hand-computed or brute-force answer."""

import json

import numpy as np
import pytest

from sentiment.decision.thresholds import (
    balanced_threshold,
    binary_metrics,
    classify,
    expected_calibration_error,
    rates_by_threshold,
    roc_points,
    selective_curve,
    selective_metrics,
)

# Hand example: threshold 0.5 predicts [0, 0, 1, 1, 0, 1] for labels [0, 0, 0, 1, 1, 1]:
# tn = 2, fp = 1, fn = 1, tp = 2.
SCORES = [0.1, 0.4, 0.6, 0.7, 0.3, 0.9]
LABELS = [0, 0, 0, 1, 1, 1]


def random_data(seed, n=200, decimals=None):
    """Calibrated random scores (label ~ Bernoulli(score)); rounding makes ties, 0.5 included."""
    rng = np.random.default_rng(seed)
    s = rng.random(n)
    if decimals is not None:
        s = np.round(s, decimals)
    return s, (rng.random(n) < s).astype(int)


def test_binary_metrics_hand_example():
    m = binary_metrics(SCORES, LABELS, 0.5)
    assert m["confusion"] == [[2, 1], [1, 2]]
    assert m["n"] == 6
    assert m["accuracy"] == pytest.approx(4 / 6)
    for key in ("precision_pos", "recall_pos", "f1_pos", "precision_neg", "recall_neg", "f1_neg", "f1_macro"):
        assert m[key] == pytest.approx(2 / 3)
    # positives outrank negatives in 7 of 9 pairs: (0.7, 0.9 beat all 3), 0.3 beats only 0.1
    assert m["auc"] == pytest.approx(7 / 9)
    json.dumps(m)  # plain Python numbers only
    assert all(type(v) in (int, float) for k, v in m.items() if k != "confusion")


def test_binary_metrics_asymmetric_and_zero_division():
    # threshold 0.35 predicts [0, 1, 1, 1, 0, 1]: tn 1, fp 2, fn 1, tp 2
    m = binary_metrics(SCORES, LABELS, 0.35)
    assert m["confusion"] == [[1, 2], [1, 2]]
    assert (m["precision_pos"], m["recall_pos"]) == pytest.approx((2 / 4, 2 / 3))
    assert m["f1_pos"] == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))
    assert (m["precision_neg"], m["recall_neg"]) == pytest.approx((1 / 2, 1 / 3))
    assert m["f1_neg"] == pytest.approx(0.4)
    # nothing predicted positive: precision_pos is 0/0 -> 0.0, as sklearn's zero_division=0
    m = binary_metrics(SCORES, LABELS, 1.0)
    assert m["confusion"] == [[3, 0], [3, 0]]
    assert (m["precision_pos"], m["recall_pos"], m["f1_pos"]) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("seed, decimals", [(0, None), (1, 1), (2, 2)])
def test_auc_matches_sklearn(seed, decimals):
    from sklearn.metrics import roc_auc_score

    s, y = random_data(seed, 300, decimals)
    assert binary_metrics(s, y)["auc"] == pytest.approx(roc_auc_score(y, s), abs=1e-12)


@pytest.mark.parametrize("label", [0, 1])
def test_auc_single_class_is_none(label):
    assert binary_metrics([0.2, 0.7, 0.9], [label] * 3)["auc"] is None


def test_ece_hand_example():
    # bin [0, 0.5): scores 0.1, 0.3 (mean 0.2), labels 0, 1 (mean 0.5) -> gap 0.3
    # bin [0.5, 1]: scores 0.6, 1.0 (mean 0.8), labels 1, 1 -> gap 0.2;  ECE = 2/4 * 0.3 + 2/4 * 0.2
    assert expected_calibration_error([0.1, 0.3, 0.6, 1.0], [0, 1, 1, 1], bins=2) == pytest.approx(0.25)
    # bin edges belong to the upper bin: 0.5 lands with 0.9 (mean score 0.7, mean label 1)
    assert expected_calibration_error([0.5, 0.9], [1, 1], bins=2) == pytest.approx(0.3)
    assert expected_calibration_error([0.0, 1.0], [0, 1]) == 0.0
    # binary_metrics uses 10 bins, one point each here: (0.1 + 0.7 + 0.4 + 0.0) / 4
    assert binary_metrics([0.1, 0.3, 0.6, 1.0], [0, 1, 1, 1])["ece"] == pytest.approx(0.3)


def test_rates_by_threshold_hand_example():
    r = rates_by_threshold(SCORES, LABELS, [0.3, 0.5, 0.8])
    # positives 0.3, 0.7, 0.9; negatives 0.1, 0.4, 0.6
    np.testing.assert_allclose(r["tpr"], [1, 2 / 3, 1 / 3])
    np.testing.assert_allclose(r["tnr"], [1 / 3, 2 / 3, 1])
    np.testing.assert_array_equal(r["threshold"], [0.3, 0.5, 0.8])


def test_rates_by_threshold_default_grid_monotone_and_endpoints():
    s, y = random_data(3, 500)
    r = rates_by_threshold(s, y)
    assert r["threshold"].shape == (201,) and r["threshold"][0] == 0 and r["threshold"][-1] == 1
    assert np.all(np.diff(r["tpr"]) <= 0) and np.all(np.diff(r["tnr"]) >= 0)
    assert (r["tpr"][0], r["tnr"][0]) == (1.0, 0.0)
    top = rates_by_threshold(s, y, [np.nextafter(s.max(), 2)])
    assert (top["tpr"][0], top["tnr"][0]) == (0.0, 1.0)
    # agrees with the definition point by point
    t = r["threshold"][:, None]
    np.testing.assert_allclose(r["tpr"], (s[y == 1] >= t).mean(axis=1))
    np.testing.assert_allclose(r["tnr"], (s[y == 0] < t).mean(axis=1))


def test_roc_points():
    r = roc_points(SCORES, LABELS)
    assert r["fpr"][0] == 0 and r["tpr"][0] == 0 and r["fpr"][-1] == 1 and r["tpr"][-1] == 1
    assert np.trapezoid(r["tpr"], r["fpr"]) == pytest.approx(7 / 9)
    # at threshold 0.4 (score >= 0.4 positive): tp 2 of 3 (0.7, 0.9), fp 2 of 3 (0.4, 0.6)
    k = list(r["threshold"]).index(0.4)
    assert (r["fpr"][k], r["tpr"][k]) == pytest.approx((2 / 3, 2 / 3))


def test_balanced_threshold_separable():
    s = [0.05, 0.2, 0.3, 0.7, 0.8, 0.95]
    t = balanced_threshold(s, [0, 0, 0, 1, 1, 1])
    assert 0.3 < t < 0.7 and t == pytest.approx(0.5)


def test_balanced_threshold_overlap_hand_case():
    # negatives 0.1, 0.3, 0.5; positives 0.4, 0.6, 0.8. Midpoints and (TPR, TNR):
    # 0.2 (1, 1/3), 0.35 (1, 2/3), 0.45 (2/3, 2/3), 0.55 (2/3, 1), 0.7 (1/3, 1):
    # min is 2/3 at 0.35, 0.45, 0.55; the rates cross (are equal) at 0.45.
    s = [0.1, 0.3, 0.5, 0.4, 0.6, 0.8]
    assert balanced_threshold(s, [0, 0, 0, 1, 1, 1]) == pytest.approx(0.45)


@pytest.mark.parametrize(
    "band, expected",
    [
        (None, [0, 0, 1, 1, 1]),
        ((0.5, 0.5), [0, 0, 1, 1, 1]),  # zero width: no abstention, score == t is positive
        ((0.3, 0.7), [0, -1, -1, -1, 1]),  # both edges abstain
        ((0.5, 0.7), [0, 0, -1, -1, 1]),  # lo == t: the score equal to t abstains
        ((0.3, 0.5), [0, -1, -1, 1, 1]),
        ((0.0, 1.0), [-1, -1, -1, -1, -1]),
    ],
)
def test_classify_boundaries(band, expected):
    out = classify([0.2, 0.3, 0.5, 0.7, 0.9], 0.5, band)
    np.testing.assert_array_equal(out, expected)
    assert out.dtype.kind == "i"


def test_selective_metrics_hand_example():
    # band [0.35, 0.65] abstains on 0.4 (neg), 0.6 (neg); keeps 0.1 (neg, right), 0.3 (pos, wrong),
    # 0.7, 0.9 (pos, right). The plain rule on the abstained: 0.4 -> 0 right, 0.6 -> 1 wrong.
    m = selective_metrics(SCORES, LABELS, 0.5, (0.35, 0.65))
    assert m == {"coverage": 4 / 6, "selective_accuracy": 3 / 4, "n_abstained": 2, "accuracy_inside": 1 / 2}


def test_selective_metrics_zero_width_and_full_band():
    m = selective_metrics(SCORES, LABELS, 0.5, (0.5, 0.5))
    assert m == {"coverage": 1.0, "selective_accuracy": 4 / 6, "n_abstained": 0, "accuracy_inside": None}
    m = selective_metrics(SCORES, LABELS, 0.5, (0.0, 1.0))
    assert m == {"coverage": 0.0, "selective_accuracy": None, "n_abstained": 6, "accuracy_inside": 4 / 6}


def test_selective_curve_matches_selective_metrics():
    s, y = random_data(4, 300, decimals=2)
    for t in (0.5, 0.3, 0.95):
        c = selective_curve(s, y, t)
        assert c["width"].shape == (51,) and c["width"][-1] == 0.5
        for w, cov, acc in zip(c["width"], c["coverage"], c["selective_accuracy"], strict=True):
            m = selective_metrics(s, y, t, (max(t - w, 0.0), min(t + w, 1.0)))
            assert cov == pytest.approx(m["coverage"])
            expected = np.nan if m["selective_accuracy"] is None else m["selective_accuracy"]
            assert acc == pytest.approx(expected, nan_ok=True)
        assert c["coverage"][0] == 1.0 and np.all(np.diff(c["coverage"]) <= 0)


def test_selective_curve_all_abstained_is_nan():
    c = selective_curve([0.4, 0.6], [0, 1], 0.5, [0.0, 0.05, 0.2])
    np.testing.assert_array_equal(c["coverage"], [1.0, 1.0, 0.0])
    assert c["selective_accuracy"][0] == 1.0 and np.isnan(c["selective_accuracy"][2])


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: binary_metrics([0.1, 0.2], [0]), "differ in length"),
        (lambda: rates_by_threshold([0.1, 0.2, 0.3], [0, 1, 1, 0]), "differ in length"),
        (lambda: binary_metrics([0.1, 0.2], [0, 2]), "0 or 1, got 2"),
        (lambda: selective_metrics([0.1, 0.2], [0, -1], 0.5, (0.4, 0.6)), "0 or 1, got -1"),
        (lambda: classify([0.1, 0.9], 0.5, (0.6, 0.4)), "lo 0.6 must not exceed hi 0.4"),
        (lambda: classify([0.1, 0.9], 0.5, (0.55, 0.7)), "threshold 0.5 must lie inside"),
        (lambda: selective_metrics([0.1], [1], 0.8, (0.2, 0.7)), "threshold 0.8 must lie inside"),
        (lambda: classify([], 0.5), "non-empty"),
        (lambda: binary_metrics([], []), "non-empty"),
        (lambda: classify([0.1, 1.5], 0.5), "got 1.5 at index 1"),
        (lambda: classify([np.nan], 0.5), "got nan"),
        (lambda: classify([0.1], 1.2), "threshold must lie in"),
        (lambda: expected_calibration_error([0.1], [0], bins=0), "bins must be a positive integer"),
        (lambda: rates_by_threshold([0.1, 0.9], [1, 1]), "both classes"),
        (lambda: balanced_threshold([0.1, 0.9], [0, 0]), "both classes"),
        (lambda: selective_curve([0.1, 0.9], [0, 1], 0.5, [-0.1]), "widths"),
    ],
)
def test_errors_name_the_bad_value(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_roc_points_agree_with_sklearn_on_random_scores():
    from sklearn.metrics import roc_curve

    rng = np.random.default_rng(5)
    s, y = np.round(rng.random(500), 2), rng.integers(0, 2, 500)  # rounded: many ties
    fpr, tpr, threshold = roc_curve(y, s, drop_intermediate=False)
    ours = roc_points(s, y)
    np.testing.assert_allclose(ours["fpr"], fpr)
    np.testing.assert_allclose(ours["tpr"], tpr)
    np.testing.assert_array_equal(ours["threshold"], threshold)


def test_selective_curve_follows_the_shape_of_an_asymmetric_band():
    rng = np.random.default_rng(2)
    s, y = rng.random(300), rng.integers(0, 2, 300)
    band = (0.2, 0.8)  # threshold 0.5 one half of the way in: symmetric here
    shaped, even = selective_curve(s, y, 0.5, band=band), selective_curve(s, y, 0.5)
    assert np.allclose(shaped["coverage"], even["coverage"])
    band = (0.3, 0.7)
    curve = selective_curve(s, y, 0.4, widths=[0.0, 0.2], band=band)  # 1/4 of the band below 0.4
    here = selective_metrics(s, y, 0.4, band)
    assert curve["coverage"][1] == pytest.approx(here["coverage"])
    assert curve["selective_accuracy"][1] == pytest.approx(here["selective_accuracy"])
    assert curve["coverage"][0] == 1.0
