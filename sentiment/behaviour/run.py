"""Scoring the suite's cases with a model, and the pass rules.

A model is any function from a list of texts to P(positive) (``Predictor.predict_proba`` for the LSTM,
``Predictor.baseline_proba`` for the bag of words). Verdicts follow ``sentiment.decision.thresholds``:
positive when the score is at least the threshold; inside the band [lo, hi] (edges included) the page
abstains.

- MFT passes when the verdict at the threshold is the expected label.
- INV passes when the verdict at the threshold is the same for the original and the perturbed text.
- DIR passes when P(positive) moves the stated way: ``up``/``down`` strictly; ``not_down``/``not_up``
  when it does not move the other way by more than ``TOLERANCE`` (CheckList's 0.1).

A case abstains when its text (or, for INV and DIR, either text) scores inside the band; abstentions
are counted on their own and do not change whether a case passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from tqdm import tqdm

from sentiment import Predictor

from .cases import Case, generate

TOLERANCE = 0.1
CHUNK = 200  # texts per call: the progress bar's step; calls this small keep the Predictor on numpy
Model = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Scores:
    """P(positive) of each case's text, and of its original (NaN for MFT cases)."""

    text: np.ndarray
    original: np.ndarray


@dataclass(frozen=True)
class Outcomes:
    """Per case: whether it passed, whether it abstained, and by how much it failed (0 when passed)."""

    passed: np.ndarray
    abstained: np.ndarray
    miss: np.ndarray


def score(cases: Sequence[Case], model: Model, progress: str | None = None) -> Scores:
    """Every distinct text of ``cases`` scored once by ``model``, in chunks; ``progress``: a tqdm label."""
    texts = list(dict.fromkeys(t for c in cases for t in (c.text, c.original) if t))
    found: dict[str, float] = {}
    steps = range(0, len(texts), CHUNK)
    for start in tqdm(steps, desc=progress, unit="chunk", disable=progress is None):
        chunk = texts[start : start + CHUNK]
        found.update(zip(chunk, np.asarray(model(chunk), dtype=float).tolist()))
    text = np.array([found[c.text] for c in cases], dtype=float)
    original = np.array([found[c.original] if c.original else np.nan for c in cases], dtype=float)
    return Scores(text, original)


def judge(cases: Sequence[Case], scores: Scores, threshold: float, band: tuple[float, float]) -> Outcomes:
    """The pass rules above, applied to every case at once."""
    kind = np.array([c.kind for c in cases])
    label = np.array([-1 if c.label is None else c.label for c in cases])
    expect = np.array([c.expect or "" for c in cases])
    s, o = scores.text, scores.original
    delta = s - o
    tol = TOLERANCE
    holds = {"up": delta > 0, "down": delta < 0, "not_down": delta >= -tol, "not_up": delta <= tol}
    wrong_by = {"up": -delta, "down": delta, "not_down": -delta - tol, "not_up": delta - tol}
    rules = [expect == name for name in holds]
    positive, was_positive = s >= threshold, o >= threshold
    passed = np.select(
        [kind == "MFT", kind == "INV", kind == "DIR"],
        [positive == (label == 1), positive == was_positive, np.select(rules, list(holds.values()), False)],
        False,
    )
    dir_miss = np.select(rules, list(wrong_by.values()), 0.0)
    miss = np.select([kind == "MFT", kind == "INV"], [np.abs(s - threshold), np.abs(delta)], dir_miss)
    lo, hi = band
    inside = lambda x: (lo < hi) & (x >= lo) & (x <= hi)  # noqa: E731 (a zero-width band never abstains)
    abstained = inside(s) | ((kind != "MFT") & inside(o))
    return Outcomes(passed.astype(bool), abstained, np.where(passed, 0.0, np.maximum(miss, 0.0)))


@dataclass(frozen=True)
class Suite:
    """One half's cases scored by each model of a checkpoint, judged by the checkpoint's rule."""

    half: str
    cases: tuple[Case, ...]
    scores: dict[str, Scores]  # "lstm", and "bow" when the checkpoint ships its bag-of-words baseline
    outcomes: dict[str, Outcomes]
    threshold: float
    band: tuple[float, float]


def run_suite(predictor: Predictor, half: str, progress: bool = False, baseline: bool = True) -> Suite:
    """Every case of ``half`` scored by the LSTM and, when there is one (and ``baseline``), the
    bag-of-words baseline."""
    cases = tuple(generate(half))
    models = {"lstm": predictor.predict_proba}
    if baseline and predictor.baseline is not None:
        models["bow"] = predictor.baseline_proba
    scores = {
        name: score(cases, model, f"{half}: {name}" if progress else None) for name, model in models.items()
    }
    rule = predictor.threshold, predictor.band
    outcomes = {name: judge(cases, s, *rule) for name, s in scores.items()}
    return Suite(half, cases, scores, outcomes, *rule)
