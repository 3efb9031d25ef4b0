"""From class probabilities to a verdict, and how good those verdicts are: the top class, accuracy,
macro-F1, precision/recall/F1 per class, the confusion matrix, and the calibration of the top class.

Probabilities are an (n, classes) array whose rows sum to 1; labels are class numbers.

>>> class_metrics([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.3, 0.5]], [0, 2, 2], ["a", "b", "c"])["accuracy"]
0.6666666666666666
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike


def checked(proba: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Validated (n, classes) probabilities in [0, 1] and labels 0 to classes - 1 of the same length."""
    p, y = np.asarray(proba, dtype=np.float64), np.asarray(labels)
    if p.ndim != 2 or p.shape[0] == 0 or p.shape[1] < 2:
        raise ValueError(f"probabilities must be a non-empty (n, classes) array, got shape {p.shape}")
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    if y.shape != (len(p),) or not np.isin(y, range(p.shape[1])).all():
        raise ValueError(f"need {len(p)} labels from 0 to {p.shape[1] - 1}, got shape {y.shape}")
    return p, y.astype(np.int64)


def top_class(proba: ArrayLike) -> np.ndarray:
    """The most probable class of each row (the first of equals)."""
    return np.asarray(proba).argmax(axis=1)


def confusion(predicted: np.ndarray, labels: np.ndarray, classes: int) -> np.ndarray:
    """counts[true, predicted]."""
    return np.bincount(labels * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def f1_scores(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1 per class from a confusion matrix (0 where undefined, as sklearn's
    zero_division=0)."""
    hits = np.diag(counts).astype(np.float64)
    predicted, actual = counts.sum(axis=0), counts.sum(axis=1)
    precision = np.divide(hits, predicted, out=np.zeros_like(hits), where=predicted > 0)
    recall = np.divide(hits, actual, out=np.zeros_like(hits), where=actual > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(hits), where=both > 0)
    return precision, recall, f1


def macro_f1(proba: ArrayLike, labels: ArrayLike) -> float:
    """The mean of the per-class F1 of the top class: every class counts alike, however rare."""
    p, y = checked(proba, labels)
    return float(f1_scores(confusion(top_class(p), y, p.shape[1]))[2].mean())


def top_class_bins(proba: ArrayLike, labels: ArrayLike, bins: int = 10) -> dict[str, list]:
    """The reliability of the top class: texts binned by its probability (equal-width bins; bin k holds
    floor(p * bins) == k, and 1.0), per bin the count, the mean probability and the accuracy (None
    for an empty bin)."""
    p, y = checked(proba, labels)
    confidence = p.max(axis=1)
    right = (top_class(p) == y).astype(np.float64)
    index = np.minimum((confidence * bins).astype(np.int64), bins - 1)
    count = np.bincount(index, minlength=bins)
    means = {}
    for name, values in (("confidence", confidence), ("accuracy", right)):
        sums = np.bincount(index, weights=values, minlength=bins)
        means[name] = [float(sums[k] / count[k]) if count[k] else None for k in range(bins)]
    return {"count": count.tolist(), **means}


def top_class_ece(proba: ArrayLike, labels: ArrayLike, bins: int = 10) -> float:
    """Expected calibration error of the top class: each bin's |accuracy - mean probability| of
    ``top_class_bins``, weighted by its share of texts."""
    b = top_class_bins(proba, labels, bins)
    gaps = [n * abs(a - c) for n, c, a in zip(b["count"], b["confidence"], b["accuracy"]) if n]
    return float(sum(gaps) / sum(b["count"]))


def class_metrics(proba: ArrayLike, labels: ArrayLike, classes: Sequence[str]) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1/support, the confusion matrix (rows: true
    class) and the top class's ECE, as JSON-ready Python numbers."""
    p, y = checked(proba, labels)
    if p.shape[1] != len(classes):
        raise ValueError(f"{p.shape[1]} columns of probabilities for {len(classes)} classes")
    counts = confusion(top_class(p), y, len(classes))
    precision, recall, f1 = f1_scores(counts)
    return {
        "n": len(p),
        "accuracy": float(np.trace(counts) / len(p)),
        "f1_macro": float(f1.mean()),
        "per_class": {
            name: {
                "precision": float(precision[c]),
                "recall": float(recall[c]),
                "f1": float(f1[c]),
                "support": int(counts[c].sum()),
            }
            for c, name in enumerate(classes)
        },
        "confusion": counts.tolist(),
        "ece_top": top_class_ece(p, y),
        "reliability_top": top_class_bins(p, y),
    }
