"""Speed and memory measurements used by ``python -m sentiment.bench``: cold load and peak memory in
a fresh process, segmentation, single-text latency, batch throughput.

Absolute times vary between machines; the bench reports ratios against SnowNLP, measured on the
same texts in the same run, because they travel better.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from sentiment.core.predict import TORCH_FROM
from sentiment.core.text import Segmenter

WARM_UP = TORCH_FROM + 20  # texts used only to warm up, so both engines are loaded before timing
ROOT = Path(__file__).resolve().parents[2]  # the repository
FRESH = """
import json, sys, time; t = time.perf_counter()
from sentiment import load_predictor
p = load_predictor(sys.argv[1]); p.predict_proba(["好"])
load_s = time.perf_counter() - t
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as f:
        p.predict_proba(json.load(f))
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))  # this process's own peak
print(json.dumps({"load_s": load_s, "peak_mb": int(hwm.split()[1]) / 1024}))
"""


def fresh_process(checkpoint: Path, texts: list[str] | None = None) -> dict:
    """In a new Python process: seconds to import, load the checkpoint (segmenter included) and score one
    text; peak resident memory (MB) after that, or after also scoring ``texts`` in one call."""
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-c", FRESH, str(checkpoint)]
        if texts is not None:
            argv.append(str(Path(tmp) / "texts.json"))
            Path(argv[-1]).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        start = time.perf_counter()
        out = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=ROOT)
        whole = time.perf_counter() - start
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "process_s": whole}


def cold_load(checkpoint: Path, repeats: int = 3) -> dict:
    """Medians over ``repeats`` fresh processes of the load time, the whole process's time, and the
    peak resident memory once loaded."""
    runs = [fresh_process(checkpoint) for _ in range(repeats)]
    return {key: float(np.median([r[key] for r in runs])) for key in ("load_s", "process_s", "peak_mb")}


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
