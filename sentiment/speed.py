"""Speed benchmark: cold load, segmentation, single-text latency, batch throughput, SnowNLP beside us.

    python -m sentiment.speed --data ../shared/data/chinese_nlp_corpus/online_shopping_10_cats.csv

Prints a JSON report (and writes it with ``--out``). Absolute times vary between machines;
the ratios against SnowNLP, measured on the same texts in the same run, travel better.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from . import data as datasets
from .predict import DEFAULT_CHECKPOINT, TORCH_FROM, load_predictor
from .text import Segmenter

WARM_UP = TORCH_FROM + 20  # texts used only to warm up, so both engines are loaded before timing
COLD_LOAD = """
import time; t = time.perf_counter()
from sentiment import load_predictor
p = load_predictor({path!r}); p.predict_proba(["好"])
print(time.perf_counter() - t)
"""


def cold_load_seconds(checkpoint: Path, repeats: int = 3) -> dict:
    """Fresh-process time to import, load the checkpoint and score one text; best and median of runs."""
    inside, whole = [], []
    root = Path(__file__).resolve().parent.parent
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD_LOAD.format(path=str(checkpoint))],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
        )
        whole.append(time.perf_counter() - start)
        inside.append(float(out.stdout.strip().splitlines()[-1]))
    return {"load_s_median": float(np.median(inside)), "process_s_median": float(np.median(whole))}


def segmentation(texts: list[str]) -> dict:
    """Texts per second of each backend on one core, and how often their words agree."""
    result, words = {}, {}
    for backend in ("jieba", "rjieba"):
        segmenter = Segmenter(backend)
        start = time.perf_counter()
        words[backend] = [segmenter.cut(t) for t in texts]
        result[f"{backend}_texts_per_s"] = len(texts) / (time.perf_counter() - start)
    same = sum(a == b for a, b in zip(words["jieba"], words["rjieba"]))
    result["identical_tokens_share"] = same / len(texts)
    return result


def latency_ms(score, texts: list[str], warm_up: list[str]) -> dict:
    """p50/p95 of scoring one text at a time, after warming up on other texts (no cache hits)."""
    for t in warm_up:
        score(t)
    times = []
    for t in texts:
        start = time.perf_counter()
        score(t)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95))}


def throughput(score_all, texts: list[str], warm_up: list[str]) -> float:
    """Texts per second on one big call, after one call on other texts (torch then imported)."""
    score_all(warm_up)
    start = time.perf_counter()
    score_all(texts)
    return len(texts) / (time.perf_counter() - start)


def typical(texts: list[str], n: int) -> list[str]:
    """``n`` texts of a length within the middle half of the corpus: 'a typical review'."""
    lengths = np.array([len(t) for t in texts])
    lo, hi = np.percentile(lengths, [25, 75])
    return [t for t, n_chars in zip(texts, lengths) if lo <= n_chars <= hi][:n]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m sentiment.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="a table of reviews (text column as in the loaders)")
    parser.add_argument("--checkpoint", type=Path, default=DEFAULT_CHECKPOINT)
    parser.add_argument("--batch", type=int, default=10_000, help="texts in the throughput batch")
    parser.add_argument("--single", type=int, default=500, help="texts scored one at a time")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes for the cold-load time")
    parser.add_argument("--no-snownlp", action="store_true", help="skip the SnowNLP comparison")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)

    texts = list(dict.fromkeys(datasets.read_table(args.data, label_col=None).frame["text"]))
    order = np.random.default_rng(0).permutation(len(texts))
    texts = [texts[i] for i in order]
    warm_up = texts[:WARM_UP]
    single = typical(texts[WARM_UP:], args.single)
    timed = set(single)
    batch = [t for t in texts[WARM_UP:] if t not in timed][: args.batch]  # distinct texts: no cache hits
    predictor = load_predictor(args.checkpoint)
    report = {
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()},
        "checkpoint": str(args.checkpoint),
        "checkpoint_mb": sum(f.stat().st_size for f in args.checkpoint.iterdir()) / 1e6,
        "cold_load": cold_load_seconds(args.checkpoint, args.cold_runs),
        "segmentation": segmentation(batch),
        "lstm": {
            **latency_ms(lambda t: predictor.predict_proba([t]), single, warm_up[:20]),
            "texts_per_s": throughput(predictor.predict_proba, batch, warm_up),
        },
        "n_batch": len(batch),
        "n_single": len(single),
    }
    if not args.no_snownlp:
        from snownlp import SnowNLP

        def snownlp_score(t: str) -> float:
            return SnowNLP(t).sentiments

        report["snownlp"] = {
            **latency_ms(snownlp_score, single, warm_up[:20]),
            "texts_per_s": throughput(lambda ts: [snownlp_score(t) for t in ts], batch, warm_up[:20]),
        }
        report["ratio_vs_snownlp"] = {
            "p50_speedup": report["snownlp"]["p50_ms"] / report["lstm"]["p50_ms"],
            "throughput_speedup": report["lstm"]["texts_per_s"] / report["snownlp"]["texts_per_s"],
        }
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return report


if __name__ == "__main__":
    main()
