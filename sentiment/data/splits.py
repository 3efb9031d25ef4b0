"""Which texts count as the same, and which split each text falls in.

Texts are compared by ``dedup_key`` (letters and digits only, normalised). Splits hash a key's
first ``SPLIT_PREFIX`` letters, so copies of a review cut short at different lengths share a split
and adding data never moves a text.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import pandas as pd

from sentiment.core.text import dedup_key

logger = logging.getLogger(__name__)

SPLIT_PREFIX = 20  # letters of the dedup key that decide a text's split


@dataclass(frozen=True)
class DedupReport:
    """What dedup removed; rows_out = rows_in - duplicates_removed - rows of conflicting texts."""

    rows_in: int
    duplicates_removed: int
    conflicting_texts: int
    rows_out: int


def dedup(frame: pd.DataFrame) -> tuple[pd.DataFrame, DedupReport]:
    """Drop repeated (text, label) pairs and every text seen with both labels, texts compared by dedup_key.

    The first occurrence is kept, order and index are preserved, and a ``key`` column holds the
    ``dedup_key`` of each text. Unlabelled rows (<NA>) deduplicate among themselves and never conflict.
    """
    pairs = frame.assign(key=frame["text"].map(dedup_key))
    label_counts = pairs.groupby("key")["label"].nunique()
    conflicting = pairs["key"].isin(label_counts.index[label_counts > 1]).to_numpy()
    duplicate = pairs.duplicated(["key", "label"]).to_numpy() & ~conflicting
    out = pairs[~conflicting & ~duplicate]
    report = DedupReport(len(frame), int(duplicate.sum()), int((label_counts > 1).sum()), len(out))
    logger.info("dedup: %s", report)
    return out, report


def split_fraction(key: str, seed: int) -> float:
    """A stable number in [0, 1) for a text's key, so adding data never moves a text between splits.

    Only the first ``SPLIT_PREFIX`` letters count: corpora hold copies of a review cut short at
    different lengths, and those must land in the same split.
    """
    digest = hashlib.blake2b(f"{seed}\x00{key[:SPLIT_PREFIX]}".encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def assign_split(
    frame: pd.DataFrame, test_fraction: float = 0.1, val_fraction: float = 0.1, seed: int = 0
) -> pd.Series:
    """Name each row's split ("train"/"val"/"test") from the hash of its ``key`` (or its dedup_key)."""
    if min(test_fraction, val_fraction) < 0 or test_fraction + val_fraction > 1:
        raise ValueError(f"bad split fractions: test={test_fraction}, val={val_fraction}")
    keys = frame["key"] if "key" in frame else frame["text"].map(dedup_key)

    def split_of(key: str) -> str:
        fraction = split_fraction(key, seed)
        if fraction < test_fraction:
            return "test"
        return "val" if fraction < test_fraction + val_fraction else "train"

    return keys.map(split_of).astype("str").rename("split")


def seen_mask(keys: pd.Series, seen_keys: pd.Series) -> pd.Series:
    """Which ``keys`` equal a seen key or share its first or last ``SPLIT_PREFIX`` letters."""
    n = SPLIT_PREFIX
    same = keys.isin(set(seen_keys))
    same_start = keys.str[:n].isin(set(seen_keys.str[:n]))
    same_end = keys.str[-n:].isin(set(seen_keys.str[-n:]))
    return same | same_start | same_end


def split_corpus(
    frame: pd.DataFrame, test_fraction: float, val_fraction: float, seed: int
) -> tuple[pd.DataFrame, DedupReport]:
    """The deduplicated corpus with a ``split`` column (train/val/test by hash)."""
    kept, report = dedup(frame)
    kept = kept.assign(split=assign_split(kept, test_fraction, val_fraction, seed))
    logger.info("split sizes %s", kept["split"].value_counts().to_dict())
    return kept, report
