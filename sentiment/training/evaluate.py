"""Evaluate a saved checkpoint on its held-out splits and out-of-domain sets, beside the baseline.

    python -m sentiment.evaluate assets/default              # the metrics table of a checkpoint
    python -m sentiment.evaluate assets/default --recompute  # recompute them from the data first
    python -m sentiment.evaluate assets/default --add-baseline  # ship the TF-IDF baseline with an old one
    python -m sentiment.evaluate assets/emotion --report results/emotion  # a class checkpoint's report

Scores always come from the checkpoint as loaded from disk, so the figures describe exactly
what ships. Out-of-domain sets lose every text the model saw, labelled or not.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sentiment.core.bagofwords import BagOfWords
from sentiment.core.checkpoint import META
from sentiment.core.config import TrainConfig
from sentiment.core.predict import Predictor, load_predictor
from sentiment.core.text import dedup_key
from sentiment.data import loaders
from sentiment.data.inputs import Inputs, load_inputs, packaged, resolve, spelled
from sentiment.data.splits import dedup, seen_mask, split_corpus
from sentiment.decision.thresholds import binary_metrics, selective_metrics
from sentiment.training.arguments import build_parser
from sentiment.training.evaluate_classes import evaluate_class_checkpoint, report_markdown, write_report
from sentiment.training.fit_bagofwords import fit_on_split

log = logging.getLogger(__name__)


def unseen(loaded: loaders.Loaded, seen_keys: pd.Series) -> pd.DataFrame:
    """Deduplicated rows of an extra test set that share no text, nor its first or last
    ``SPLIT_PREFIX`` letters, with ``seen_keys`` (copies cut short count as seen)."""
    frame, _ = dedup(loaded.frame)
    return frame[~seen_mask(frame["key"], seen_keys)]


def evaluation_sets(
    frame: pd.DataFrame, ood: dict[str, loaders.Loaded], w2v_texts: Sequence[str] = ()
) -> dict[str, pd.DataFrame]:
    """The test split, the test split per corpus, validation, and each out-of-domain set less every
    text the model saw (labelled, or unlabelled for Word2Vec)."""
    test = frame[frame.split == "test"]
    sets = {"test": test, "val": frame[frame.split == "val"]}
    if test["source"].nunique() > 1:
        sets.update({f"test:{name}": part for name, part in test.groupby("source")})
    seen = pd.concat([frame["key"], pd.Series([dedup_key(t) for t in w2v_texts], dtype="str")])
    sets.update({f"ood:{name}": unseen(loaded, seen) for name, loaded in ood.items()})
    return sets


def refit_baseline(predictor: Predictor, frame: pd.DataFrame, seed: int) -> BagOfWords:
    """The TF-IDF baseline fitted on the split corpus's training texts, segmented as the checkpoint does."""
    return fit_on_split(frame.assign(tokens=frame["text"].map(predictor.segment)), seed).to_bag_of_words()


def evaluate_checkpoint(
    directory,
    frame: pd.DataFrame,
    ood: dict,
    w2v_texts: Sequence[str] = (),
    baseline: bool = False,
    seed: int = 0,
) -> dict:
    """Metrics at 0.5 (and coverage with the default band) per set, for the LSTM and the baseline
    saved in the checkpoint (fitted here, with ``baseline``, for a checkpoint that has none)."""
    predictor = load_predictor(directory)
    sets = evaluation_sets(frame, ood, w2v_texts)
    models = {"lstm": lambda name: predictor.predict_proba(list(sets[name]["text"]))}
    model = predictor.baseline
    if model is None and baseline:  # a checkpoint saved before baselines were shipped
        model = refit_baseline(predictor, frame, seed)
    if model is not None:
        tokens = {name: [predictor.segment(t) for t in part["text"]] for name, part in sets.items()}
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


@dataclass
class Rebuilt:
    """A checkpoint's data as it trained: the split frame, the extra sets, the Word2Vec texts."""

    meta: dict
    args: argparse.Namespace  # the recorded training command, parsed, with names as located
    inputs: Inputs
    frame: pd.DataFrame  # deduplicated corpus with its split column


DATA_FLAGS = ("table", "pos", "neg", "ood", "w2v_texts", "w2v_tagged")


def locate(name: str, root: str | Path | None) -> str:
    """A recorded data name, or what it stands for today: older checkpoints recorded a packaged file
    by its path in the training machine's site-packages (read as ``PACKAGE:PATH``), and a data file
    missing under ``root`` is found there by its last folder and name, or its name
    (``../shared/data/su2015/pos.xls`` -> ``su2015/pos.xls``)."""
    if packaged(name) or resolve(name, root).is_file():
        return name
    parts = Path(name).parts
    installed = [i for i, part in enumerate(parts[:-2]) if part in ("site-packages", "dist-packages")]
    if installed:
        package, *inside = parts[installed[-1] + 1 :]
        return f"{package}:{'/'.join(inside)}"
    for tail in (Path(*parts[-2:]), Path(parts[-1])):
        if root is not None and (Path(root) / tail).is_file():
            return tail.as_posix()
    return name


def rebuild(directory: str | Path, data_root: str | Path | None = None) -> Rebuilt:
    """Reload the data a checkpoint's training command names, check every file's sha256, and
    redo the split from the recorded seeds. ``data_root`` replaces the recorded ``--data`` folder.
    ValueError if any file differs."""
    meta = json.loads((Path(directory) / META).read_text(encoding="utf-8"))
    argv = shlex.split(meta["command"].removeprefix("python -m sentiment.train"))
    args = build_parser().parse_args(argv)
    args.data = args.data if data_root is None else str(data_root)
    for flag in DATA_FLAGS:
        setattr(args, flag, [locate(name, args.data) for name in getattr(args, flag)])
    inputs = load_inputs(args)
    changed = [spelled(g) for f, g in zip(inputs.files, meta["data"]) if f["sha256"] != g["sha256"]]
    if changed or len(inputs.files) != len(meta["data"]):
        raise ValueError(f"the data differ from those the checkpoint was trained on: {changed}")
    cfg = TrainConfig(**meta["train"])
    frame, _ = split_corpus(inputs.corpus.frame, cfg.test_fraction, cfg.val_fraction, cfg.split_seed)
    return Rebuilt(meta, args, inputs, frame)


def reevaluate(directory: str | Path, data_root: str | Path | None = None) -> dict:
    """Recompute a checkpoint's metrics from the data its training command names (see ``rebuild``)
    and store them in its meta.json. Returns the new metrics."""
    data = rebuild(directory, data_root)
    if data.meta.get("classes"):
        metrics = evaluate_class_checkpoint(directory, data.frame, seed=data.meta["train"]["seed"])
    else:
        metrics = evaluate_checkpoint(
            directory,
            data.frame,
            data.inputs.ood,
            data.inputs.w2v_texts,
            baseline=data.args.baseline,
            seed=data.meta["train"]["seed"],
        )
    data.meta["metrics"] = metrics
    (Path(directory) / META).write_text(json.dumps(data.meta, ensure_ascii=False, indent=1))
    return metrics


def add_baseline(directory: str | Path) -> BagOfWords:
    """Fit the TF-IDF baseline on a checkpoint's recorded training split and save it beside the
    checkpoint (for checkpoints trained before the baseline was shipped with them)."""
    data = rebuild(directory)
    model = refit_baseline(load_predictor(directory), data.frame, data.meta["train"]["seed"])
    model.save(directory)
    return model


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sentiment.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--recompute", action="store_true", help="re-evaluate from the training data first")
    parser.add_argument(
        "--add-baseline",
        action="store_true",
        help="fit the TF-IDF baseline on the recorded split and save it",
    )
    parser.add_argument("--data", type=Path, help="where to look for data files not at their recorded path")
    parser.add_argument(
        "--report", type=Path, help="a checkpoint over classes: write its report to REPORT.md and REPORT.json"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.add_baseline:
        add_baseline(args.checkpoint)
    if args.recompute:
        reevaluate(args.checkpoint, args.data)
    meta = json.loads((args.checkpoint / META).read_text(encoding="utf-8"))
    if not meta.get("classes"):
        print(metrics_table(meta["metrics"]))
        return
    if args.report:
        write_report(meta, args.report)
    print(report_markdown(meta))


if __name__ == "__main__":
    main()
