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

from sentiment.decision.temperature import reliability
from sentiment.decision.thresholds import expected_calibration_error


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
    """The reliability of the top class (``temperature.reliability`` of its probability against
    whether it was right): per equal-width bin the count, the mean probability and the accuracy
    (None for an empty bin)."""
    p, y = checked(proba, labels)
    b = reliability(p.max(axis=1), top_class(p) == y, bins)

    def means(values: np.ndarray) -> list:
        return [float(v) if n else None for v, n in zip(values, b["count"])]

    return {
        "count": b["count"].tolist(),
        "confidence": means(b["predicted"]),
        "accuracy": means(b["observed"]),
    }


def top_class_ece(proba: ArrayLike, labels: ArrayLike, bins: int = 10) -> float:
    """Expected calibration error of the top class: ``expected_calibration_error`` of its probability
    against whether it was right."""
    p, y = checked(proba, labels)
    return expected_calibration_error(p.max(axis=1), top_class(p) == y, bins)


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
