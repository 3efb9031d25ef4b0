"""The bag-of-words baseline: TF-IDF over jieba words (uni+bigrams) + logistic regression.

It sees the same segmented words as the LSTM but not their order, which is the point
of comparing the two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from sentiment.core.bagofwords import BagOfWords, word_ngrams
from sentiment.decision.thresholds import accuracy

C_GRID = (1.0, 4.0, 16.0)
Model = TypeVar("Model")


class TfidfBaseline:
    def __init__(self, c: float = 4.0, seed: int = 0, class_weight: str | None = None):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.c = c
        self.vectorizer = TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, lowercase=False)
        self.model = LogisticRegression(C=c, max_iter=2000, random_state=seed, class_weight=class_weight)

    def fit(self, tokens: Sequence[Sequence[str]], labels: Sequence[int]) -> TfidfBaseline:
        self.model.fit(self.vectorizer.fit_transform(tokens), np.asarray(labels))
        return self

    def predict_proba(self, tokens: Sequence[Sequence[str]]) -> np.ndarray:
        """P(positive) for segmented texts; with more than two classes (multinomial), (n, classes)."""
        proba = self.model.predict_proba(self.vectorizer.transform(tokens))
        return proba[:, 1] if proba.shape[1] == 2 else proba

    def to_bag_of_words(self) -> BagOfWords:
        """The fitted model as plain arrays, to save beside a checkpoint and score without sklearn."""
        return BagOfWords.from_sklearn(self.vectorizer, self.model, self.c)


def choose_on_validation(fit: Callable[[float], Model], accuracy: Callable[[Model], float], grid) -> Model:
    """``fit(c)`` for each ``c`` in ``grid``; the model most accurate on validation (the first of equals)."""
    return max((fit(c) for c in grid), key=accuracy)


def fit_on_split(frame, seed: int = 0) -> TfidfBaseline:
    """The baseline on a split corpus (columns tokens, label, split): fitted on the train split, C
    from ``C_GRID`` chosen on validation."""
    train, val = frame[frame.split == "train"], frame[frame.split == "val"]
    return choose_on_validation(
        lambda c: TfidfBaseline(c, seed).fit(list(train["tokens"]), list(train["label"])),
        lambda model: accuracy(model.predict_proba(list(val["tokens"])), val["label"]),
        C_GRID,
    )
