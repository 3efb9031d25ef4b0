"""The TF-IDF + logistic regression baseline as shipped beside a checkpoint, scored in numpy.

Saved without pickle: ``baseline.json.gz`` (gzipped JSON: vocabulary in column order, intercept,
C; the vocabulary of the shipped model is 2.5 MB as plain JSON, 0.7 MB gzipped) and
``baseline.safetensors`` (idf and coefficients, float64), so loading needs neither sklearn nor
trust in the file. The score reproduces sklearn's ``TfidfVectorizer(sublinear_tf=True, norm="l2")``
followed by ``LogisticRegression.predict_proba``:

    tf_j = 1 + log(count_j)      (terms of the text that are in the vocabulary)
    x    = tf * idf / ||tf * idf||
    P    = sigmoid(x . coef + intercept)

>>> bow = BagOfWords(["好", "差"], np.ones(2), np.array([2.0, -2.0]), 0.0)
>>> bow.predict_proba([["好"], ["差"], []]).round(3).tolist()
[0.881, 0.119, 0.5]
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sentiment.core.forward import sigmoid

BASELINE_JSON, BASELINE_WEIGHTS = "baseline.json.gz", "baseline.safetensors"


def word_ngrams(tokens: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of already-segmented words (a bigram is the two words joined by a space)."""
    return list(tokens) + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


class BagOfWords:
    """A fitted TF-IDF + logistic regression model as plain arrays."""

    def __init__(
        self, vocabulary: Sequence[str], idf: np.ndarray, coef: np.ndarray, intercept: float, c=None
    ):
        self.vocabulary = list(vocabulary)
        self.index = {term: i for i, term in enumerate(self.vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.c = c
        if not len(self.vocabulary) == len(self.index) == len(self.idf) == len(self.coef):
            raise ValueError(
                f"baseline: {len(self.vocabulary)} terms ({len(self.index)} distinct), "
                f"{len(self.idf)} idf values and {len(self.coef)} coefficients must all match"
            )

    @classmethod
    def from_sklearn(cls, vectorizer, model, c=None) -> BagOfWords:
        """From a fitted ``TfidfVectorizer`` and binary ``LogisticRegression``."""
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        return cls(vocabulary, vectorizer.idf_, model.coef_[0], model.intercept_[0], c)

    def decision(self, tokens: Sequence[str]) -> float:
        """The logit for one segmented text (the intercept alone when no term is known)."""
        counts = Counter(t for t in word_ngrams(tokens) if t in self.index)
        if not counts:
            return self.intercept
        cols = np.fromiter((self.index[t] for t in counts), dtype=np.int64, count=len(counts))
        weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[cols]
        return float(weights @ self.coef[cols] / np.linalg.norm(weights) + self.intercept)

    def predict_proba(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """P(positive) per segmented text."""
        logits = np.fromiter(
            (self.decision(t) for t in token_lists), dtype=np.float64, count=len(token_lists)
        )
        return sigmoid(logits)

    def save(self, directory: str | Path) -> None:
        from safetensors.numpy import save_file

        directory = Path(directory)
        meta = {"vocabulary": self.vocabulary, "intercept": self.intercept, "C": self.c}
        text = json.dumps(meta, ensure_ascii=False).encode()
        (directory / BASELINE_JSON).write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
        save_file({"idf": self.idf, "coef": self.coef}, str(directory / BASELINE_WEIGHTS))


def has_bag_of_words(directory: str | Path) -> bool:
    """Whether a checkpoint directory holds a baseline; ValueError when only one of its two files is there."""
    present = [(Path(directory) / name).is_file() for name in (BASELINE_JSON, BASELINE_WEIGHTS)]
    if any(present) and not all(present):
        raise ValueError(
            f"{directory}: baseline incomplete, need both {BASELINE_JSON} and {BASELINE_WEIGHTS}"
        )
    return all(present)


def load_bag_of_words(directory: str | Path) -> BagOfWords | None:
    """The baseline saved in a checkpoint directory; None when it has none (older checkpoints)."""
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    if not has_bag_of_words(directory):
        return None
    directory = Path(directory)
    try:
        meta = json.loads(gzip.decompress((directory / BASELINE_JSON).read_bytes()).decode("utf-8"))
        arrays = load_file(str(directory / BASELINE_WEIGHTS))
        return BagOfWords(meta["vocabulary"], arrays["idf"], arrays["coef"], meta["intercept"], meta.get("C"))
    except (OSError, EOFError, UnicodeDecodeError, ValueError, SafetensorError, KeyError, TypeError) as err:
        raise ValueError(f"{directory}: unreadable baseline ({err!r})") from None
