"""Insults the word vectors put beside everyday words stay off the page's neighbor lists, swaps and
analogies; the word itself, typed on purpose, keeps its vector."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from sentiment.core.embeddings import WordVectors
from sentiment.teaching.counterfactual import substitutions
from sentiment.teaching.neighbors import neighbor_table
from sentiment.teaching.offensive import OFFENSIVE
from sentiment.teaching.wordplay import analogy, nearest_to, unit

# 脑瘫 is the nearest word to 外卖 (as in the Weibo-trained vectors), 骑手 the next; 王 - 男 + 女 points
# nearest to 脑瘫 too
VECTORS = WordVectors(
    ["外卖", "脑瘫", "骑手", "手机", "王", "男", "女"],
    np.array(
        [
            [1, 0, 0, 0],
            [1, 0.05, 0, 0],
            [1, 0.3, 0, 0],
            [0, 0, 1, 0],
            [0, 0.05, 0, 1],
            [0, 0, 0, 1],
            [1, 0, 0, 1],
        ],
        dtype=np.float32,
    ),
)


def test_the_list_names_the_insult_found_among_real_neighbors():
    assert "脑瘫" in OFFENSIVE
    assert VECTORS.most_similar("外卖", 1)[0][0] == "脑瘫"  # what the filter is for
    target = unit(VECTORS, "王") - unit(VECTORS, "男") + unit(VECTORS, "女")
    assert nearest_to(VECTORS, target, 1, ["王", "男", "女"])[0][0] == "脑瘫"  # and the analogy's answer


def test_neighbor_table_skips_insults_and_keeps_k():
    table = neighbor_table(VECTORS, ["外卖"], 2)
    assert table["neighbor"].tolist() == ["骑手", "女"]
    # typed on purpose, the insult still has its neighbors
    assert neighbor_table(VECTORS, ["脑瘫"], 1)["neighbor"].tolist() == ["外卖"]


def test_analogies_skip_insults():
    assert [w for w, _ in analogy(VECTORS, "王", "男", "女", k=3)] == ["外卖", "骑手", "手机"]


def test_swaps_skip_insults():
    """What-if swaps put each neighbor in the word's place: never an insult."""
    reading = SimpleNamespace(tokens=["外卖", "手机"], proba=0.5)  # all substitutions reads of an Explanation
    table = substitutions(reading, VECTORS, lambda ids: np.zeros(len(ids)), 2, 0.5, (0.4, 0.6))
    assert table[table["word"] == "外卖"]["replacement"].tolist() == ["骑手", "女"]
    assert "脑瘫" not in set(table["replacement"])
