"""Decision thresholds and the metrics behind the threshold page (``bands`` chooses abstain bands).

Scores are P(positive) in [0, 1], labels 0 (negative) or 1 (positive). Boundary convention,
used everywhere here: threshold ``t`` alone: positive if ``score >= t``, else negative. Band
``[lo, hi]`` with ``lo <= t <= hi``, ``lo < hi``: positive if ``score > hi``, negative if
``score < lo``, abstain if ``lo <= score <= hi`` (both edges abstain). Zero-width band
``lo == hi == t``: no abstention, the threshold rule. Outside a band the two rules agree.

Curves sort once and use cumulative sums and ``searchsorted``; sklearn is imported only when used.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

Band = tuple[float, float]
Curve = dict[str, np.ndarray]


def _scores(scores: ArrayLike) -> np.ndarray:
    """Scores as floats; rejects empty input and values outside [0, 1] (NaN included)."""
    s = np.asarray(scores, dtype=float)
    if s.ndim != 1 or s.size == 0:
        raise ValueError(f"scores must be a non-empty 1-D array, got shape {s.shape}")
    bad = np.flatnonzero(~((s >= 0) & (s <= 1)))
    if bad.size:
        raise ValueError(f"scores must lie in [0, 1], got {s[bad[0]]} at index {bad[0]}")
    return s


def scored_labels(scores: ArrayLike, labels: ArrayLike, both: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Validated scores and 0/1 integer labels of the same length; both: refuse a single class."""
    s, y = _scores(scores), np.asarray(labels)
    if y.ndim != 1 or y.size != s.size:
        raise ValueError(f"scores and labels differ in length: {s.size} scores, labels of shape {y.shape}")
    bad = np.flatnonzero((y != 0) & (y != 1))
    if bad.size:
        raise ValueError(f"labels must be 0 or 1, got {y[bad[0]].item()!r} at index {bad[0]}")
    if both and y.min() == y.max():
        raise ValueError(f"both classes are needed, but every label is {y[0].item()!r}")
    return s, y.astype(np.int64)


def checked_band(threshold: float, band: Band | None) -> Band:
    """Validated (lo, hi); None is the zero-width band at the threshold."""
    t = float(threshold)
    if not 0 <= t <= 1:
        raise ValueError(f"threshold must lie in [0, 1], got {t}")
    lo, hi = (t, t) if band is None else (float(band[0]), float(band[1]))
    if not lo <= hi:
        raise ValueError(f"band lo {lo} must not exceed hi {hi}")
    if not lo <= t <= hi:
        raise ValueError(f"threshold {t} must lie inside the band [{lo}, {hi}]")
    return lo, hi


def _div(a: float, b: float) -> float:
    """a / b, or 0.0 when b is 0 (sklearn's zero_division=0 for precision, recall and F1)."""
    return a / b if b else 0.0


def cumulative_counts(s: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted scores with cumulative negative and positive counts (index k: among the k lowest)."""
    order = np.argsort(s, kind="stable")
    s, y = s[order], y[order]
    zero = np.zeros(1, dtype=np.int64)
    return s, np.concatenate((zero, np.cumsum(1 - y))), np.concatenate((zero, np.cumsum(y)))


def classify(scores: ArrayLike, threshold: float, band: Band | None = None) -> np.ndarray:
    """Predictions under the module's boundary convention: 1 positive, 0 negative, -1 abstained."""
    s = _scores(scores)
    lo, hi = checked_band(threshold, band)
    if lo == hi:
        return (s >= lo).astype(np.int64)
    return np.where(s > hi, 1, np.where(s < lo, 0, -1))


def _auc(s: np.ndarray, y: np.ndarray) -> float | None:
    """ROC-AUC as the Mann-Whitney statistic, tied scores at their average rank; None for one class."""
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    rank = (np.cumsum(counts) - (counts - 1) / 2)[inverse]
    return float((rank[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def accuracy(scores: ArrayLike, labels: ArrayLike, threshold: float = 0.5) -> float:
    """The share of texts whose label the score gives at ``threshold`` (at 0.5, as the model card reports).

    >>> accuracy([0.9, 0.2, 0.6], [1, 0, 0])
    0.6666666666666666
    """
    s, y = scored_labels(scores, labels)
    return float(np.mean((s >= threshold) == y))


def binary_metrics(scores: ArrayLike, labels: ArrayLike, threshold: float = 0.5) -> dict:
    """Quality of the threshold rule (per-class P/R/F1, AUC, ECE) as JSON-ready Python numbers."""
    s, y = scored_labels(scores, labels)
    confusion = np.bincount(2 * y + classify(s, threshold), minlength=4).reshape(2, 2).tolist()
    (tn, fp), (fn, tp) = confusion
    p_pos, r_pos, p_neg, r_neg = _div(tp, tp + fp), _div(tp, tp + fn), _div(tn, tn + fn), _div(tn, tn + fp)
    f1_pos, f1_neg = _div(2 * p_pos * r_pos, p_pos + r_pos), _div(2 * p_neg * r_neg, p_neg + r_neg)
    return {
        "n": int(s.size),
        "accuracy": (tp + tn) / s.size,
        "precision_pos": p_pos,
        "recall_pos": r_pos,
        "f1_pos": f1_pos,
        "precision_neg": p_neg,
        "recall_neg": r_neg,
        "f1_neg": f1_neg,
        "f1_macro": (f1_pos + f1_neg) / 2,
        "auc": _auc(s, y),
        "confusion": confusion,
        "ece": expected_calibration_error(s, y),
    }


def expected_calibration_error(scores: ArrayLike, labels: ArrayLike, bins: int = 10) -> float:
    """ECE on equal-width bins (k holds floor(score * bins) == k, and 1.0): how far P(positive) is off."""
    s, y = scored_labels(scores, labels)
    if bins < 1 or int(bins) != bins:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    index = np.minimum((s * bins).astype(np.int64), int(bins) - 1)
    gap = np.bincount(index, weights=y - s, minlength=int(bins))  # per bin: count * (mean label - mean score)
    return float(np.abs(gap).sum() / s.size)


def rates_by_threshold(scores: ArrayLike, labels: ArrayLike, thresholds: ArrayLike | None = None) -> Curve:
    """TPR (positives with score >= t) and TNR (negatives with score < t) per threshold t, for the chart."""
    s, y = scored_labels(scores, labels, both=True)
    t = np.linspace(0.0, 1.0, 201) if thresholds is None else np.asarray(thresholds, dtype=float)
    if t.ndim != 1:
        raise ValueError(f"thresholds must be a 1-D array, got shape {t.shape}")
    pos, neg = np.sort(s[y == 1]), np.sort(s[y == 0])
    tpr = (pos.size - np.searchsorted(pos, t, "left")) / pos.size
    return {"threshold": t, "tpr": tpr, "tnr": np.searchsorted(neg, t, "left") / neg.size}


def roc_points(scores: ArrayLike, labels: ArrayLike) -> Curve:
    """ROC curve for plotting: one point per distinct score (rule score >= threshold), then (0, 0) at inf.

    Plain numpy, because importing sklearn on the page's first redraw costs about a second.
    """
    s, y = scored_labels(scores, labels, both=True)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s)), s.size - 1]  # last index of each distinct score
    tp = np.cumsum(y)[last]
    fp = last + 1 - tp
    return {
        "fpr": np.r_[0.0, fp / fp[-1]],
        "tpr": np.r_[0.0, tp / tp[-1]],
        "threshold": np.r_[np.inf, s[last]],
    }


def selective_metrics(scores: ArrayLike, labels: ArrayLike, threshold: float, band: Band) -> dict:
    """Coverage and accuracy when abstaining in the band, and how the threshold rule does on the abstained."""
    s, y = scored_labels(scores, labels)
    pred = classify(s, threshold, band)
    kept = pred != -1
    inside = ~kept
    return {
        "coverage": float(kept.mean()),
        "selective_accuracy": float(np.mean(pred[kept] == y[kept])) if kept.any() else None,
        "n_abstained": int(inside.sum()),
        "accuracy_inside": float(np.mean((s[inside] >= threshold) == y[inside])) if inside.any() else None,
    }


def balanced_threshold(scores: ArrayLike, labels: ArrayLike) -> float:
    """Where TPR and TNR cross: the midpoint between sorted unique scores maximising min(TPR, TNR).

    Ties go to the smallest |TPR - TNR|, then the lowest threshold; a single unique score is returned as is.
    """
    s, y = scored_labels(scores, labels, both=True)
    u = np.unique(s)
    rates = rates_by_threshold(s, y, (u[:-1] + u[1:]) / 2 if u.size > 1 else u)
    worst = np.minimum(rates["tpr"], rates["tnr"])
    gap = np.abs(rates["tpr"] - rates["tnr"])
    return float(rates["threshold"][np.lexsort((gap, -worst))[0]])


def selective_curve(
    scores: ArrayLike,
    labels: ArrayLike,
    threshold: float,
    widths: ArrayLike | None = None,
    band: Band | None = None,
) -> Curve:
    """Coverage and selective accuracy (NaN if all abstain) per half-width w: bands of width 2w around
    the threshold, split around it in the proportions of ``band`` (evenly when None or zero-width),
    clipped to [0, 1]; so the given band itself lies on the curve."""
    s, y = scored_labels(scores, labels)
    t = checked_band(threshold, None)[0]
    lo_band, hi_band = checked_band(t, band)
    left = (t - lo_band) / (hi_band - lo_band) if hi_band > lo_band else 0.5
    w = np.linspace(0.0, 0.5, 51) if widths is None else np.asarray(widths, dtype=float)
    if w.ndim != 1 or not (w >= 0).all():
        raise ValueError(f"widths must be a 1-D array of values >= 0, got {w.ravel()[:5]}...")
    s, neg, pos = cumulative_counts(s, y)
    lo, hi = np.maximum(t - 2 * w * left, 0.0), np.minimum(t + 2 * w * (1 - left), 1.0)
    below = np.searchsorted(s, lo, "left")
    right = np.where(lo == hi, below, np.searchsorted(s, hi, "right"))  # zero width keeps score == t
    kept = below + s.size - right
    correct = neg[below] + pos[-1] - pos[right]
    accuracy = np.divide(correct, kept, out=np.full(w.shape, np.nan), where=kept > 0)
    return {"width": w, "coverage": kept / s.size, "selective_accuracy": accuracy}


def upload_metrics(scores: ArrayLike, labels: ArrayLike, threshold: float, band: Band) -> dict:
    """What the page shows on a labelled upload (``shown``: accuracy, precision, recall and F1 of the
    positive class at the threshold, coverage and accuracy with the band), with the full
    ``binary_metrics`` (the confusion among them) and ``selective_metrics`` they come from."""
    binary = binary_metrics(scores, labels, threshold)
    selective = selective_metrics(scores, labels, threshold, band)
    shown = {
        "accuracy": binary["accuracy"],
        "precision": binary["precision_pos"],
        "recall": binary["recall_pos"],
        "f1": binary["f1_pos"],
        "coverage": selective["coverage"],
        "selective_accuracy": selective["selective_accuracy"],
    }
    return {"shown": shown, "binary": binary, "selective": selective}
