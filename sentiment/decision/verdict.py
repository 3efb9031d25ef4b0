"""The verdict on one score, with how far it lies from the nearest edge of the decision rule.

Follows the boundary convention of :mod:`sentiment.decision.thresholds`: a zero-width band is the
threshold rule (positive if score >= t); otherwise positive above the band, negative below
it, abstained inside it, edges included.

>>> describe(0.75, 0.5, (0.25, 0.5))
Verdict(label='positive', edge='band', distance=0.25)
>>> describe(0.375, 0.5, (0.25, 0.5))
Verdict(label='abstained', edge='positive', distance=0.125)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sentiment.decision.thresholds import Band, classify

LABELS = ("negative", "positive", "abstained")  # indexed by thresholds.classify's 0, 1, -1


@dataclass(frozen=True)
class Verdict:
    """``label`` positive/negative/abstained; ``edge``: "threshold" or "band" for a decided score,
    for an abstained one the side whose edge is nearer; ``distance`` to that edge (>= 0)."""

    label: str
    edge: str
    distance: float


def describe(score: float, threshold: float, band: Band) -> Verdict:
    """The verdict on ``score`` and its distance to the nearest edge of the rule."""
    lo, hi = band
    if lo == hi:
        if score >= threshold:
            return Verdict("positive", "threshold", score - threshold)
        return Verdict("negative", "threshold", threshold - score)
    if score > hi:
        return Verdict("positive", "band", score - hi)
    if score < lo:
        return Verdict("negative", "band", lo - score)
    if hi - score <= score - lo:
        return Verdict("abstained", "positive", hi - score)
    return Verdict("abstained", "negative", score - lo)


def format_distance(distance: float) -> str:
    """Two decimals, but never "0.00" for a score that is off the edge by a hair."""
    return "< 0.01" if 0 < distance < 0.005 else f"{distance:.2f}"


def verdict_text(verdict: Verdict, tr: Callable[..., str]) -> str:
    """The verdict as a sentence, e.g. "abstained: 0.02 short of positive" (``tr``: sentiment.page.i18n)."""
    distance = format_distance(verdict.distance)
    if verdict.label == "abstained":
        return tr("verdict_abstained", distance=distance, side=tr(verdict.edge))
    return tr(f"verdict_{verdict.label}_{verdict.edge}", distance=distance)


def verdict_labels(scores: np.ndarray, threshold: float, band: Band) -> np.ndarray:
    """ "positive"/"negative"/"abstained" for each score."""
    return np.asarray(LABELS)[classify(scores, threshold, band)]
