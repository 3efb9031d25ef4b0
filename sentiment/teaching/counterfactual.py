"""Counterfactuals: one word swapped for one of its nearest neighbors, and what that does to the verdict.

The swap happens in what the network reads (``Explanation.tokens``): the neighbor takes the word's
place and the text is not segmented again. Every swap of every known word is scored in one batch
of equal-length texts.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from sentiment.core.embeddings import WordVectors
from sentiment.core.encoding import ids_of
from sentiment.core.explain import Explanation
from sentiment.core.forward import proba_by_length
from sentiment.decision.thresholds import Band, classify
from sentiment.decision.verdict import LABELS
from sentiment.teaching.offensive import OFFENSIVE

COLUMNS = ["position", "word", "replacement", "similarity", "proba", "change", "verdict", "flips"]
BATCH = 256  # texts per forward pass: bounds memory for long texts and large k


def substitutions(
    explanation: Explanation,
    vectors: WordVectors,
    logits: Callable[[np.ndarray], np.ndarray],
    k: int,
    threshold: float,
    band: Band,
) -> pd.DataFrame:
    """Each known token replaced, one at a time, by each of its ``k`` nearest neighbors (none ``OFFENSIVE``).

    ``logits`` maps (B, T) ids to logits (``Predictor.logits``, calibrated). Columns: position (token index),
    word, replacement, similarity (cosine), proba (the new P(positive)), change (proba minus the
    original), verdict (positive / negative / abstained under ``threshold`` and ``band``) and
    flips (the verdict differs from the original one: crossing the threshold, or into or out of
    the band). Sorted by position, then by similarity.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    ids = ids_of(explanation.tokens, vectors.key_to_index)
    rows, texts = [], []
    for i, word in enumerate(explanation.tokens):
        if word not in vectors:
            continue
        for neighbor, sim in vectors.most_similar(word, k, OFFENSIVE):
            rows.append((i, word, neighbor, sim))
            texts.append(ids[:i] + ids_of([neighbor], vectors.key_to_index) + ids[i + 1 :])
    table = pd.DataFrame(rows, columns=COLUMNS[:4])
    proba = proba_by_length(logits, texts, BATCH)
    before = int(classify([explanation.proba], threshold, band)[0])
    after = classify(proba, threshold, band) if len(proba) else np.empty(0, dtype=np.int64)
    return table.assign(
        proba=proba,
        change=proba - explanation.proba,
        verdict=[LABELS[v] for v in after],
        flips=after != before,
    )
