"""The data files a training command names: read, labelled by corpus, and fingerprinted.

``train`` reads them to train; ``evaluate.rebuild`` reads them again to check a checkpoint's
figures, refusing files whose sha256 differs from the one recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import data as datasets
from .text import strip_pos_tags


def sha256(path: str | Path) -> str:
    """The file's sha256, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def columns(args) -> dict:
    """Column names given on the command line; the loader's defaults otherwise."""
    return {k: v for k, v in (("text_col", args.text_col), ("label_col", args.label_col)) if v}


def load_corpus(args) -> tuple[datasets.Loaded, list[dict]]:
    """Read every labelled data file named on the command line; also returns their descriptions."""
    parts, files = [], []
    for path in args.table:
        parts.append(datasets.read_table(path, **columns(args)))
        files.append({"path": path, "kind": "table", "corpus": Path(path).stem})
    for label, paths in ((1, args.pos), (0, args.neg)):
        for path in paths:
            parts.append(datasets.read_class_file(path, label))
            files.append({"path": path, "kind": "pos" if label else "neg", "corpus": Path(path).parent.name})
    for entry, part in zip(files, parts):
        if part.frame["label"].isna().any():
            raise SystemExit(f"{entry['path']}: no label column; name it with --label-col")
        part.frame["source"] = entry["corpus"]  # test sets are reported per corpus
    if not parts:
        raise SystemExit("no training data: pass --table, or --pos and --neg")
    for entry, part in zip(files, parts):
        entry.update(sha256=sha256(entry["path"]), rows=len(part.frame), skipped=len(part.skipped))
    return datasets.concat(parts), files


@dataclass
class Inputs:
    corpus: datasets.Loaded  # labelled training data, before dedup and split
    unlabeled: list[str]  # texts for Word2Vec only
    ood: dict[str, datasets.Loaded]  # extra test sets by name
    files: list[dict]  # every file read, with its sha256


def load_inputs(args) -> Inputs:
    """Every data file named on the command line."""
    corpus, files = load_corpus(args)
    unlabeled = [t for path in args.unlabeled for t in datasets.read_lines(path).frame["text"]]
    unlabeled += [
        strip_pos_tags(t) for p in args.unlabeled_tagged for t in datasets.read_lines(p).frame["text"]
    ]
    files += [
        {"path": p, "kind": "unlabeled", "sha256": sha256(p)} for p in args.unlabeled + args.unlabeled_tagged
    ]
    ood = {Path(p).stem: datasets.read_table(p, **columns(args)) for p in args.ood}
    files += [{"path": p, "kind": "ood", "sha256": sha256(p)} for p in args.ood]
    return Inputs(corpus, unlabeled, ood, files)
