"""A Predictor over untrained random weights, built in memory in a fraction of a second."""

from __future__ import annotations

import numpy as np
import torch

from sentiment.core.checkpoint import Checkpoint
from sentiment.core.config import ModelConfig
from sentiment.core.embeddings import WordVectors
from sentiment.core.model import SentimentNet
from sentiment.core.predict import Predictor
from tests.synthetic import NEGATIVE, POSITIVE, SUBJECTS

WORDS = SUBJECTS + POSITIVE + NEGATIVE + ["不", "很", "是"]


def random_predictor(cell="lstm", bidirectional=True, pooling="max+mean", max_len=12, seed=0) -> Predictor:
    """A Predictor over untrained random weights (enough for identities that hold for any weights)."""
    torch.manual_seed(seed)
    config = ModelConfig(
        vocab_size=len(WORDS) + 2,
        embed_dim=6,
        hidden=5,
        cell=cell,
        bidirectional=bidirectional,
        pooling=pooling,
    )
    state = {k: v.numpy() for k, v in SentimentNet(config).eval().state_dict().items()}
    vectors = WordVectors(WORDS, state["embedding.weight"][2:])
    meta = {
        "train": {"max_len": max_len, "w2v_min_count": 1},
        "segmenter": {"user_words": [(w, None, None) for w in WORDS]},
    }
    return Predictor(Checkpoint(meta, config, state, vectors, np.empty(0), np.empty(0, dtype=np.int64)))
