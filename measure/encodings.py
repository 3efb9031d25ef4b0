"""How often uploads in each encoding are read as the text they hold: sentiment.data.decoding beside
charset-normalizer, on files of 1, 3 and 10 real reviews (not a test; figures for docs/robustness.md).

    python -m measure.encodings ../shared/data/chinese_nlp_corpus/online_shopping_10_cats.csv

Traditional Chinese files are the reviews converted by OpenCC (``pip install opencc``); Japanese
files are a few hand-written sentences. A file counts as read right when the decoded text equals
the original exactly (control characters and BOMs aside).
"""

from __future__ import annotations

import argparse
import random

import opencc
import pandas as pd
from charset_normalizer import from_bytes

from sentiment.data.decoding import decode_text

JAPANESE = [
    "このスマホはとても使いやすい、大満足です",
    "配送が早くて、梱包も丁寧でした",
    "値段の割に品質が悪い、二度と買わない",
    "説明書が分かりにくいけど、機能は十分です",
    "部屋が狭くて、朝食も美味しくなかった",
    "店員さんの対応がとても良かった",
]


def files(reviews: list[str], sizes: tuple[int, ...], count: int, rng: random.Random) -> dict[str, list[str]]:
    """``count`` texts of each size (lines joined), in each script: simplified, traditional, Japanese."""
    to_traditional = opencc.OpenCC("s2t").convert
    texts: dict[str, list[str]] = {"simplified": [], "traditional": [], "japanese": []}
    for size in sizes:
        for _ in range(count):
            lines = rng.sample(reviews, size)
            texts["simplified"].append("\n".join(lines) + "\n")
            texts["traditional"].append(to_traditional("\n".join(lines)) + "\n")
            texts["japanese"].append("\n".join(rng.choices(JAPANESE, k=size)) + "\n")
    return texts


def encoded(text: str, encoding: str) -> bytes | None:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None


def ours(data: bytes) -> str | None:
    try:
        return decode_text(data).text
    except ValueError:
        return None


def theirs(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return None if best is None else str(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", help="a CSV with a review column")
    parser.add_argument("--count", type=int, default=100, help="files per size and encoding")
    args = parser.parse_args()
    rng = random.Random(0)
    reviews = [
        r.strip() for r in pd.read_csv(args.table)["review"].dropna().astype(str) if 5 <= len(r) <= 200
    ]
    plan = {
        "simplified": ("utf-8", "gb18030", "utf-16-le", "utf-16"),
        "traditional": ("utf-8", "cp950"),
        "japanese": ("utf-8", "cp932"),
    }
    print("| text | encoding | lines | files | sentiment.data.decoding | charset-normalizer |")
    print("|---|---|---|---|---|---|")
    for size in (1, 3, 10):
        texts = files(reviews, (size,), args.count, rng)
        for script, encodings in plan.items():
            for encoding in encodings:
                pairs = [(t, b) for t in texts[script] if (b := encoded(t, encoding)) is not None]
                right = [sum(reader(b) == t for t, b in pairs) for reader in (ours, theirs)]
                shown = [f"{100 * r / len(pairs):.0f} %" for r in right]
                print(f"| {script} | {encoding} | {size} | {len(pairs)} | {shown[0]} | {shown[1]} |")


if __name__ == "__main__":
    main()
