"""The benchmark's output: the run's description, results/benchmarks.json (rows) and results/benchmarks.md.

Rows are dicts with a ``kind``: one ``run`` row (date, command, machine, checkpoint sha256),
``quality`` rows (model, dataset, n, accuracy, f1, auc, ece, ...), ``analogy`` rows (the word
vectors on CA8: dataset, vocabulary, questions, in_vocabulary, accuracy) and ``speed`` rows (model,
metric, value, unit).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shlex
from pathlib import Path

MODELS = ("lstm", "tfidf-lr", "snownlp")
SPEED_LABELS = {
    "latency_p50": "one text, p50",
    "latency_p95": "one text, p95",
    "throughput": "batch throughput",
    "latency_p50_vs_snownlp": "p50 latency, SnowNLP's / this model's",
    "throughput_vs_snownlp": "throughput, this model's / SnowNLP's",
    "cold_load": "cold load in a fresh process (imports, checkpoint, segmenter, one text)",
    "cold_process": "the whole fresh process",
    "peak_memory_loaded": "peak resident memory once loaded",
    "peak_memory_batch": "peak resident memory after scoring the batch in one call",
    "checkpoint_size": "checkpoint size on disk",
    "segment_rjieba": "segmentation, rjieba",
    "segment_jieba": "segmentation, jieba",
    "segment_same_words": "texts jieba and rjieba cut identically",
}


def machine() -> dict:
    """What the figures were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or platform.machine(),
    )
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), None)
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": None if memory is None else round(int(memory) / 1024**2, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": list(os.getloadavg()),
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def checkpoint_sha256(directory: Path) -> str:
    """One digest for the checkpoint: sha256 over its files' names and contents, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(directory).iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when inside it, so a report names no folder of the
    machine that ran it."""
    path, here = Path(path).resolve(), Path.cwd().resolve()
    return str(path.relative_to(here)) if path.is_relative_to(here) else str(path)


def run_row(checkpoint: Path, meta: dict, argv: list[str], quick: bool) -> dict:
    return {
        "kind": "run",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "python -m sentiment.bench " + shlex.join(map(str, argv)),
        "quick": quick,
        "machine": machine(),
        "checkpoint": shown_path(checkpoint),
        "checkpoint_sha256": checkpoint_sha256(checkpoint),
        "temperature": meta.get("temperature", 1.0),
        "threshold": meta.get("threshold"),
        "band": meta.get("band"),
    }


def last_json(stdout: str) -> dict:
    """The JSON object a helper process printed on its last line."""
    return json.loads(stdout.strip().splitlines()[-1])


def _loads(loads: list[float]) -> str:
    return "/".join(f"{x:.1f}" for x in loads)


def _cell(value, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def quality_table(rows: list[dict]) -> list[str]:
    lines = [
        "| test set | model | n | positive | accuracy | F1 (macro) | ROC-AUC | ECE | coverage "
        "| selective acc |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [r["dataset"], r["model"], str(r["n"]), _cell(r["positive_share"], ".1%")]
        cells += [
            _cell(r["accuracy"], ".2%"),
            _cell(r["f1"], ".4f"),
            _cell(r["auc"], ".4f"),
            _cell(r["ece"], ".4f"),
        ]
        cells += [_cell(r.get("coverage"), ".1%"), _cell(r.get("selective_accuracy"), ".2%")]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def analogy_section(rows: list[dict]) -> list[str]:
    """The word vectors on CA8, if the run scored them."""
    if not rows:
        return []
    lines = [
        "## Word vectors",
        "",
        f"The checkpoint's Word2Vec vectors ({rows[0]['vocabulary']:,} words) on CA8: a is to b as c is "
        "to ?, by 3CosAdd, top-1 over the whole vocabulary (a, b and c excluded); every question counts, "
        "and one with a word out of vocabulary counts as wrong.",
        "",
        "| questions | n | all four words in vocabulary | top-1 accuracy |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {r['dataset']} | {r['questions']:,} | {r['in_vocabulary']:,} | {r['accuracy']:.2%} |"
        for r in rows
    ]
    return [*lines, ""]


def speed_table(rows: list[dict]) -> list[str]:
    """One line per metric, one column per model."""
    values: dict[str, dict[str, dict]] = {}
    for r in rows:
        values.setdefault(r["metric"], {})[r["model"]] = r
    lines = ["| figure | unit | " + " | ".join(MODELS) + " |", "|---|---|---|---|---|"]
    for metric, by_model in values.items():
        unit = next(iter(by_model.values()))["unit"]
        cells = [_number(by_model[m]["value"]) if m in by_model else "" for m in MODELS]
        lines.append(f"| {SPEED_LABELS.get(metric, metric)} | {unit} | " + " | ".join(cells) + " |")
    return lines


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def markdown(rows: list[dict]) -> str:
    run = next(r for r in rows if r["kind"] == "run")
    m = run["machine"]
    dropped = ", ".join(f"{name} {n}" for name, n in run.get("dropped_seen_by_snownlp", {}).items())
    lines = [
        "# Benchmarks" + (" (quick sample)" if run["quick"] else ""),
        "",
        f"Measured {run['date']} with `{run['command']}`",
        f"on {m['cpus']} × {m['cpu']}, {m['memory_gb']} GB, {m['platform']}, Python {m['python']}",
        f"(1/5/15-minute load average {_loads(run['load_before'])} at the start, "
        f"{_loads(m['load_average'])} at the end); the run took {run['seconds']:.0f} s.",
        f"Checkpoint `{run['checkpoint']}`, sha256 `{run['checkpoint_sha256'][:16]}…` (of its files), "
        f"temperature {run['temperature']:.4f}, threshold {run['threshold']:.3f}, band "
        f"[{run['band'][0]:.3f}, {run['band'][1]:.3f}].",
        "",
        "## Quality",
        "",
        "Accuracy and F1 at threshold 0.5; ECE on 10 equal-width bins; coverage and selective accuracy with "
        "the checkpoint's own threshold and abstain band (our model only). No test text is in any training "
        "data (checked on normalised text before any figure). Texts SnowNLP was trained on left every set, "
        f"so that no model is scored on its training data: {dropped or 'none'}.",
        "",
        *quality_table([r for r in rows if r["kind"] == "quality"]),
        "",
        *analogy_section([r for r in rows if r["kind"] == "analogy"]),
        "## Speed and size",
        "",
        "Latency and throughput on the same texts for every model, none of them scored before (no cache "
        "hits), after a warm-up on other texts. Ratios against SnowNLP travel between machines better than "
        "times do.",
        "",
        *speed_table([r for r in rows if r["kind"] == "speed"]),
        "",
    ]
    return "\n".join(lines)


def write(rows: list[dict], folder: Path) -> None:
    """results/benchmarks.json (the rows) and results/benchmarks.md (the tables)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchmarks.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    (folder / "benchmarks.md").write_text(markdown(rows), encoding="utf-8")
