"""Model settings, torch-free so that prediction can load a checkpoint without importing torch."""

from __future__ import annotations

from dataclasses import asdict, dataclass

PAD, UNK = 0, 1  # reserved rows of the embedding; word i of the vectors is row i + 2
POOLINGS = ("last", "max", "mean")


@dataclass(frozen=True)
class ModelConfig:
    vocab_size: int  # rows of the embedding, PAD and UNK included
    embed_dim: int = 256  # word-vector size
    hidden: int = 128  # RNN units per direction
    cell: str = "lstm"  # "lstm" or "gru"
    bidirectional: bool = False
    pooling: str = "last"  # "last", "max", "mean", or several joined by "+", e.g. "max+mean"
    dropout: float = 0.5  # before the dense layer
    embed_dropout: float = 0.0  # on the word vectors; curbs memorising fine-tuned embeddings

    def __post_init__(self):
        if self.cell not in ("lstm", "gru"):
            raise ValueError(f"cell must be 'lstm' or 'gru', got {self.cell!r}")
        bad = [p for p in self.pooling.split("+") if p not in POOLINGS]
        if bad:
            raise ValueError(f"unknown pooling {bad[0]!r}; use {POOLINGS} joined by '+'")

    def to_dict(self) -> dict:
        return asdict(self)
