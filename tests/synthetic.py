"""A tiny self-written corpus: the label is decided by a sentiment phrase among neutral words."""

from __future__ import annotations

import random

SUBJECTS = ["手机", "酒店", "这本书", "电脑", "衣服", "水果", "热水器", "牛奶", "洗发水", "平板"]
POSITIVE = ["很好", "非常满意", "喜欢", "推荐购买", "质量不错", "物超所值", "好用", "服务周到"]
NEGATIVE = ["很差", "非常失望", "讨厌", "不推荐", "质量太差", "浪费钱", "难用", "服务恶劣"]
FILLER = ["", "总的来说", "说实话", "这次", "用了几天"]


def synthetic_reviews(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """``n`` short reviews whose label is decided by a sentiment phrase, with neutral filler."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = i % 2
        phrase = rng.choice(POSITIVE if label else NEGATIVE)
        rows.append((f"{rng.choice(FILLER)}{rng.choice(SUBJECTS)}{phrase}，{rng.choice(FILLER)}", label))
    return rows


EMOTIONS = {  # the seven classes of the emotion checkpoint, each decided by one of its phrases
    "fear": ["好害怕", "吓死了", "担心极了"],
    "disgust": ["真恶心", "讨厌死了", "看不下去"],
    "optimism": ["会好起来的", "充满希望", "加油"],
    "surprise": ["没想到", "太意外了", "竟然"],
    "gratitude": ["谢谢你们", "感谢", "太感恩了"],
    "sadness": ["好难过", "哭了", "心碎"],
    "anger": ["气死我了", "太愤怒了", "可恶"],
}


def synthetic_emotions(n: int, seed: int = 0) -> list[tuple[str, int]]:
    """``n`` short posts whose class (the index into ``EMOTIONS``) is decided by one phrase."""
    rng = random.Random(seed)
    phrases = list(EMOTIONS.values())
    rows = []
    for i in range(n):
        label = i % len(phrases)
        text = f"{rng.choice(FILLER)}{rng.choice(SUBJECTS)}{rng.choice(phrases[label])}，{rng.choice(FILLER)}"
        rows.append((text, label))
    return rows


# a model that trains in seconds
TINY_ARGS = [
    "--embed-dim",
    "8",
    "--hidden",
    "8",
    "--epochs",
    "8",
    "--batch-size",
    "16",
    "--w2v-min-count",
    "1",
    "--w2v-epochs",
    "20",
    "--patience",
    "8",
    "--dropout",
    "0.1",
    "--lr",
    "0.01",
    "--band-accuracy",
    "0.99",
]

# every network the settings allow: (cell, bidirectional, pooling)
NETWORKS = [
    (cell, bidirectional, pooling)
    for cell in ("lstm", "gru")
    for bidirectional in (False, True)
    for pooling in ("last", "max", "mean", "max+mean", "last+max+mean")
]


def tiny_network(vocab_size: int, cell: str, bidirectional: bool, pooling: str, seed: int):
    """A small untrained network of one of ``NETWORKS``, in eval mode, seeded, with its config."""
    import torch

    from sentiment.core.config import ModelConfig
    from sentiment.core.model import SentimentNet

    torch.manual_seed(seed)
    config = ModelConfig(
        vocab_size=vocab_size, embed_dim=6, hidden=5, cell=cell, bidirectional=bidirectional, pooling=pooling
    )
    return SentimentNet(config).eval(), config
