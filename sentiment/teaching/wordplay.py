"""The word-vector playground: similarity, analogy, a sentiment axis, odd one out.

All on unit-length Word2Vec vectors (``u_w = v_w / |v_w|``), with gensim's conventions, so a
word's frequency (which grows its vector's length) does not decide the answer. A word without a
vector raises ``KeyError`` naming it.

>>> vectors = WordVectors(["好", "差", "棒", "糟"], np.array([[1, 0.1], [-1, 0.1], [0.9, 0.3], [-0.8, 0.4]]))
>>> analogy(vectors, "棒", "好", "差", k=1)[0][0]
'糟'
>>> [round(x, 2) for x in axis_positions(vectors, "好", "差", ["棒", "糟"])]
[0.98, 0.05]
>>> odd_one_out(vectors, ["好", "棒", "糟"])
'糟'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sentiment.core.embeddings import WordVectors
from sentiment.teaching.offensive import OFFENSIVE


def unit(vectors: WordVectors, word: str) -> np.ndarray:
    """The unit-length vector of ``word`` (float64); KeyError naming it if it has none."""
    if word not in vectors:
        raise KeyError(f"word {word!r} is not in the vocabulary")
    return vectors.unit_vectors[vectors.key_to_index[word]].astype(np.float64)


def similarity(vectors: WordVectors, a: str, b: str) -> float:
    """Cosine similarity of two words' vectors, in [-1, 1]."""
    return float(unit(vectors, a) @ unit(vectors, b))


def nearest_to(
    vectors: WordVectors, target: np.ndarray, k: int, exclude: Sequence[str]
) -> list[tuple[str, float]]:
    """The ``k`` words whose unit vectors have the highest cosine with ``target``, ``exclude`` left out."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    sims = vectors.unit_vectors.astype(np.float64) @ (target / max(np.linalg.norm(target), 1e-12))
    left_out = {vectors.key_to_index[w] for w in exclude if w in vectors}
    sims[list(left_out)] = -np.inf
    top = np.argsort(-sims, kind="stable")[: min(k, len(sims) - len(left_out))]
    return [(vectors.index_to_key[i], float(sims[i])) for i in top]


def analogy(vectors: WordVectors, a: str, b: str, c: str, k: int = 5) -> list[tuple[str, float]]:
    """Words nearest to ``a - b + c`` ("b is to a as c is to ?"), best first, the three inputs and the
    ``OFFENSIVE`` words excluded.

    gensim's ``most_similar(positive=[a, c], negative=[b])`` (3CosAdd): the cosine of each word's unit
    vector with ``u_a - u_b + u_c``.
    """
    target = unit(vectors, a) - unit(vectors, b) + unit(vectors, c)
    return nearest_to(vectors, target, k, exclude=[a, b, c, *OFFENSIVE])


def axis_positions(vectors: WordVectors, positive: str, negative: str, words: Sequence[str]) -> list[float]:
    """Each word's position on the axis from ``negative`` (0) to ``positive`` (1).

    ``t(w) = (u_w - u_neg) . (u_pos - u_neg) / |u_pos - u_neg|^2``: the projection of the word onto the
    line through the two poles, scaled so the negative pole is at 0 and the positive one at 1 (words
    beyond a pole fall outside [0, 1]).
    """
    pos, neg = unit(vectors, positive), unit(vectors, negative)
    axis = pos - neg
    length = float(axis @ axis)
    if length < 1e-12:
        raise ValueError(f"{positive!r} and {negative!r} have the same direction: no axis between them")
    return [float((unit(vectors, w) - neg) @ axis / length) for w in words]


def odd_one_out(vectors: WordVectors, words: Sequence[str]) -> str:
    """The word least like the others: lowest cosine with the mean of the words' unit vectors
    (gensim's ``doesnt_match``). Needs at least three distinct words."""
    words = list(dict.fromkeys(words))
    if len(words) < 3:
        raise ValueError(f"odd one out needs at least three distinct words, got {len(words)}")
    units = np.stack([unit(vectors, w) for w in words])
    mean = units.mean(axis=0)
    return words[int(np.argmin(units @ (mean / max(np.linalg.norm(mean), 1e-12))))]
