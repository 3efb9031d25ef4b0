"""Counterfactual swaps: each row is the network's score of the swapped text, flips follow the rule."""

from __future__ import annotations

import numpy as np
import pytest

from sentiment.decision.thresholds import classify
from sentiment.decision.verdict import LABELS
from sentiment.teaching.counterfactual import COLUMNS, substitutions


def test_each_swap_is_scored_as_its_own_text(tiny_predictor):
    p = tiny_predictor
    e = p.explain("这次手机很好，魑魅魍魉")
    table = substitutions(e, p.network_vectors, p.logits, 3, p.threshold, p.band)
    assert list(table.columns) == COLUMNS
    known = [i for i, w in enumerate(e.tokens) if p.in_vocabulary(w)]
    assert sorted(set(table["position"])) == known  # the unknown word has no neighbors to swap in
    assert len(table) == 3 * len(known)
    ids = p.encode(["这次手机很好，魑魅魍魉"])[0]
    for row in table.itertuples():
        assert row.word == e.tokens[row.position]
        assert (row.replacement, pytest.approx(row.similarity)) in p.neighbors(row.word, 3)
        i = row.position
        swapped = ids[:i] + [p.network_vectors.key_to_index[row.replacement] + 2] + ids[i + 1 :]
        assert row.proba == pytest.approx(p.proba_from_ids([swapped])[0], abs=1e-6)
        assert row.change == pytest.approx(row.proba - e.proba)


@pytest.mark.parametrize(("threshold", "band"), [(0.5, (0.5, 0.5)), (0.5, (0.3, 0.7)), (0.9, (0.2, 0.95))])
def test_flips_follow_the_threshold_and_the_band(tiny_predictor, threshold, band):
    p = tiny_predictor
    e = p.explain("电脑很差")
    table = substitutions(e, p.network_vectors, p.logits, 10, threshold, band)
    before = classify([e.proba], threshold, band)[0]
    after = classify(table["proba"], threshold, band)
    assert table["verdict"].tolist() == [LABELS[v] for v in after]
    np.testing.assert_array_equal(table["flips"], after != before)


def test_a_sentiment_word_swapped_for_its_opposite_flips(tiny_predictor):
    """In the tiny corpus 很好 and 很差 appear in the same contexts, so they are close neighbors."""
    p = tiny_predictor
    e = p.explain("手机很好")
    k = len(p.network_vectors) - 1
    table = substitutions(e, p.network_vectors, p.logits, k, p.threshold, (p.threshold,) * 2)
    flips = table[table["flips"]]
    assert len(flips) and (flips["proba"] < p.threshold).all()
    assert set(flips["word"]) <= set(e.tokens)


def test_nothing_to_swap(tiny_predictor):
    p = tiny_predictor
    for text in ("", "魑魅魍魉"):
        table = substitutions(p.explain(text), p.network_vectors, p.logits, 5, p.threshold, p.band)
        assert table.empty and list(table.columns) == COLUMNS
    with pytest.raises(ValueError, match="k must be at least 1"):
        substitutions(p.explain("手机很好"), p.network_vectors, p.logits, 0, 0.5, (0.5, 0.5))
