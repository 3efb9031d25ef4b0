"""Evaluate a saved checkpoint on its held-out splits and out-of-domain sets, beside the baseline.

Scores always come from the checkpoint as loaded from disk, so the figures describe
exactly what ships. Out-of-domain sets lose every text the training corpora contain.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from . import data as datasets
from .baseline import fit_baseline
from .predict import load_predictor
from .thresholds import binary_metrics, selective_metrics

log = logging.getLogger(__name__)


def unseen(loaded: datasets.Loaded, seen_keys: pd.Series) -> pd.DataFrame:
    """Deduplicated rows of an extra test set that share no text, nor its first or last
    ``SPLIT_PREFIX`` letters, with ``seen_keys`` (copies cut short count as seen)."""
    frame, _ = datasets.dedup(loaded.frame)
    n, keys = datasets.SPLIT_PREFIX, frame["key"]
    same = keys.isin(seen_keys)
    same_start = keys.str[:n].isin(set(seen_keys.str[:n]))
    same_end = keys.str[-n:].isin(set(seen_keys.str[-n:]))
    return frame[~(same | same_start | same_end)]


def evaluation_sets(frame: pd.DataFrame, ood: dict[str, datasets.Loaded]) -> dict[str, pd.DataFrame]:
    """The test split, the test split per corpus, validation, and each unseen out-of-domain set."""
    test = frame[frame.split == "test"]
    sets = {"test": test, "val": frame[frame.split == "val"]}
    if test["source"].nunique() > 1:
        sets.update({f"test:{name}": part for name, part in test.groupby("source")})
    sets.update({f"ood:{name}": unseen(loaded, frame["key"]) for name, loaded in ood.items()})
    return sets


def evaluate_checkpoint(
    directory, frame: pd.DataFrame, ood: dict, baseline: bool = False, seed: int = 0
) -> dict:
    """Metrics at 0.5 (and coverage with the default band) per set, for the LSTM and the baseline."""
    predictor = load_predictor(directory)
    sets = evaluation_sets(frame, ood)
    models = {"lstm": lambda name: predictor.predict_proba(list(sets[name]["text"]))}
    if baseline:
        tokens = {name: [predictor.segment(t) for t in part["text"]] for name, part in sets.items()}
        train = frame[frame.split == "train"]
        model = fit_baseline(
            [predictor.segment(t) for t in train["text"]],
            list(train["label"]),
            tokens["val"],
            list(sets["val"]["label"]),
            seed=seed,
        )
        models["tfidf_lr"] = lambda name: model.predict_proba(tokens[name])
    results = {}
    for name, part in sets.items():
        if part.empty:
            continue
        labels = part["label"].to_numpy(dtype=np.int64)
        results[name] = {"n": len(part), "positive_share": float(labels.mean())}
        for model_name, score in models.items():
            scores = score(name)
            metrics = binary_metrics(scores, labels, 0.5)
            if model_name == "lstm":
                metrics["band"] = selective_metrics(scores, labels, predictor.threshold, predictor.band)
            results[name][model_name] = metrics
            log.info("%s %s: accuracy %.4f auc %s", name, model_name, metrics["accuracy"], metrics["auc"])
    return results


def metrics_table(metrics: dict) -> str:
    """A markdown table of a checkpoint's metrics: one row per test set, LSTM beside the baseline."""
    rows = [
        "| test set | n | positive | LSTM acc | LSTM F1 | LSTM AUC | TF-IDF acc | TF-IDF F1 | TF-IDF AUC "
        "| band coverage | selective acc |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, result in metrics.items():
        lstm, base = result["lstm"], result.get("tfidf_lr")
        cells = [name, str(result["n"]), f"{result['positive_share']:.1%}"]
        for model in (lstm, base):
            cells += (
                ["-"] * 3
                if model is None
                else [f"{model['accuracy']:.2%}", f"{model['f1_macro']:.4f}", f"{model['auc']:.4f}"]
            )
        band = lstm["band"]
        cells += [f"{band['coverage']:.1%}", f"{band['selective_accuracy']:.2%}"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    import json
    import sys
    from pathlib import Path

    print(metrics_table(json.loads((Path(sys.argv[1]) / "meta.json").read_text())["metrics"]))
