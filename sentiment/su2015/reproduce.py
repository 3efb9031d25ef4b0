"""Reproduce the 2015 post's experiment, then the same network on a deduplicated split.

    python -m sentiment.reproduce su2015 --data ../shared/data/su2015

Three columns, one network (``network``: Embedding 256 -> hard-sigmoid LSTM 128 -> Dropout 0.5 ->
Dense 1, front padding to 50 words, Adam, batch 16, 10 epochs, no early stopping):

* ``post``: the post's protocol, even rows of pos + neg train, odd rows test;
* ``dedup``: texts deduplicated and split by hash (``splits.split_corpus``);
* ``dedup_w2v``: as ``dedup``, the embedding initialised from Word2Vec trained on its training texts.

Each reports accuracy at 0.5, how many test texts also occur in training (by ``dedup_key``), and the
abstain band of the post's steep TPR/TNR criterion (``bands.steep_band``), chosen on held-out scores
and measured on others. The report goes to a JSON file, the TPR/TNR chart to a PNG (needs kaleido).
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from sentiment.core.text import dedup_key
from sentiment.data import loaders
from sentiment.data.inputs import sha256
from sentiment.data.splits import DedupReport, split_corpus
from sentiment.decision.bands import steep_band
from sentiment.decision.thresholds import binary_metrics, selective_metrics
from sentiment.su2015.protocol import COLUMNS, THRESHOLD
from sentiment.su2015.report import band_chart, table


@dataclass
class Settings:
    embed_dim: int = 256
    hidden: int = 128
    dropout: float = 0.5
    max_len: int = 50
    batch_size: int = 16
    epochs: int = 10
    seed: int = 0  # weights, dropout, shuffling, Word2Vec
    split_seed: int = 0  # the hash split of the deduplicated columns
    test_fraction: float = 0.5  # deduplicated columns: about half, as the post's odd rows
    val_fraction: float = 0.05  # deduplicated columns: held out of training to choose the band
    steep_share: float = 0.5  # the band holds this share of each class's scores
    w2v_min_count: int = 5
    w2v_window: int = 5
    w2v_epochs: int = 5


def load_corpus(folder: Path) -> tuple[loaders.Loaded, list[dict]]:
    """pos.xls then neg.xls (labels 1, 0) in the post's order, empty cells dropped and counted."""
    paths = [folder / "pos.xls", folder / "neg.xls"]
    for path in paths:
        if not path.is_file():
            raise ValueError(f"{path}: not found; --data must hold the post's pos.xls and neg.xls")
    parts = [loaders.read_class_file(path, label) for path, label in zip(paths, (1, 0))]
    files = [{"path": str(p), "sha256": sha256(p)} for p in paths]
    return loaders.concat(parts), files


def segment(texts: list[str]) -> list[list[str]]:
    """``jieba.lcut`` on each raw text, as the post's ``list(jieba.cut(x))`` (no normalisation)."""
    import jieba

    jieba.setLogLevel(60)
    return [jieba.lcut(t) for t in tqdm(texts, desc="segmenting (jieba)")]


def post_split(n: int) -> dict[str, np.ndarray]:
    """Even rows train, odd rows test; the band is chosen on rows 1, 5, 9, ... and measured on 3, 7, ..."""
    odd = np.arange(1, n, 2)
    return {"train": np.arange(0, n, 2), "test": odd, "choose": odd[0::2], "measure": odd[1::2]}


def dedup_split(frame, settings: Settings) -> tuple[dict[str, np.ndarray], DedupReport]:
    """Rows kept by ``dedup``, split by hash; the band is chosen on validation and measured on test."""
    kept, report = split_corpus(frame, settings.test_fraction, settings.val_fraction, settings.split_seed)
    rows = {name: kept.index[kept["split"] == name].to_numpy() for name in ("train", "val", "test")}
    return {
        "train": rows["train"],
        "test": rows["test"],
        "choose": rows["val"],
        "measure": rows["test"],
    }, report


def overlap(keys: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Which test rows' normalised text (``dedup_key``) also occurs among the training rows."""
    return np.isin(keys[test], keys[train])


def run_column(ids, labels, keys, split, settings: Settings, index: dict[str, int], vectors=None) -> dict:
    """Train the 2015 network on split["train"], score the rest, and measure accuracy, overlap and band."""
    from sentiment.su2015.network import Net2015, fit, predict

    model = Net2015(len(index) + 1, settings.embed_dim, settings.hidden, settings.dropout, settings.seed)
    found = 0 if vectors is None else _load_vectors(model, vectors, index)
    start = time.perf_counter()
    train = split["train"]
    with tqdm(total=settings.epochs * len(train), desc="training", unit="text") as bar:
        losses = fit(
            model,
            ids[train],
            labels[train],
            settings.epochs,
            settings.batch_size,
            settings.seed,
            progress=bar.update,
        )
    scored = np.concatenate([split["test"], split["choose"]])
    scores = dict(zip(scored.tolist(), predict(model, ids[scored]).tolist()))
    s = {name: np.array([scores[i] for i in split[name]]) for name in ("test", "choose", "measure")}
    seen = overlap(keys, train, split["test"])
    test_y = labels[split["test"]]
    right = (s["test"] >= THRESHOLD) == test_y
    band = steep_band(s["choose"], labels[split["choose"]], THRESHOLD, settings.steep_share)
    return {
        "n_train": int(train.size),
        "n_test": int(split["test"].size),
        "accuracy": float(right.mean()),
        "auc": binary_metrics(s["test"], test_y)["auc"],
        "test_texts_in_training": int(seen.sum()),
        "accuracy_on_those": float(right[seen].mean()) if seen.any() else None,
        "accuracy_on_the_rest": float(right[~seen].mean()),
        "word2vec_words_used": found,
        "epoch_losses": losses,
        "train_seconds": time.perf_counter() - start,
        "band": {
            "criterion": f"steep: TPR falls and TNR rises by >= {settings.steep_share} each",
            "lo": band[0],
            "hi": band[1],
            "n_chosen_on": int(split["choose"].size),
            "n_measured_on": int(split["measure"].size),
            **selective_metrics(s["measure"], labels[split["measure"]], THRESHOLD, band),
        },
        "_curve": (s["choose"], labels[split["choose"]]),
    }


def _load_vectors(model, vectors, index: dict[str, int]) -> int:
    """Copy Word2Vec vectors into the embedding rows of the words they know; the rest keep Keras' init."""
    import torch

    rows = [(i, vectors.key_to_index[w]) for w, i in index.items() if w in vectors.key_to_index]
    with torch.no_grad():
        weight = model.embedding.weight
        weight[[r for r, _ in rows]] = torch.from_numpy(vectors.vectors[[v for _, v in rows]].copy())
    return len(rows)


def reproduce(frame, words: list[list[str]], settings: Settings) -> dict:
    """All three columns: ``frame`` (text, label) in the post's row order, ``words`` its words."""
    from sentiment.core.embeddings import train_word2vec
    from sentiment.su2015.network import pad_front, word_index

    index = word_index(words)  # every labelled text, as the post's dict (its unlabelled comments aside)
    ids = pad_front([[index[w] for w in ws] for ws in words], settings.max_len)
    labels = frame["label"].to_numpy(dtype=np.int64)
    keys = frame["text"].map(dedup_key).to_numpy()
    splits = {"post": post_split(len(frame))}
    splits["dedup"], report = dedup_split(frame, settings)
    vectors = train_word2vec(
        [words[i] for i in splits["dedup"]["train"]],
        settings.embed_dim,
        settings.w2v_window,
        settings.w2v_min_count,
        epochs=settings.w2v_epochs,
        seed=settings.seed,
    )
    columns = {}
    for name in COLUMNS:
        split = splits["dedup" if name == "dedup_w2v" else name]
        tqdm.write(f"column {name}: {COLUMNS[name]}")
        w2v = vectors if name == "dedup_w2v" else None
        columns[name] = run_column(ids, labels, keys, split, settings, index, w2v)
        shown = {k: v for k, v in columns[name].items() if k != "_curve"}
        tqdm.write(f"column {name}: {json.dumps(shown, ensure_ascii=False)}")
    return {"vocabulary": len(index), "dedup": asdict(report), "columns": columns}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sentiment.reproduce", description=__doc__.split("\n")[0])
    parser.add_argument("experiment", choices=["su2015"], help="the experiment to reproduce")
    parser.add_argument("--data", type=Path, required=True, help="folder with the post's pos.xls and neg.xls")
    parser.add_argument("--out", type=Path, default=Path("results/reproduce_su2015.json"), help="JSON report")
    parser.add_argument("--chart", type=Path, help="write the TPR/TNR chart here (PNG; needs kaleido)")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for torch")
    for name, value in asdict(Settings()).items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    return parser


def main(argv: list[str] | None = None) -> dict:
    import torch

    args = build_parser().parse_args(argv)
    settings = Settings(**{k: getattr(args, k) for k in asdict(Settings())})
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    loaded, files = load_corpus(args.data)
    frame = loaded.frame
    report = reproduce(frame, segment(frame["text"].tolist()), settings)
    columns = report["columns"]
    if args.chart:
        band_chart(columns).write_image(args.chart, scale=2)
    print(table(columns))
    import jieba

    report = {
        "command": "python -m sentiment.reproduce " + shlex.join(sys.argv[1:] if argv is None else argv),
        "files": files,
        "empty_cells_dropped": len(loaded.skipped),
        "texts": len(frame),
        "segmenter": f"jieba.lcut {jieba.__version__} on the raw text (HMM on, no normalisation)",
        "settings": asdict(settings),
        "machine": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "threads": args.threads,
            "cpu": platform.processor() or platform.machine(),
        },
        "seconds": time.perf_counter() - started,
        **report,
        "columns": {name: {k: v for k, v in col.items() if k != "_curve"} for name, col in columns.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
