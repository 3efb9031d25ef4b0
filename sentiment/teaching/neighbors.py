"""Nearest words by cosine similarity and their 2-D PCA map, for the page's neighbor explorer.

>>> vectors = WordVectors(["好", "棒", "差"], np.array([[1, 0], [0.9, 0.1], [-1, 0]], dtype=np.float32))
>>> neighbor_table(vectors, ["好"], k=1)["neighbor"].tolist()
['棒']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from sentiment.core.embeddings import WordVectors
from sentiment.teaching.offensive import OFFENSIVE


def neighbor_table(vectors: WordVectors, words: Sequence[str], k: int) -> pd.DataFrame:
    """The ``k`` nearest words of each in-vocabulary word, none of them ``OFFENSIVE``: columns word,
    neighbor, similarity."""
    rows = [(w, n, s) for w in words if w in vectors for n, s in vectors.most_similar(w, k, OFFENSIVE)]
    return pd.DataFrame(rows, columns=["word", "neighbor", "similarity"])


def pca_2d(matrix: np.ndarray) -> np.ndarray:
    """Rows projected on their first two principal components (zeros where there are fewer)."""
    centred = np.asarray(matrix, dtype=np.float64) - np.mean(matrix, axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    coords = centred @ components[:2].T
    return np.pad(coords, ((0, 0), (0, 2 - coords.shape[1])))


def scatter_points(
    vectors: WordVectors, table: pd.DataFrame, scores: Mapping[str, float], tr: Callable[..., str]
) -> pd.DataFrame:
    """The chosen words and their neighbors, once each, with PCA x/y, score and a hover line (plain text:
    the chart escapes it).

    Columns word, x, y, score, chosen, hover; a word that is both chosen and a neighbor counts as chosen.
    """
    chosen = list(dict.fromkeys(table["word"]))
    firsts = table[~table["neighbor"].isin(chosen)].drop_duplicates("neighbor")
    words = chosen + firsts["neighbor"].tolist()
    hover = [tr("chosen")] * len(chosen) + [
        tr("similar_to", word=w, sim=f"{s:.3f}") for w, s in zip(firsts["word"], firsts["similarity"])
    ]
    coords = pca_2d(vectors.vectors[[vectors.key_to_index[w] for w in words]])
    return pd.DataFrame(
        {
            "word": words,
            "x": coords[:, 0],
            "y": coords[:, 1],
            "score": [scores[w] for w in words],
            "chosen": [True] * len(chosen) + [False] * len(firsts),
            "hover": hover,
        }
    )


def typed_words(text: str) -> list[str]:
    """Words typed into the neighbor box: split on spaces and commas, each once, in order."""
    return list(dict.fromkeys(text.replace(",", " ").replace("，", " ").split()))
