"""The ``Predictor``: a loaded checkpoint that scores, segments and finds neighbours.

>>> from sentiment import load_predictor
>>> p = load_predictor()                      # the default checkpoint in assets/
>>> p.predict_proba(["质量很好，物流也快", "太差了"])  # doctest: +SKIP
array([0.98, 0.03])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from .checkpoint import Checkpoint, load_checkpoint
from .encoding import pad_batch, token_ids
from .text import Segmenter

DEFAULT_CHECKPOINT = Path(__file__).resolve().parent.parent / "assets" / "default"


def segmenter_from_meta(settings: dict) -> Segmenter:
    """The segmenter a checkpoint was trained with."""
    return Segmenter(
        settings.get("backend", "rjieba"),
        user_words=settings.get("user_words", ()),
        stopwords=settings.get("stopwords", ()),
    )


class Predictor:
    """Read-only after construction, so one instance can serve several threads at once."""

    def __init__(self, checkpoint: Checkpoint):
        self.checkpoint = checkpoint
        self.meta = checkpoint.meta
        self.net = checkpoint.net.eval()
        self.vectors = checkpoint.vectors
        self.segmenter = segmenter_from_meta(self.meta.get("segmenter", {}))
        self.max_len = int(self.meta["train"]["max_len"])
        self.truncate = self.meta["train"].get("truncate", "pre")
        self.oov_chars = bool(self.meta["train"].get("oov_chars", False))
        self.threshold = float(self.meta.get("threshold", 0.5))
        lo, hi = self.meta.get("band", (self.threshold, self.threshold))
        self.band = (float(lo), float(hi))

    def segment(self, text: str) -> list[str]:
        """The words the model reads for ``text`` (normalised, segmented, stop words removed)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return self.segmenter.cut(text)

    def in_vocabulary(self, word: str) -> bool:
        """Whether ``word`` has a word vector (otherwise the model reads it as unknown)."""
        return word in self.vectors

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Embedding rows the network reads for each text."""
        return [
            token_ids(self.segment(t), self.vectors.key_to_index, self.max_len, self.truncate, self.oov_chars)
            for t in texts
        ]

    def proba_from_ids(self, id_lists: Sequence[Sequence[int]], batch_size: int = 128) -> np.ndarray:
        """P(positive) for already-encoded texts, in their order.

        Batches hold texts of one length, so the network needs no padding or packing (its fast path).
        """
        lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
        order = np.argsort(lengths, kind="stable")
        runs = np.split(order, np.flatnonzero(np.diff(lengths[order])) + 1)  # one run per length
        out = np.empty(len(id_lists), dtype=np.float64)
        with torch.inference_mode():
            for run in runs:
                for start in range(0, len(run), batch_size):
                    chunk = run[start : start + batch_size]
                    ids, lens = pad_batch([id_lists[i] for i in chunk])
                    out[chunk] = torch.sigmoid(self.net(ids, lens)).double().numpy()
        return out

    def predict_proba(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        """P(positive), one per text, for any list of strings, empty ones included."""
        if isinstance(texts, str) or not isinstance(texts, Sequence):
            raise TypeError("texts must be a list of strings; wrap a single text as [text]")
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"texts[{i}] is a {type(t).__name__}, not a str")
        return self.proba_from_ids(self.encode(texts), batch_size)

    def neighbors(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` nearest words to ``word`` by cosine similarity of their Word2Vec vectors."""
        return self.vectors.most_similar(word, k)


def load_predictor(path: str | Path | None = None) -> Predictor:
    """Load a checkpoint directory (the default checkpoint in ``assets/`` when ``path`` is None)."""
    return Predictor(load_checkpoint(DEFAULT_CHECKPOINT if path is None else path))
