"""How far a strong bag of words gets on a checkpoint's own split: context for the LSTM's accuracy.

    python -m sentiment.ceiling assets/default --data ../shared/data

The shipped TF-IDF baseline reads jieba words only. This reads characters too: TF-IDF over word
1-2-grams and character 1-3-grams, each column scaled by its naive-Bayes log-count ratio (the
NBSVM idea of Wang & Manning, 2012, with a logistic loss), fitted on the checkpoint's training
split with C chosen on validation. It is reported on every set beside the LSTM, the baseline and
the average of the LSTM with it, so a claim about the LSTM can be read against what words and
characters alone achieve on the same texts. Nothing here ships or changes the checkpoint.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sentiment.core.bagofwords import word_ngrams
from sentiment.core.predict import Predictor, load_predictor
from sentiment.core.text import normalize
from sentiment.decision.thresholds import accuracy
from sentiment.training.evaluate import evaluation_sets, rebuild
from sentiment.training.fit_bagofwords import choose_on_validation

C_GRID = (1.0, 2.0, 4.0, 8.0)


class NbLogistic:
    """Logistic regression on NB-scaled TF-IDF of word 1-2-grams and character 1-3-grams."""

    def __init__(self, c: float = 4.0, seed: int = 0):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.c = c
        self.words = TfidfVectorizer(analyzer=word_ngrams, min_df=2, sublinear_tf=True, lowercase=False)
        self.chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
        self.model = LogisticRegression(C=c, max_iter=3000, random_state=seed)
        self.ratio: np.ndarray | None = None

    def _features(self, texts: Sequence[str], tokens: Sequence[Sequence[str]], fit: bool = False):
        from scipy import sparse

        chars = [normalize(t) for t in texts]
        if fit:
            parts = [self.words.fit_transform(tokens), self.chars.fit_transform(chars)]
        else:
            parts = [self.words.transform(tokens), self.chars.transform(chars)]
        return sparse.hstack(parts).tocsr()

    def fit(self, texts, tokens, labels) -> NbLogistic:
        features = self._features(texts, tokens, fit=True)
        self.ratio = nb_ratio(features, np.asarray(labels))
        self.model.fit(features.multiply(self.ratio).tocsr(), np.asarray(labels))
        return self

    def predict_proba(self, texts, tokens) -> np.ndarray:
        """P(positive) for texts and their segmentation."""
        return self.model.predict_proba(self._features(texts, tokens).multiply(self.ratio).tocsr())[:, 1]


def nb_ratio(features, labels: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """log(p/|p| / (q/|q|)) per column, p and q the smoothed counts of texts containing it in each class."""
    present = (features > 0).astype(np.float64)
    p = alpha + np.asarray(present[labels == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(present[labels == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def fit_on_split(frame: pd.DataFrame, seed: int = 0) -> NbLogistic:
    """One model per C in ``C_GRID`` on the train split (columns text, tokens, label, split); the one
    most accurate on validation."""
    train, val = frame[frame.split == "train"], frame[frame.split == "val"]
    return choose_on_validation(
        lambda c: NbLogistic(c, seed).fit(list(train["text"]), list(train["tokens"]), train["label"]),
        lambda model: accuracy(model.predict_proba(list(val["text"]), list(val["tokens"])), val["label"]),
        C_GRID,
    )


def compare(predictor: Predictor, frame: pd.DataFrame, sets: dict[str, pd.DataFrame], seed: int = 0) -> dict:
    """Accuracy per set of the LSTM, the shipped baseline, the NB model and the LSTM + NB average."""
    frame = frame.assign(tokens=frame["text"].map(predictor.segment))
    model = fit_on_split(frame, seed)
    rows = {}
    for name, part in sets.items():
        texts, labels = list(part["text"]), part["label"]
        tokens = [predictor.segment(t) for t in texts]
        lstm, nb = predictor.predict_proba(texts), model.predict_proba(texts, tokens)
        row = {"n": len(part), "lstm": accuracy(lstm, labels), "nb_words_chars": accuracy(nb, labels)}
        if predictor.baseline is not None:
            row["tfidf_baseline"] = accuracy(predictor.baseline.predict_proba(tokens), labels)
        row["lstm_nb_average"] = accuracy((lstm + nb) / 2, labels)
        rows[name] = row
    return {"c": model.c, "sets": rows}


def markdown(report: dict) -> str:
    """The comparison as a markdown table, one row per set."""
    names = ("lstm", "tfidf_baseline", "nb_words_chars", "lstm_nb_average")
    lines = [
        f"`{report['command']}` (NB model's C = {report['c']:g}, chosen on validation)",
        "",
        "| set | texts | LSTM | TF-IDF baseline | NB words+chars | LSTM + NB average |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in report["sets"].items():
        cells = [f"{100 * row[k]:.2f} %" if k in row else "-" for k in names]
        lines.append(f"| {name} | {row['n']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("checkpoint", help="checkpoint directory (its meta.json names data and split)")
    parser.add_argument("--data", help="where the data files are, if they moved since training")
    parser.add_argument("--out", default="results/ceiling.md", help="markdown report (a .json beside it)")
    return parser


def main(argv: list[str] | None = None) -> dict:
    args = build_parser().parse_args(argv)
    rebuilt = rebuild(args.checkpoint, args.data)
    sets = evaluation_sets(rebuilt.frame, rebuilt.inputs.ood, rebuilt.inputs.w2v_texts)
    report = compare(load_predictor(args.checkpoint), rebuilt.frame, sets, rebuilt.meta["train"]["seed"])
    report["command"] = "python -m sentiment.ceiling " + shlex.join(sys.argv[1:] if argv is None else argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(report), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(markdown(report))
    return report


if __name__ == "__main__":
    main()
