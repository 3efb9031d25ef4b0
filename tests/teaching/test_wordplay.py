"""The word-vector playground on hand-built vectors, and gensim's conventions on random ones."""

from __future__ import annotations

import numpy as np
import pytest

from sentiment.core.embeddings import WordVectors
from sentiment.teaching.wordplay import analogy, axis_positions, odd_one_out, similarity

# king - man + woman on axes (royal, male, female, fruit); lengths differ on purpose: only directions count
HAND = WordVectors(
    ["王", "男", "女", "后", "苹果", "好", "差", "中"],
    np.array(
        [
            [2, 2, 0, 0],  # 王 = royal + male
            [0, 3, 0, 0],  # 男
            [0, 0, 1, 0],  # 女
            [5, 0, 5, 0],  # 后 = royal + female
            [0, 0, 0, 1],  # 苹果
            [1, 0, 0, 0],  # 好
            [-1, 0, 0, 0],  # 差
            [0, 1, 0, 0],  # 中: orthogonal to both poles
        ],
        dtype=np.float32,
    ),
)


def test_similarity_is_the_cosine():
    assert similarity(HAND, "王", "男") == pytest.approx(1 / np.sqrt(2))
    assert similarity(HAND, "好", "差") == pytest.approx(-1)


def test_analogy_by_hand():
    found = analogy(HAND, "王", "男", "女", k=2)
    assert found[0][0] == "后"
    # u_王 - u_男 + u_女 = (1/√2, 1/√2 - 1, 1, 0); its cosine with u_后 = (1/√2, 0, 1/√2, 0):
    target = np.array([1 / np.sqrt(2), 1 / np.sqrt(2) - 1, 1, 0])
    expected = target @ np.array([1, 0, 1, 0]) / np.sqrt(2) / np.linalg.norm(target)
    assert found[0][1] == pytest.approx(expected, abs=1e-6)
    assert all(w not in ("王", "男", "女") for w, _ in analogy(HAND, "王", "男", "女", k=10))


def test_axis_positions_by_hand():
    # poles at ±e1: t = (u - u_差)·(2 e1) / 4 = (u_1 + 1) / 2
    positions = axis_positions(HAND, "好", "差", ["好", "差", "中", "王", "后"])
    assert positions == pytest.approx([1, 0, 0.5, (1 / np.sqrt(2) + 1) / 2, (1 / np.sqrt(2) + 1) / 2])


def test_odd_one_out_by_hand():
    assert odd_one_out(HAND, ["王", "后", "好", "苹果"]) == "苹果"
    assert odd_one_out(HAND, ["好", "王", "后", "好", "差"]) == "差"  # repeats count once


def test_unknown_words_and_bad_input_are_named():
    with pytest.raises(KeyError, match="'国王' is not in the vocabulary"):
        analogy(HAND, "国王", "男", "女")
    with pytest.raises(KeyError, match="'梨'"):
        axis_positions(HAND, "好", "差", ["中", "梨"])
    with pytest.raises(KeyError, match="'梨'"):
        similarity(HAND, "梨", "好")
    with pytest.raises(ValueError, match="at least three"):
        odd_one_out(HAND, ["好", "差", "好"])
    with pytest.raises(ValueError, match="same direction"):
        axis_positions(HAND, "好", "好", ["中"])


def test_same_answers_as_gensim_on_random_vectors():
    from gensim.models import KeyedVectors

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(300)]
    matrix = rng.normal(size=(300, 16)).astype(np.float32)
    ours = WordVectors(words, matrix)
    theirs = KeyedVectors(16)
    theirs.add_vectors(words, matrix)
    for a, b, c in (("w1", "w2", "w3"), ("w10", "w20", "w30"), ("w7", "w7", "w8")):
        got = analogy(ours, a, b, c, k=5)
        want = theirs.most_similar(positive=[a, c], negative=[b], topn=5)
        assert [w for w, _ in got] == [w for w, _ in want]
        np.testing.assert_allclose([s for _, s in got], [s for _, s in want], atol=1e-5)
    for group in (["w1", "w2", "w3", "w4"], words[:50]):
        assert odd_one_out(ours, group) == theirs.doesnt_match(group)
