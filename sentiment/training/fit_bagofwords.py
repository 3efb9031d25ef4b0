"""The bag-of-words baseline: TF-IDF over jieba words (uni+bigrams) + logistic regression.

It sees the same segmented words as the LSTM but not their order, which is the point
of comparing the two.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sentiment.core.bagofwords import BagOfWords, word_ngrams

C_GRID = (1.0, 4.0, 16.0)


class TfidfBaseline:
    def __init__(self, c: float = 4.0, seed: int = 0):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.c = c
        self.vectorizer = TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, lowercase=False)
        self.model = LogisticRegression(C=c, max_iter=2000, random_state=seed)

    def fit(self, tokens: Sequence[Sequence[str]], labels: Sequence[int]) -> TfidfBaseline:
        self.model.fit(self.vectorizer.fit_transform(tokens), np.asarray(labels))
        return self

    def predict_proba(self, tokens: Sequence[Sequence[str]]) -> np.ndarray:
        """P(positive) for segmented texts."""
        return self.model.predict_proba(self.vectorizer.transform(tokens))[:, 1]

    def to_bag_of_words(self) -> BagOfWords:
        """The fitted model as plain arrays, to save beside a checkpoint and score without sklearn."""
        return BagOfWords.from_sklearn(self.vectorizer, self.model, self.c)


def fit_baseline(train_tokens, train_labels, val_tokens, val_labels, seed: int = 0) -> TfidfBaseline:
    """Fit one baseline per C in ``C_GRID``; keep the one most accurate on validation."""
    best, best_acc = None, -1.0
    for c in C_GRID:
        model = TfidfBaseline(c, seed).fit(train_tokens, train_labels)
        acc = float(np.mean((model.predict_proba(val_tokens) >= 0.5) == np.asarray(val_labels)))
        if acc > best_acc:
            best, best_acc = model, acc
    return best


def fit_on_split(frame, seed: int = 0) -> TfidfBaseline:
    """``fit_baseline`` on a split corpus (columns tokens, label, split): train split, C on validation."""
    train, val = frame[frame.split == "train"], frame[frame.split == "val"]
    return fit_baseline(
        list(train["tokens"]), list(train["label"]), list(val["tokens"]), list(val["label"]), seed
    )
